#include "split.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace genzone {

std::vector<int64_t> split_exact(int64_t total, const std::vector<int64_t>& weights,
                                 const std::vector<int64_t>& minimums) {
  const size_t n = weights.size();
  if (n == 0) throw std::invalid_argument("split_exact: no parts");
  if (!minimums.empty() && minimums.size() != n) throw std::invalid_argument("split_exact: size mismatch");
  std::vector<int64_t> part(n, 0);
  int64_t rest = total;
  for (size_t i = 0; i < n; ++i) {
    if (weights[i] < 0) throw std::invalid_argument("split_exact: negative weight");
    if (!minimums.empty()) { part[i] = minimums[i]; rest -= minimums[i]; }
  }
  if (rest < 0) throw std::invalid_argument("split_exact: minimums exceed the total");
  __int128 wsum = 0;
  for (auto w : weights) wsum += w;
  if (wsum == 0) throw std::invalid_argument("split_exact: all weights are zero");
  std::vector<std::pair<__int128, size_t>> frac(n);
  int64_t given = 0;
  for (size_t i = 0; i < n; ++i) {
    __int128 p = static_cast<__int128>(rest) * weights[i];
    int64_t q = static_cast<int64_t>(p / wsum);
    part[i] += q;
    given += q;
    frac[i] = {p % wsum, i};
  }
  std::stable_sort(frac.begin(), frac.end(), [](auto& a, auto& b) { return a.first > b.first; });
  for (int64_t k = 0; k < rest - given; ++k) part[frac[static_cast<size_t>(k)].second] += 1;
  return part;
}

}  // namespace genzone
