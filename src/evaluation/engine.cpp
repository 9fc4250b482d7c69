#include "evaluation/engine.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include <fmt/format.h>

#include "evaluation/benchmark.h"
#include "evaluation/classify.h"
#include "evaluation/cohort_order.h"
#include "evaluation/columns.h"
#include "evaluation/large_columns.h"
#include "evaluation/scoring.h"

// Phases (each over all enterprises or all cohorts, spread over the cores with oneTBB; every sum is
// taken in a fixed order, so the result is the same bit for bit on any number of threads):
//   1. membership: land_mu, cohort, special category (columns.h);
//   2. indicator values and benchmark statistics, one task per indicator (columns.h);
//   3. benchmarks per cohort and indicator;
//   4. average points per cohort, only for indicators with missing = "cohort_average";
//   5. points (not stored: result.h PointColumns computes them again when read, scoring.h), re-weighting,
//      indicator total, adjustments, total, per range of enterprises;
//   6. per cohort: order by total (radix sort), USCC order within equal totals, ranks, quota pools
//      (per township: a counting sort of the cohort's order), classes, vetoes, class T, counts.
namespace mujun::evaluation {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kGrain = 16384;  // enterprises per task

/// usable[c][j]: the benchmark of cohort c's j-th indicator can score (else NoBenchmark).
using Usable = std::vector<std::vector<char>>;

/// Phase 3: benchmark, min and max, firms behind the benchmark, per cohort and weighted indicator.
Usable form_benchmarks(const Scheme& s, const CohortStatsTable& cur, const CohortStatsTable* prev, EvaluationResult& r) {
  Usable usable(s.cohorts.size());
  for (std::size_t ci = 0; ci < s.cohorts.size(); ++ci) {
    const Cohort& co = s.cohorts[ci];
    CohortOutcome& out = r.cohorts[ci];
    const std::size_t J = co.indicators.size();
    out.benchmark.assign(J, kNaN);
    out.low.assign(J, kNaN);
    out.high.assign(J, kNaN);
    out.average_points.assign(J, kNaN);
    out.benchmark_firms.assign(J, 0);
    usable[ci].assign(J, 0);
    for (std::size_t j = 0; j < J; ++j) {
      const int k = co.indicators[j];
      const Benchmark& b = co.benchmarks[j];
      const CohortStats& st = cur[k][ci];
      CohortStats pst;
      if (b.method == BenchmarkMethod::PreviousMean && prev) pst = (*prev)[k][ci];
      const double bench = benchmark_value(b, s.indicators[k].direction, st, pst);
      out.benchmark[j] = bench;
      out.low[j] = st.count ? st.min : kNaN;
      out.high[j] = st.count ? st.max : kNaN;
      out.benchmark_firms[j] = b.method == BenchmarkMethod::PreviousMean ? pst.count : st.count;
      usable[ci][j] = b.method == BenchmarkMethod::MinMax ? st.count > 0 : (std::isfinite(bench) && bench > 0);
    }
  }
  return usable;
}

/// Fills d's scoring rules of every cohort's weighted indicators, from the benchmarks of phase 3.
void scoring_rules(const Scheme& s, const Usable& usable, const EvaluationResult& r, ScoringDetail* d) {
  d->n = r.n;
  d->indicators = s.indicators;
  const std::size_t C = s.cohorts.size(), K = s.indicators.size();
  d->benchmarks.assign(C, {});
  d->rules.assign(C, {});
  d->position.assign(C, std::vector<int>(K, -1));
  d->weight_total.resize(C);
  for (std::size_t c = 0; c < C; ++c) {
    const Cohort& co = s.cohorts[c];
    const CohortOutcome& out = r.cohorts[c];
    d->benchmarks[c] = co.benchmarks;
    d->weight_total[c] = co.weight_total();
    for (std::size_t j = 0; j < co.indicators.size(); ++j) {
      d->rules[c].push_back(ScoringRule{co.indicators[j], co.weights[j], out.benchmark[j], out.low[j], out.high[j], 0,
                                        usable[c][j] != 0});
      d->position[c][static_cast<std::size_t>(co.indicators[j])] = static_cast<int>(j);
    }
  }
}

/// Phase 4, only for indicators with missing = "cohort_average": the average points of each cohort's
/// scored non-special members (summed in Frame order), which missing firms get.
void average_points(const Scheme& s, std::size_t k, const Membership& m, ScoringDetail& d, EvaluationResult& r) {
  const Indicator& ind = s.indicators[k];
  const std::size_t C = s.cohorts.size();
  std::vector<double> sum(C, 0.0);
  std::vector<int> scored(C, 0);
  const double* val = d.value[k].data();
  for (std::size_t i = 0; i < d.n; ++i) {
    const int c = m.cohort[i];
    if (c < 0 || m.special[i] >= 0) continue;
    const int j = d.position[c][k];
    if (j < 0 || std::isnan(val[i])) continue;
    const ScoringRule& ru = d.rules[c][j];
    if (!ru.usable) continue;
    sum[c] += indicator_points(ind, d.benchmarks[c][j], val[i], ru.w, ru.bench, ru.low, ru.high);
    ++scored[c];
  }
  for (std::size_t c = 0; c < C; ++c) {
    const int j = d.position[c][k];
    if (j < 0 || !scored[c]) continue;
    r.cohorts[c].average_points[j] = sum[c] / scored[c];
    d.rules[c][j].average = r.cohorts[c].average_points[j];
  }
}

/// Phase 5 helper: the adjustments that can apply to each cohort, and certificate dates for the year.
struct AdjustmentRules {
  std::vector<std::vector<std::size_t>> by_cohort;  ///< adjustment indices per cohort, scheme order
  std::string year_first, year_last;                ///< "Y-01-01", "Y-12-31"
  AdjustmentRules(const Scheme& s, int year) : by_cohort(s.cohorts.size()) {
    for (std::size_t c = 0; c < s.cohorts.size(); ++c)
      for (std::size_t a = 0; a < s.adjustments.size(); ++a) {
        const auto& only = s.adjustments[a].cohorts;
        if (only.empty() || std::find(only.begin(), only.end(), static_cast<int>(c)) != only.end())
          by_cohort[c].push_back(a);
      }
    year_first = fmt::format("{:04d}-01-01", year);
    year_last = fmt::format("{:04d}-12-31", year);
  }
  /// certificate_valid_in(c, year), with the year's dates formatted once.
  bool valid(const Certificate& c) const {
    return !(!c.issued.empty() && c.issued > year_last) && !(!c.expires.empty() && c.expires < year_first);
  }
};

bool applies(const Frame& f, std::size_t i, const Adjustment& a, const AdjustmentRules& rules) {
  if (!a.flag.empty()) return std::find(f.flags[i].begin(), f.flags[i].end(), a.flag) != f.flags[i].end();
  for (const auto& c : f.certificates[i])
    if (c.tier == a.certificate && (a.certificate_level.empty() || c.level == a.certificate_level) && rules.valid(c))
      return true;
  return false;
}

/// Phase 5: points (scoring.h, not stored), re-weighting, indicator total, adjustments and total of
/// every member; forced[i] = the
/// class of the worst veto (0 none).
void total_and_adjust(const Scheme& s, const Frame& f, const Membership& m, const ScoringDetail& d,
                      EvaluationResult& r, LargeVector<char>& forced) {
  const std::size_t n = r.n;
  const AdjustmentRules rules(s, f.year);
  size_column(r.indicator_total, n);
  size_column(r.adjustment_total, n);
  size_column(r.total, n);
  size_column(r.adjustments, n);
  size_column(forced, n);
  // Per cohort, its weighted indicators with everything a point needs at hand (no lookups per firm).
  struct Term {
    const double* value;
    const Indicator* ind;
    const Benchmark* b;
    ScoringRule rule;
    bool reweight;  ///< missing = "reweight"
  };
  std::vector<std::vector<Term>> terms(s.cohorts.size());
  std::vector<char> any_reweight(s.cohorts.size(), 0);
  for (std::size_t c = 0; c < s.cohorts.size(); ++c)
    for (std::size_t j = 0; j < d.rules[c].size(); ++j) {
      const ScoringRule& ru = d.rules[c][j];
      const Indicator& ind = d.indicators[static_cast<std::size_t>(ru.k)];
      terms[c].push_back(Term{d.value[static_cast<std::size_t>(ru.k)].data(), &ind, &d.benchmarks[c][j], ru,
                              ind.missing == MissingRule::Reweight});
      any_reweight[c] = any_reweight[c] || terms[c].back().reweight;
    }
  // The common case as plain numbers: every weighted indicator of the cohort higher-is-better, scored
  // x / B against a usable ratio benchmark, missing = "zero". The same operations in the same order as
  // base_points / indicator_points (benchmark.h), without their branches and indirections.
  struct Ratio {
    const double* value;
    double bench, w, cap, floor;
    bool has_cap, has_floor;
  };
  std::vector<std::vector<Ratio>> ratios(s.cohorts.size());
  std::vector<char> simple(s.cohorts.size(), 0);
  for (std::size_t c = 0; c < s.cohorts.size(); ++c) {
    simple[c] = !any_reweight[c];
    for (const Term& t : terms[c]) {
      simple[c] = simple[c] && t.ind->missing == MissingRule::Zero && t.rule.usable &&
                  t.b->method != BenchmarkMethod::MinMax && t.ind->direction == Direction::Higher;
      ratios[c].push_back(Ratio{t.value, t.rule.bench, t.rule.w, t.ind->cap.value_or(0), t.ind->floor.value_or(0),
                                t.ind->cap.has_value(), t.ind->floor.has_value()});
    }
  }
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, kGrain), [&](const tbb::blocked_range<std::size_t>& range) {
    for (std::size_t i = range.begin(); i < range.end(); ++i) {
      const int c = m.cohort[i];
      if (c < 0) {
        r.indicator_total[i] = r.adjustment_total[i] = r.total[i] = kNaN;
        r.adjustments[i] = 0;
        forced[i] = 0;
        continue;
      }
      double sum = 0;
      if (simple[c]) {
        for (const Ratio& t : ratios[c]) {
          const double v = t.value[i];
          double x = v / t.bench;
          if (t.has_cap) x = std::min(x, t.cap);
          if (t.has_floor) x = std::max(x, t.floor);
          sum += std::isnan(v) ? 0.0 : x * t.w;  // missing = "zero": 0 points
        }
      } else {
        const auto& score = terms[c];
        double missing_w = 0;  // the same sum, in the same order, as scoring.cpp points_of
        if (any_reweight[c])
          for (const Term& t : score)
            if (t.reweight && std::isnan(t.value[i])) missing_w += t.rule.w;
        const double factor = reweight_factor(d.weight_total[c], missing_w);
        for (const Term& t : score) {
          Treatment why;
          const double p = base_points(t.rule, *t.ind, *t.b, t.value[i], why);
          sum += factor != 1.0 ? p * factor : p;
        }
      }
      r.indicator_total[i] = sum;
      double bonus = 0, penalty = 0;
      char worst = 0;
      std::uint64_t bits = 0;
      for (std::size_t a : rules.by_cohort[c]) {
        const Adjustment& adj = s.adjustments[a];
        if (!applies(f, i, adj, rules)) continue;
        bits |= std::uint64_t{1} << a;
        switch (adj.kind) {
          case Adjustment::Kind::Bonus: bonus += adj.points; break;
          case Adjustment::Kind::Penalty: penalty += adj.points; break;
          case Adjustment::Kind::Veto: worst = std::max(worst, adj.forced_class); break;
        }
      }
      if (s.bonus_max) bonus = std::min(bonus, *s.bonus_max);
      r.adjustments[i] = bits;
      r.adjustment_total[i] = bonus - penalty;
      r.total[i] = r.indicator_total[i] + r.adjustment_total[i];
      forced[i] = worst;
    }
  });
}

void count_class(char klass, std::array<int, 5>& counts) {
  switch (klass) {
    case 'A': ++counts[0]; break;
    case 'B': ++counts[1]; break;
    case 'C': ++counts[2]; break;
    case 'D': ++counts[3]; break;
    case 'T': ++counts[4]; break;
  }
}

/// Phase 6 for cohort c: `members` (its span of r.order, in Frame order) sorted by total, then USCC;
/// ranks, vetoes (which also override class T), class T, quota pools and classes, the cohort's counts.
void classify_cohort(const Scheme& s, const Frame& f, std::size_t c, std::span<std::size_t> members,
                     const Membership& m, const LargeVector<char>& forced, const LargeVector<std::uint32_t>& town,
                     std::uint32_t towns, CohortBuffers& buf, EvaluationResult& r) {
  CohortOutcome& out = r.cohorts[c];
  const Classification& cl = s.cohorts[c].classification;
  const bool by_town = cl.pool == Classification::Pool::Township;
  out.members = static_cast<int>(members.size());
  auto& firms = buf.firms;
  const std::size_t size = members.size();
  size_column(firms, size);
  // Vetoes and class T, and each member as a RankedFirm: in ranges of members in parallel, each
  // counting its own vetoed / special firms and classes (added after: integer counts).
  struct Tally {
    int vetoed = 0, special = 0;
    std::array<int, 5> counts{};
  };
  const std::size_t parts = (size + kGrain - 1) / kGrain;
  std::vector<Tally> tally(parts);
  tbb::parallel_for(std::size_t{0}, parts, [&](std::size_t part) {
    Tally& t = tally[part];
    for (std::size_t p = part * kGrain; p < std::min(size, (part + 1) * kGrain); ++p) {
      const std::size_t i = members[p];
      bool in_pool = false;
      if (forced[i]) {
        r.klass[i] = forced[i];
        r.class_rule[i] = ClassRule::Veto;
        ++t.vetoed;
        count_class(forced[i], t.counts);
      } else if (m.special[i] >= 0) {
        r.klass[i] = 'T';
        r.class_rule[i] = ClassRule::Special;
        ++t.special;
        count_class('T', t.counts);
      } else {
        in_pool = true;
      }
      firms[p] = RankedFirm{order_key(total_key(r.total[i])), static_cast<std::uint32_t>(i),
                            (by_town ? town[i] : 0) | (in_pool ? RankedFirm::kInPool : 0)};
    }
  });
  for (const Tally& t : tally) {
    out.vetoed += t.vetoed;
    out.special += t.special;
    for (int k = 0; k < 5; ++k) out.counts[k] += t.counts[k];
  }
  sort_by_total_radix(firms, buf.scratch);
  sort_ties_by_uscc(firms, f.uscc);
  // Ranks: a firm's rank is 1 + the position of the first firm of its run of equal totals; runs never
  // cross the chunks of run_chunks, so the chunks are ranked in parallel.
  const std::vector<std::size_t> runs = run_chunks(firms);
  tbb::parallel_for(std::size_t{0}, runs.size() - 1, [&](std::size_t ch) {
    int rank = 0;
    for (std::size_t p = runs[ch]; p < runs[ch + 1]; ++p) {
      members[p] = firms[p].index;
      if (p == runs[ch] || firms[p].order != firms[p - 1].order) rank = static_cast<int>(p) + 1;
      r.rank[members[p]] = rank;
    }
  });
  auto& pool = buf.pool;
  auto& keys = buf.keys;
  auto& bounds = buf.bounds;
  const std::uint32_t groups = by_town ? towns : 1;
  split_pool(firms, groups, pool, keys, bounds);
  out.pool = static_cast<int>(pool.size());
  // The pools, in parallel (each writes only its own firms' classes); seats and counts added after.
  std::vector<std::array<int, 4>> seats(groups), classed(groups);
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, groups, 8), [&](const tbb::blocked_range<std::uint32_t>& g) {
    for (std::uint32_t t = g.begin(); t < g.end(); ++t) {
      const std::size_t b = bounds[t], size = bounds[t + 1] - b;
      classed[t] = {};
      seats[t] = size == 0 ? std::array<int, 4>{}
                           : classify_sorted_pool(cl, std::span<const std::uint32_t>(pool).subspan(b, size),
                                                  std::span<const std::int64_t>(keys).subspan(b, size), r.total,
                                                  r.klass, r.class_rule, classed[t]);
    }
  });
  for (std::uint32_t t = 0; t < groups; ++t)
    for (int k = 0; k < 4; ++k) {
      out.seats[k] += seats[t][k];
      out.counts[k] += classed[t][k];
    }
}

/// Chinese-first notes, per cohort in scheme order: no members, no previous-year members, each
/// indicator without a usable benchmark.
void add_warnings(const Scheme& s, int year, const Usable& usable, const std::vector<int>* previous_members,
                  EvaluationResult& r) {
  for (std::size_t ci = 0; ci < s.cohorts.size(); ++ci) {
    const Cohort& co = s.cohorts[ci];
    const bool empty = r.cohorts[ci].members == 0;
    if (empty)
      r.warnings.push_back(fmt::format("分组 {}（{}）没有企业 / cohort {} has no enterprise", co.id, co.label, co.id));
    if (previous_members && (*previous_members)[ci] == 0)
      r.warnings.push_back(fmt::format("分组 {} 在 {} 年没有企业，上一年均值基准无法形成 / cohort {} has no enterprise "
                                       "in {}: no previous-year mean", co.id, year - 1, co.id, year - 1));
    for (std::size_t j = 0; j < co.indicators.size(); ++j)
      if (!usable[ci][j] && !empty) {
        const std::string& id = s.indicators[co.indicators[j]].id;
        r.warnings.push_back(fmt::format(
            "分组 {} 的指标 {} 无法形成基准值（无数据或不大于 0），该项按 0 分计 / cohort {}: no usable benchmark for {} "
            "(no data or ≤ 0); the indicator scores 0", co.id, id, co.id, id));
      }
  }
}

}  // namespace

bool certificate_valid_in(const Certificate& c, int year) {
  const std::string y = fmt::format("{:04d}", year);
  if (!c.issued.empty() && c.issued > y + "-12-31") return false;
  if (!c.expires.empty() && c.expires < y + "-01-01") return false;
  return true;
}

namespace {
void evaluate_into(const Scheme& s, const Frame& f, const Frame* previous, EvaluationResult& r) {
  const bool needs_previous = s.needs_previous_year();
  if (needs_previous && !previous)
    throw EvaluationError(fmt::format(
        "评价办法 {} 以上一年均值为基准（previous_mean），需要 {} 年的数据 / scheme {} uses previous-year means: the "
        "year {} snapshot is needed", s.id, f.year - 1, s.id, f.year - 1));
  const std::size_t n = f.size();
  if (n >= (std::size_t{1} << 31))
    throw EvaluationError(fmt::format("快照有 {} 家企业，超过 2³¹ − 1 家的上限 / the snapshot holds {} enterprises, more "
                                      "than the limit of 2^31 − 1", n, n));
  const std::size_t C = s.cohorts.size();
  // The previous result's storage is reused: its columns keep their capacity, and its scoring detail
  // (values and the engine's buffers) when no copy of the result shares it.
  std::shared_ptr<ScoringDetail> detail;
  if (r.scoring && r.scoring.use_count() == 1) detail = std::const_pointer_cast<ScoringDetail>(r.scoring);
  else detail = std::make_shared<ScoringDetail>();
  r.scoring.reset();
  r.value.detail = nullptr;
  r.points.detail = nullptr;
  r.treatment.detail = nullptr;
  r.year = f.year;
  r.n = n;
  r.cohorts.assign(C, CohortOutcome{});
  r.warnings.clear();

  Membership m;  // phases 1 and 2
  m.land_mu = std::move(r.land_mu);
  m.cohort = std::move(r.cohort);
  m.special = std::move(r.special);
  assign_membership(s, f, m);
  CohortStatsTable stats, previous_stats;
  indicator_columns(s, f, m, detail->value, stats);
  Membership pm;
  if (needs_previous) {
    std::vector<LargeVector<double>> previous_value;
    assign_membership(s, *previous, pm);
    indicator_columns(s, *previous, pm, previous_value, previous_stats);
  }
  const Usable usable = form_benchmarks(s, stats, needs_previous ? &previous_stats : nullptr, r);  // phase 3
  scoring_rules(s, usable, r, detail.get());
  tbb::parallel_for(std::size_t{0}, s.indicators.size(), [&](std::size_t k) {  // phase 4
    if (s.indicators[k].missing == MissingRule::CohortAverage) average_points(s, k, m, *detail, r);
  });
  LargeVector<char>& forced = detail->forced;
  total_and_adjust(s, f, m, *detail, r, forced);  // phase 5

  // Phase 6: the cohorts' members in Frame order, one span of r.order per cohort (a stable counting sort
  // by cohort; start[c] is where cohort c's span begins).
  const std::vector<std::size_t> start = counting_sort(
      n, C, chunk_count(n),
      [&](std::size_t i) { return m.cohort[i] >= 0 ? static_cast<std::size_t>(m.cohort[i]) : kNoBucket; },
      [&](std::size_t total) { size_column(r.order, total); }, [&](std::size_t i, std::size_t q) { r.order[q] = i; });
  LargeVector<std::uint32_t>& town = detail->town;
  std::uint32_t towns = 0;
  for (const auto& co : s.cohorts)
    if (co.classification.pool == Classification::Pool::Township) {
      towns = township_ids(f.township, town);
      break;
    }
  fill_column(r.rank, n, 0);
  fill_column(r.klass, n, char{0});
  fill_column(r.class_rule, n, ClassRule::None);
  detail->buffers.resize(C);
  tbb::parallel_for(std::size_t{0}, C, [&](std::size_t c) {
    classify_cohort(s, f, c, std::span<std::size_t>(r.order).subspan(start[c], start[c + 1] - start[c]), m, forced, town,
                    towns, detail->buffers[c], r);
  });
  add_warnings(s, f.year, usable, needs_previous ? &pm.members : nullptr, r);
  r.land_mu = std::move(m.land_mu);
  detail->cohort.assign(m.cohort.begin(), m.cohort.end());
  r.cohort = std::move(m.cohort);
  r.special = std::move(m.special);
  r.scoring = detail;
  r.value.detail = r.points.detail = r.treatment.detail = detail.get();
}

}  // namespace

void evaluate(const Scheme& s, const Frame& f, const Frame* previous, EvaluationResult& r) {
  try {
    evaluate_into(s, f, previous, r);
  } catch (...) {
    r = EvaluationResult{};  // never half-made: an empty result (n = 0, no columns)
    throw;
  }
}

EvaluationResult evaluate(const Scheme& s, const Frame& f, const Frame* previous) {
  EvaluationResult r;
  evaluate(s, f, previous, r);
  // A one-shot result keeps none of the engine's buffers (≈ 50 MB at 1,000,000 enterprises): their
  // blocks go back to domain/large_alloc.h's reuse list for the next evaluation.
  auto d = std::const_pointer_cast<ScoringDetail>(r.scoring);
  LargeVector<char>().swap(d->forced);
  LargeVector<std::uint32_t>().swap(d->town);
  std::vector<CohortBuffers>().swap(d->buffers);
  return r;
}

}  // namespace mujun::evaluation
