#include "evaluation/formula.h"

#include <muParser.h>

#include <cmath>
#include <limits>
#include <optional>
#include <utility>

#include "domain/metric.h"

namespace mujun::evaluation {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool ident_char(char c) { return ident_start(c) || (c >= '0' && c <= '9'); }
}  // namespace

bool is_formula_variable(std::string_view name) {
  if (name == "land_mu" || name == "land_owned_mu" || name == "land_leased_mu") return true;
  return find_metric(name) != nullptr;
}

std::vector<std::string> formula_identifiers(std::string_view expr) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < expr.size()) {
    char c = expr[i];
    if (c >= '0' && c <= '9') {  // a number, with its exponent ("1e3", "2.5E-2")
      while (i < expr.size() && (ident_char(expr[i]) || expr[i] == '.' ||
                                 ((expr[i] == '-' || expr[i] == '+') && (expr[i - 1] == 'e' || expr[i - 1] == 'E'))))
        ++i;
      continue;
    }
    if (!ident_start(c)) { ++i; continue; }
    std::size_t b = i;
    while (i < expr.size() && ident_char(expr[i])) ++i;
    std::size_t j = i;
    while (j < expr.size() && (expr[j] == ' ' || expr[j] == '\t')) ++j;
    if (j < expr.size() && expr[j] == '(') continue;  // a function name
    std::string name(expr.substr(b, i - b));
    if (name == "_pi" || name == "_e") continue;  // muParser constants
    bool seen = false;
    for (const auto& s : out) seen = seen || s == name;
    if (!seen) out.push_back(std::move(name));
  }
  return out;
}

std::string formula_parse_error(std::string_view expr) {
  try {
    mu::Parser p;
    std::vector<double> dummy(formula_identifiers(expr).size(), 1.0);
    auto names = formula_identifiers(expr);
    for (std::size_t k = 0; k < names.size(); ++k) p.DefineVar(names[k], &dummy[k]);
    p.SetExpr(std::string(expr));
    p.Eval();
    return {};
  } catch (const mu::Parser::exception_type& e) {
    return e.GetMsg() + " (位置 / position " + std::to_string(e.GetPos()) + ")";
  }
}

FrameVariables::FrameVariables(const Frame& frame, LandRule land)
    : frame_(frame), land_(land), n_(frame.size()) {}

const std::vector<double>& FrameVariables::column(const std::string& name) {
  auto it = cache_.find(name);
  if (it != cache_.end()) return it->second;
  std::vector<double> v(n_, kNaN);
  auto from = [&](const Column& c, double factor) {
    for (std::size_t i = 0; i < n_; ++i)
      if (c.micros[i] != Column::kMissing)
        v[i] = static_cast<double>(c.micros[i]) / Decimal::kScale * factor;
  };
  constexpr double kMuPerM2 = 15.0 / 10000.0;  // 1 亩 = 10000/15 m² (GLOSSARY.md)
  if (name == "land_mu") {
    for (std::size_t i = 0; i < n_; ++i)
      if (auto mu = land_mu(frame_, i, land_ == LandRule::OwnedPlusLeased)) v[i] = *mu;
  } else if (name == "land_owned_mu") {
    from(frame_.land_owned_m2, kMuPerM2);
  } else if (name == "land_leased_mu") {
    from(frame_.land_leased_m2, kMuPerM2);
  } else if (const Column* c = frame_.metric(name)) {
    from(*c, 1.0);
  }
  return cache_.emplace(name, std::move(v)).first->second;
}

namespace {
/// "x", "(x)", "x / y", "(x) / (y)" with plain identifiers: returns {x, y} (y empty for a single
/// variable); otherwise nullopt. Such formulas are computed directly, without muParser.
std::optional<std::pair<std::string, std::string>> simple_ratio(std::string_view e) {
  std::string t;
  for (char c : e)
    if (c != ' ' && c != '\t' && c != '(' && c != ')') t += c;
  std::size_t paren = 0;
  for (char c : e) paren += (c == '(' || c == ')');
  auto slash = t.find('/');
  std::string x = t.substr(0, slash), y = slash == std::string::npos ? "" : t.substr(slash + 1);
  auto ident = [](const std::string& v) {
    if (v.empty() || !ident_start(v[0])) return false;
    for (char c : v) if (!ident_char(c)) return false;
    return true;
  };
  if (!ident(x) || (slash != std::string::npos && !ident(y))) return std::nullopt;
  // only the parentheses of "(x) / (y)" or "(x)" may have been dropped
  if (paren != 0 && paren != 2 && paren != 4) return std::nullopt;
  return std::make_pair(x, y);
}
}  // namespace

std::optional<PlainRatio> plain_ratio(std::string_view expr) {
  auto sr = simple_ratio(expr);
  if (!sr || !is_formula_variable(sr->first) || (!sr->second.empty() && !is_formula_variable(sr->second)))
    return std::nullopt;
  return PlainRatio{std::move(sr->first), std::move(sr->second)};
}

void evaluate_formula(std::string_view expr, FrameVariables& vars, std::vector<double>& out) {
  const std::size_t n = vars.size();
  out.assign(n, kNaN);
  if (n == 0) return;
  if (auto pr = plain_ratio(expr)) {
    const auto& x = vars.column(pr->numerator);
    if (pr->denominator.empty()) { out = x; return; }
    const auto& y = vars.column(pr->denominator);
    for (std::size_t i = 0; i < n; ++i) {
      double q = x[i] / y[i];  // NaN in → NaN out; x / 0 → ±inf or NaN → missing
      out[i] = std::isfinite(q) ? q : kNaN;
    }
    return;
  }
  auto names = formula_identifiers(expr);
  std::vector<const std::vector<double>*> cols;
  mu::Parser p;
  for (const auto& name : names) {
    const auto& c = vars.column(name);
    cols.push_back(&c);
    p.DefineVar(name, const_cast<double*>(c.data()));  // muParser reads only
  }
  p.SetExpr(std::string(expr));
  p.Eval(out.data(), static_cast<int>(n));
  for (std::size_t i = 0; i < n; ++i) {
    bool missing = !std::isfinite(out[i]);
    for (const auto* c : cols) missing = missing || std::isnan((*c)[i]);
    if (missing) out[i] = kNaN;
  }
}

}  // namespace mujun::evaluation
