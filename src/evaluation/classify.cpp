#include "evaluation/classify.h"

#include <algorithm>
#include <cmath>

namespace mujun::evaluation {

std::array<int, 4> quota_seats(int n, const std::array<std::int64_t, 4>& s) {
  auto half_up = [n](std::int64_t share) {
    return static_cast<int>((static_cast<std::int64_t>(n) * share + 500'000) / 1'000'000);
  };
  int a = half_up(s[0]);
  int d = half_up(s[3]);
  int b = half_up(s[0] + s[1]) - a;
  b = std::clamp(b, 0, std::max(0, n - a - d));
  int c = std::max(0, n - a - b - d);
  if (a + b + c + d > n) d = n - a - b - c;  // only when a + d alone exceed n (tiny n, odd shares)
  return {a, b, c, d};
}

std::int64_t total_key(double total) { return std::llround(total * 1e6); }

std::vector<std::uint32_t> uscc_ranks(std::span<const std::string> uscc) {
  std::vector<std::uint32_t> rank(uscc.size());
  if (std::is_sorted(uscc.begin(), uscc.end())) {
    for (std::size_t i = 0; i < rank.size(); ++i) rank[i] = static_cast<std::uint32_t>(i);
    return rank;
  }
  std::vector<std::uint32_t> idx(uscc.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = static_cast<std::uint32_t>(i);
  std::stable_sort(idx.begin(), idx.end(), [&](std::uint32_t a, std::uint32_t b) { return uscc[a] < uscc[b]; });
  for (std::size_t p = 0; p < idx.size(); ++p) rank[idx[p]] = static_cast<std::uint32_t>(p);
  return rank;
}

void sort_by_total(std::vector<std::size_t>& m, std::span<const double> totals,
                   std::span<const std::uint32_t> uscc_rank) {
  struct Key {
    std::int64_t total;
    std::uint32_t uscc;
    std::uint32_t pad;
    std::size_t index;
  };
  std::vector<Key> keys(m.size());
  for (std::size_t p = 0; p < m.size(); ++p) keys[p] = Key{total_key(totals[m[p]]), uscc_rank[m[p]], 0, m[p]};
  std::sort(keys.begin(), keys.end(), [](const Key& x, const Key& y) {
    return x.total != y.total ? x.total > y.total : x.uscc < y.uscc;
  });
  for (std::size_t p = 0; p < m.size(); ++p) m[p] = keys[p].index;
}

void assign_ranks(const std::vector<std::size_t>& m, std::span<const double> totals, std::span<int> rank) {
  for (std::size_t p = 0; p < m.size(); ++p) {
    bool tie = p > 0 && total_key(totals[m[p]]) == total_key(totals[m[p - 1]]);
    rank[m[p]] = tie ? rank[m[p - 1]] : static_cast<int>(p) + 1;
  }
}

namespace {
/// classify_pool over a sorted pool of `size` firms: index(p) is the p-th firm, key(p) its total_key.
/// Adds the classes written to `counts` (A..D) when given.
template <class Index, class Key>
std::array<int, 4> classify_sorted(const Classification& c, std::size_t size, Index index, Key key,
                                   std::span<const double> totals, std::span<char> klass, std::span<ClassRule> rule,
                                   std::array<int, 4>* counts) {
  static constexpr char kClass[4] = {'A', 'B', 'C', 'D'};
  if (c.method == Classification::Method::Threshold) {
    std::array<int, 4> n{};
    for (std::size_t p = 0; p < size; ++p) {
      const std::size_t i = index(p);
      int k = 3;
      for (int t = 2; t >= 0; --t)
        if (totals[i] >= c.thresholds[t]) k = t;
      klass[i] = kClass[k];
      rule[i] = ClassRule::Threshold;
      ++n[k];
    }
    if (counts)
      for (int k = 0; k < 4; ++k) (*counts)[k] += n[k];
    return n;
  }
  auto seats = quota_seats(static_cast<int>(size), c.share_micros);
  std::array<int, 4> end{seats[0], seats[0] + seats[1], seats[0] + seats[1] + seats[2],
                         seats[0] + seats[1] + seats[2] + seats[3]};
  auto seat_class = [&](std::size_t p) {
    int k = 0;
    while (k < 3 && static_cast<int>(p) >= end[k]) ++k;
    return k;
  };
  int group_class = 0;
  std::int64_t previous_key = 0;
  for (std::size_t p = 0; p < size; ++p) {
    int own = seat_class(p);
    const std::int64_t k = key(p);
    bool tie = p > 0 && k == previous_key;
    previous_key = k;
    if (!tie) group_class = own;
    const std::size_t i = index(p);
    int cls = group_class;
    ClassRule why = group_class == own ? ClassRule::Quota : ClassRule::QuotaTie;
    if (cls == 0 && c.a_min_total && totals[i] < *c.a_min_total) {
      cls = 1;
      why = ClassRule::QuotaFloor;
    }
    klass[i] = kClass[cls];
    rule[i] = why;
    if (counts) ++(*counts)[cls];
  }
  return seats;
}
}  // namespace

std::array<int, 4> classify_pool(const Classification& c, std::span<const std::size_t> m,
                                 std::span<const double> totals, std::span<char> klass, std::span<ClassRule> rule) {
  return classify_sorted(
      c, m.size(), [&](std::size_t p) { return m[p]; }, [&](std::size_t p) { return total_key(totals[m[p]]); },
      totals, klass, rule, nullptr);
}

std::array<int, 4> classify_sorted_pool(const Classification& c, std::span<const std::uint32_t> m,
                                        std::span<const std::int64_t> keys, std::span<const double> totals,
                                        std::span<char> klass, std::span<ClassRule> rule, std::array<int, 4>& counts) {
  return classify_sorted(
      c, m.size(), [&](std::size_t p) { return std::size_t{m[p]}; }, [&](std::size_t p) { return keys[p]; }, totals,
      klass, rule, &counts);
}

}  // namespace mujun::evaluation
