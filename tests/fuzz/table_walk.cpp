#include "table_walk.h"

#include <string_view>
#include <vector>

#include "fuzz_targets.h"
#include "ingest/readers/header.h"
#include "ingest/readers/text_encoding.h"

namespace mujun::fuzz {
namespace {
using namespace mujun::readers;

bool utf8(std::string_view s) {
  Utf8Validator v;
  return v.feed(s) && v.finish();
}

void check_row(const Row& r, const ReaderLimits& lim) {
  fuzz_check(r.number >= 1, "row number >= 1");
  fuzz_check(r.cells.size() <= static_cast<std::size_t>(lim.max_columns), "columns <= max_columns");
  for (const Cell& c : r.cells) {
    fuzz_check(c.text.size() <= lim.max_cell_bytes, "cell text <= max_cell_bytes");
    fuzz_check(utf8(c.text), "cell text is UTF-8");
    if (c.kind == CellKind::Date) fuzz_check(!c.iso.empty(), "date cell has ISO text");
  }
}
}  // namespace

void walk_table(const std::string& path) {
  const ReaderOptions opt;
  try {
    auto t = open_table(path, opt);
    fuzz_check(!t->sheets().empty(), "a table has at least one sheet");
    fuzz_check(t->sheets().size() <= static_cast<std::size_t>(opt.limits.max_sheets), "sheets <= max_sheets");
    for (const SheetInfo& s : t->sheets()) {
      t->open_sheet(s.index);
      for (const MergeRange& m : t->merges())
        fuzz_check(m.first_row <= m.last_row && m.first_col <= m.last_col, "merge ranges ordered");
      std::vector<Row> first;
      Row r;
      while (t->next(r)) {
        check_row(r, opt.limits);
        if (first.size() < 15) first.push_back(r);
      }
      auto known = [](std::string_view label) { return label.find("代码") != std::string_view::npos ? 1 : 0; };
      Header h = detect_header(first, t->merges(), known);
      fuzz_check(h.first_row <= h.last_row, "header rows ordered");
      for (const auto& l : h.labels) fuzz_check(utf8(l), "header label is UTF-8");
    }
  } catch (const ReaderError& e) {
    fuzz_check(!e.code().empty() && std::string_view(e.what()).size() > 0, "ReaderError has code and message");
  }
}

}  // namespace mujun::fuzz
