// mujun — the SQLite back end of store::Store (see store/store.h for the contract).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>

#include <nlohmann/json.hpp>

#include "domain/metric.h"
#include "domain/sha256.h"
#include "store/sqlite/db.h"
#include "store/sqlite/import_session.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/snapshot_cache.h"
#include "store/store.h"

namespace mujun::store {
namespace {
using sqlite::Db;
using sqlite::Stmt;
using sqlite::Transaction;

std::string now_utc() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string join(const std::vector<std::string>& v, char sep) {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) s += sep;
    s += v[i];
  }
  return s;
}
std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::size_t a = 0;
  for (;;) {
    auto b = s.find(sep, a);
    out.push_back(s.substr(a, b == std::string::npos ? std::string::npos : b - a));
    if (b == std::string::npos) break;
    a = b + 1;
  }
  return out;
}

// Default precedence when the user has set none: the metric's usual source (GLOSSARY.md), then
// the statistics bureau, then the others.
std::vector<std::string> default_precedence(const std::string& metric) {
  std::vector<std::string> order;
  if (auto m = find_metric(metric)) order.emplace_back(m->source);
  for (const char* s : {"statistics", "tax", "energy", "emissions", "certificates", "land", "registry", "support"})
    if (std::find(order.begin(), order.end(), s) == order.end()) order.emplace_back(s);
  return order;
}

BatchRecord read_batch(const Stmt& st) {
  BatchRecord b;
  b.id = st.i64(0);
  b.file = st.text(1);
  b.sha256 = st.text(2);
  b.source = st.text(3);
  b.year = static_cast<int>(st.i64(4));
  b.rows_total = st.i64(5);
  b.rows_accepted = st.i64(6);
  b.rows_rejected = st.i64(7);
  b.warnings = st.i64(8);
  b.imported_at = st.text(9);
  return b;
}
constexpr const char* kBatchCols =
    "id, file, sha256, source, year, rows_total, rows_accepted, rows_rejected, warnings, imported_at";

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path) : db_(path), path_(path) {}

  void migrate() override {
    db_.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
             "sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)");
    std::map<int, std::string> applied;
    {
      Stmt st(db_, "SELECT version, sha256 FROM schema_migrations ORDER BY version");
      while (st.step()) applied[static_cast<int>(st.i64(0))] = st.text(1);
    }
    auto shipped = sqlite::migrations();
    for (auto& [v, sum] : applied) {
      auto it = std::find_if(shipped.begin(), shipped.end(), [&](auto& m) { return m.version == v; });
      if (it == shipped.end())
        throw StoreError("数据库 '" + path_ + "' 含有本程序不认识的迁移版本 " + std::to_string(v) +
                         "（由更新的 mujun 创建？）；请用对应版本打开，或新建数据库 / the database has migration " +
                         std::to_string(v) + " which this build does not know");
      if (sha256_hex(it->sql) != sum)
        throw StoreError("数据库 '" + path_ + "' 的迁移 " + std::to_string(v) + "（" + std::string(it->name) +
                         "）校验和不符：其结构历史与本程序不同，拒绝打开 / migration checksum mismatch: the "
                         "database's schema history differs from this build's; refusing to use it");
    }
    for (auto& m : shipped) {
      if (applied.count(m.version)) continue;
      Transaction tx(db_);
      if (m.version == 4) refuse_orphans();
      db_.exec(m.sql);
      Stmt ins(db_, "INSERT INTO schema_migrations(version, name, sha256, applied_at) VALUES (?,?,?,?)");
      ins.bind(1, m.version).bind(2, m.name).bind(3, sha256_hex(m.sql)).bind(4, now_utc()).run();
      tx.commit();
    }
  }

  std::unique_ptr<ImportSession> begin_import() override { return sqlite::begin_import_session(db_); }

  long long write_batch(const BatchWrite& w) override { return write_batches({&w}).at(0); }

  // The whole batches at once, through the same session as a streamed import.
  std::vector<long long> write_batches(const std::vector<const BatchWrite*>& ws) override {
    auto session = begin_import();
    std::vector<long long> ids;
    for (auto* w : ws) ids.push_back(insert_batch(*session, *w));
    session->commit();
    return ids;
  }

  std::vector<FactRecord> facts(int year, const std::string& metric) override {
    std::vector<FactRecord> out;
    Stmt st(db_, "SELECT e.uscc, f.source, f.value_micros FROM facts f CROSS JOIN enterprises e ON e.id = f.enterprise_id "
                 "WHERE f.year = ? AND f.metric = ? ORDER BY f.rowid");
    st.bind(1, year).bind(2, metric);
    while (st.step()) out.push_back({st.text(0), year, metric, st.text(1), Decimal::from_micros(st.i64(2))});
    return out;
  }

  static long long insert_batch(ImportSession& s, const BatchWrite& w) {
    long long id = s.begin_batch(w.batch.file, w.batch.sha256);
    for (auto& e : w.enterprises) s.add_enterprise(e, w.batch.source);
    for (auto& p : w.parcels) s.add_parcel(p);
    for (auto& f : w.facts) s.add_fact(f);
    for (auto& st : w.statuses) s.add_status(st);
    for (auto& [u, c] : w.certificates) s.add_certificate(u, c);
    for (auto& r : w.rejects) {
      RejectedRowRecord row{w.batch.file, "", r.row, {}, {}, {r}};
      if (auto cells = nlohmann::json::parse(r.original_row_json, nullptr, false); cells.is_array())
        for (auto& c : cells) row.cells.push_back(c.is_string() ? c.get<std::string>() : c.dump());
      s.add_rejected_row(row);
    }
    s.end_batch(w.batch);
    return id;
  }

  std::optional<BatchRecord> find_batch_by_sha256(const std::string& sha) override {
    Stmt st(db_, std::string("SELECT ") + kBatchCols + " FROM import_batches WHERE sha256 = ?");
    st.bind(1, sha);
    if (st.step()) return read_batch(st);
    return std::nullopt;
  }

  std::vector<BatchRecord> batches() override {
    std::vector<BatchRecord> out;
    Stmt st(db_, std::string("SELECT ") + kBatchCols + " FROM import_batches ORDER BY id");
    while (st.step()) out.push_back(read_batch(st));
    return out;
  }

  std::vector<RejectRecord> rejects(long long batch_id) override {
    std::vector<RejectRecord> out;
    Stmt st(db_, "SELECT row, column_name, value, code, message, original_row FROM rejected_rows "
                 "WHERE batch_id = ? ORDER BY id");
    st.bind(1, static_cast<std::int64_t>(batch_id));
    while (st.step())
      out.push_back({st.i64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
    return out;
  }

  std::vector<int> years() override {
    std::vector<int> out;
    Stmt st(db_, "SELECT DISTINCT year FROM facts UNION SELECT DISTINCT year FROM statuses ORDER BY 1");
    while (st.step()) out.push_back(static_cast<int>(st.i64(0)));
    return out;
  }

  // Through the per-year cache (migration 3), read from the tables when it does not hold the year.
  Frame snapshot(int year) override {
    return sqlite::cached_snapshot(db_, year, [this](const std::string& m) { return precedence(m); });
  }
  std::string snapshot_hash(int year) override {
    return sqlite::cached_snapshot_hash(db_, year, [this](const std::string& m) { return precedence(m); });
  }

  void set_precedence(const std::string& metric, const std::vector<std::string>& sources) override {
    Stmt st(db_, "INSERT INTO precedence(metric, sources) VALUES (?,?) ON CONFLICT(metric) DO UPDATE SET "
                 "sources = excluded.sources");
    st.bind(1, metric).bind(2, join(sources, ',')).run();
  }

  std::vector<std::string> precedence(const std::string& metric) override {
    Stmt st(db_, "SELECT sources FROM precedence WHERE metric = ?");
    st.bind(1, metric);
    std::vector<std::string> order;
    if (st.step()) order = split(st.text(0), ',');
    for (auto& s : default_precedence(metric))
      if (std::find(order.begin(), order.end(), s) == order.end()) order.push_back(s);
    return order;
  }

  long long save_run(const RunRecord& r) override {
    Transaction tx(db_);
    Stmt st(db_, "INSERT INTO runs(kind, year, scheme_name, scheme_sha256, snapshot_sha256, result_json, created_at) "
                 "VALUES (?,?,?,?,?,?,?)");
    st.bind(1, r.kind).bind(2, r.year).bind(3, r.scheme_name).bind(4, r.scheme_sha256).bind(5, r.snapshot_sha256)
        .bind_text_static(6, r.result_json).bind(7, r.created_at.empty() ? now_utc() : r.created_at).run();
    long long id = db_.last_insert_id();
    tx.commit();
    return id;
  }

  std::optional<RunRecord> run(long long id) override {
    Stmt st(db_, "SELECT id, kind, year, scheme_name, scheme_sha256, snapshot_sha256, result_json, created_at "
                 "FROM runs WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(id));
    if (!st.step()) return std::nullopt;
    return read_run(st);
  }

  long long latest_batch_id() override {
    Stmt st(db_, "SELECT coalesce(max(id), 0) FROM import_batches");
    return st.step() ? st.i64(0) : 0;
  }

  long long latest_run_id(const std::string& kind) override {
    Stmt st(db_, "SELECT coalesce(max(id), 0) FROM runs WHERE kind = ?");
    st.bind(1, kind);
    return st.step() ? st.i64(0) : 0;
  }

  std::vector<RunRecord> runs(const std::string& kind) override {
    std::vector<RunRecord> out;
    Stmt st(db_, "SELECT id, kind, year, scheme_name, scheme_sha256, snapshot_sha256, result_json, created_at "
                 "FROM runs WHERE kind = ? ORDER BY id");
    st.bind(1, kind);
    while (st.step()) out.push_back(read_run(st));
    return out;
  }

 private:
  // Migration 4 keys rows by enterprises(id), found through their USCC: a row whose USCC is not in the
  // registry (possible only when written with foreign keys off, e.g. by hand in the sqlite3 shell) would
  // have no id. Such rows are reported and the migration refused (nothing changed) rather than dropped.
  void refuse_orphans() {
    std::string found;
    for (const char* table : {"facts", "statuses", "land_parcels", "certificates"}) {
      Stmt st(db_, std::string("SELECT count(*), min(uscc) FROM ") + table +
                       " WHERE NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.uscc = " + table + ".uscc)");
      if (st.step() && st.i64(0) > 0)
        found += std::string(found.empty() ? "" : ", ") + table + " " + std::to_string(st.i64(0)) + " 行（如 " +
                 st.text(1) + "）";
    }
    if (!found.empty())
      throw StoreError("数据库 '" + path_ + "' 有引用了企业名录中没有的企业的行：" + found +
                       "。升级到迁移 4（整数企业编号）需要每一行都对应一个企业：请先在企业名录中补上这些企业，或删除这些行，"
                       "然后重新运行；数据库未作任何改动 / rows refer to enterprises missing from the registry (" + found +
                       "); migration 4 needs every row to belong to a registered enterprise: add those enterprises or "
                       "delete the rows, then run again; nothing was changed");
  }

  static RunRecord read_run(const Stmt& st) {
    return RunRecord{st.i64(0), st.text(1), static_cast<int>(st.i64(2)), st.text(3), st.text(4), st.text(5),
                     st.text(6), st.text(7)};
  }

  Db db_;
  std::string path_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite(const std::string& path) { return std::make_unique<SqliteStore>(path); }

}  // namespace mujun::store
