// mujun — cohort statistics, benchmarks (基准值) and the points of one indicator.
//
// Scoring rules (evaluation-methods.md §3):
//   ratio methods (fixed, mean, previous_mean, max): r = x / B when higher is better; when lower is
//     better r = max(0, 2 − x / B) (fsou.net scheme, §3.3), or B / x for "max" (B = the cohort min);
//     r is then limited to [floor, cap] when the scheme sets them; points = r × w.
//     (黄岩 2022/2023 《工业企业综合评价得分计算说明》: 亩均税收÷24.097×30 …; 淮安 2024: B = 2 × the
//     previous-year mean.)
//   minmax (旌德): points = w × [floor + (100 − floor) × (x − min)/(max − min)] / 100 (floor = 20 %
//     by default; (max − x) when lower is better; every firm gets w when max = min).
#pragma once
#include <algorithm>
#include <cmath>
#include <vector>

#include "evaluation/scheme.h"

namespace mujun::evaluation {

/// Sums and extremes of one indicator over a cohort's benchmark population (firms with a value).
struct CohortStats {
  double sum_numerator = 0, sum_denominator = 0, sum_value = 0;
  double min = 0, max = 0;
  int count = 0;
  /// Adds a firm's finite value `x` (and, for ratio indicators, its numerator and denominator).
  void add(double x, double numerator, double denominator) {
    if (count == 0) { min = x; max = x; }
    min = std::min(min, x);
    max = std::max(max, x);
    sum_value += x;
    if (std::isfinite(numerator) && std::isfinite(denominator)) {
      sum_numerator += numerator;
      sum_denominator += denominator;
    }
    ++count;
  }
  /// Σ numerator / Σ denominator, or the mean of values; NaN when there is no data or Σ den ≤ 0.
  double mean(MeanKind of) const;
};

/// The benchmark value of `b` for an indicator of direction `d`: the constant, k × mean of `current`
/// (Mean) or of `previous` (PreviousMean), the max (min when lower is better) of `current` (Max).
/// NaN when it cannot be formed (no data) — the caller then scores the indicator as NoBenchmark.
/// Not used for MinMax.
double benchmark_value(const Benchmark& b, Direction d, const CohortStats& current, const CohortStats& previous);

/// Points of value `x` (finite) with weight `w` (rules above). `bench` is the benchmark value for
/// ratio methods; `low`/`high` the cohort min and max for MinMax.
/// Inline: the engine calls it once per enterprise and indicator.
inline double indicator_points(const Indicator& ind, const Benchmark& b, double x, double w, double bench, double low,
                               double high) {
  const bool higher = ind.direction == Direction::Higher;
  if (b.method == BenchmarkMethod::MinMax) {
    double f = 1.0;
    if (high > low) f = higher ? (x - low) / (high - low) : (high - x) / (high - low);
    f = std::clamp(f, 0.0, 1.0);
    return w * (b.floor_percent + (100.0 - b.floor_percent) * f) / 100.0;
  }
  double r;
  if (higher) r = x / bench;
  else if (b.method == BenchmarkMethod::Max) r = x <= bench ? 1.0 : bench / x;
  else r = std::max(0.0, 2.0 - x / bench);
  if (ind.cap) r = std::min(r, *ind.cap);
  if (ind.floor) r = std::max(r, *ind.floor);
  return r * w;
}

}  // namespace mujun::evaluation
