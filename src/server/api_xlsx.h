// mujun — "the table as filtered" as an XLSX sheet (libxlsxwriter): one header row with units in the
// headers ("亩均税收（万元/亩）"), typed cells (numbers stay numbers, text stays text — never a formula),
// frozen header, autofilter over the data. Used by the exports that have no dedicated workbook
// (enterprises, results as filtered, rejected rows).
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace mujun::server::api {

/// A cell: empty (missing value), text, or a number.
using Cell = std::variant<std::monostate, std::string, double>;

struct Table {
  std::string sheet;                 ///< sheet name (≤ 31 characters)
  std::vector<std::string> headers;  ///< with the unit in brackets where there is one
  std::vector<std::vector<Cell>> rows;
  std::vector<double> widths;        ///< column widths (characters); missing ones default to 14
};

/// A JSON value of an API answer as a cell: a number stays a number, a string stays text, null (missing)
/// stays empty — never 0. cell_text() also writes numbers and booleans as text ("是"/"否" for booleans).
Cell cell_number(const nlohmann::json& v);
Cell cell_text(const nlohmann::json& v);

/// The class (档次) names of the dashboard (web/src/format.js CLASS_LABEL): "A" → "A 优先发展".
std::string class_label(const std::string& klass);

/// An API time ("2026-11-29T22:50:08Z", UTC) as the dashboard shows it, in Beijing time:
/// "2026-11-30 06:50"; other text is returned as it is (web/src/format.js `when`).
std::string beijing_time(const std::string& iso_utc);

/// The publication status names of the dashboard: open → 公示中, closed → 公示结束, frozen → 已定稿,
/// "" → 未公示. Objection statuses: open → 待处理, rejected → 已驳回, upheld → 已采纳.
std::string publication_label(const std::string& status);
std::string objection_label(const std::string& status);

/// `s` as text an XLSX part may hold: every byte that is not part of well-formed UTF-8, every C0 control
/// except tab/LF/CR, DEL, C1 controls (U+0080–U+009F) and U+FFFE/U+FFFF become U+FFFD (XML 1.0 "Char").
std::string xml_safe_text(const std::string& s);

/// Writes the tables, one sheet each, to `path`; every string goes through xml_safe_text(), so an old
/// stored value with bad bytes cannot make the workbook invalid. Throws std::runtime_error (Chinese first).
void write_tables_xlsx(const std::string& path, const std::vector<Table>& tables);

}  // namespace mujun::server::api
