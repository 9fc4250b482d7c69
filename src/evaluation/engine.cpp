#include "evaluation/engine.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "evaluation/benchmark.h"
#include "evaluation/classify.h"
#include "evaluation/cohort.h"
#include "evaluation/formula.h"

namespace mujun::evaluation {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Cohorts, specials and indicator columns of one Frame.
struct Columns {
  std::vector<double> land;
  std::vector<int> cohort, special;
  std::vector<std::vector<double>> value, numerator, denominator;
  std::vector<std::vector<std::size_t>> members;  ///< per cohort, Frame order
};

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

Columns compute_columns(const Scheme& s, const Frame& f) {
  Columns c;
  c.land = land_mu_column(f, s.land);
  c.cohort = assign_cohorts(s, f, c.land);
  c.special = assign_specials(s, f, c.cohort);
  FrameVariables vars(f, s.land);
  const std::size_t K = s.indicators.size();
  c.value.resize(K);
  c.numerator.resize(K);
  c.denominator.resize(K);
  for (std::size_t k = 0; k < K; ++k) {
    const Indicator& ind = s.indicators[k];
    evaluate_formula(ind.formula, vars, c.value[k]);
    if (!ind.numerator.empty() && needs_parts(s, static_cast<int>(k))) {
      evaluate_formula(ind.numerator, vars, c.numerator[k]);
      evaluate_formula(ind.denominator, vars, c.denominator[k]);
    }
  }
  c.members.resize(s.cohorts.size());
  for (std::size_t i = 0; i < f.size(); ++i)
    if (c.cohort[i] >= 0) c.members[c.cohort[i]].push_back(i);
  return c;
}

/// Statistics of indicator k over cohort members that are not special and have a value.
CohortStats stats_of(const Columns& c, int cohort, int k) {
  CohortStats st;
  const auto& v = c.value[k];
  const bool parts = !c.numerator[k].empty();
  for (std::size_t i : c.members[cohort]) {
    if (c.special[i] >= 0 || std::isnan(v[i])) continue;
    st.add(v[i], parts ? c.numerator[k][i] : kNaN, parts ? c.denominator[k][i] : kNaN);
  }
  return st;
}

bool has_flag(const Frame& f, std::size_t i, const std::string& flag) {
  return std::find(f.flags[i].begin(), f.flags[i].end(), flag) != f.flags[i].end();
}

bool has_certificate(const Frame& f, std::size_t i, const Adjustment& a) {
  for (const auto& c : f.certificates[i])
    if (c.tier == a.certificate && (a.certificate_level.empty() || c.level == a.certificate_level) &&
        certificate_valid_in(c, f.year))
      return true;
  return false;
}

/// Points of every weighted indicator for the members of cohort `ci`.
void score_cohort(const Scheme& s, const Columns& cur, const Columns* prev, int ci, EvaluationResult& r) {
  const Cohort& co = s.cohorts[ci];
  CohortOutcome& out = r.cohorts[ci];
  const auto& members = cur.members[ci];
  const std::size_t J = co.indicators.size();
  out.benchmark.assign(J, kNaN);
  out.low.assign(J, kNaN);
  out.high.assign(J, kNaN);
  out.average_points.assign(J, kNaN);
  out.benchmark_firms.assign(J, 0);
  for (std::size_t j = 0; j < J; ++j) {
    const int k = co.indicators[j];
    const Indicator& ind = s.indicators[k];
    const Benchmark& b = co.benchmarks[j];
    const double w = co.weights[j];
    CohortStats st = stats_of(cur, ci, k);
    CohortStats pst;
    if (b.method == BenchmarkMethod::PreviousMean && prev) pst = stats_of(*prev, ci, k);
    double bench = benchmark_value(b, ind.direction, st, pst);
    out.benchmark[j] = bench;
    out.low[j] = st.count ? st.min : kNaN;
    out.high[j] = st.count ? st.max : kNaN;
    out.benchmark_firms[j] = b.method == BenchmarkMethod::PreviousMean ? pst.count : st.count;
    const bool usable = b.method == BenchmarkMethod::MinMax ? st.count > 0 : (std::isfinite(bench) && bench > 0);
    if (!usable && !members.empty())
      r.warnings.push_back(fmt::format(
          "分组 {} 的指标 {} 无法形成基准值（无数据或不大于 0），该项按 0 分计 / cohort {}: no usable benchmark for {} "
          "(no data or ≤ 0); the indicator scores 0", co.id, ind.id, co.id, ind.id));
    auto& val = cur.value[k];
    auto& pts = r.points[k];
    auto& tr = r.treatment[k];
    double sum_points = 0;
    int scored = 0;
    for (std::size_t i : members) {
      if (std::isnan(val[i])) continue;
      if (!usable) { pts[i] = 0; tr[i] = Treatment::NoBenchmark; continue; }
      pts[i] = indicator_points(ind, b, val[i], w, bench, out.low[j], out.high[j]);
      tr[i] = Treatment::Scored;
      if (cur.special[i] < 0) { sum_points += pts[i]; ++scored; }
    }
    out.average_points[j] = scored ? sum_points / scored : kNaN;
    for (std::size_t i : members) {
      if (!std::isnan(val[i])) continue;
      switch (ind.missing) {
        case MissingRule::Zero: pts[i] = 0; tr[i] = Treatment::MissingZero; break;
        case MissingRule::CohortAverage:
          pts[i] = scored ? out.average_points[j] : 0;
          tr[i] = Treatment::MissingAverage;
          break;
        case MissingRule::Reweight: pts[i] = 0; tr[i] = Treatment::MissingReweighted; break;
      }
    }
  }
  // Re-weighting and the indicator total.
  const double W = co.weight_total();
  for (std::size_t i : members) {
    double missing_w = 0;
    for (std::size_t j = 0; j < J; ++j)
      if (r.treatment[co.indicators[j]][i] == Treatment::MissingReweighted) missing_w += co.weights[j];
    const double factor = missing_w > 0 ? (W > missing_w ? W / (W - missing_w) : 0.0) : 1.0;
    double sum = 0;
    for (std::size_t j = 0; j < J; ++j) {
      double& p = r.points[co.indicators[j]][i];
      if (factor != 1.0) p *= factor;
      sum += p;
    }
    r.indicator_total[i] = sum;
  }
}

/// Adjustments of member i; returns the forced class of the worst veto (0 when none).
char adjust(const Scheme& s, const Frame& f, int ci, std::size_t i, EvaluationResult& r) {
  double bonus = 0, penalty = 0;
  char forced = 0;
  std::uint64_t bits = 0;
  for (std::size_t a = 0; a < s.adjustments.size(); ++a) {
    const Adjustment& adj = s.adjustments[a];
    if (!adj.cohorts.empty() && std::find(adj.cohorts.begin(), adj.cohorts.end(), ci) == adj.cohorts.end()) continue;
    bool hit = adj.flag.empty() ? has_certificate(f, i, adj) : has_flag(f, i, adj.flag);
    if (!hit) continue;
    bits |= std::uint64_t{1} << a;
    switch (adj.kind) {
      case Adjustment::Kind::Bonus: bonus += adj.points; break;
      case Adjustment::Kind::Penalty: penalty += adj.points; break;
      case Adjustment::Kind::Veto: forced = std::max(forced, adj.forced_class); break;
    }
  }
  if (s.bonus_max) bonus = std::min(bonus, *s.bonus_max);
  r.adjustments[i] = bits;
  r.adjustment_total[i] = bonus - penalty;
  r.total[i] = r.indicator_total[i] + r.adjustment_total[i];
  return forced;
}

/// Township index of every enterprise (equal Frame::township text → equal index).
std::vector<std::uint32_t> township_ids(const Frame& f) {
  std::unordered_map<std::string_view, std::uint32_t> ids;
  std::vector<std::uint32_t> out(f.size());
  for (std::size_t i = 0; i < f.size(); ++i)
    out[i] = ids.try_emplace(f.township[i], static_cast<std::uint32_t>(ids.size())).first->second;
  return out;
}

/// Classes of the sorted quota pool `pool`: one pool, or one per township (Classification::pool),
/// each keeping the pool's order. Returns the seats (or threshold counts) summed over the pools.
std::array<int, 4> classify_pools(const Classification& c, const std::vector<std::size_t>& pool,
                                  const std::vector<std::uint32_t>& town, EvaluationResult& r) {
  if (c.pool == Classification::Pool::Cohort) return classify_pool(c, pool, r.total, r.klass, r.class_rule);
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> by_town;
  std::vector<std::uint32_t> towns;  // in order of first appearance: deterministic
  for (std::size_t i : pool) {
    auto [it, fresh] = by_town.try_emplace(town[i]);
    if (fresh) towns.push_back(town[i]);
    it->second.push_back(i);
  }
  std::array<int, 4> sum{};
  for (std::uint32_t t : towns) {
    auto seats = classify_pool(c, by_town[t], r.total, r.klass, r.class_rule);
    for (int k = 0; k < 4; ++k) sum[k] += seats[k];
  }
  return sum;
}

}  // namespace

bool certificate_valid_in(const Certificate& c, int year) {
  const std::string y = fmt::format("{:04d}", year);
  if (!c.issued.empty() && c.issued > y + "-12-31") return false;
  if (!c.expires.empty() && c.expires < y + "-01-01") return false;
  return true;
}

EvaluationResult evaluate(const Scheme& s, const Frame& f, const Frame* previous) {
  if (s.needs_previous_year() && !previous)
    throw EvaluationError(fmt::format(
        "评价办法 {} 以上一年均值为基准（previous_mean），需要 {} 年的数据 / scheme {} uses previous-year means: the "
        "year {} snapshot is needed", s.id, f.year - 1, s.id, f.year - 1));
  const std::size_t n = f.size();
  const std::size_t K = s.indicators.size();
  EvaluationResult r;
  r.year = f.year;
  r.n = n;
  Columns cur = compute_columns(s, f);
  Columns prev;
  if (s.needs_previous_year()) prev = compute_columns(s, *previous);
  r.points.assign(K, std::vector<double>(n, kNaN));
  r.treatment.assign(K, std::vector<Treatment>(n, Treatment::NotApplicable));
  r.indicator_total.assign(n, kNaN);
  r.adjustment_total.assign(n, kNaN);
  r.total.assign(n, kNaN);
  r.adjustments.assign(n, 0);
  r.rank.assign(n, 0);
  r.klass.assign(n, 0);
  r.class_rule.assign(n, ClassRule::None);
  r.cohorts.resize(s.cohorts.size());
  const std::vector<std::uint32_t> uscc_rank = uscc_ranks(f.uscc);
  std::vector<std::uint8_t> vetoed_mark(n, 0);
  std::vector<std::uint32_t> town;
  for (const auto& co : s.cohorts)
    if (co.classification.pool == Classification::Pool::Township && town.empty()) town = township_ids(f);

  for (std::size_t ci = 0; ci < s.cohorts.size(); ++ci) {
    const int c = static_cast<int>(ci);
    CohortOutcome& out = r.cohorts[ci];
    auto& members = cur.members[ci];
    out.members = static_cast<int>(members.size());
    if (members.empty())
      r.warnings.push_back(fmt::format("分组 {}（{}）没有企业 / cohort {} has no enterprise", s.cohorts[ci].id,
                                       s.cohorts[ci].label, s.cohorts[ci].id));
    if (s.needs_previous_year() && prev.members[ci].empty())
      r.warnings.push_back(fmt::format("分组 {} 在 {} 年没有企业，上一年均值基准无法形成 / cohort {} has no enterprise "
                                       "in {}: no previous-year mean", s.cohorts[ci].id, f.year - 1, s.cohorts[ci].id,
                                       f.year - 1));
    score_cohort(s, cur, s.needs_previous_year() ? &prev : nullptr, c, r);
    std::vector<std::size_t> pool;
    pool.reserve(members.size());
    std::vector<std::pair<std::size_t, char>> vetoed;
    for (std::size_t i : members) {
      char v = adjust(s, f, c, i, r);
      if (v) { vetoed.emplace_back(i, v); vetoed_mark[i] = 1; }
    }
    sort_by_total(members, r.total, uscc_rank);
    assign_ranks(members, r.total, r.rank);
    pool.clear();  // the quota pool in the same order
    for (std::size_t i : members)
      if (cur.special[i] < 0 && !vetoed_mark[i]) pool.push_back(i);
    out.pool = static_cast<int>(pool.size());
    out.seats = classify_pools(s.cohorts[ci].classification, pool, town, r);
    for (auto [i, k] : vetoed) {  // a veto also overrides class T
      r.klass[i] = k;
      r.class_rule[i] = ClassRule::Veto;
      ++out.vetoed;
    }
    for (std::size_t i : members)
      if (cur.special[i] >= 0 && r.class_rule[i] != ClassRule::Veto) {
        r.klass[i] = 'T';
        r.class_rule[i] = ClassRule::Special;
        ++out.special;
      }
    for (std::size_t i : members) {
      switch (r.klass[i]) {
        case 'A': ++out.counts[0]; break;
        case 'B': ++out.counts[1]; break;
        case 'C': ++out.counts[2]; break;
        case 'D': ++out.counts[3]; break;
        case 'T': ++out.counts[4]; break;
      }
    }
    r.order.insert(r.order.end(), members.begin(), members.end());
  }
  r.land_mu = std::move(cur.land);
  r.cohort = std::move(cur.cohort);
  r.special = std::move(cur.special);
  r.value = std::move(cur.value);
  return r;
}

}  // namespace mujun::evaluation
