// gen-zone — exact integer splitting of a calibrated total.
#pragma once
#include <cstdint>
#include <vector>

namespace genzone {

/// Splits `total` (any integer unit: 千元, 分, 0.01 m² …) into parts proportional to `weights`, each part at least
/// its entry of `minimums` (empty = all 0). The parts sum to `total` exactly (largest-remainder rounding, ties to
/// the lower index), so calibration holds by construction. Throws std::invalid_argument when
/// Σminimums > total, a weight is negative, all weights are 0 or the vector sizes differ.
std::vector<int64_t> split_exact(int64_t total, const std::vector<int64_t>& weights,
                                 const std::vector<int64_t>& minimums = {});

}  // namespace genzone
