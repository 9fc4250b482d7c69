// server::api::VersionCache (api_common.h), the one "cache per data version" of the server (years per
// database, the directory and tier verdicts per database and year, the overview answers): computes once per
// (key, version), again when the version changes, keeps keys apart, empties itself past max_keys, and gives
// every thread of a concurrent get the value of its own (key, version).
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "server/api_common.h"

using mujun::server::api::VersionCache;

TEST(VersionCache, ComputesOncePerKeyAndVersion) {
  VersionCache<std::vector<int>> cache;
  int calls = 0;
  auto years = [&] {
    ++calls;
    return std::vector<int>{2023, 2024};
  };
  EXPECT_EQ(cache.get("a.db", 7, years), (std::vector<int>{2023, 2024}));
  EXPECT_EQ(cache.get("a.db", 7, years), (std::vector<int>{2023, 2024}));
  EXPECT_EQ(cache.get("a.db", 7, years), (std::vector<int>{2023, 2024}));
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(VersionCache, RecomputesWhenTheVersionChanges) {
  VersionCache<std::string> cache;
  int calls = 0;
  auto at = [&](long long version) {
    return cache.get("a.db", version, [&] {
      ++calls;
      return "batch " + std::to_string(version);
    });
  };
  EXPECT_EQ(at(1), "batch 1");
  EXPECT_EQ(at(2), "batch 2");  // an import raised the version: computed anew
  EXPECT_EQ(at(2), "batch 2");
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(at(1), "batch 1");  // only the latest version is kept: the older one is computed again
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(VersionCache, SeparateKeysHoldSeparateValues) {
  VersionCache<int, std::pair<std::string, int>> cache;
  int calls = 0;
  auto f = [&](int v) {
    return [&calls, v] {
      ++calls;
      return v;
    };
  };
  EXPECT_EQ(cache.get({"a.db", 2023}, 1, f(10)), 10);
  EXPECT_EQ(cache.get({"a.db", 2024}, 1, f(20)), 20);
  EXPECT_EQ(cache.get({"b.db", 2024}, 1, f(30)), 30);
  EXPECT_EQ(calls, 3);
  // each key answers its own value, none is computed again
  EXPECT_EQ(cache.get({"a.db", 2023}, 1, f(-1)), 10);
  EXPECT_EQ(cache.get({"a.db", 2024}, 1, f(-1)), 20);
  EXPECT_EQ(cache.get({"b.db", 2024}, 1, f(-1)), 30);
  EXPECT_EQ(calls, 3);
  // a new version of one key leaves the others as they were
  EXPECT_EQ(cache.get({"a.db", 2024}, 2, f(21)), 21);
  EXPECT_EQ(cache.get({"a.db", 2023}, 1, f(-1)), 10);
  EXPECT_EQ(calls, 4);
}

TEST(VersionCache, PairVersionComparesBothParts) {
  // the overview answers: version = (latest batch id, latest run id)
  VersionCache<std::string, std::string, std::pair<long long, long long>> cache;
  int calls = 0;
  auto get = [&](long long batch, long long run) {
    return cache.get("a.db\x1foverview\x1f" "2024", {batch, run}, [&] {
      ++calls;
      return std::to_string(batch) + "/" + std::to_string(run);
    });
  };
  EXPECT_EQ(get(3, 5), "3/5");
  EXPECT_EQ(get(3, 5), "3/5");
  EXPECT_EQ(get(3, 6), "3/6");  // a new run
  EXPECT_EQ(get(4, 6), "4/6");  // a new import
  EXPECT_EQ(calls, 3);
}

TEST(VersionCache, AFailedComputationStoresNothing) {
  VersionCache<int> cache;
  EXPECT_THROW(cache.get("a.db", 1, []() -> int { throw std::runtime_error("no data"); }), std::runtime_error);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.get("a.db", 1, [] { return 5; }), 5);
}

TEST(VersionCache, EmptiedPastMaxKeys) {
  VersionCache<int> cache(2);
  int calls = 0;
  auto one = [&] {
    ++calls;
    return 1;
  };
  cache.get("a", 1, one);
  cache.get("b", 1, one);
  cache.get("c", 1, one);  // 2 held, not more than 2: stored beside them
  EXPECT_EQ(cache.size(), 3u);
  cache.get("d", 1, one);  // 3 held > 2: emptied, then d stored
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(calls, 4);
  cache.get("a", 1, one);  // a was dropped: computed again
  EXPECT_EQ(calls, 5);
  EXPECT_EQ(cache.size(), 2u);
}

TEST(VersionCache, ConcurrentGetsGiveEachThreadItsOwnValue) {
  // 8 threads × 2000 gets over 4 keys and versions 0..4 (as requests racing an import would): every
  // answer is the value of the (key, version) asked for, and at the end each key holds one entry.
  VersionCache<std::string> cache;
  std::atomic<int> calls{0}, wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string key = "db" + std::to_string((i + t) % 4);
        const long long version = i / 500;  // 0, 1, 2, 3 as the run goes on
        std::string v = cache.get(key, version, [&] {
          ++calls;
          return key + "@" + std::to_string(version);
        });
        if (v != key + "@" + std::to_string(version)) ++wrong;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(cache.size(), 4u);
  // at least one computation per (key, version) = 16; threads that missed the same pair at once may
  // both compute, but never one per get
  EXPECT_GE(calls.load(), 16);
  EXPECT_LT(calls.load(), 8 * 2000);
}
