// mujun — indicator formulas (muParser) evaluated in bulk over the columns of a Frame.
//
// A formula is a muParser expression over variables: every metric id of domain/metric.h (canonical
// units: 万元, tce, 万千瓦时, 吨, 人 …) and the land variables land_mu (per the scheme's land rule),
// land_owned_mu and land_leased_mu (亩). Example: "tax_paid / land_mu" (亩均税收, 万元/亩).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/frame.h"
#include "evaluation/scheme.h"

namespace mujun::evaluation {

/// True when `name` may be used as a formula variable (a metric id or a land variable).
bool is_formula_variable(std::string_view name);

/// The identifiers used as variables in `expr` (names not followed by "("), in order of first use,
/// without repeats. Numbers such as "1e3" are not identifiers.
std::vector<std::string> formula_identifiers(std::string_view expr);

/// Empty when `expr` parses with muParser given that all its identifiers are defined; otherwise
/// muParser's message with the position, e.g. "Missing parenthesis (位置 / position 20)".
std::string formula_parse_error(std::string_view expr);

/// The Frame's variables as double columns (canonical units; NaN = missing), built once per name.
class FrameVariables {
 public:
  FrameVariables(const Frame& frame, LandRule land);
  /// The column of `name` (must satisfy is_formula_variable); size() == frame.size().
  const std::vector<double>& column(const std::string& name);
  std::size_t size() const { return n_; }

 private:
  const Frame& frame_;
  LandRule land_;
  std::size_t n_;
  std::map<std::string, std::vector<double>> cache_;
};

/// A formula that is one variable, or one variable divided by another: "x", "(x)", "x / y",
/// "(x) / (y)" (a scheme's numerator/denominator indicator). `denominator` is empty for a single
/// variable. Such formulas are computed straight from the Frame's columns, without muParser, with the
/// same arithmetic as evaluate_formula: x / y, NaN when not finite.
struct PlainRatio {
  std::string numerator, denominator;
};

/// The PlainRatio of `expr`, or nullopt when `expr` is anything else or names an unknown variable.
std::optional<PlainRatio> plain_ratio(std::string_view expr);

/// Evaluates `expr` for every row of `vars` in muParser bulk mode into `out` (resized). A row whose
/// used variables include a missing one, or whose result is not finite (division by zero), gets NaN
/// (= missing: the indicator's missing rule then applies).
void evaluate_formula(std::string_view expr, FrameVariables& vars, std::vector<double>& out);

}  // namespace mujun::evaluation
