#include "evaluation/aggregate.h"

#include <cmath>
#include <limits>

namespace mujun::evaluation {

double RatioOfSums::value() const {
  return firms > 0 && denominator > 0 ? numerator / denominator : std::numeric_limits<double>::quiet_NaN();
}

RatioOfSums ratio_of_sums(std::span<const double> num, std::span<const double> den,
                          const std::vector<std::size_t>& firms) {
  RatioOfSums r;
  auto add = [&](std::size_t i) {
    if (std::isfinite(num[i]) && std::isfinite(den[i])) { r.numerator += num[i]; r.denominator += den[i]; ++r.firms; }
  };
  if (firms.empty()) for (std::size_t i = 0; i < num.size(); ++i) add(i);
  else for (std::size_t i : firms) add(i);
  return r;
}

RatioOfSums per_mu(const Frame& f, const std::string& metric, std::span<const double> land_mu,
                   const std::vector<std::size_t>& firms) {
  std::vector<double> num(f.size(), std::numeric_limits<double>::quiet_NaN());
  if (const Column* c = f.metric(metric))
    for (std::size_t i = 0; i < f.size(); ++i)
      if (auto v = c->get(i)) num[i] = *v;
  return ratio_of_sums(num, land_mu, firms);
}

}  // namespace mujun::evaluation
