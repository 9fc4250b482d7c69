// mujun — ranking and classification (分档) of one pool of enterprises by total points.
//
// Quota rule (stated here because no source found states one; evaluation-methods.md §4.1 "gap"):
//   A = round half up (N × share_A), D = round half up (N × share_D),
//   B = round half up (N × (share_A + share_B)) − A, C = N − A − B − D (never below 0).
// Integer arithmetic on shares in 1e-6 units, so 120 × 0.05 is exactly 6. This reproduces the
// published counts 巢湖 2021 (120 firms, 20/45/30/5 → 24/54/36/6) and 济宁高新区 2023 (100 firms,
// 20/40/35/5 → 20/40/35/5).
// Order: total descending, then USCC ascending (display and seat order). Totals equal to the
// micro-point (1e-6) are ties; tied firms share the better class (the class of the best seat among
// them), so a class may hold more firms than its quota.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "evaluation/scheme.h"

namespace mujun::evaluation {

/// Why an enterprise got its class.
enum class ClassRule : std::uint8_t {
  None,        ///< not evaluated (no cohort)
  Quota,       ///< its seat in the quota order
  QuotaTie,    ///< equal total with a better-seated firm: shares that firm's class
  QuotaFloor,  ///< an A seat, but total below a_min_total: B
  Threshold,   ///< score thresholds
  Special,     ///< class T (免评 / 暂缓, 只评价不分档)
  Veto,        ///< forced by a veto adjustment (一票否决)
};

/// Seats per class A, B, C, D for a pool of `n` firms (rule above). Sum is n.
std::array<int, 4> quota_seats(int n, const std::array<std::int64_t, 4>& share_micros);

/// Key used to compare totals: total rounded to the micro-point.
std::int64_t total_key(double total);

/// Position of each enterprise in USCC order (ascending); O(n) when `uscc` is already sorted (the
/// store's snapshots are), else one sort.
std::vector<std::uint32_t> uscc_ranks(std::span<const std::string> uscc);

/// Sorts `members` (indices into `totals` / `uscc_rank`) by total descending (to the micro-point),
/// then USCC ascending (`uscc_rank` from uscc_ranks).
void sort_by_total(std::vector<std::size_t>& members, std::span<const double> totals,
                   std::span<const std::uint32_t> uscc_rank);

/// Competition ranks ("1224") of sorted `members`: equal totals share the better rank. Writes
/// rank[members[p]].
void assign_ranks(const std::vector<std::size_t>& members, std::span<const double> totals, std::span<int> rank);

/// Classes 'A'..'D' for the sorted quota pool `members` under `c`; writes klass[members[p]] and
/// rule[members[p]]. Returns the seats per class (quota method) or the counts (threshold method).
std::array<int, 4> classify_pool(const Classification& c, std::span<const std::size_t> members,
                                 std::span<const double> totals, std::span<char> klass,
                                 std::span<ClassRule> rule);

/// classify_pool for a pool given as enterprise indices `members` with their total keys `keys`
/// (keys[p] = total_key(totals[members[p]]), sorted as classify_pool expects); the same classes and
/// seats. Also adds the number of firms given each class A..D to `counts`.
std::array<int, 4> classify_sorted_pool(const Classification& c, std::span<const std::uint32_t> members,
                                        std::span<const std::int64_t> keys, std::span<const double> totals,
                                        std::span<char> klass, std::span<ClassRule> rule, std::array<int, 4>& counts);

}  // namespace mujun::evaluation
