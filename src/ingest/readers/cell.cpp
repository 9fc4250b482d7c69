#include "ingest/readers/cell.h"

namespace mujun::readers {

const char* kind_name(CellKind kind) {
  switch (kind) {
    case CellKind::Empty: return "empty";
    case CellKind::Text: return "text";
    case CellKind::Number: return "number";
    case CellKind::Bool: return "bool";
    case CellKind::Error: return "error";
    case CellKind::Date: return "date";
    case CellKind::FormulaNoValue: return "formula_no_value";
  }
  return "empty";
}

const Cell& Row::at(std::size_t col) const {
  static const Cell kEmpty{};
  return col < cells.size() ? cells[col] : kEmpty;
}

std::string column_letters(int col) {
  std::string out;
  for (long c = static_cast<long>(col) + 1; c > 0; c = (c - 1) / 26)
    out.insert(out.begin(), static_cast<char>('A' + (c - 1) % 26));
  return out;
}

bool parse_cell_ref(std::string_view ref, int& col, long& row) {
  std::size_t i = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  long c = 0;
  std::size_t letters = 0;
  for (; i < ref.size(); ++i, ++letters) {
    char ch = ref[i];
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (ch < 'A' || ch > 'Z') break;
    if (letters >= 3) return false;  // beyond XFD
    c = c * 26 + (ch - 'A' + 1);
  }
  if (letters == 0) return false;
  if (i < ref.size() && ref[i] == '$') ++i;
  long r = 0;
  std::size_t digits = 0;
  for (; i < ref.size(); ++i, ++digits) {
    if (ref[i] < '0' || ref[i] > '9' || digits >= 9) return false;
    r = r * 10 + (ref[i] - '0');
  }
  col = static_cast<int>(c - 1);
  row = r;
  return true;
}

}  // namespace mujun::readers
