#include "evaluation/columns.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include "evaluation/cohort.h"
#include "evaluation/formula.h"
#include "evaluation/large_columns.h"

namespace mujun::evaluation {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kGrain = 16384;  // enterprises per task

// One formula variable of enterprise i, exactly as FrameVariables::column gives it (formula.cpp).
struct LandVariable {
  const double* v;
  double operator()(std::size_t i) const { return v[i]; }
};
struct MicrosVariable {
  const std::int64_t* v;
  double factor;
  double operator()(std::size_t i) const {
    const std::int64_t m = v[i];
    return m == Column::kMissing ? kNaN : static_cast<double>(m) / Decimal::kScale * factor;
  }
};
struct AbsentVariable {
  double operator()(std::size_t) const { return kNaN; }
};

/// Calls fn with the reader of variable `name` (formula.h is_formula_variable).
template <class Fn>
void with_variable(const std::string& name, const Frame& f, const Membership& m, Fn&& fn) {
  constexpr double kMuPerM2 = 15.0 / 10000.0;  // 1 亩 = 10000/15 m² (GLOSSARY.md), as formula.cpp
  if (name == "land_mu") fn(LandVariable{m.land_mu.data()});
  else if (name == "land_owned_mu") fn(MicrosVariable{f.land_owned_m2.micros.data(), kMuPerM2});
  else if (name == "land_leased_mu") fn(MicrosVariable{f.land_leased_m2.micros.data(), kMuPerM2});
  else if (const Column* c = f.metric(name)) fn(MicrosVariable{c->micros.data(), 1.0});
  else fn(AbsentVariable{});
}

/// True when a cohort benchmarks indicator k as a ratio-of-sums mean (numerator and denominator needed).
bool needs_parts(const Scheme& s, int k) {
  for (const auto& c : s.cohorts)
    for (std::size_t j = 0; j < c.indicators.size(); ++j) {
      const auto& b = c.benchmarks[j];
      if (c.indicators[j] == k && b.of == MeanKind::RatioOfSums &&
          (b.method == BenchmarkMethod::Mean || b.method == BenchmarkMethod::PreviousMean))
        return true;
    }
  return false;
}

/// How indicator k is computed.
struct Plan {
  std::optional<PlainRatio> plain;  ///< set: read from the Frame directly
  bool parts = false;               ///< numerator and denominator summed for the benchmark
  std::vector<char> wanted;         ///< per cohort: the cohort weights k
  std::vector<double> numerator, denominator;  ///< muParser path with parts
};

Plan plan_of(const Scheme& s, int k) {
  const Indicator& ind = s.indicators[k];
  Plan p;
  p.parts = !ind.numerator.empty() && needs_parts(s, k);
  p.plain = plain_ratio(ind.formula);
  if (p.plain && p.parts) {  // the parts must be the two variables of the ratio
    auto num = plain_ratio(ind.numerator), den = plain_ratio(ind.denominator);
    if (!num || !den || !num->denominator.empty() || !den->denominator.empty() ||
        num->numerator != p.plain->numerator || den->numerator != p.plain->denominator)
      p.plain.reset();
  }
  p.wanted.assign(s.cohorts.size(), 0);
  for (std::size_t c = 0; c < s.cohorts.size(); ++c)
    for (int x : s.cohorts[c].indicators) p.wanted[c] = p.wanted[c] || x == k;
  return p;
}

/// Value and statistics of a plain ratio x / y (or the single variable x when `single`).
template <class X, class Y>
void plain_pass(X x, Y y, bool single, const Plan& p, const Membership& m, LargeVector<double>& out,
                std::vector<CohortStats>& st) {
  const std::size_t n = m.cohort.size();
  size_column(out, n);
  double* o = out.data();
  const int* cohort = m.cohort.data();
  const int* special = m.special.data();
  for (std::size_t i = 0; i < n; ++i) {
    const double a = x(i);
    double v = a;
    double b = kNaN;
    if (!single) {
      b = y(i);
      const double q = a / b;  // NaN in → NaN out; x / 0 → ±inf or NaN → missing
      v = std::isfinite(q) ? q : kNaN;
    }
    o[i] = v;
    const int c = cohort[i];
    if (c >= 0 && p.wanted[c] && special[i] < 0 && !std::isnan(v))
      st[c].add(v, p.parts ? a : kNaN, p.parts ? b : kNaN);
  }
}

/// Statistics from computed columns (muParser path).
void column_stats(const Plan& p, const Membership& m, const LargeVector<double>& v, std::vector<CohortStats>& st) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    const int c = m.cohort[i];
    if (c < 0 || !p.wanted[c] || m.special[i] >= 0 || std::isnan(v[i])) continue;
    st[c].add(v[i], p.parts ? p.numerator[i] : kNaN, p.parts ? p.denominator[i] : kNaN);
  }
}

/// A cohort rule without industry ranges, as plain values: cohort.h in_cohort's tests without branches
/// (membership is data-dependent, so branching on it mispredicts for most enterprises).
struct PlainRule {
  int cohort;
  bool test_above;      ///< above_scale set
  std::int8_t above;    ///< the status it requires (1 / 0)
  double min, max;      ///< land_mu ≥ min and < max (−inf / +inf when not set; NaN land fails a set bound)
  bool test_min, test_max;
  CohortRule::Tenure tenure;
};

/// The scheme's cohort rules as PlainRules in scheme order, or nullopt when a rule has industry ranges.
std::optional<std::vector<PlainRule>> plain_rules(const Scheme& s) {
  std::vector<PlainRule> out;
  for (std::size_t c = 0; c < s.cohorts.size(); ++c)
    for (const CohortRule& r : s.cohorts[c].rules) {
      if (!r.industry.empty()) return std::nullopt;
      out.push_back(PlainRule{static_cast<int>(c), r.above_scale.has_value(),
                              static_cast<std::int8_t>(r.above_scale.value_or(false) ? 1 : 0),
                              r.land_mu_min.value_or(0), r.land_mu_max.value_or(0), r.land_mu_min.has_value(),
                              r.land_mu_max.has_value(), r.tenure});
    }
  return out;
}

/// cohort_of for enterprise i under plain rules: the first rule that matches wins.
inline int plain_cohort(const std::vector<PlainRule>& rules, std::int8_t above, double land, bool owned, bool leased) {
  int cohort = -1;
  for (auto r = rules.rbegin(); r != rules.rend(); ++r) {  // backwards: the earliest match is written last
    const bool tenure = r->tenure == CohortRule::Tenure::Any ||
                        (r->tenure == CohortRule::Tenure::Owned ? owned : (!owned & leased));
    const bool match = (!r->test_above | (above == r->above)) & (!r->test_min | (land >= r->min)) &
                       (!r->test_max | (land < r->max)) & tenure;
    cohort = match ? r->cohort : cohort;
  }
  return cohort;
}

}  // namespace

void assign_membership(const Scheme& s, const Frame& f, Membership& m) {
  const std::size_t n = f.size();
  const bool leased = s.land == LandRule::OwnedPlusLeased;
  size_column(m.land_mu, n);
  size_column(m.cohort, n);
  size_column(m.special, n);
  const std::optional<std::vector<PlainRule>> plain = plain_rules(s);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, kGrain), [&](const tbb::blocked_range<std::size_t>& r) {
    const std::int64_t* owned = f.land_owned_m2.micros.data();
    const std::int64_t* rented = f.land_leased_m2.micros.data();
    const std::int8_t* above = f.above_scale.data();
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      // domain/frame.h land_mu, inline: micro-m² × 15 / 10¹⁰ as one division of the exact integer sum
      const bool has_owned = owned[i] != Column::kMissing, has_leased = leased && rented[i] != Column::kMissing;
      const std::int64_t micros = (has_owned ? owned[i] : 0) + (has_leased ? rented[i] : 0);
      const double land = has_owned || has_leased ? static_cast<double>(micros * 15) / 1e10 : kNaN;
      m.land_mu[i] = land;
      // cohort.h in_cohort's tenure: owned / leased land recorded and > 0 (whatever the land rule)
      m.cohort[i] = plain ? plain_cohort(*plain, above[i], land, has_owned & (owned[i] > 0),
                                         (rented[i] != Column::kMissing) & (rented[i] > 0))
                          : cohort_of(s, f, i, land);
    }
    if (!s.specials.empty())
      for (std::size_t i = r.begin(); i < r.end(); ++i) m.special[i] = m.cohort[i] >= 0 ? special_of(s, f, i) : -1;
    else
      std::fill(m.special.begin() + static_cast<std::ptrdiff_t>(r.begin()),
                m.special.begin() + static_cast<std::ptrdiff_t>(r.end()), -1);
  });
  m.members.assign(s.cohorts.size(), 0);
  for (int c : m.cohort)
    if (c >= 0) ++m.members[c];
}

void indicator_columns(const Scheme& s, const Frame& f, const Membership& m, std::vector<LargeVector<double>>& value,
                       CohortStatsTable& stats) {
  const std::size_t K = s.indicators.size();
  value.resize(K);
  stats.assign(K, std::vector<CohortStats>(s.cohorts.size()));
  std::vector<Plan> plans;
  for (std::size_t k = 0; k < K; ++k) plans.push_back(plan_of(s, static_cast<int>(k)));
  {  // formulas muParser must compute: one after the other (FrameVariables caches its columns)
    std::optional<FrameVariables> vars;
    for (std::size_t k = 0; k < K; ++k) {
      if (plans[k].plain) continue;
      if (!vars) vars.emplace(f, s.land);
      std::vector<double> column;  // muParser's bulk output, then copied into the engine's column
      evaluate_formula(s.indicators[k].formula, *vars, column);
      value[k].assign(column.begin(), column.end());
      if (plans[k].parts) {
        evaluate_formula(s.indicators[k].numerator, *vars, plans[k].numerator);
        evaluate_formula(s.indicators[k].denominator, *vars, plans[k].denominator);
      }
    }
  }
  tbb::parallel_for(std::size_t{0}, K, [&](std::size_t k) {
    const Plan& p = plans[k];
    if (!p.plain) return column_stats(p, m, value[k], stats[k]);
    with_variable(p.plain->numerator, f, m, [&](auto x) {
      if (p.plain->denominator.empty()) return plain_pass(x, AbsentVariable{}, true, p, m, value[k], stats[k]);
      with_variable(p.plain->denominator, f, m, [&](auto y) { plain_pass(x, y, false, p, m, value[k], stats[k]); });
    });
  });
}

}  // namespace mujun::evaluation
