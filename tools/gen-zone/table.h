// gen-zone — an in-memory sheet (rows of cells) that the XLSX and CSV writers render.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace genzone {

/// One cell: empty, text, or an exact decimal number `scaled / 10^decimals` (written as a numeric cell in XLSX
/// and as plain decimal text in CSV).
struct Cell {
  enum Kind { Empty, Text, Number } kind = Empty;
  std::string text;
  int64_t scaled = 0;
  int decimals = 0;
  static Cell empty() { return {}; }
  static Cell str(std::string s) { Cell c; c.kind = Text; c.text = std::move(s); return c; }
  static Cell num(int64_t scaled, int decimals = 0) { Cell c; c.kind = Number; c.scaled = scaled; c.decimals = decimals; return c; }
};

using Row = std::vector<Cell>;

/// A merged range (0-based, inclusive) with the text shown in it.
struct Merge { int first_row, first_col, last_row, last_col; std::string text; };

struct Sheet {
  std::string name;
  bool hidden = false;
  std::vector<Row> rows;      ///< all rows, headers included, in file order
  std::vector<Merge> merges;  ///< XLSX only
};

/// Decimal text of scaled / 10^decimals, e.g. (123456, 2) → "1234.56", (-5, 1) → "-0.5".
std::string decimal_text(int64_t scaled, int decimals);
/// Same with thousands separators in the integer part: (123456789, 2) → "1,234,567.89".
std::string grouped_text(int64_t scaled, int decimals);
/// ASCII digits → full-width digits (０–９), other characters unchanged.
std::string fullwidth_digits(const std::string& s);

}  // namespace genzone
