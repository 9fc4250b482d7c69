#include "evaluation/cohort_order.h"

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <functional>
#include <string_view>

#include "evaluation/classify.h"
#include "evaluation/large_columns.h"

namespace mujun::evaluation {

namespace {
/// Names → dense ids by open addressing. Names of up to 16 bytes (township codes, most 镇街 names)
/// are compared and hashed as two machine words instead of through memcmp.
class Dictionary {
 public:
  std::uint32_t id(std::string_view t) {
    const Key k = key_of(t);
    std::size_t h = k.hash & mask_;
    while (slot_[h]) {
      const std::uint32_t x = slot_[h] - 1;
      if (keys_[x].same(k) && (t.size() <= 16 || names_[x] == t)) return x;
      h = (h + 1) & mask_;
    }
    const auto x = static_cast<std::uint32_t>(names_.size());
    names_.push_back(t);
    keys_.push_back(k);
    if (names_.size() * 4 > slot_.size()) grow();  // at most a quarter full: short probe chains
    else slot_[h] = x + 1;
    return x;
  }
  const std::vector<std::string_view>& names() const { return names_; }

 private:
  struct Key {
    std::uint64_t a = 0, b = 0, hash = 0;
    std::size_t size = 0;
    bool same(const Key& o) const { return size == o.size && a == o.a && b == o.b; }
  };
  static Key key_of(std::string_view t) {
    Key k;
    k.size = t.size();
    if (t.size() <= 16) {
      // Two words that cover every byte (overlapping when shorter than 16; with the size compared too,
      // equal keys ↔ equal names), read with fixed-size loads instead of a memcpy of variable length.
      const char* p = t.data();
      const std::size_t n = t.size();
      if (n >= 8) {
        std::memcpy(&k.a, p, 8);
        if (n > 8) std::memcpy(&k.b, p + n - 8, 8);
      } else if (n >= 4) {
        std::uint32_t lo, hi;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + n - 4, 4);
        k.a = lo | static_cast<std::uint64_t>(hi) << 32;
      } else if (n > 0) {
        k.a = static_cast<unsigned char>(p[0]) | static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
              static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
      }
      // Every input bit reaches the low bits the table is indexed by (splitmix64's finaliser): names
      // that differ only in their last bytes ("镇001", "镇002": the leading UTF-8 bytes are equal, the
      // digits sit in bits 24–47) must not share a slot chain. Ids are given in first-seen order, so
      // the hash decides only the speed.
      std::uint64_t h = k.a ^ (k.b * 0x9E3779B97F4A7C15ull) ^ (static_cast<std::uint64_t>(k.size) << 59);
      h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
      h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
      k.hash = h ^ (h >> 31);
    } else {
      k.hash = std::hash<std::string_view>{}(t);
    }
    return k;
  }
  void grow() {
    slot_.assign(slot_.size() * 2, 0);
    mask_ = slot_.size() - 1;
    for (std::uint32_t x = 0; x < names_.size(); ++x) {
      std::size_t h = keys_[x].hash & mask_;
      while (slot_[h]) h = (h + 1) & mask_;
      slot_[h] = x + 1;
    }
  }
  std::vector<std::string_view> names_;
  std::vector<Key> keys_;
  std::vector<std::uint32_t> slot_ = std::vector<std::uint32_t>(64, 0);  // id + 1; 0 = empty
  std::size_t mask_ = 63;
};
}  // namespace

std::uint32_t township_ids(std::span<const std::string> township, LargeVector<std::uint32_t>& ids) {
  // Each block of enterprises gets local ids from its own dictionary (in parallel); the blocks'
  // names are then given global ids in block order and the local ids rewritten.
  constexpr std::size_t kBlock = 65536;
  const std::size_t n = township.size();
  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  size_column(ids, n);
  std::vector<Dictionary> local(blocks);
  tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) {
    for (std::size_t i = b * kBlock; i < std::min(n, (b + 1) * kBlock); ++i) ids[i] = local[b].id(township[i]);
  });
  Dictionary global;
  std::vector<std::vector<std::uint32_t>> to_global(blocks);
  for (std::size_t b = 0; b < blocks; ++b)
    for (std::string_view t : local[b].names()) to_global[b].push_back(global.id(t));
  tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) {
    for (std::size_t i = b * kBlock; i < std::min(n, (b + 1) * kBlock); ++i) ids[i] = to_global[b][ids[i]];
  });
  return static_cast<std::uint32_t>(global.names().size());
}

void sort_by_total_radix(LargeVector<RankedFirm>& firms, LargeVector<RankedFirm>& scratch) {
  const std::size_t m = firms.size();
  if (m < 2) return;
  // Large inputs are counted and placed in parallel chunks (counting_sort): stable, the same output.
  const std::size_t chunks = chunk_count(m);
  const std::size_t per = (m + chunks - 1) / chunks;
  // The bits in which some key differs from the first: only they are sorted on (a digit equal for all
  // firms would leave the order as it is).
  std::vector<std::uint64_t> differs(chunks, 0);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t ch) {
    std::uint64_t d = 0;
    const std::uint64_t first = firms[0].order;
    for (std::size_t p = ch * per; p < std::min(m, (ch + 1) * per); ++p) d |= firms[p].order ^ first;
    differs[ch] = d;
  });
  std::uint64_t diff = 0;
  for (std::uint64_t d : differs) diff |= d;
  if (diff == 0) return;  // all keys equal: already in order
  const int low = std::countr_zero(diff), width = 64 - std::countl_zero(diff) - low;
  // Digits of at most 11 bits, or two of up to 14 when the keys differ in at most 28 bits (totals
  // to the micro-point up to 268 points: two scatters instead of three).
  const int passes = width <= 28 ? (width + 13) / 14 : (width + 10) / 11;
  const int bits = (width + passes - 1) / passes;
  const std::size_t buckets = std::size_t{1} << bits;
  size_column(scratch, m);
  RankedFirm* a = firms.data();
  RankedFirm* b = scratch.data();
  for (int d = 0; d < passes; ++d) {
    const int shift = low + d * bits;
    const std::uint64_t mask = buckets - 1;
    if (((diff >> shift) & mask) == 0) continue;  // the same digit everywhere
    counting_sort(
        m, buckets, chunks, [&](std::size_t p) { return static_cast<std::size_t>((a[p].order >> shift) & mask); },
        [](std::size_t) {}, [&](std::size_t p, std::size_t q) { b[q] = a[p]; });
    std::swap(a, b);
  }
  if (a != firms.data()) firms.swap(scratch);
}

std::vector<std::size_t> run_chunks(std::span<const RankedFirm> firms) {
  const std::size_t m = firms.size();
  const std::size_t chunks = chunk_count(m);
  std::vector<std::size_t> bounds{0};
  for (std::size_t ch = 1; ch < chunks; ++ch) {
    std::size_t b = std::max(bounds.back(), ch * ((m + chunks - 1) / chunks));
    while (b < m && b > 0 && firms[b].order == firms[b - 1].order) ++b;  // to the start of the next run
    if (b > bounds.back() && b < m) bounds.push_back(b);
  }
  bounds.push_back(m);
  return bounds;
}

namespace {
/// sort_ties_by_uscc over firms[lo, hi), which begins and ends on run boundaries.
void sort_ties_in(std::span<RankedFirm> firms, std::size_t lo, std::size_t hi, std::span<const std::string> uscc) {
  for (std::size_t p = lo; p < hi;) {
    std::size_t q = p + 1;
    while (q < hi && firms[q].order == firms[p].order) ++q;
    if (q - p > 16) {
      std::stable_sort(firms.begin() + p, firms.begin() + q,
                       [&](const RankedFirm& a, const RankedFirm& b) { return uscc[a.index] < uscc[b.index]; });
    } else if (q - p > 1) {  // short runs: a stable insertion sort (no buffer allocated per run)
      for (std::size_t x = p + 1; x < q; ++x) {
        const RankedFirm f = firms[x];
        std::size_t y = x;
        for (; y > p && uscc[f.index] < uscc[firms[y - 1].index]; --y) firms[y] = firms[y - 1];
        firms[y] = f;
      }
    }
    p = q;
  }
}
}  // namespace

void sort_ties_by_uscc(std::span<RankedFirm> firms, std::span<const std::string> uscc) {
  const std::vector<std::size_t> bounds = run_chunks(firms);
  tbb::parallel_for(std::size_t{0}, bounds.size() - 1,
                    [&](std::size_t ch) { sort_ties_in(firms, bounds[ch], bounds[ch + 1], uscc); });
}

void split_pool(std::span<const RankedFirm> firms, std::uint32_t towns, LargeVector<std::uint32_t>& members,
                LargeVector<std::int64_t>& keys, std::vector<std::size_t>& bounds) {
  // A stable counting sort by township of the firms in the pool. Chunks only when the townships are few
  // beside the firms: each chunk counts into one slot per township (a township column unique per firm
  // would otherwise take 16 × T counters).
  constexpr std::uint32_t kTown = ~RankedFirm::kInPool;
  const std::size_t m = firms.size(), T = towns;
  bounds = counting_sort(
      m, T, T * 64 <= m ? chunk_count(m) : 1,
      [&](std::size_t p) {
        return firms[p].town_pool & RankedFirm::kInPool ? std::size_t{firms[p].town_pool & kTown} : kNoBucket;
      },
      [&](std::size_t total) {
        size_column(members, total);
        size_column(keys, total);
      },
      [&](std::size_t p, std::size_t q) {
        members[q] = firms[p].index;
        keys[q] = total_key_of(firms[p].order);
      });
}

}  // namespace mujun::evaluation
