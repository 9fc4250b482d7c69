// mujun — the per-enterprise columns the engine starts from (engine internals, evaluation/engine.cpp):
// land_mu, cohort and special category of every enterprise, then every indicator's value with the
// statistics of each cohort's benchmark population, in one pass per indicator.
//
// Plain-ratio indicators (formula.h PlainRatio: "x / y", the scheme's numerator/denominator form) are
// read straight from the Frame's micro-unit columns, with the arithmetic of formula.h (x / y, NaN when
// not finite); other formulas go through muParser. Work is spread over the machine's cores with oneTBB
// (ranges of enterprises; one task per indicator); every sum is still taken in Frame order, so the
// result does not depend on the number of threads.
#pragma once
#include <vector>

#include "domain/frame.h"
#include "domain/large_alloc.h"
#include "evaluation/benchmark.h"
#include "evaluation/scheme.h"

namespace mujun::evaluation {

/// Who is evaluated where, for every enterprise i of a Frame.
struct Membership {
  LargeVector<double> land_mu;  ///< per the scheme's land rule, 亩; NaN when no parcel (cohort.h land_mu_column)
  LargeVector<int> cohort;      ///< first matching cohort (cohort.h cohort_of), −1 none
  LargeVector<int> special;     ///< first matching special category of a cohort member (special_of), −1 none
  std::vector<int> members;     ///< per cohort: number of enterprises in it
};

/// Fills `m` for `f` under `s`.
void assign_membership(const Scheme& s, const Frame& f, Membership& m);

/// stats[k][c]: sums and extremes of indicator k over the members of cohort c that are not special
/// and have a value, added in Frame order (what the benchmarks of benchmark.h are formed from). Only
/// cohorts that weight k are filled; numerator and denominator are summed only for indicators given
/// as numerator/denominator that some cohort benchmarks as a ratio-of-sums mean.
using CohortStatsTable = std::vector<std::vector<CohortStats>>;

/// value[k][i] for every indicator k (the indicator's unit; NaN = missing) and the statistics above.
void indicator_columns(const Scheme& s, const Frame& f, const Membership& m, std::vector<LargeVector<double>>& value,
                       CohortStatsTable& stats);

}  // namespace mujun::evaluation
