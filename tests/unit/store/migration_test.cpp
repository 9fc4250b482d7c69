// Migration 4 (integer enterprise keys, store/sqlite/migrations.cpp): a database written by the
// previous schema (version 3, every row keyed by the USCC text) is converted in place and gives the
// same snapshot, row for row, as the same data written through the store today; rowids (the order of
// conflicts), the cache triggers and the foreign keys survive. Expected values are the rows inserted
// below (micro-units: 1 万元 = 1,000,000; m²).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "domain/sha256.h"
#include "store/sqlite/migrations.h"
#include "store/store.h"
#include "temp_db.h"

namespace fs = std::filesystem;
using namespace mujun;
using namespace mujun::store;

namespace {
struct TempDir : mujun::testing_support::TempDb {
  TempDir() : mujun::testing_support::TempDb("mujun-migration") {}
};

const std::string kA = "9150000020286320X6", kB = "91500000202869177Y", kC = "91500110MA0000111N";

void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "") << "\n" << sql;
}

std::string one(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
  std::string out;
  for (bool first = true; sqlite3_step(st) == SQLITE_ROW; first = false) {
    if (!first) out += ";";
    for (int c = 0; c < sqlite3_column_count(st); ++c) {
      if (c) out += "|";
      auto p = sqlite3_column_text(st, c);
      out += p ? reinterpret_cast<const char*>(p) : "NULL";
    }
  }
  sqlite3_finalize(st);
  return out;
}

// A version-3 database as the previous build wrote it: migrations 1–3 with their recorded checksums,
// rows keyed by USCC text, registry rowids not in USCC order, a deleted parcel (a rowid gap).
void write_v3(const std::string& path) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  exec(db, "PRAGMA foreign_keys = ON; CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
           "sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)");
  for (const auto& m : sqlite::migrations()) {
    if (m.version > 3) break;
    exec(db, std::string(m.sql));
    exec(db, "INSERT INTO schema_migrations VALUES (" + std::to_string(m.version) + ", '" + std::string(m.name) + "', '" +
                 sha256_hex(m.sql) + "', '2026-12-01T00:00:00Z')");
  }
  exec(db, R"(
INSERT INTO import_batches VALUES (1, 'registry.csv', 'r', 'registry', 2024, 3, 3, 0, 0, '2026-12-01T00:00:00Z');
INSERT INTO import_batches VALUES (2, 'stats.csv', 's', 'statistics', 2024, 2, 2, 0, 0, '2026-12-01T00:00:00Z');
INSERT INTO import_batches VALUES (3, 'tax.csv', 't', 'tax', 2024, 2, 2, 0, 1, '2026-12-01T00:00:00Z');
INSERT INTO import_batches VALUES (4, 'land.csv', 'l', 'land', 0, 4, 4, 0, 0, '2026-12-01T00:00:00Z');
INSERT INTO enterprises VALUES ('91500110MA0000111N', '重庆某材料有限公司', '3311', '500110001', 2019, 1);
INSERT INTO enterprises VALUES ('9150000020286320X6', '重庆长安汽车股份有限公司', '3611', '万东镇', 2001, 1);
INSERT INTO enterprises VALUES ('91500000202869177Y', '重庆银行股份有限公司', '', '', 0, 1);
INSERT INTO facts VALUES ('9150000020286320X6', 2024, 'tax_paid', 'statistics', 900000000, 2);
INSERT INTO facts VALUES ('9150000020286320X6', 2024, 'gross_output', 'statistics', 12345670000, 2);
INSERT INTO facts VALUES ('91500110MA0000111N', 2024, 'gross_output', 'statistics', 5000000, 2);
INSERT INTO facts VALUES ('91500110MA0000111N', 2023, 'gross_output', 'statistics', 4000000, 2);
INSERT INTO facts VALUES ('9150000020286320X6', 2024, 'tax_paid', 'tax', 1234500000, 3);
INSERT INTO facts VALUES ('91500110MA0000111N', 2024, 'gross_output', 'tax', 7000000, 3);
INSERT INTO statuses VALUES ('9150000020286320X6', 2024, 1, 'major_safety_accident|new_firm', 2);
INSERT INTO statuses VALUES ('91500110MA0000111N', 2024, 0, '', 2);
INSERT INTO land_parcels VALUES (1, '9150000020286320X6', '渝(2020)1号', 20000000000, 'owned', 2023, 4);
INSERT INTO land_parcels VALUES (2, '9150000020286320X6', '渝(2020)2号', 13333330000, 'owned', 2023, 4);
INSERT INTO land_parcels VALUES (4, '9150000020286320X6', '', 1000000000, 'leased', 2023, 4);
INSERT INTO land_parcels VALUES (5, '9150000020286320X6', '渝(2025)9号', 6666670000, 'owned', 2025, 4);
INSERT INTO land_parcels VALUES (6, '91500110MA0000111N', '', 3000000000, 'leased', 2026, 4);
INSERT INTO certificates VALUES (1, '9150000020286320X6', 'high_tech_enterprise', 'national', 'GR202351000123',
                                 '2023-10-16', '2026-10-15', 4);
)");
  sqlite3_close(db);
}

// The same data through today's store (write_batch), in the same order.
void write_current(Store& s) {
  BatchWrite reg;
  reg.batch = {0, "registry.csv", "r", "registry", 2024, 3, 3, 0, 0, "2026-12-01T00:00:00Z"};
  reg.enterprises = {{kC, "重庆某材料有限公司", "3311", "500110001", 2019},
                     {kA, "重庆长安汽车股份有限公司", "3611", "万东镇", 2001},
                     {kB, "重庆银行股份有限公司", "", "", 0}};
  s.write_batch(reg);
  BatchWrite st;
  st.batch = {0, "stats.csv", "s", "statistics", 2024, 2, 2, 0, 0, "2026-12-01T00:00:00Z"};
  st.facts = {{kA, 2024, "tax_paid", "statistics", Decimal::from_micros(900'000'000)},
              {kA, 2024, "gross_output", "statistics", Decimal::from_micros(12'345'670'000)},
              {kC, 2024, "gross_output", "statistics", Decimal::from_micros(5'000'000)},
              {kC, 2023, "gross_output", "statistics", Decimal::from_micros(4'000'000)}};
  st.statuses = {{kA, 2024, true, {"major_safety_accident", "new_firm"}}, {kC, 2024, false, {}}};
  s.write_batch(st);
  BatchWrite tax;
  tax.batch = {0, "tax.csv", "t", "tax", 2024, 2, 2, 0, 1, "2026-12-01T00:00:00Z"};
  tax.facts = {{kA, 2024, "tax_paid", "tax", Decimal::from_micros(1'234'500'000)},
               {kC, 2024, "gross_output", "tax", Decimal::from_micros(7'000'000)}};
  s.write_batch(tax);
  BatchWrite land;
  land.batch = {0, "land.csv", "l", "land", 0, 4, 4, 0, 0, "2026-12-01T00:00:00Z"};
  land.parcels = {{kA, "渝(2020)1号", Decimal::from_micros(20'000'000'000), "owned", 2023},
                  {kA, "渝(2020)2号", Decimal::from_micros(13'333'330'000), "owned", 2023},
                  {kA, "", Decimal::from_micros(1'000'000'000), "leased", 2023},
                  {kA, "渝(2025)9号", Decimal::from_micros(6'666'670'000), "owned", 2025},
                  {kC, "", Decimal::from_micros(3'000'000'000), "leased", 2026}};
  land.certificates = {{kA, {"high_tech_enterprise", "national", "GR202351000123", "2023-10-16", "2026-10-15"}}};
  s.write_batch(land);
}
}  // namespace

TEST(Migration4, AVersion3DatabaseConvertsAndGivesTheSameSnapshot) {
  TempDir t;
  write_v3(t.path("old.db"));
  auto old_db = open_sqlite(t.path("old.db"));
  old_db->migrate();
  auto fresh = open_sqlite(t.path("new.db"));
  fresh->migrate();
  write_current(*fresh);
  for (int year : {2023, 2024, 2025, 2026}) {
    Frame a = old_db->snapshot(year), b = fresh->snapshot(year);
    EXPECT_EQ(frame_sha256(a), frame_sha256(b)) << year;
    EXPECT_EQ(a.uscc, b.uscc) << year;
  }
  // The values themselves (the rows above): precedence per metric, land of the latest year ≤ 2024.
  Frame f = old_db->snapshot(2024);
  ASSERT_EQ(f.uscc, (std::vector<std::string>{kA, kB, kC}));
  EXPECT_EQ(f.metric("tax_paid")->micros[0], 1'234'500'000);        // 税务局 first
  EXPECT_EQ(f.metric("gross_output")->micros[2], 5'000'000);        // 统计局 first
  EXPECT_EQ(f.land_owned_m2.micros[0], 33'333'330'000);             // 20000 + 13333.33 m² of 2023
  EXPECT_EQ(f.land_leased_m2.micros[2], 3'000'000'000);             // only 2026 parcels: the earliest later year
  EXPECT_EQ(f.flags[0], (std::vector<std::string>{"major_safety_accident", "new_firm"}));
  ASSERT_EQ(f.certificates[0].size(), 1u);
  EXPECT_EQ(f.certificates[0][0].expires, "2026-10-15");
  EXPECT_EQ(old_db->snapshot_hash(2024), frame_sha256(f));
  // Conflicts and the facts() listing still name the USCC.
  auto tax = old_db->facts(2024, "tax_paid");
  ASSERT_EQ(tax.size(), 2u);
  EXPECT_EQ(tax[0].uscc, kA);
  EXPECT_EQ(tax[0].source, "statistics");  // rowid order: the statistics row was written first
  EXPECT_EQ(tax[1].value.micros, 1'234'500'000);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(t.path("old.db").c_str(), &db), SQLITE_OK);
  EXPECT_EQ(one(db, "SELECT max(version) FROM schema_migrations"), "4");
  // Ids are the old rowids; every row keeps its rowid (the parcel gap at 3 too).
  EXPECT_EQ(one(db, "SELECT id, uscc FROM enterprises ORDER BY id"),
            "1|91500110MA0000111N;2|9150000020286320X6;3|91500000202869177Y");
  EXPECT_EQ(one(db, "SELECT rowid, enterprise_id, source FROM facts WHERE metric = 'tax_paid' ORDER BY rowid"),
            "1|2|statistics;5|2|tax");
  EXPECT_EQ(one(db, "SELECT group_concat(id) FROM (SELECT id FROM land_parcels ORDER BY id)"), "1,2,4,5,6");
  EXPECT_EQ(one(db, "PRAGMA foreign_key_check"), "");
  EXPECT_EQ(one(db, "PRAGMA integrity_check"), "ok");
  // The cache triggers are back on the new tables: a write drops the cached frame.
  EXPECT_EQ(one(db, "SELECT count(*) FROM snapshot_cache"), "4");  // 2023–2026, stored by the snapshots above
  exec(db, "UPDATE land_parcels SET area_micros = 1 WHERE id = 6");
  EXPECT_EQ(one(db, "SELECT count(*) FROM snapshot_cache"), "0");
  EXPECT_EQ(one(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"), "18");
  sqlite3_close(db);
  old_db->migrate();  // nothing left to do: the recorded checksums match
}

TEST(Migration4, AFactForAnUnknownEnterpriseIsStillRefused) {
  TempDir t;
  auto s = open_sqlite(t.path("t.db"));
  s->migrate();
  BatchWrite w;
  w.batch.file = "stats.csv";
  w.batch.sha256 = "s";
  w.batch.source = "statistics";
  w.facts.push_back({kA, 2024, "revenue", "statistics", Decimal::from_micros(1)});  // kA never registered
  EXPECT_THROW(s->write_batch(w), StoreError);
  EXPECT_TRUE(s->batches().empty());
}

TEST(Migration4, RowsOfAnUnregisteredEnterpriseStopTheMigrationAndChangeNothing) {
  TempDir t;
  write_v3(t.path("old.db"));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(t.path("old.db").c_str(), &db), SQLITE_OK);
  // Written by hand with foreign keys off (the sqlite3 shell's default): an enterprise not in the registry.
  exec(db, "PRAGMA foreign_keys = OFF; INSERT INTO facts VALUES ('91500000MA5U00000A', 2024, 'revenue', 'tax', 1, 3)");
  sqlite3_close(db);
  auto s = open_sqlite(t.path("old.db"));
  try {
    s->migrate();
    FAIL() << "a fact of an unregistered enterprise must stop migration 4";
  } catch (const StoreError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("facts 1 行（如 91500000MA5U00000A）"), std::string::npos) << m;
    EXPECT_NE(m.find("nothing was changed"), std::string::npos) << m;
  }
  ASSERT_EQ(sqlite3_open(t.path("old.db").c_str(), &db), SQLITE_OK);
  EXPECT_EQ(one(db, "SELECT max(version) FROM schema_migrations"), "3");
  EXPECT_EQ(one(db, "SELECT count(*) FROM facts"), "7");
  EXPECT_EQ(one(db, "SELECT count(*) FROM pragma_table_info('facts') WHERE name = 'uscc'"), "1");
  sqlite3_close(db);
}
