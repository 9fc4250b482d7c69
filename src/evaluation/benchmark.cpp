#include "evaluation/benchmark.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mujun::evaluation {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

void CohortStats::add(double x, double num, double den) {
  if (count == 0) { min = x; max = x; }
  min = std::min(min, x);
  max = std::max(max, x);
  sum_value += x;
  if (std::isfinite(num) && std::isfinite(den)) { sum_numerator += num; sum_denominator += den; }
  ++count;
}

double CohortStats::mean(MeanKind of) const {
  if (count == 0) return kNaN;
  if (of == MeanKind::MeanOfRatios) return sum_value / count;
  return sum_denominator > 0 ? sum_numerator / sum_denominator : kNaN;
}

double benchmark_value(const Benchmark& b, Direction d, const CohortStats& cur, const CohortStats& prev) {
  switch (b.method) {
    case BenchmarkMethod::Fixed: return b.value;
    case BenchmarkMethod::Mean: return b.k * cur.mean(b.of);
    case BenchmarkMethod::PreviousMean: return b.k * prev.mean(b.of);
    case BenchmarkMethod::Max:
      if (cur.count == 0) return kNaN;
      return d == Direction::Higher ? cur.max : cur.min;
    case BenchmarkMethod::MinMax: return kNaN;
  }
  return kNaN;
}

double indicator_points(const Indicator& ind, const Benchmark& b, double x, double w, double bench, double low,
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
