// mujun — group per-mu figures as ratios of sums (DESIGN.md principle 4: Σtax / Σland, never the
// mean of the firms' ratios).
#pragma once
#include <span>
#include <vector>

#include "domain/frame.h"

namespace mujun::evaluation {

/// A group figure: Σ numerator / Σ denominator over the firms having both (finite) values.
struct RatioOfSums {
  double numerator = 0, denominator = 0;
  int firms = 0;
  /// NaN when no firm has both values or Σ denominator ≤ 0.
  double value() const;
};

/// Ratio of sums of two parallel columns (NaN = missing), over `firms` (all rows when empty).
RatioOfSums ratio_of_sums(std::span<const double> numerator, std::span<const double> denominator,
                          const std::vector<std::size_t>& firms = {});

/// Σ metric / Σ land_mu (万元/亩 for money metrics) over `firms`; `land_mu` per firm in 亩 (NaN = none).
RatioOfSums per_mu(const Frame& f, const std::string& metric, std::span<const double> land_mu,
                   const std::vector<std::size_t>& firms = {});

}  // namespace mujun::evaluation
