// mujun — one cell and one row as delivered by the table readers (XLSX and CSV).
//
// The readers never interpret a value beyond what the file itself states: an XLSX number is a
// Number, an XLSX number under a date format is a Date, a CSV field is always Text (the importer
// parses numbers and units, so "00123" keeps its leading zeros). Missing stays missing: an absent
// or self-closing cell is Empty, never 0 and never "" (DESIGN.md principle 2).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mujun::readers {

enum class CellKind {
  Empty,           ///< no value (absent cell, self-closing <c/>, unquoted empty CSV field)
  Text,            ///< text; may be "" (an XLSX empty string, a quoted "" in CSV)
  Number,          ///< XLSX numeric value without a date format
  Bool,            ///< XLSX t="b"; `number` is 0 or 1
  Error,           ///< XLSX t="e": text is the error as shown ("#DIV/0!", "#N/A")
  Date,            ///< XLSX number under a date/time number format, or t="d"
  FormulaNoValue,  ///< XLSX formula without a cached value: the value is unknown (never 0)
};

/// Stable lower-case name of a kind ("empty", "text", "number", "bool", "error", "date",
/// "formula_no_value") for messages and JSON.
const char* kind_name(CellKind kind);

struct Cell {
  CellKind kind = CellKind::Empty;
  /// UTF-8. Text/Error: the text as shown. Number/Bool/Date: the stored value exactly as written
  /// in the file (e.g. "3.5", "1", "45292"). FormulaNoValue: the formula text without "=".
  std::string text;
  /// Number, Bool (0/1) and Date (the serial day number in the workbook's date system, days since
  /// the epoch, fraction = time of day); 0 otherwise.
  double number = 0;
  /// Date only: ISO 8601 in the 1900 or 1904 system already applied — "2024-01-01" for a whole
  /// day, "2015-09-02T16:00:00" when a time of day is present (rounded to the second), "16:00:00"
  /// for a time-only format with serial < 1.
  std::string iso;
  /// XLSX: the cell carried a formula (<f>); its value is the cached one.
  bool has_formula = false;
  /// CSV: the text starts like a spreadsheet formula ("=1+2", "@SUM(…)", "+A1"). It is kept as
  /// text and never evaluated; the importer should warn (CSV injection, OWASP) when exporting it.
  bool formula_like = false;

  bool empty() const { return kind == CellKind::Empty; }
};

/// One sheet row as stored: `number` is the 1-based sheet row (Excel's row number; for CSV the
/// 1-based record number — a quoted newline does not start a new row). `cells[i]` is column i
/// (0-based: 0 = "A"); gaps are Empty cells; trailing absent cells are not materialised.
struct Row {
  long number = 0;
  std::vector<Cell> cells;

  /// The cell at column `col`, or a shared Empty cell when the row is shorter.
  const Cell& at(std::size_t col) const;
};

/// Column letters for a 0-based column: 0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD".
std::string column_letters(int col);

/// Parses an A1 reference ("B12", "$B$12", "XFD1048576"). Returns false when the text is not one.
/// `col` is 0-based, `row` 1-based; a reference without digits ("B") sets row = 0.
bool parse_cell_ref(std::string_view ref, int& col, long& row);

}  // namespace mujun::readers
