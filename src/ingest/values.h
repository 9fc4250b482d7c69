// mujun — parsing one cell's number into an exact Decimal in the canonical unit (issue 2, item 5).
//
// Text accepted (after full-width → ASCII): optional sign ("-", "+", "−"), digits with optional
// thousands separators ("1,234,567.89", groups of exactly 3; a space works as separator too),
// decimal point, optional exponent ("1.2E+07", Excel's scientific display), negative in
// parentheses ("(1,234)" = −1234), a trailing "%" (÷100, only for Fraction metrics) and an optional
// trailing unit ("123.4万元", "1200 平方米") which then takes precedence over the header's unit.
// Missing markers: empty, "-", "--", "—", "——", "–", "/", "N/A", "NA", "NULL", "空" → Missing (never 0).
// Arithmetic is integer only (__int128): decimal text × num / den of the unit, rounded half-to-even
// to the micro-unit when not exact (DESIGN.md principle 4, "Exact money").
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "domain/decimal.h"
#include "domain/issue.h"
#include "domain/metric.h"
#include "ingest/units.h"

namespace mujun::ingest {

/// The outcome of parsing one cell.
struct ParsedValue {
  enum class State { Value, Missing, Invalid };
  State state = State::Missing;
  /// Canonical value in micro-units (万元, 平方米, 吨标准煤, 万千瓦时, 吨, 人, ratio, count); only when
  /// state == Value.
  Decimal value;
  /// The unit that was applied (from the cell text, else from the header); nullopt when none.
  std::optional<Unit> unit;
  /// The conversion had to round to the micro-unit (always possible for 亩; for other units a
  /// "value.rounded" warning is added as well, because the input was more precise than 1e-6).
  bool rounded = false;
  /// Errors (state == Invalid) and warnings (state == Value). Codes: "value.not_a_number",
  /// "value.bad_grouping", "value.out_of_range", "value.excel_error", "value.rounded",
  /// "value.percent_not_allowed", "unit.missing", "unit.unknown", "unit.dimension_mismatch",
  /// "unit.cell_overrides_header". `raw_value`, `code`, `message` and `severity` are set; the
  /// caller fills file, sheet, row and column.
  Issues issues;

  bool has_value() const { return state == State::Value; }
  bool missing() const { return state == State::Missing; }
};

/// True for the missing markers listed above (after trimming and full-width → ASCII).
bool is_missing_marker(std::string_view text);

/// Parses cell text as a quantity of dimension `dim`. `header_unit` is the unit parsed from the
/// column header (aliases.h) or stated for the file by the user/source; for People, Count and
/// Fraction the canonical unit is assumed when none is given, for other dimensions a number without
/// any unit is an "unit.missing" error (the caller must ask for the unit; it is never guessed).
/// Examples (Money, header 千元): "1,234.5" → 123.45 万元 = 123'450'000 micros; "—" → Missing;
/// "（1,234）" → −123.4 万元; "12万元" → 12 万元 with a "unit.cell_overrides_header" warning.
ParsedValue parse_value(std::string_view text, Dimension dim, std::optional<Unit> header_unit);

/// Parses an Excel numeric cell (a double from the reader). The double is turned into its shortest
/// round-trip decimal text (std::to_chars); when that needs more than 15 significant digits (binary
/// noise of formulas, e.g. 0.30000000000000004) the 15-significant-digit text Excel itself displays
/// is used instead. Then the exact text path applies. NaN/∞ → "value.not_a_number".
ParsedValue parse_number(double v, Dimension dim, std::optional<Unit> header_unit);

/// The decimal text used for a double by `parse_number` (exposed for reports and tests):
/// 12345.6 → "12345.6", 1.2e7 → "12000000", 0.1 + 0.2 → "0.3".
std::string number_text(double v);

}  // namespace mujun::ingest
