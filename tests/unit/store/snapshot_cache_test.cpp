// The snapshot read from the tables and through the per-year cache (store/sqlite/snapshot_cache.h,
// migration 3): precedence per metric, land, flags and certificates identical cold and warm, hash
// unchanged, cache dropped by an import and by a precedence change. Expected values are the inputs
// written below (micro-units: 1 万元 = 1,000,000).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstring>
#include <filesystem>

#include "store/sqlite/db.h"
#include "store/sqlite/frame_codec.h"
#include "store/sqlite/snapshot_cache.h"
#include "store/store.h"
#include "temp_db.h"

namespace fs = std::filesystem;
using namespace mujun;
using namespace mujun::store;

namespace {
struct TempDb : mujun::testing_support::TempDb {
  TempDb() : mujun::testing_support::TempDb("mujun-snapcache") {}
};

const std::string kA = "9150000020286320X6", kB = "91500000202869177Y", kC = "91500110MA0000111N";

BatchWrite batch(const std::string& sha, const std::string& source) {
  BatchWrite w;
  w.batch.file = sha + ".csv";
  w.batch.sha256 = sha;
  w.batch.source = source;
  w.batch.year = 2024;
  // Registry order deliberately not the USCC order: the snapshot sorts.
  w.enterprises.push_back({kC, "重庆某材料有限公司", "3311", "500110001", 2019});
  w.enterprises.push_back({kA, "重庆长安汽车股份有限公司", "3611", "万东镇", 2001});
  w.enterprises.push_back({kB, "重庆银行股份有限公司", "", "", 0});
  return w;
}

long cached_rows(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM snapshot_cache", -1, &st, nullptr);
  long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

// A zone with two sources for tax_paid and gross_output, land of two years, flags and a certificate.
void fill(Store& s) {
  auto st = batch("stats", "statistics");
  st.facts.push_back({kA, 2024, "tax_paid", "statistics", Decimal::from_micros(900'000'000)});
  st.facts.push_back({kA, 2024, "gross_output", "statistics", Decimal::from_micros(12'345'670'000)});
  st.facts.push_back({kC, 2024, "gross_output", "statistics", Decimal::from_micros(5'000'000)});
  st.facts.push_back({kC, 2023, "gross_output", "statistics", Decimal::from_micros(4'000'000)});
  st.statuses.push_back({kA, 2024, true, {"major_safety_accident", "new_firm"}});
  st.statuses.push_back({kC, 2024, false, {}});
  s.write_batch(st);
  auto tax = batch("tax", "tax");
  tax.facts.push_back({kA, 2024, "tax_paid", "tax", Decimal::from_micros(1'234'500'000)});
  tax.facts.push_back({kC, 2024, "gross_output", "tax", Decimal::from_micros(7'000'000)});
  s.write_batch(tax);
  auto land = batch("land", "land");
  land.parcels.push_back({kA, "渝(2020)1号", Decimal::from_micros(20'000'000'000), "owned", 2023});
  land.parcels.push_back({kA, "渝(2020)2号", Decimal::from_micros(13'333'330'000), "owned", 2023});
  land.parcels.push_back({kA, "", Decimal::from_micros(1'000'000'000), "leased", 2023});
  land.parcels.push_back({kA, "渝(2025)9号", Decimal::from_micros(6'666'670'000), "owned", 2025});
  land.parcels.push_back({kC, "", Decimal::from_micros(3'000'000'000), "leased", 2026});
  land.certificates.push_back({kA, {"high_tech_enterprise", "national", "GR202351000123", "2023-10-16", "2026-10-15"}});
  s.write_batch(land);
}
}  // namespace

TEST(SnapshotCache, PrecedencePerMetricLandFlagsAndCertificatesFromTheTables) {
  TempDb t;
  auto s = open_sqlite(t.path());
  s->migrate();
  fill(*s);
  Frame f = s->snapshot(2024);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f.uscc, (std::vector<std::string>{kA, kB, kC}));  // sorted by USCC, not registry order
  EXPECT_EQ(f.name[2], "重庆某材料有限公司");
  EXPECT_EQ(f.township[0], "万东镇");
  EXPECT_EQ(f.production_start_year[2], 2019);
  // tax_paid: 税务局 first (GLOSSARY default); gross_output: 统计局 first — per metric, not per row.
  EXPECT_EQ(f.metric("tax_paid")->micros[0], 1'234'500'000);
  EXPECT_EQ(f.metric("gross_output")->micros[2], 5'000'000);
  EXPECT_EQ(f.metric("gross_output")->micros[0], 12'345'670'000);
  EXPECT_FALSE(f.metric("gross_output")->has(1));
  EXPECT_EQ(f.above_scale, (std::vector<std::int8_t>{1, -1, 0}));
  EXPECT_EQ(f.flags[0], (std::vector<std::string>{"major_safety_accident", "new_firm"}));
  // Land of 2024: kA's latest year ≤ 2024 is 2023 (20000 + 13333.33 m² owned, 1000 leased); kC has only 2026.
  EXPECT_EQ(f.land_owned_m2.micros[0], 33'333'330'000);
  EXPECT_EQ(f.land_leased_m2.micros[0], 1'000'000'000);
  EXPECT_FALSE(f.land_owned_m2.has(2));
  EXPECT_EQ(f.land_leased_m2.micros[2], 3'000'000'000);
  EXPECT_FALSE(f.land_owned_m2.has(1));
  ASSERT_EQ(f.certificates[0].size(), 1u);
  EXPECT_EQ(f.certificates[0][0].number, "GR202351000123");
  // Land of 2025: the 2025 parcel alone.
  EXPECT_EQ(s->snapshot(2025).land_owned_m2.micros[0], 6'666'670'000);
  EXPECT_FALSE(s->snapshot(2025).land_leased_m2.has(0));
  // The precedence is per metric: statistics first for tax_paid only.
  s->set_precedence("tax_paid", {"statistics", "tax"});
  Frame g = s->snapshot(2024);
  EXPECT_EQ(g.metric("tax_paid")->micros[0], 900'000'000);
  EXPECT_EQ(g.metric("gross_output")->micros[2], 5'000'000);
  s->set_precedence("gross_output", {"tax", "statistics"});
  EXPECT_EQ(s->snapshot(2024).metric("gross_output")->micros[2], 7'000'000);
}

TEST(SnapshotCache, WarmFrameAndHashEqualTheColdOnes) {
  TempDb t;
  auto s = open_sqlite(t.path());
  s->migrate();
  fill(*s);
  EXPECT_EQ(cached_rows(t.path()), 0);
  Frame cold = s->snapshot(2024);
  EXPECT_EQ(cached_rows(t.path()), 1);  // stored by the first snapshot
  const std::string cold_hash = frame_sha256(cold);
  Frame warm = s->snapshot(2024);
  EXPECT_EQ(warm.uscc, cold.uscc);
  EXPECT_EQ(warm.name, cold.name);
  EXPECT_EQ(warm.flags, cold.flags);
  EXPECT_EQ(warm.above_scale, cold.above_scale);
  EXPECT_EQ(warm.land_owned_m2.micros, cold.land_owned_m2.micros);
  EXPECT_EQ(warm.metrics.size(), cold.metrics.size());
  EXPECT_EQ(warm.metric("tax_paid")->micros, cold.metric("tax_paid")->micros);
  EXPECT_EQ(warm.certificates[0][0].expires, "2026-10-15");
  EXPECT_EQ(frame_sha256(warm), cold_hash);
  EXPECT_EQ(s->snapshot_hash(2024), cold_hash);  // computed once, then stored
  EXPECT_EQ(s->snapshot_hash(2024), cold_hash);
  {
    sqlite::Db db(t.path());
    sqlite::drop_cached_snapshots(db);
  }
  EXPECT_EQ(s->snapshot_hash(2024), cold_hash);  // from the tables again
}

TEST(SnapshotCache, AnImportDropsTheCachedFramesItChanges) {
  TempDb t;
  auto s = open_sqlite(t.path());
  s->migrate();
  fill(*s);
  const std::string h24 = s->snapshot_hash(2024), h23 = s->snapshot_hash(2023);
  EXPECT_EQ(cached_rows(t.path()), 2);
  auto w = batch("stats-2024-b", "statistics");
  w.facts.push_back({kA, 2024, "gross_output", "statistics", Decimal::from_micros(1)});
  s->write_batch(w);  // the registry rows are upserted too: every year's frame is dropped
  EXPECT_EQ(cached_rows(t.path()), 0);
  EXPECT_EQ(s->snapshot(2024).metric("gross_output")->micros[0], 1);
  EXPECT_NE(s->snapshot_hash(2024), h24);
  EXPECT_EQ(s->snapshot_hash(2023), h23);
  // A fact of 2024 alone (no registry rows) drops 2024's frame and keeps 2023's.
  BatchWrite only;
  only.batch = w.batch;
  only.batch.sha256 = "stats-2024-c";
  only.facts.push_back({kA, 2024, "gross_output", "statistics", Decimal::from_micros(2)});
  s->write_batch(only);
  EXPECT_EQ(cached_rows(t.path()), 1);
  EXPECT_EQ(s->snapshot(2024).metric("gross_output")->micros[0], 2);
}

TEST(SnapshotCache, ADamagedCachedFrameIsReadFromTheTablesInstead) {
  TempDb t;
  auto s = open_sqlite(t.path());
  s->migrate();
  fill(*s);
  const std::string h = frame_sha256(s->snapshot(2024));
  sqlite3* db = nullptr;
  sqlite3_open(t.path().c_str(), &db);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE snapshot_cache SET frame = substr(frame, 1, 40)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(frame_sha256(s->snapshot(2024)), h);
}

TEST(SnapshotCache, CodecRejectsTruncatedBytes) {
  Frame f;
  f.year = 2024;
  f.add_enterprise(kA, "甲");
  f.set_metric(0, "revenue", Decimal::from_micros(7));
  const std::string b = sqlite::encode_frame(f);
  auto reader = [&](std::size_t size) {
    return [&b, size](void* out, std::size_t n, std::size_t off) {
      if (off + n > size) return false;
      std::memcpy(out, b.data() + off, n);
      return true;
    };
  };
  Frame back = sqlite::decode_frame(b.size(), reader(b.size()));
  EXPECT_EQ(frame_sha256(back), frame_sha256(f));
  EXPECT_THROW(sqlite::decode_frame(b.size() - 1, reader(b.size() - 1)), std::runtime_error);
}
