// mujun — what an indicator's points and treatment are computed from, kept by the result so that
// points and treatments are computed when they are read (result.h PointColumns, TreatmentColumns)
// instead of being written for every enterprise on every evaluation (engine internals).
//
// points(k, i) = base points of indicator k for enterprise i (benchmark.h indicator_points on its
// value, or the missing-data rule, or 0 without a usable benchmark) × the enterprise's re-weighting
// factor W / (W − w_missing) when an indicator of its cohort is missing under missing = "reweight".
// The engine's totals pass uses the same inline functions, so a point read later is bit for bit the
// point that went into the total.
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "evaluation/benchmark.h"
#include "evaluation/cohort_order.h"
#include "evaluation/result.h"
#include "evaluation/scheme.h"

namespace mujun::evaluation {

/// Scoring rule of one weighted indicator in one cohort, with the benchmark formed for this run.
struct ScoringRule {
  int k = -1;            ///< indicator index into ScoringDetail::indicators
  double w = 0;          ///< weight (分)
  double bench = 0;      ///< benchmark value (ratio methods)
  double low = 0, high = 0;  ///< cohort min and max (min–max)
  double average = 0;    ///< points given for missing = "cohort_average" (0 when nobody scored)
  bool usable = false;   ///< false → NoBenchmark (0 points)
};

/// Buffers of the engine's classification phase for one cohort, kept for the next evaluation into the
/// same result (engine.h evaluate(…, into)); their contents are not part of the result.
struct CohortBuffers {
  LargeVector<RankedFirm> firms, scratch;
  LargeVector<std::uint32_t> pool;
  LargeVector<std::int64_t> keys;
  std::vector<std::size_t> bounds;
};

/// Everything points and treatments are computed from. Immutable once evaluate() returns (shared by
/// copies of the result), except by a later evaluate(…, into) of a result that is its only owner.
struct ScoringDetail {
  std::size_t n = 0;                        ///< enterprises
  std::vector<Indicator> indicators;        ///< the scheme's
  std::vector<std::vector<Benchmark>> benchmarks;  ///< per cohort, parallel to `rules`
  std::vector<std::vector<ScoringRule>> rules;     ///< per cohort, parallel to Cohort::indicators
  std::vector<std::vector<int>> position;   ///< position[c][k]: j of indicator k in cohort c, −1 none
  std::vector<double> weight_total;         ///< per cohort W
  std::vector<LargeVector<double>> value;   ///< value[k][i], the indicator's unit, NaN = missing
  LargeVector<int> cohort;                  ///< cohort of every enterprise, −1 none
  // The engine's reusable buffers (not read by points_of / treatment_of).
  LargeVector<char> forced;                 ///< class forced by a veto, per enterprise
  LargeVector<std::uint32_t> town;          ///< township id per enterprise (cohort_order.h township_ids)
  std::vector<CohortBuffers> buffers;       ///< per cohort
};

/// Base points (before re-weighting) and treatment of a firm whose value of the rule's indicator is `v`.
inline double base_points(const ScoringRule& ru, const Indicator& ind, const Benchmark& b, double v, Treatment& t) {
  if (std::isnan(v)) {
    switch (ind.missing) {
      case MissingRule::Zero: t = Treatment::MissingZero; return 0;
      case MissingRule::CohortAverage: t = Treatment::MissingAverage; return ru.average;
      case MissingRule::Reweight: t = Treatment::MissingReweighted; return 0;
    }
  }
  if (!ru.usable) { t = Treatment::NoBenchmark; return 0; }
  t = Treatment::Scored;
  return indicator_points(ind, b, v, ru.w, ru.bench, ru.low, ru.high);
}

/// W / (W − w_missing) for a firm of cohort c with `missing_w` weight missing under "reweight"; 1
/// when none is (0 when everything is).
inline double reweight_factor(double W, double missing_w) {
  return missing_w > 0 ? (W > missing_w ? W / (W - missing_w) : 0.0) : 1.0;
}

/// Points and treatment of indicator k for enterprise i (NaN / NotApplicable outside the cohorts
/// that weight k). Out of line: read per enterprise by explanations, workbooks and the JSON.
double points_of(const ScoringDetail& d, std::size_t k, std::size_t i);
Treatment treatment_of(const ScoringDetail& d, std::size_t k, std::size_t i);

}  // namespace mujun::evaluation
