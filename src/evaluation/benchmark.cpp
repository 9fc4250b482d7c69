#include "evaluation/benchmark.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mujun::evaluation {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
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

}  // namespace mujun::evaluation
