// Kernels' input: an in-memory Frame shaped like tools/gen-zone --enterprises N (province mode):
// 200 townships, Pareto (α = 1.16) gross output from 50 万元, land 1–2000 亩 log-uniform, about 8 %
// leased-only firms, 3 in 10 without R&D, 1 in 10 without tax. Deterministic (fixed seed).
#pragma once
#include <cmath>
#include <random>
#include <string>

#include <fmt/format.h>

#include "domain/frame.h"

namespace mujun::bench {

inline Frame synthetic_frame(std::size_t n) {
  std::mt19937_64 rng(20240101);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Frame f;
  f.year = 2024;
  const char* metrics[] = {"gross_output", "main_revenue", "value_added", "rd_expense", "energy_tce", "employees_avg", "tax_paid"};
  for (const char* m : metrics) f.metrics[m];  // columns exist from the start (add_enterprise extends them)
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t k = f.add_enterprise(fmt::format("91500110MA{:08d}", i), "企业");
    f.township[k] = fmt::format("镇{:03d}", static_cast<int>(u(rng) * 200));
    const double out = std::min(5e6, 50.0 / std::pow(1.0 - u(rng), 1.0 / 1.16));  // 万元
    const double main_rev = out * (0.93 + 0.09 * u(rng));
    f.above_scale[k] = main_rev >= 2000 ? 1 : 0;
    const double mu = std::exp(u(rng) * std::log(2000.0));
    const std::int64_t m2 = static_cast<std::int64_t>(mu * 10000.0 / 15.0 * 1e6);
    if (u(rng) < 0.08) f.land_leased_m2.micros[k] = m2;
    else f.land_owned_m2.micros[k] = m2;
    auto set = [&](const char* id, double v) { f.metrics[id].micros[k] = static_cast<std::int64_t>(v * 1e6); };
    set("gross_output", out);
    set("main_revenue", main_rev);
    set("value_added", out * (0.18 + 0.24 * u(rng)));
    if (u(rng) >= 0.3) set("rd_expense", main_rev * 0.05 * u(rng));
    set("energy_tce", out * 10 * (0.1 + 3.9 * u(rng)));
    set("employees_avg", std::max(3.0, std::floor(out * 10 / (800 + 1700 * u(rng)))));
    if (u(rng) >= 0.1) set("tax_paid", out * (0.003 + 0.057 * u(rng)));
  }
  return f;
}

}  // namespace mujun::bench
