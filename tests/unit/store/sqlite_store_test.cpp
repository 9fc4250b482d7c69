// Store contract tests on the SQLite back end (store/store.h).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/store.h"
#include "temp_db.h"

namespace fs = std::filesystem;
using namespace mujun;
using namespace mujun::store;

namespace {
struct TempDb : mujun::testing_support::TempDb {
  TempDb() : mujun::testing_support::TempDb("mujun-store") {}
};

BatchWrite sample_batch(const std::string& sha, const std::string& source) {
  BatchWrite w;
  w.batch.file = "stats.xlsx";
  w.batch.sha256 = sha;
  w.batch.source = source;
  w.batch.year = 2024;
  w.batch.rows_total = 2;
  w.batch.rows_accepted = 2;
  w.enterprises.push_back({"9150000020286320X6", "重庆长安汽车股份有限公司", "3611", "万东镇", 2001});
  w.enterprises.push_back({"91500000202869177Y", "重庆银行股份有限公司", "", "", 0});
  return w;
}
}  // namespace

TEST(SqliteStore, MigratesTwiceAndRefusesAForeignHistory) {
  TempDb t;
  {
    auto s = open_sqlite(t.path());
    s->migrate();
    s->migrate();  // idempotent
  }
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(t.path().c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "UPDATE schema_migrations SET sha256 = 'x' WHERE version = 1", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto s = open_sqlite(t.path());
  try {
    s->migrate();
    FAIL() << "a changed migration history must be refused";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("校验和不符"), std::string::npos) << e.what();
  }
}

TEST(SqliteStore, PrecedencePicksTheTaxBureauForTaxAndCanBeChanged) {
  TempDb t;
  auto s = open_sqlite(t.path());
  s->migrate();
  auto a = sample_batch("a", "statistics");
  a.facts.push_back({"9150000020286320X6", 2024, "tax_paid", "statistics", Decimal::from_micros(1'000'000'000)});
  a.facts.push_back({"9150000020286320X6", 2024, "gross_output", "statistics", *Decimal::parse_exact("12345.67")});
  s->write_batch(a);
  auto b = sample_batch("b", "tax");
  b.facts.push_back({"9150000020286320X6", 2024, "tax_paid", "tax", *Decimal::parse_exact("1234.5")});
  s->write_batch(b);

  Frame f = s->snapshot(2024);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f.uscc[0], "9150000020286320X6");  // ordered by USCC
  EXPECT_EQ(f.metric("tax_paid")->micros[0], 1'234'500'000);  // 税务局 wins by default
  EXPECT_EQ(f.metric("gross_output")->micros[0], 12'345'670'000);
  EXPECT_FALSE(f.metric("tax_paid")->has(1));  // missing stays missing
  s->set_precedence("tax_paid", {"statistics", "tax"});
  EXPECT_EQ(s->snapshot(2024).metric("tax_paid")->micros[0], 1'000'000'000);
}

TEST(SqliteStore, LandIsSummedPerTenureFromTheLatestLandYear) {
  TempDb t;
  auto s = open_sqlite(t.path());
  s->migrate();
  auto w = sample_batch("land", "land");
  const std::string u = "9150000020286320X6";
  w.parcels.push_back({u, "渝(2020)万盛区不动产权第1号", *Decimal::parse_exact("20000"), "owned", 2023});
  w.parcels.push_back({u, "渝(2020)万盛区不动产权第2号", *Decimal::parse_exact("13333.33"), "owned", 2023});
  w.parcels.push_back({u, "", *Decimal::parse_exact("1000"), "leased", 2023});
  w.parcels.push_back({u, "渝(2024)万盛区不动产权第9号", *Decimal::parse_exact("6666.67"), "owned", 2024});
  s->write_batch(w);
  Frame f23 = s->snapshot(2023), f24 = s->snapshot(2024), f22 = s->snapshot(2022);
  EXPECT_EQ(f23.land_owned_m2.micros[0], 33'333'330'000);
  EXPECT_EQ(f23.land_leased_m2.micros[0], 1'000'000'000);
  EXPECT_NEAR(*land_mu(f23, 0), 51.5, 1e-5);  // (33333.33 + 1000) m² × 15 / 10000
  EXPECT_EQ(f24.land_owned_m2.micros[0], 6'666'670'000);
  EXPECT_FALSE(f24.land_leased_m2.has(0));
  EXPECT_EQ(f22.land_owned_m2.micros[0], 33'333'330'000);  // only later years: the earliest
  EXPECT_FALSE(land_mu(f23, 1).has_value());               // no parcel: missing, not zero
}

TEST(SqliteStore, AFailedBatchLeavesNothingBehind) {
  TempDb t;
  auto s = open_sqlite(t.path());
  s->migrate();
  s->write_batch(sample_batch("first", "registry"));
  auto bad = sample_batch("second", "statistics");
  // A fact for an enterprise that is not in the registry violates the foreign key, at the end.
  bad.facts.push_back({"91500000202897821P", 2024, "revenue", "statistics", Decimal::from_micros(1)});
  EXPECT_THROW(s->write_batch(bad), StoreError);
  EXPECT_EQ(s->batches().size(), 1u);
  EXPECT_FALSE(s->find_batch_by_sha256("second").has_value());
  EXPECT_TRUE(s->find_batch_by_sha256("first").has_value());
  EXPECT_TRUE(s->snapshot(2024).metrics.empty());
}

TEST(SqliteStore, SnapshotHashIsStableAndFollowsTheData) {
  TempDb t;
  auto s = open_sqlite(t.path());
  s->migrate();
  auto w = sample_batch("h", "statistics");
  w.facts.push_back({"9150000020286320X6", 2024, "revenue", "statistics", Decimal::from_micros(5)});
  s->write_batch(w);
  auto h1 = s->snapshot_hash(2024);
  EXPECT_EQ(h1.size(), 64u);
  EXPECT_EQ(h1, s->snapshot_hash(2024));
  auto w2 = sample_batch("h2", "statistics");
  w2.facts.push_back({"9150000020286320X6", 2024, "revenue", "statistics", Decimal::from_micros(6)});
  s->write_batch(w2);
  EXPECT_NE(h1, s->snapshot_hash(2024));
}

TEST(SqliteStore, RunsRoundTrip) {
  TempDb t;
  auto s = open_sqlite(t.path());
  s->migrate();
  RunRecord r{0, "evaluation", 2024, "chongqing-default", "abc", "def", "{\"x\":1}", ""};
  auto id = s->save_run(r);
  auto back = s->run(id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->result_json, "{\"x\":1}");
  EXPECT_EQ(s->runs("evaluation").size(), 1u);
}
