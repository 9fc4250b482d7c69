#include "ingest/readers/header.h"

#include <algorithm>
#include <map>

namespace mujun::readers {

namespace {

std::string trim(std::string_view s) {
  static constexpr std::string_view kIdeoSpace = "\xE3\x80\x80";  // U+3000
  for (;;) {
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
      s.remove_prefix(1);
    else if (s.starts_with(kIdeoSpace)) s.remove_prefix(kIdeoSpace.size());
    else break;
  }
  for (;;) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
      s.remove_suffix(1);
    else if (s.ends_with(kIdeoSpace)) s.remove_suffix(kIdeoSpace.size());
    else break;
  }
  return std::string(s);
}

class Grid {
 public:
  Grid(const std::vector<Row>& rows, const std::vector<MergeRange>& merges, std::size_t n)
      : merges_(merges) {
    for (std::size_t i = 0; i < n; ++i) by_number_[rows[i].number] = &rows[i];
  }
  /// Header text at (row, col), a merged cell reading as its range's top-left.
  std::string text(long row, int col) const {
    std::string own = raw(row, col);
    if (!own.empty()) return own;
    for (const auto& m : merges_)
      if (m.contains(row, col) && !(m.first_row == row && m.first_col == col))
        return raw(m.first_row, m.first_col);
    return {};
  }
  std::string raw(long row, int col) const {
    auto it = by_number_.find(row);
    if (it == by_number_.end() || col < 0) return {};
    return header_text(it->second->at(static_cast<std::size_t>(col)));
  }

 private:
  const std::vector<MergeRange>& merges_;
  std::map<long, const Row*> by_number_;
};

}  // namespace

std::string header_text(const Cell& cell) {
  switch (cell.kind) {
    case CellKind::Empty:
    case CellKind::FormulaNoValue: return {};
    case CellKind::Date: return trim(cell.iso);
    default: return trim(cell.text);
  }
}

Header detect_header(const std::vector<Row>& rows, const std::vector<MergeRange>& merges,
                     const std::function<int(std::string_view)>& known, const HeaderOptions& options) {
  Header out;
  const std::size_t n = std::min(rows.size(), static_cast<std::size_t>(std::max(0, options.max_scan_rows)));
  if (n == 0) return out;
  Grid grid(rows, merges, n);
  auto width_of = [&](std::size_t i) {
    int w = static_cast<int>(rows[i].cells.size());
    for (const auto& m : merges)
      if (m.first_row <= rows[i].number && m.last_row >= rows[i].number) w = std::max(w, m.last_col + 1);
    return w;
  };
  // 2. the header's last row
  std::size_t best = n;
  int best_known = 0;
  for (std::size_t i = 0; i < n; ++i) {
    int k = 0;
    for (int c = 0, w = width_of(i); c < w; ++c) {
      std::string t = grid.text(rows[i].number, c);
      if (!t.empty() && known(t) == 1) ++k;
    }
    if (k > best_known) {
      best_known = k;
      best = i;
    }
  }
  if (best == n) {
    for (std::size_t i = 0; i < n && best == n; ++i) {
      int filled = 0, text = 0;
      for (const auto& c : rows[i].cells) {
        if (header_text(c).empty()) continue;
        ++filled;
        if (c.kind == CellKind::Text) ++text;
      }
      if (filled >= 2 && text * 2 > filled) best = i;
    }
    if (best == n) return out;
    out.fallback = true;
  }
  // 3. grow upward over rows joined to the block by a merge
  const long last = rows[best].number;
  int used_lo = -1, used_hi = -1;
  for (int c = 0, w = width_of(best); c < w; ++c)
    if (!grid.text(last, c).empty()) {
      if (used_lo < 0) used_lo = c;
      used_hi = c;
    }
  std::size_t top = best;
  while (top > 0 && static_cast<int>(best - top + 1) < options.max_header_rows &&
         rows[top - 1].number == rows[top].number - 1) {
    const long above = rows[top - 1].number, block_top = rows[top].number;
    bool joined = false, title = false;
    for (const auto& m : merges) {
      if (m.first_row > above || m.last_row < above) continue;
      const bool vertical = m.last_row >= block_top;
      const bool group = m.last_col > m.first_col && m.last_row == above;
      if (!vertical && !group) continue;
      if (group && m.first_col <= used_lo && m.last_col >= used_hi) title = true;
      else joined = true;
    }
    if (!joined || title) break;
    --top;
  }
  // ... and downward over mostly-text rows that a merge of the block reaches into or groups
  // (the text fallback may have stopped on a group row such as "2024年" over B1:D1).
  std::size_t bottom = best;
  while (bottom + 1 < n && static_cast<int>(bottom - top + 2) <= options.max_header_rows &&
         rows[bottom + 1].number == rows[bottom].number + 1) {
    const Row& below = rows[bottom + 1];
    int filled = 0, text = 0;
    for (const auto& c : below.cells) {
      if (header_text(c).empty()) continue;
      ++filled;
      if (c.kind == CellKind::Text) ++text;
    }
    if (filled == 0 || text != filled) break;  // header rows below are all text
    bool joined = false;
    for (const auto& m : merges) {
      const bool vertical = m.first_row <= rows[bottom].number && m.last_row >= below.number;
      const bool group = m.last_col > m.first_col && m.last_row == rows[bottom].number &&
                         m.first_row >= rows[top].number;
      if (vertical || group) joined = true;
    }
    if (!joined) break;
    ++bottom;
  }
  best = bottom;
  out.first_row = rows[top].number;
  out.last_row = rows[best].number;
  // 4. labels
  int width = 0;
  for (std::size_t i = top; i <= best; ++i) width = std::max(width, width_of(i));
  out.labels.resize(static_cast<std::size_t>(width));
  for (int c = 0; c < width; ++c) {
    std::string label, prev;
    for (std::size_t i = top; i <= best; ++i) {
      std::string t = grid.text(rows[i].number, c);
      if (t.empty() || t == prev) continue;
      label += (label.empty() ? "" : "/") + t;
      prev = t;
    }
    if (!label.empty()) {
      auto slash = label.rfind('/');
      if (known(label) == 1 || (slash != std::string::npos && known(std::string_view(label).substr(slash + 1)) == 1))
        ++out.known_columns;
    }
    out.labels[static_cast<std::size_t>(c)] = std::move(label);
  }
  return out;
}

}  // namespace mujun::readers
