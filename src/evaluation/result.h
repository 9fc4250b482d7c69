// mujun — the result of evaluating one scheme over one year's Frame.
//
// Column-oriented (one vector per quantity, indexed by the Frame's enterprise index i) so a million
// enterprises need no per-enterprise allocation. NaN marks "no value" (missing indicator, or an
// indicator not weighted in the enterprise's cohort). Units: indicator values in each indicator's
// unit (Indicator::unit), land in 亩, points and totals in 分.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "domain/large_alloc.h"
#include "evaluation/classify.h"

namespace mujun::evaluation {

/// How an indicator's points were obtained for one enterprise.
enum class Treatment : std::uint8_t {
  NotApplicable,  ///< not weighted in the enterprise's cohort (or no cohort)
  Scored,         ///< value present, scored against the benchmark
  MissingZero,    ///< value missing → 0 points (missing = "zero")
  MissingAverage, ///< value missing → the cohort's average points (missing = "cohort_average")
  MissingReweighted,  ///< value missing → left out, other indicators re-weighted (missing = "reweight")
  NoBenchmark,    ///< the cohort's benchmark could not be formed (no data, ≤ 0) → 0 points
};

/// Per cohort: the benchmark actually used for each weighted indicator and the class counts.
struct CohortOutcome {
  int members = 0;  ///< enterprises in the cohort (including class T and vetoed)
  int pool = 0;     ///< quota pool N: members − special − vetoed
  int special = 0;  ///< class T (免评 / 暂缓)
  int vetoed = 0;   ///< forced by a veto
  std::array<int, 4> seats{};  ///< quota seats A..D for N (before ties; summed over the townships when the
                               ///< cohort pools by township), or threshold counts
  std::array<int, 5> counts{}; ///< final counts A, B, C, D, T
  /// Parallel to Cohort::indicators. `benchmark` is B for ratio methods (NaN when unusable);
  /// `low`/`high` the min and max used by min–max; `average_points` the cohort average points used
  /// for missing = "cohort_average" (NaN when nobody has the value, and for indicators with another
  /// missing rule: formed only where it is used).
  std::vector<double> benchmark, low, high, average_points;
  /// Σ numerator / Σ denominator and counts behind a mean benchmark (for the explanation).
  std::vector<int> benchmark_firms;
};

struct ScoringDetail;  // evaluation/scoring.h

/// value[k][i]: indicator k's value of enterprise i (the indicator's unit; NaN = missing), stored.
class ValueColumns {
 public:
  std::span<const double> operator[](std::size_t k) const;
  std::size_t size() const;  ///< number of indicators
  const ScoringDetail* detail = nullptr;  ///< EvaluationResult::scoring
};

/// points[k][i] (分; NaN when not weighted in the enterprise's cohort) and treatment[k][i], computed
/// when read from the values, the cohort and the benchmarks (evaluation/scoring.h): no column of
/// points or treatments is written per evaluation. Each element read costs one indicator's scoring
/// (and, under missing = "reweight", a look at the firm's other values).
class PointColumn {
 public:
  double operator[](std::size_t i) const;
  std::size_t size() const;
  std::vector<double> to_vector() const;  ///< every enterprise's points (tests, bulk export)
  const ScoringDetail* detail = nullptr;
  std::size_t k = 0;
};
class TreatmentColumn {
 public:
  Treatment operator[](std::size_t i) const;
  std::size_t size() const;
  std::vector<Treatment> to_vector() const;
  const ScoringDetail* detail = nullptr;
  std::size_t k = 0;
};
class PointColumns {
 public:
  PointColumn operator[](std::size_t k) const { return PointColumn{detail, k}; }
  std::size_t size() const;  ///< number of indicators
  const ScoringDetail* detail = nullptr;  ///< EvaluationResult::scoring
};
class TreatmentColumns {
 public:
  TreatmentColumn operator[](std::size_t k) const { return TreatmentColumn{detail, k}; }
  std::size_t size() const;
  const ScoringDetail* detail = nullptr;  ///< EvaluationResult::scoring
};

struct EvaluationResult {
  int year = 0;
  std::size_t n = 0;                  ///< enterprises in the Frame
  LargeVector<double> land_mu;        ///< per the scheme's land rule, 亩; NaN when no parcel
  LargeVector<int> cohort;            ///< index into Scheme::cohorts, −1 = not in any cohort
  LargeVector<int> special;           ///< index into Scheme::specials, −1 = none
  ValueColumns value;                 ///< [indicator][i]
  PointColumns points;                ///< [indicator][i], computed when read
  TreatmentColumns treatment;         ///< [indicator][i], computed when read
  LargeVector<double> indicator_total;  ///< Σ points (after re-weighting), 分
  LargeVector<double> adjustment_total; ///< bonus − penalty, 分
  LargeVector<double> total;            ///< indicator_total + adjustment_total, 分
  LargeVector<std::uint64_t> adjustments;  ///< bit a set when Scheme::adjustments[a] applied
  LargeVector<int> rank;                ///< 1-based competition rank among the cohort's members; 0 none
  LargeVector<char> klass;              ///< 'A' 'B' 'C' 'D' 'T', or 0 when not evaluated
  LargeVector<ClassRule> class_rule;
  std::vector<CohortOutcome> cohorts;   ///< parallel to Scheme::cohorts
  LargeVector<std::size_t> order;       ///< display order: cohort, then total desc, then USCC asc
  std::vector<std::string> warnings;    ///< Chinese-first notes (empty cohort, unusable benchmark …)
  /// What value, points and treatment read (shared by copies of the result; also holds the engine's
  /// reusable buffers, see engine.h evaluate(…, into)).
  std::shared_ptr<const ScoringDetail> scoring;
};

}  // namespace mujun::evaluation
