// mujun — "the table as filtered" as an XLSX sheet (libxlsxwriter): one header row with units in the
// headers ("亩均税收（万元/亩）"), typed cells (numbers stay numbers, text stays text — never a formula),
// frozen header, autofilter over the data. Used by the exports that have no dedicated workbook
// (enterprises, results as filtered, rejected rows).
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace mujun::server::api {

/// A cell: empty (missing value), text, or a number.
using Cell = std::variant<std::monostate, std::string, double>;

struct Table {
  std::string sheet;                 ///< sheet name (≤ 31 characters)
  std::vector<std::string> headers;  ///< with the unit in brackets where there is one
  std::vector<std::vector<Cell>> rows;
  std::vector<double> widths;        ///< column widths (characters); missing ones default to 14
};

/// Writes the tables, one sheet each, to `path`. Throws std::runtime_error (Chinese first).
void write_tables_xlsx(const std::string& path, const std::vector<Table>& tables);

}  // namespace mujun::server::api
