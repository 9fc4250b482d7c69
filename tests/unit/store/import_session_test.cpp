// The streamed import session (store/store.h ImportSession) on the SQLite back end: rows written
// as they come inside one transaction, one file undone exactly, nothing visible before commit,
// duplicate keys and rejected rows kept on disk, and a second writer waiting or refused.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "store/store.h"
#include "temp_db.h"

namespace fs = std::filesystem;
using namespace mujun;
using namespace mujun::store;

namespace {
struct TempDb : mujun::testing_support::TempDb {
  TempDb() : mujun::testing_support::TempDb("mujun-session") {}
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Valid USCCs (GB 32100 check characters verified, ../shared/data/uscc-test-vectors.csv).
const std::string kA = "9150000020286320X6";
const std::string kB = "91500000202869177Y";

Decimal wan(const char* s) { return *Decimal::parse_exact(s); }

BatchRecord counts(const std::string& file, const std::string& source, long rows) {
  BatchRecord b;
  b.file = file;
  b.source = source;
  b.year = 2024;
  b.rows_total = b.rows_accepted = rows;
  return b;
}
}  // namespace

TEST(ImportSession, NothingIsVisibleBeforeCommitAndEverythingAfter) {
  TempDb t;
  auto s = open_sqlite(t.path());
  s->migrate();
  auto reader = open_sqlite(t.path());  // another connection, as another process would be
  {
    auto session = s->begin_import();
    long long id = session->begin_batch("stats-2024.csv", "sha-a");
    session->add_enterprise({kA, "重庆长安汽车股份有限公司", "3611", "", 0}, "statistics");
    session->add_fact({kA, 2024, "value_added", "statistics", wan("30000")});
    session->end_batch(counts("stats-2024.csv", "statistics", 1));
    EXPECT_TRUE(reader->batches().empty());  // not committed: invisible
    session->commit();
    auto b = reader->batches();
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(b[0].id, id);
    EXPECT_EQ(b[0].source, "statistics");  // end_batch filled the record
    EXPECT_EQ(b[0].rows_accepted, 1);
  }
  EXPECT_EQ(reader->snapshot(2024).metric("value_added")->micros[0], 30'000'000'000);
}

TEST(ImportSession, WithoutCommitTheDatabaseFileIsByteIdentical) {
  TempDb t;
  {
    auto s = open_sqlite(t.path());
    s->migrate();
  }
  std::string before = slurp(t.path());
  {
    auto s = open_sqlite(t.path());
    auto session = s->begin_import();
    session->begin_batch("a.csv", "sha-a");
    // Enough rows to spill the page cache of the open transaction to the WAL.
    for (int i = 0; i < 20000; ++i) {
      std::string u = kA.substr(0, 10) + std::to_string(10000000 + i);
      session->add_enterprise({u, "企业", "", "", 0}, "statistics");
      session->add_fact({u, 2024, "revenue", "statistics", Decimal::from_micros(i)});
    }
    session->end_batch(counts("a.csv", "statistics", 20000));
  }  // destroyed without commit: rolled back
  EXPECT_EQ(before, slurp(t.path()));
  EXPECT_FALSE(fs::exists(t.path() + "-wal") && fs::file_size(t.path() + "-wal") > 0);
}

TEST(ImportSession, DropBatchUndoesExactlyThatFile) {
  TempDb t;
  auto s = open_sqlite(t.path());
  s->migrate();
  BatchWrite land;
  land.batch = counts("land-2023.csv", "land", 1);
  land.batch.sha256 = "land";
  land.enterprises.push_back({kA, "", "", "", 0});
  land.parcels.push_back({kA, "渝(2020)第1号", wan("1000"), "owned", 2024});
  land.facts.push_back({kA, 2024, "revenue", "statistics", wan("10")});
  s->write_batch(land);

  auto session = s->begin_import();
  long long good = session->begin_batch("good.csv", "good");
  session->add_enterprise({kB, "重庆银行股份有限公司", "", "", 0}, "statistics");
  session->add_fact({kB, 2024, "revenue", "statistics", wan("5")});
  session->end_batch(counts("good.csv", "statistics", 1));
  session->begin_batch("broken.xlsx", "broken");
  session->add_parcel({kA, "渝(2024)第9号", wan("7"), "owned", 2024});  // would replace parcel 1
  session->add_fact({kA, 2024, "revenue", "statistics", wan("99")});  // would replace 10 万元
  session->add_rejected_row({"broken.xlsx", "Sheet1", 3, {"统一社会信用代码"}, {"x"},
                             {{3, "统一社会信用代码", "x", "uscc.length", "长度不对", ""}}});
  session->drop_batch();
  session->commit();

  auto b = s->batches();
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[1].id, good);
  EXPECT_FALSE(s->find_batch_by_sha256("broken").has_value());
  Frame f = s->snapshot(2024);
  EXPECT_EQ(f.land_owned_m2.micros[0], 1'000'000'000);            // parcel 1 restored
  EXPECT_EQ(f.metric("revenue")->micros[0], 10'000'000);          // 10 万元, not 99
  EXPECT_EQ(f.metric("revenue")->micros[1], 5'000'000);
  // The dropped file's rejected row is still there for --rejects (it needs fixing), not in the db.
  int n = 0;
  session->rejected_rows([&](const RejectedRowRecord& r) {
    ++n;
    EXPECT_EQ(r.file, "broken.xlsx");
    EXPECT_EQ(r.sheet, "Sheet1");
    EXPECT_EQ(r.row, 3);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].code, "uscc.length");
  });
  EXPECT_EQ(n, 1);
  for (auto& batch : b) EXPECT_TRUE(s->rejects(batch.id).empty());
}

TEST(ImportSession, SupportAmountsAddUpWithinABatchAndReplaceAnEarlierOne) {
  TempDb t;
  auto s = open_sqlite(t.path());
  s->migrate();
  for (const char* sha : {"first", "second"}) {
    auto session = s->begin_import();
    session->begin_batch("support.csv", sha);
    session->add_enterprise({kA, "", "", "", 0}, "support");
    session->add_fact({kA, 2024, "support_reward", "support", wan("10")}, true);
    session->add_fact({kA, 2024, "support_reward", "support", wan("5.5")}, true);
    session->end_batch(counts("support.csv", "support", 2));
    session->commit();
    // 10 + 5.5 万元 — the second batch replaces the first's sum instead of adding to it.
    EXPECT_EQ(s->snapshot(2024).metric("support_reward")->micros[0], 15'500'000) << sha;
  }
}

TEST(ImportSession, FirstSeenRemembersKeysPerFile) {
  TempDb t;
  auto s = open_sqlite(t.path());
  s->migrate();
  auto session = s->begin_import();
  session->begin_batch("a.csv", "a");
  EXPECT_FALSE(session->first_seen(kA + "|2024", 2, "fp1").has_value());
  auto again = session->first_seen(kA + "|2024", 5, "fp1");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->first, 2);
  EXPECT_TRUE(again->second);  // identical
  auto other = session->first_seen(kA + "|2024", 6, "fp2");
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->first, 2);  // still the first row
  EXPECT_FALSE(other->second);
  session->end_batch(counts("a.csv", "statistics", 0));
  session->begin_batch("b.csv", "b");
  EXPECT_FALSE(session->first_seen(kA + "|2024", 2, "fp1").has_value());  // another file
  session->end_batch(counts("b.csv", "statistics", 0));
}

TEST(ImportSession, ConflictsAreOtherSourcesWithOtherValues) {
  TempDb t;
  auto s = open_sqlite(t.path());
  s->migrate();
  auto session = s->begin_import();
  session->begin_batch("stats.csv", "stats");
  for (auto& u : {kA, kB}) session->add_enterprise({u, "", "", "", 0}, "statistics");
  session->add_fact({kA, 2024, "tax_paid", "statistics", wan("1500")});
  session->add_fact({kB, 2024, "tax_paid", "statistics", wan("10")});
  session->end_batch(counts("stats.csv", "statistics", 2));
  long long tax = session->begin_batch("tax.csv", "tax");
  session->add_fact({kA, 2024, "tax_paid", "tax", wan("1400")});  // differs: a conflict
  session->add_fact({kB, 2024, "tax_paid", "tax", wan("10")});    // equal: none
  std::vector<FactConflict> found;
  session->conflicts(tax, [&](const FactConflict& c) { found.push_back(c); });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].mine.uscc, kA);
  EXPECT_EQ(found[0].mine.source, "tax");
  EXPECT_EQ(found[0].mine.value.micros, 1'400'000'000);
  EXPECT_EQ(found[0].other.source, "statistics");
  EXPECT_EQ(found[0].other.value.micros, 1'500'000'000);
  session->end_batch(counts("tax.csv", "tax", 2));
}

TEST(ImportSession, ASecondWriterWaitsForTheFirstThenWrites) {
  TempDb t;
  {
    auto s = open_sqlite(t.path());
    s->migrate();
  }
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(t.path().c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
  });
  auto s = open_sqlite(t.path());
  auto t0 = std::chrono::steady_clock::now();
  auto session = s->begin_import();  // waits (busy timeout) instead of failing
  auto waited = std::chrono::steady_clock::now() - t0;
  release.join();
  sqlite3_close(other);
  EXPECT_GE(waited, std::chrono::milliseconds(400));
  session->begin_batch("a.csv", "a");
  session->end_batch(counts("a.csv", "statistics", 0));
  session->commit();
  EXPECT_EQ(s->batches().size(), 1u);
}

// Takes the busy timeout (10 s, store/sqlite/db.cpp): what a second `mujun import` sees while a
// long one holds the database.
TEST(ImportSession, ASecondImportIsRefusedWithAMessageWhenTheFirstLastsLonger) {
  TempDb t;
  auto first = open_sqlite(t.path());
  first->migrate();
  auto running = first->begin_import();
  running->begin_batch("big.csv", "big");
  auto second = open_sqlite(t.path());
  try {
    second->begin_import();
    FAIL() << "a second session was opened while the first holds the write lock";
  } catch (const StoreError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("数据库正被另一个进程写入"), std::string::npos) << m;
    EXPECT_NE(m.find("另一个导入"), std::string::npos) << m;
    EXPECT_NE(m.find("another import"), std::string::npos) << m;
  }
  running->end_batch(counts("big.csv", "statistics", 0));
  running->commit();
  EXPECT_EQ(second->batches().size(), 1u);
}
