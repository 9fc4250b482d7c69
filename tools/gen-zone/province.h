// gen-zone --enterprises N: a province-scale synthetic data set for benchmarks (not calibrated).
#pragma once
#include <cstdint>
#include <string>

namespace genzone {

struct ProvinceOptions {
  uint64_t seed = 20240101;
  int64_t enterprises = 100000;
  int townships = 200;
  bool xlsx = false;   ///< false: CSV (statistics/registry/land UTF-8, tax GBK); true: XLSX in constant-memory mode
  std::string out;     ///< existing directory
};

/// Streams registry, statistics-2024, tax-2024 and land-parcels files for `enterprises` firms into `out`:
/// heavy-tailed output (Pareto, α = 1.16, ≥ 50 万元) and tax, land 1–2000 亩 (log-uniform) in 1–4 parcels,
/// about 3 % missing R&D ("—") and 1 % missing tax (empty). Memory does not grow with N.
/// Returns the number of parcel rows written. Throws std::runtime_error on a write failure.
int64_t write_province(const ProvinceOptions& opt);

}  // namespace genzone
