// The engine's ordering internals (evaluation/cohort_order.h, formula.h plain_ratio) and the
// determinism of the parallel engine. Expected orders come from the previous implementation:
// classify.h sort_by_total (a comparison sort on total key, then USCC rank), which the radix sort plus
// the USCC sort of tied runs must reproduce exactly; hand-made cases say what they check.
#include <gtest/gtest.h>

#include <oneapi/tbb/global_control.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <random>
#include <span>

#include <fmt/format.h>

#include "evaluation/classify.h"
#include "evaluation/cohort.h"
#include "evaluation/cohort_order.h"
#include "evaluation/engine.h"
#include "evaluation/formula.h"
#include "support.h"

namespace mujun::evaluation {
namespace {

/// The engine's order of `members`: radix sort on the total key, then USCC within equal keys.
std::vector<std::size_t> engine_order(const std::vector<std::size_t>& members, const std::vector<double>& totals,
                                      const std::vector<std::string>& uscc) {
  LargeVector<RankedFirm> firms;
  for (std::size_t i : members)
    firms.push_back(RankedFirm{order_key(total_key(totals[i])), static_cast<std::uint32_t>(i), 0});
  LargeVector<RankedFirm> scratch;
  sort_by_total_radix(firms, scratch);
  sort_ties_by_uscc(firms, uscc);
  std::vector<std::size_t> out;
  for (const auto& f : firms) out.push_back(f.index);
  return out;
}

TEST(CohortOrder, HandMadeTiesGoByUscc) {
  // Totals 50, 80, 50, 80.0000001 (equal to 80 at the micro-point), −3; USCC given out of order.
  std::vector<double> totals{50, 80, 50, 80.0000001, -3};
  std::vector<std::string> uscc{"B", "D", "A", "C", "E"};
  // 80-tie: C (3) before D (1); 50-tie: A (2) before B (0); −3 last.
  EXPECT_EQ(engine_order({0, 1, 2, 3, 4}, totals, uscc), (std::vector<std::size_t>{3, 1, 2, 0, 4}));
}

TEST(CohortOrder, ChunkedRadixSortIsStableAndEqualsStableSort) {
  // 300,000 firms: above 2^17 the sort counts and scatters 4 chunks in parallel. Keys on a coarse grid
  // (many equal keys, which must keep their input order) plus a few far apart (every digit differs).
  std::mt19937_64 rng(17);
  LargeVector<RankedFirm> firms(300'000);
  for (std::size_t p = 0; p < firms.size(); ++p) {
    const std::int64_t key = rng() % 10 == 0 ? static_cast<std::int64_t>(rng()) : static_cast<std::int64_t>(rng() % 5000) * 1000;
    firms[p] = RankedFirm{order_key(key), static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(rng() % 200)};
  }
  std::vector<RankedFirm> want(firms.begin(), firms.end());
  LargeVector<RankedFirm> scratch;
  std::stable_sort(want.begin(), want.end(), [](const RankedFirm& a, const RankedFirm& b) { return a.order < b.order; });
  sort_by_total_radix(firms, scratch);
  ASSERT_EQ(firms.size(), want.size());
  for (std::size_t p = 0; p < firms.size(); ++p) {
    ASSERT_EQ(firms[p].index, want[p].index) << p;
    ASSERT_EQ(firms[p].town_pool, want[p].town_pool) << p;
  }
}

TEST(CohortOrder, RadixOrderEqualsComparisonSort) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 6; ++round) {
    const std::size_t n = 5000;
    std::vector<double> totals(n);
    std::vector<std::string> uscc(n);
    for (std::size_t i = 0; i < n; ++i) {
      // Many exact ties (a coarse grid), negative totals, and totals far apart; USCC shuffled (round ≥ 3)
      // with some equal codes.
      const auto r = rng() % 100;
      totals[i] = r < 40 ? static_cast<double>(rng() % 20) : r < 50 ? -static_cast<double>(rng() % 1000) / 7.0
                                                                    : static_cast<double>(rng() % 10'000'000) / 977.0;
      uscc[i] = fmt::format("915001{:012d}", round >= 3 ? rng() % 4000 : i);
    }
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < n; ++i)
      if (rng() % 4) members.push_back(i);
    std::vector<std::size_t> expected = members;
    sort_by_total(expected, totals, uscc_ranks(uscc));
    EXPECT_EQ(engine_order(members, totals, uscc), expected) << "round " << round;
  }
}

TEST(CohortOrder, TownshipIdsEqualExactlyForEqualNames) {
  // Names of ≤ 16 bytes are compared as machine words, longer ones as text: names that differ only in
  // the 9th, the 16th or the 17th byte, the empty name, and a name that is a prefix of another.
  std::vector<std::string> t{"镇001",           "镇002",           "",
                             "aaaaaaaaXaaaaaaa", "aaaaaaaaYaaaaaaa", "aaaaaaaaaaaaaaaX",
                             "aaaaaaaaaaaaaaaY", "aaaaaaaaaaaaaaaaX", "aaaaaaaaaaaaaaaaY",
                             "镇00",            "镇001",           "aaaaaaaaaaaaaaaaY", ""};
  LargeVector<std::uint32_t> ids;
  EXPECT_EQ(township_ids(t, ids), 10u);  // 13 names, 3 repeated
  for (std::size_t a = 0; a < t.size(); ++a)
    for (std::size_t b = 0; b < t.size(); ++b) EXPECT_EQ(ids[a] == ids[b], t[a] == t[b]) << a << " " << b;
  for (auto id : ids) EXPECT_LT(id, 10u);
}

TEST(CohortOrder, TownshipIdsTellApartNamesDifferingInAnyByteOfAnyLength) {
  // Short names are keyed by overlapping fixed-size loads: for every length 1–20 and every position,
  // the name with that byte changed must get its own id, and repeats the first-seen one.
  std::vector<std::string> t;
  for (std::size_t len = 1; len <= 20; ++len) {
    t.push_back(std::string(len, 'a'));
    for (std::size_t pos = 0; pos < len; ++pos) {
      std::string x(len, 'a');
      x[pos] = 'b';
      t.push_back(x);
    }
  }
  const std::size_t distinct = t.size();
  for (std::size_t i = 0; i < distinct; i += 3) t.push_back(t[i]);
  LargeVector<std::uint32_t> ids;
  ASSERT_EQ(township_ids(t, ids), distinct);
  for (std::size_t i = 0; i < distinct; ++i) EXPECT_EQ(ids[i], i);  // first-seen order
  for (std::size_t i = distinct; i < t.size(); ++i) EXPECT_EQ(ids[i], (i - distinct) * 3);
}

TEST(CohortOrder, TownshipIdsAcrossBlocks) {
  // 200,000 enterprises span several blocks of the parallel id pass; 300 names in a fixed cycle.
  std::vector<std::string> t;
  for (int i = 0; i < 200'000; ++i) t.push_back(fmt::format("镇街{:03d}", (i * 7) % 300));
  LargeVector<std::uint32_t> ids;
  ASSERT_EQ(township_ids(t, ids), 300u);
  for (int i = 300; i < 200'000; i += 997) EXPECT_EQ(ids[i], ids[i % 300]);
  EXPECT_NE(ids[0], ids[1]);
}

TEST(CohortOrder, SplitPoolKeepsOrderWithinEachTownship) {
  // Sorted firms 10, 11, 12, 13, 14 with towns 1, 0, 1, 0, 1; firm 12 is not in the pool.
  LargeVector<RankedFirm> firms;
  const std::uint32_t town[] = {1, 0, 1, 0, 1};
  for (std::uint32_t p = 0; p < 5; ++p)
    firms.push_back(RankedFirm{order_key(100 - p), 10 + p, town[p] | (p == 2 ? 0 : RankedFirm::kInPool)});
  LargeVector<std::uint32_t> members;
  LargeVector<std::int64_t> keys;
  std::vector<std::size_t> bounds;
  split_pool(firms, 2, members, keys, bounds);
  EXPECT_EQ(members, (LargeVector<std::uint32_t>{11, 13, 10, 14}));
  EXPECT_EQ(keys, (LargeVector<std::int64_t>{99, 97, 100, 96}));
  EXPECT_EQ(bounds, (std::vector<std::size_t>{0, 2, 4}));
}

/// 300,000 firms (above 2¹⁷: the chunked, parallel paths) on a coarse key grid: long runs of equal totals.
LargeVector<RankedFirm> tied_firms(std::mt19937_64& rng, std::size_t n) {
  LargeVector<RankedFirm> firms(n);
  for (std::size_t p = 0; p < n; ++p)
    firms[p] = RankedFirm{order_key(static_cast<std::int64_t>(rng() % 3000) * 1000), static_cast<std::uint32_t>(p),
                          static_cast<std::uint32_t>(rng() % 200) | (rng() % 10 ? RankedFirm::kInPool : 0)};
  return firms;
}

TEST(CohortOrder, RadixSortOnTheDifferingBitsOnly) {
  // Keys differing in ≤ 28 bits (two 14-bit digits), in one high bit only, in bits 40–62 only, and
  // all equal: each sorted exactly like std::stable_sort, small (one chunk) and large (chunks).
  std::mt19937_64 rng(8);
  const std::vector<std::function<std::uint64_t()>> shapes = {
      [&] { return order_key(static_cast<std::int64_t>(rng() % (1u << 27))); },
      [&] { return (rng() % 2) ? std::uint64_t{1} << 62 : 0; },
      [&] { return ((rng() % (1u << 22)) << 40) | 0xABC; },
      [&] { return std::uint64_t{12345}; },
  };
  for (std::size_t n : {std::size_t{1000}, std::size_t{200'000}})
    for (std::size_t k = 0; k < shapes.size(); ++k) {
      LargeVector<RankedFirm> firms(n), scratch;
      for (std::size_t p = 0; p < n; ++p) firms[p] = RankedFirm{shapes[k](), static_cast<std::uint32_t>(p), 0};
      std::vector<RankedFirm> want(firms.begin(), firms.end());
      std::stable_sort(want.begin(), want.end(), [](const RankedFirm& a, const RankedFirm& b) { return a.order < b.order; });
      sort_by_total_radix(firms, scratch);
      for (std::size_t p = 0; p < n; ++p) ASSERT_EQ(firms[p].index, want[p].index) << "shape " << k << " n " << n;
    }
}

TEST(CohortOrder, CountingSortIsStableSkipsUnplacedItemsAndGivesBucketStarts) {
  // 300,000 items (chunked), 7 buckets, every 5th item unplaced: the output equals a stable sort by
  // bucket of the placed items, prepare() sees their count, the starts are the buckets' prefix sums.
  const std::size_t m = 300'000;
  auto bucket = [](std::size_t p) { return p % 5 == 0 ? kNoBucket : (p * 2654435761u >> 7) % 7; };
  std::vector<std::size_t> out;
  std::size_t prepared = 0;
  const auto start = counting_sort(
      m, 7, chunk_count(m), bucket, [&](std::size_t total) { prepared = total, out.assign(total, m); },
      [&](std::size_t p, std::size_t q) { out[q] = p; });
  std::vector<std::size_t> want;
  for (std::size_t x = 0; x < 7; ++x)
    for (std::size_t p = 0; p < m; ++p)
      if (bucket(p) == x) want.push_back(p);
  EXPECT_EQ(prepared, m - m / 5);
  EXPECT_EQ(out, want);
  ASSERT_EQ(start.size(), 8u);
  EXPECT_EQ(start[0], 0u);
  EXPECT_EQ(start[7], want.size());
  for (std::size_t x = 0; x < 7; ++x) EXPECT_EQ(bucket(out[start[x]]), x);
}

TEST(CohortOrder, RunChunksStartOnRunBoundaries) {
  std::mt19937_64 rng(5);
  LargeVector<RankedFirm> firms = tied_firms(rng, 300'000), scratch;
  sort_by_total_radix(firms, scratch);
  const auto b = run_chunks(firms);
  ASSERT_GE(b.size(), 3u);   // 300,000 firms: 4 chunks wanted, about 100 firms per run
  ASSERT_LE(b.size(), 17u);  // at most 16 chunks
  EXPECT_EQ(b.front(), 0u);
  EXPECT_EQ(b.back(), firms.size());
  for (std::size_t k = 1; k + 1 < b.size(); ++k) {
    EXPECT_LT(b[k - 1], b[k]);
    EXPECT_NE(firms[b[k]].order, firms[b[k] - 1].order) << "boundary " << b[k] << " splits a run";
  }
  // Small inputs and one long run: one chunk.
  LargeVector<RankedFirm> one(200'000, RankedFirm{order_key(5), 0, 0});
  EXPECT_EQ(run_chunks(one), (std::vector<std::size_t>{0, 200'000}));
  EXPECT_EQ(run_chunks(std::span<const RankedFirm>()), (std::vector<std::size_t>{0, 0}));
}

TEST(CohortOrder, ChunkedTieSortEqualsStableSortByTotalThenUscc) {
  // USCCs from a small alphabet so that equal codes occur too (they keep their order: stable).
  std::mt19937_64 rng(6);
  LargeVector<RankedFirm> firms = tied_firms(rng, 300'000), scratch;
  std::vector<std::string> uscc(firms.size());
  for (auto& u : uscc) u = fmt::format("91500110MA{:08d}", rng() % 150'000);
  std::vector<RankedFirm> want(firms.begin(), firms.end());
  std::stable_sort(want.begin(), want.end(), [&](const RankedFirm& a, const RankedFirm& b) {
    return a.order != b.order ? a.order < b.order : uscc[a.index] < uscc[b.index];
  });
  sort_by_total_radix(firms, scratch);
  sort_ties_by_uscc(firms, uscc);
  for (std::size_t p = 0; p < firms.size(); ++p) ASSERT_EQ(firms[p].index, want[p].index) << p;
}

TEST(CohortOrder, ChunkedSplitPoolEqualsASerialCountingSort) {
  std::mt19937_64 rng(7);
  LargeVector<RankedFirm> firms = tied_firms(rng, 300'000), scratch;
  sort_by_total_radix(firms, scratch);
  LargeVector<std::uint32_t> members;
  LargeVector<std::int64_t> keys;
  std::vector<std::size_t> bounds;
  split_pool(firms, 200, members, keys, bounds);
  std::vector<std::vector<std::size_t>> by_town(200);  // the reference: one list per township, in order
  for (std::size_t p = 0; p < firms.size(); ++p)
    if (firms[p].town_pool & RankedFirm::kInPool) by_town[firms[p].town_pool & ~RankedFirm::kInPool].push_back(p);
  ASSERT_EQ(bounds.size(), 201u);
  std::size_t q = 0;
  for (std::size_t t = 0; t < 200; ++t) {
    ASSERT_EQ(bounds[t], q) << t;
    for (std::size_t p : by_town[t]) {
      ASSERT_EQ(members[q], firms[p].index) << t;
      ASSERT_EQ(keys[q], total_key_of(firms[p].order)) << t;
      ++q;
    }
  }
  EXPECT_EQ(bounds[200], q);
  EXPECT_EQ(members.size(), q);
  EXPECT_GT(q, 250'000u);  // about 90 % in the pool
}

TEST(PlainRatio, RecognisesOnlyQuotientsOfVariables) {
  auto r = plain_ratio("(tax_paid) / (land_mu)");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->numerator, "tax_paid");
  EXPECT_EQ(r->denominator, "land_mu");
  r = plain_ratio("value_added");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->denominator, "");
  EXPECT_FALSE(plain_ratio("tax_paid * 2 / land_mu"));
  EXPECT_FALSE(plain_ratio("tax_paid / land_mu / 2"));
  EXPECT_FALSE(plain_ratio("not_a_metric / land_mu"));
  EXPECT_FALSE(plain_ratio("((tax_paid)) / (land_mu)"));
}

/// A random province-like Frame: 40 townships (some names longer than 16 bytes), missing values,
/// flags and certificates for the shipped schemes' adjustments, USCC out of order.
Frame random_frame(std::size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  Frame f;
  f.year = 2024;
  const char* codes[] = {"1311", "2611", "3411", "4411", "4511", ""};
  for (std::size_t k = 0; k < n; ++k) {
    auto i = f.add_enterprise(fmt::format("91500110MA{:08d}", (k * 7919) % n), "企业");
    f.township[i] = u(rng) < 0.02 ? "" : fmt::format("{}镇{:02d}", k % 3 ? "" : "重庆市綦江区某某", rng() % 40);
    f.industry_code[i] = codes[rng() % 6];
    f.above_scale[i] = static_cast<std::int8_t>(rng() % 3) - 1;
    f.production_start_year[i] = 2015 + static_cast<int>(rng() % 10);
    const double mu = 1 + u(rng) * 50;
    if (u(rng) < 0.1) f.land_leased_m2.micros[i] = test::mu_to_m2_micros(mu);
    else f.land_owned_m2.micros[i] = test::mu_to_m2_micros(mu);
    for (const char* m : {"tax_paid", "value_added", "gross_output", "main_revenue", "energy_tce", "employees_avg",
                          "rd_expense"})
      if (u(rng) < 0.9) f.set_metric(i, m, Decimal::from_double(std::floor(u(rng) * 5000) / 4));  // ties
    if (u(rng) < 0.05) f.flags[i].push_back("major_safety_accident");
    if (u(rng) < 0.05) f.flags[i].push_back("new_firm");
    if (u(rng) < 0.1) f.certificates[i].push_back(Certificate{"high_tech_enterprise", "national", "x", "2020-01-01", ""});
  }
  return f;
}

void expect_same(const EvaluationResult& a, const EvaluationResult& b) {
  EXPECT_EQ(a.order, b.order);
  EXPECT_EQ(a.klass, b.klass);
  EXPECT_EQ(a.class_rule, b.class_rule);
  EXPECT_EQ(a.rank, b.rank);
  EXPECT_EQ(a.adjustments, b.adjustments);
  auto same_bits = [](std::span<const double> x, std::span<const double> y) {
    return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(), [](double p, double q) {
             return std::bit_cast<std::uint64_t>(p) == std::bit_cast<std::uint64_t>(q);
           });
  };
  EXPECT_TRUE(same_bits(a.total, b.total));
  EXPECT_TRUE(same_bits(a.indicator_total, b.indicator_total));
  ASSERT_EQ(a.points.size(), b.points.size());
  for (std::size_t k = 0; k < a.points.size(); ++k) {
    EXPECT_TRUE(same_bits(a.points[k].to_vector(), b.points[k].to_vector())) << k;
    EXPECT_EQ(a.treatment[k].to_vector(), b.treatment[k].to_vector()) << k;
    EXPECT_TRUE(same_bits(a.value[k], b.value[k])) << k;
  }
  ASSERT_EQ(a.cohorts.size(), b.cohorts.size());
  for (std::size_t c = 0; c < a.cohorts.size(); ++c) {
    EXPECT_EQ(a.cohorts[c].counts, b.cohorts[c].counts);
    EXPECT_EQ(a.cohorts[c].seats, b.cohorts[c].seats);
    EXPECT_TRUE(same_bits(a.cohorts[c].benchmark, b.cohorts[c].benchmark));
    EXPECT_TRUE(same_bits(a.cohorts[c].average_points, b.cohorts[c].average_points));
  }
  EXPECT_EQ(a.warnings, b.warnings);
}

TEST(ParallelEngine, OneThreadGivesTheSameResultBitForBit) {
  const Frame f = random_frame(60'000, 11);
  Frame previous = random_frame(50'000, 12);
  previous.year = 2023;
  for (const char* name : {"bench-huangyan-township", "huaian-2024", "huangyan-2022", "jingde-minmax"}) {
    const Scheme s = test::shipped_scheme(std::string(name) + ".toml");
    EvaluationResult parallel = evaluate(s, f, &previous);
    EvaluationResult serial;
    {
      tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
      serial = evaluate(s, f, &previous);
    }
    SCOPED_TRACE(name);
    expect_same(parallel, serial);
    // The order is the documented one: cohort, total descending (micro-point), USCC ascending.
    for (std::size_t p = 1; p < parallel.order.size(); ++p) {
      const std::size_t a = parallel.order[p - 1], b = parallel.order[p];
      if (parallel.cohort[a] != parallel.cohort[b]) continue;
      const auto ka = total_key(parallel.total[a]), kb = total_key(parallel.total[b]);
      ASSERT_TRUE(ka > kb || (ka == kb && f.uscc[a] <= f.uscc[b])) << p;
    }
  }
}

TEST(ParallelEngine, LargeCohortsFollowTheRulesOfMembershipOrderAndRank) {
  // 300,000 enterprises: the largest cohorts take the chunked paths (ties, ranks, pools, membership
  // without branches). Each firm's cohort is cohort.h cohort_of's; the order is total descending then
  // USCC; a firm's rank is 1 + the position of the first firm of its cohort with the same total.
  Frame f = random_frame(300'000, 31);
  for (std::size_t i = 0; i < f.size(); ++i)
    if (i % 10) f.above_scale[i] = 1;  // most firms 规上: one cohort of about 240,000
  for (const char* name : {"bench-huangyan-township", "huangyan-2022", "chongqing-default"}) {
    SCOPED_TRACE(name);
    const Scheme s = test::shipped_scheme(std::string(name) + ".toml");
    const EvaluationResult r = evaluate(s, f);
    for (std::size_t i = 0; i < f.size(); ++i) ASSERT_EQ(r.cohort[i], cohort_of(s, f, i, r.land_mu[i])) << i;
    std::size_t cohort_start = 0, first = 0;  // positions: the cohort's first firm, the run's first firm
    for (std::size_t p = 0; p < r.order.size(); ++p) {
      const std::size_t b = r.order[p];
      if (p == 0 || r.cohort[r.order[p - 1]] != r.cohort[b]) {
        cohort_start = first = p;
      } else {
        const std::size_t a = r.order[p - 1];
        const auto ka = total_key(r.total[a]), kb = total_key(r.total[b]);
        ASSERT_TRUE(ka > kb || (ka == kb && f.uscc[a] <= f.uscc[b])) << p;
        if (ka != kb) first = p;
      }
      ASSERT_EQ(r.rank[b], static_cast<int>(first - cohort_start) + 1) << p;
    }
    EXPECT_GT(std::max_element(r.cohorts.begin(), r.cohorts.end(), [](const auto& x, const auto& y) {
      return x.members < y.members;
    })->members, 1 << 17);  // a cohort large enough for the chunked paths
  }
}

TEST(ParallelEngine, AFailedEvaluationIntoAResultLeavesItEmpty) {
  const Frame f = random_frame(5'000, 41);
  EvaluationResult into;
  evaluate(test::shipped_scheme("bench-huangyan-township.toml"), f, nullptr, into);
  ASSERT_EQ(into.n, 5'000u);
  const Scheme needs_previous = test::shipped_scheme("huaian-2024.toml");
  ASSERT_TRUE(needs_previous.needs_previous_year());
  EXPECT_THROW(evaluate(needs_previous, f, nullptr, into), EvaluationError);
  EXPECT_EQ(into.n, 0u);  // empty, not half-made: every accessor is safe
  EXPECT_EQ(into.value.size(), 0u);
  EXPECT_EQ(into.points.size(), 0u);
  EXPECT_TRUE(into.order.empty());
  EXPECT_TRUE(into.klass.empty());
  evaluate(test::shipped_scheme("bench-huangyan-township.toml"), f, nullptr, into);  // and usable again
  expect_same(into, evaluate(test::shipped_scheme("bench-huangyan-township.toml"), f));
}

TEST(ParallelEngine, EvaluatingIntoAReusedResultGivesTheSameBits) {
  const Frame f = random_frame(40'000, 21);
  const Frame g = random_frame(30'000, 22);
  Frame previous = random_frame(20'000, 23);
  previous.year = 2023;
  const Scheme a = test::shipped_scheme("bench-huangyan-township.toml");
  const Scheme b = test::shipped_scheme("huaian-2024.toml");
  EvaluationResult into;
  evaluate(a, f, &previous, into);
  expect_same(into, evaluate(a, f, &previous));
  const EvaluationResult copy = into;  // shares the scoring detail: the next run must not write into it
  evaluate(b, g, &previous, into);     // another scheme and a smaller Frame into the same storage
  expect_same(into, evaluate(b, g, &previous));
  expect_same(copy, evaluate(a, f, &previous));
  EXPECT_EQ(into.n, 30'000u);
  EXPECT_EQ(into.points[0].size(), 30'000u);
  evaluate(a, f, &previous, into);     // and back to the larger one
  expect_same(into, evaluate(a, f, &previous));
}

}  // namespace
}  // namespace mujun::evaluation
