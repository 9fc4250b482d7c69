// mujun — ordering a cohort by total points and splitting it into township quota pools (engine
// internals, evaluation/engine.cpp), without comparison sorts over the whole cohort.
//
// The order is classify.h's: total descending to the micro-point (total_key), then USCC ascending.
// The engine sorts a cohort's members with a stable radix sort on the total key, then each run of
// equal keys by USCC, which gives exactly that order (what sort_by_total gives); a township pool is then the
// cohort's order filtered to one township (a stable counting sort by township id), so each pool needs
// no sort of its own. Each firm carries what the ranks and pools need (RankedFirm), so these passes
// read the firms in order instead of looking them up across the Frame's columns.
#pragma once
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "domain/large_alloc.h"

namespace mujun::evaluation {

/// How many fixed chunks a parallel pass over `m` items uses: 1 below 2¹⁷ items, else m / 65,536 up to
/// 16 — never the thread count, so that no result depends on the machine.
constexpr std::size_t chunk_count(std::size_t m) {
  return m >= (std::size_t{1} << 17) ? std::min<std::size_t>(16, m >> 16) : 1;
}

/// bucket(p) of an item that is not to be placed.
inline constexpr std::size_t kNoBucket = static_cast<std::size_t>(-1);

/// A stable counting sort, in parallel: items 0 … m−1 go to the bucket bucket(p) ∈ [0, buckets) (or
/// nowhere when it is kNoBucket); buckets follow each other, the items of a bucket keep their order.
/// The items are cut into `chunks` fixed chunks, counted and placed in parallel (chunk ch's items of a
/// bucket after those of the chunks before: the same output as one pass). prepare(total) is called
/// once the number of placed items is known, then place(p, q) for each placed item p with its position
/// q. Returns the start of each bucket (buckets + 1 entries; the last is the total). Memory: chunks ×
/// buckets counters. Used for the cohorts' display order (engine.cpp), the radix sort's digits and the
/// township pools.
template <class Bucket, class Prepare, class Place>
std::vector<std::size_t> counting_sort(std::size_t m, std::size_t buckets, std::size_t chunks, Bucket bucket,
                                       Prepare prepare, Place place) {
  const std::size_t per = (m + chunks - 1) / chunks;
  std::vector<std::size_t> next(chunks * buckets, 0);  // [chunk][bucket]: its count, then where its next goes
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t ch) {
    std::size_t* c = &next[ch * buckets];
    for (std::size_t p = ch * per; p < std::min(m, (ch + 1) * per); ++p)
      if (const std::size_t x = bucket(p); x != kNoBucket) ++c[x];
  });
  std::vector<std::size_t> start(buckets + 1, 0);
  std::size_t total = 0;
  for (std::size_t x = 0; x < buckets; ++x) {
    start[x] = total;
    for (std::size_t ch = 0; ch < chunks; ++ch) {
      const std::size_t k = next[ch * buckets + x];
      next[ch * buckets + x] = total;
      total += k;
    }
  }
  start[buckets] = total;
  prepare(total);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t ch) {
    std::size_t* c = &next[ch * buckets];
    for (std::size_t p = ch * per; p < std::min(m, (ch + 1) * per); ++p)
      if (const std::size_t x = bucket(p); x != kNoBucket) place(p, c[x]++);
  });
  return start;
}

/// Township index of every enterprise: equal Frame::township text ↔ equal index, indices 0..count−1.
/// Returns count.
std::uint32_t township_ids(std::span<const std::string> township, LargeVector<std::uint32_t>& ids);

/// A cohort member being ordered: its total key in ascending-sortable form, its index in the Frame, and
/// its township id with a flag telling that it takes part in the quota pool.
struct RankedFirm {
  std::uint64_t order;     ///< order_key(total_key(total)): ascending order = total descending
  std::uint32_t index;     ///< enterprise index in the Frame
  std::uint32_t town_pool; ///< bits 0–30: township id; bit 31: in the quota pool
  static constexpr std::uint32_t kInPool = std::uint32_t{1} << 31;
};

/// total_key descending ↔ ascending unsigned: flips the sign bit (signed → unsigned order) and inverts.
constexpr std::uint64_t order_key(std::int64_t total_key) {
  return ~(static_cast<std::uint64_t>(total_key) ^ (std::uint64_t{1} << 63));
}
/// The total_key of an order_key.
constexpr std::int64_t total_key_of(std::uint64_t order) {
  return static_cast<std::int64_t>(~order ^ (std::uint64_t{1} << 63));
}

/// Sorts `firms` by `order` ascending (total descending); equal keys keep their order (stable LSD
/// radix sort over the bits in which the keys differ: two digits of up to 14 bits when they differ in
/// at most 28 bits — totals to the micro-point within 268 points —, else digits of up to 11 bits;
/// a digit equal for all firms is skipped). `scratch` is reused storage.
void sort_by_total_radix(LargeVector<RankedFirm>& firms, LargeVector<RankedFirm>& scratch);

/// Boundaries 0 = b₀ < b₁ < … < b_k = size cutting the sorted `firms` into at most 16 chunks of about
/// equal size (one chunk below 2¹⁷ firms), each boundary at the start of a run of equal `order`, so
/// that runs never cross chunks and the chunks can be worked on in parallel.
std::vector<std::size_t> run_chunks(std::span<const RankedFirm> firms);

/// Within each run of equal `order` in the sorted `firms`, sorts by USCC ascending (uscc[index]);
/// equal codes keep their order (stable). Totals are rarely equal to the micro-point, so the runs
/// are short and the whole cohort is never compared by USCC. Chunks of run_chunks in parallel.
void sort_ties_by_uscc(std::span<RankedFirm> firms, std::span<const std::string> uscc);

/// The firms of the sorted `firms` that are in the pool, grouped by township id (ascending id), each
/// group in the sorted order: `members` and `keys` (total_key) of each, `bounds` (size towns + 1) the
/// start of each group. With towns = 1 (township ids all 0) this is the one cohort-wide pool.
void split_pool(std::span<const RankedFirm> firms, std::uint32_t towns, LargeVector<std::uint32_t>& members,
                LargeVector<std::int64_t>& keys, std::vector<std::size_t>& bounds);

}  // namespace mujun::evaluation
