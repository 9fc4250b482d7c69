#include "store/sqlite/import_session.h"

#include <chrono>
#include <ctime>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

namespace mujun::store::sqlite {
namespace {

std::string now_utc() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// JSON text of `j`; invalid UTF-8 in a cell is replaced (U+FFFD) rather than thrown on.
std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

// Page caches: the main connection gets 32 MiB while the session lasts (fewer spills of the open
// transaction to the WAL), the scratch database 8 MiB. Both are fixed: memory does not grow with rows.
constexpr const char* kMainCache = "PRAGMA main.cache_size = -32768";
constexpr const char* kScratchCache = "PRAGMA cache_size = -8192";

class SqliteImportSession final : public ImportSession {
 public:
  explicit SqliteImportSession(Db& db) : db_(db), tx_(std::in_place, db), scratch_("") {
    {
      Stmt st(db_, "PRAGMA main.cache_size");
      if (st.step()) saved_cache_ = st.i64(0);
    }
    db_.exec(kMainCache);
    // The scratch database: private to this session, in a file SQLite deletes as it opens it (so
    // nothing is left even after a kill). No journal: it is never rolled back, only thrown away.
    scratch_.exec(std::string(kScratchCache) + "; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
    scratch_.exec(
        "CREATE TABLE seen (file_no INTEGER NOT NULL, key TEXT NOT NULL, row INTEGER NOT NULL, fp TEXT NOT NULL, "
        "PRIMARY KEY (file_no, key)) WITHOUT ROWID;"
        "CREATE TABLE headers (id INTEGER PRIMARY KEY, labels TEXT NOT NULL UNIQUE);"
        "CREATE TABLE rejects (id INTEGER PRIMARY KEY, file TEXT NOT NULL, sheet TEXT NOT NULL, row INTEGER NOT NULL, "
        "header_id INTEGER NOT NULL, cells TEXT NOT NULL, errors TEXT NOT NULL);"
        "BEGIN");
    ins_batch_ = std::make_unique<Stmt>(
        db_, "INSERT INTO import_batches(file, sha256, source, year, rows_total, rows_accepted, rows_rejected, "
             "warnings, imported_at) VALUES (?, ?, '', 0, 0, 0, 0, 0, ?)");
    upd_batch_ = std::make_unique<Stmt>(
        db_, "UPDATE import_batches SET file = ?, source = ?, year = ?, rows_total = ?, rows_accepted = ?, "
             "rows_rejected = ?, warnings = ?, imported_at = CASE WHEN ?9 <> '' THEN ?9 ELSE imported_at END WHERE id = ?8");
    // A later batch may complete an enterprise's attributes; it never blanks a known one. The name
    // is the registry's (企业名录): another agency's spelling only fills a missing name.
    ins_enterprise_ = std::make_unique<Stmt>(
        db_, "INSERT INTO enterprises(uscc, name, industry_code, township, production_start_year, batch_id) "
             "VALUES (?1,?2,?3,?4,?5,?6) ON CONFLICT(uscc) DO UPDATE SET "
             "name = CASE WHEN ?2 <> '' AND (name = '' OR ?7 = 'registry') THEN ?2 ELSE name END, "
             "industry_code = CASE WHEN ?3 <> '' THEN ?3 ELSE industry_code END, "
             "township = CASE WHEN ?4 <> '' THEN ?4 ELSE township END, "
             "production_start_year = CASE WHEN ?5 <> 0 THEN ?5 ELSE production_start_year END");
    ins_fact_ = std::make_unique<Stmt>(
        db_, "INSERT INTO facts(uscc, year, metric, source, value_micros, batch_id) VALUES (?1,?2,?3,?4,?5,?6) "
             "ON CONFLICT(uscc, year, metric, source) DO UPDATE SET value_micros = CASE WHEN ?7 AND "
             "batch_id = excluded.batch_id THEN value_micros + excluded.value_micros ELSE excluded.value_micros END, "
             "batch_id = excluded.batch_id");
    ins_status_ = std::make_unique<Stmt>(
        db_, "INSERT INTO statuses(uscc, year, above_scale, flags, batch_id) VALUES (?1,?2,?3,?4,?5) "
             "ON CONFLICT(uscc, year) DO UPDATE SET above_scale = COALESCE(?3, above_scale), "
             "flags = CASE WHEN ?4 <> '' THEN ?4 ELSE flags END, batch_id = ?5");
    del_parcels_ = std::make_unique<Stmt>(db_, "DELETE FROM land_parcels WHERE uscc = ? AND year = ? AND batch_id <> ?");
    ins_parcel_ = std::make_unique<Stmt>(
        db_, "INSERT INTO land_parcels(uscc, certificate, area_micros, tenure, year, batch_id) VALUES (?,?,?,?,?,?)");
    ins_certificate_ = std::make_unique<Stmt>(
        db_, "INSERT INTO certificates(uscc, tier, level, number, issued, expires, batch_id) VALUES (?,?,?,?,?,?,?) "
             "ON CONFLICT(uscc, tier, level, number) DO UPDATE SET issued = excluded.issued, "
             "expires = excluded.expires, batch_id = excluded.batch_id");
    ins_reject_ = std::make_unique<Stmt>(
        db_, "INSERT INTO rejected_rows(batch_id, row, column_name, value, code, message, original_row) "
             "VALUES (?,?,?,?,?,?,?)");
    ins_seen_ = std::make_unique<Stmt>(scratch_, "INSERT OR IGNORE INTO seen(file_no, key, row, fp) VALUES (?,?,?,?)");
    get_seen_ = std::make_unique<Stmt>(scratch_, "SELECT row, fp FROM seen WHERE file_no = ? AND key = ?");
    ins_header_ = std::make_unique<Stmt>(scratch_, "INSERT INTO headers(labels) VALUES (?)");
    get_header_ = std::make_unique<Stmt>(scratch_, "SELECT id FROM headers WHERE labels = ?");
    ins_scratch_reject_ = std::make_unique<Stmt>(
        scratch_, "INSERT INTO rejects(file, sheet, row, header_id, cells, errors) VALUES (?,?,?,?,?,?)");
  }

  ~SqliteImportSession() override {
    if (saved_cache_) sqlite3_exec(db_.raw(), ("PRAGMA main.cache_size = " + std::to_string(*saved_cache_)).c_str(),
                                   nullptr, nullptr, nullptr);
    // Then the members go: statements, the scratch database (its file deleted), and the
    // transaction, rolled back unless committed.
  }

  long long begin_batch(const std::string& file, const std::string& sha256) override {
    if (batch_) throw StoreError("内部错误：上一个批次尚未结束 / internal error: a batch is still open");
    if (!tx_) throw StoreError("内部错误：导入已结束 / internal error: the import has ended");
    db_.exec("SAVEPOINT mujun_batch");
    try {
      ins_batch_->bind(1, file).bind(2, sha256).bind(3, now_utc()).run();
    } catch (...) {
      ins_batch_->reset();
      db_.exec("ROLLBACK TO mujun_batch; RELEASE mujun_batch");
      throw;
    }
    batch_ = db_.last_insert_id();
    ++file_no_;
    return batch_;
  }

  void add_enterprise(const EnterpriseRecord& e, const std::string& batch_source) override {
    ins_enterprise_->bind(1, e.uscc).bind(2, e.name).bind(3, e.industry_code).bind(4, e.township)
        .bind(5, e.production_start_year).bind(6, open_batch()).bind(7, batch_source);
    run(*ins_enterprise_);
  }

  void add_fact(const FactRecord& f, bool sum_within_batch) override {
    ins_fact_->bind(1, f.uscc).bind(2, f.year).bind(3, f.metric).bind(4, f.source).bind(5, f.value.micros)
        .bind(6, open_batch()).bind(7, sum_within_batch ? 1 : 0);
    run(*ins_fact_);
  }

  void add_status(const StatusRecord& s) override {
    ins_status_->bind(1, s.uscc).bind(2, s.year);
    if (s.above_scale) ins_status_->bind(3, *s.above_scale ? 1 : 0);
    else ins_status_->bind_null(3);
    std::string flags;
    for (std::size_t i = 0; i < s.flags.size(); ++i) flags += (i ? "|" : "") + s.flags[i];
    ins_status_->bind(4, flags).bind(5, open_batch());
    run(*ins_status_);
  }

  void add_parcel(const ParcelRecord& p) override {
    del_parcels_->bind(1, p.uscc).bind(2, p.year).bind(3, open_batch());
    run(*del_parcels_);
    ins_parcel_->bind(1, p.uscc).bind(2, p.certificate).bind(3, p.area_m2.micros).bind(4, p.tenure).bind(5, p.year)
        .bind(6, batch_);
    run(*ins_parcel_);
  }

  void add_certificate(const std::string& uscc, const Certificate& c) override {
    ins_certificate_->bind(1, uscc).bind(2, c.tier).bind(3, c.level).bind(4, c.number).bind(5, c.issued)
        .bind(6, c.expires).bind(7, open_batch());
    run(*ins_certificate_);
  }

  void add_rejected_row(const RejectedRowRecord& r) override {
    long long batch = open_batch();
    std::string cells = dump(nlohmann::json(r.cells));
    nlohmann::json errors = nlohmann::json::array();
    for (auto& e : r.errors) {
      ins_reject_->bind(1, batch).bind(2, r.row).bind(3, e.column).bind(4, e.value).bind(5, e.code)
          .bind(6, e.message).bind(7, cells);
      run(*ins_reject_);
      errors.push_back({e.column, e.value, e.code, e.message});
    }
    std::string header = dump(nlohmann::json(r.header));
    if (header != last_header_) {
      get_header_->bind(1, header);
      if (get_header_->step()) {
        last_header_id_ = get_header_->i64(0);
        get_header_->reset();
      } else {
        get_header_->reset();
        ins_header_->bind(1, header);
        run(*ins_header_);
        last_header_id_ = scratch_.last_insert_id();
      }
      last_header_ = std::move(header);
    }
    ins_scratch_reject_->bind(1, r.file).bind(2, r.sheet).bind(3, r.row).bind(4, last_header_id_).bind(5, cells)
        .bind(6, dump(errors));
    run(*ins_scratch_reject_);
  }

  std::optional<std::pair<long, bool>> first_seen(const std::string& key, long row,
                                                  const std::string& fingerprint) override {
    ins_seen_->bind(1, file_no_).bind(2, key).bind(3, static_cast<std::int64_t>(row)).bind(4, fingerprint);
    run(*ins_seen_);
    if (sqlite3_changes(scratch_.raw()) > 0) return std::nullopt;
    get_seen_->bind(1, file_no_).bind(2, key);
    std::optional<std::pair<long, bool>> out;
    if (get_seen_->step()) out = std::make_pair(static_cast<long>(get_seen_->i64(0)), get_seen_->view(1) == fingerprint);
    get_seen_->reset();
    return out;
  }

  void conflicts(long long batch_id, const std::function<void(const FactConflict&)>& visit) override {
    // The batch's facts by a plain scan (batch_id has no index; the sort is of the conflicts only),
    // each probing the primary key (uscc, year, metric, …) for the other sources' values. Without the
    // hints SQLite probes facts_year (year, metric) instead: quadratic, minutes for 20,000 rows.
    Stmt st(db_,
            "SELECT n.uscc, n.year, n.metric, n.source, n.value_micros, o.source, o.value_micros FROM facts n NOT INDEXED "
            "JOIN facts o INDEXED BY sqlite_autoindex_facts_1 ON o.uscc = n.uscc AND o.year = n.year AND o.metric = n.metric "
            "WHERE n.batch_id = ?1 AND o.batch_id <> ?1 AND o.source <> n.source AND o.value_micros <> n.value_micros "
            "ORDER BY n.year, n.metric, n.rowid, o.rowid");
    st.bind(1, batch_id);
    FactConflict c;
    while (st.step()) {
      c.mine = {st.text(0), static_cast<int>(st.i64(1)), st.text(2), st.text(3), Decimal::from_micros(st.i64(4))};
      c.other = {c.mine.uscc, c.mine.year, c.mine.metric, st.text(5), Decimal::from_micros(st.i64(6))};
      visit(c);
    }
  }

  void end_batch(const BatchRecord& b) override {
    upd_batch_->bind(1, b.file).bind(2, b.source).bind(3, b.year).bind(4, b.rows_total).bind(5, b.rows_accepted)
        .bind(6, b.rows_rejected).bind(7, b.warnings).bind(8, open_batch()).bind(9, b.imported_at);
    run(*upd_batch_);
    db_.exec("RELEASE mujun_batch");
    batch_ = 0;
  }

  void drop_batch() override {
    if (!batch_) return;
    db_.exec("ROLLBACK TO mujun_batch; RELEASE mujun_batch");
    batch_ = 0;
  }

  void rejected_rows(const std::function<void(const RejectedRowRecord&)>& visit) override {
    Stmt st(scratch_, "SELECT r.file, r.sheet, r.row, h.labels, r.cells, r.errors FROM rejects r "
                      "JOIN headers h ON h.id = r.header_id ORDER BY r.id");
    RejectedRowRecord r;
    std::string labels;
    while (st.step()) {
      r.file = st.text(0);
      r.sheet = st.text(1);
      r.row = static_cast<long>(st.i64(2));
      if (st.view(3) != labels) {
        labels = st.text(3);
        r.header = nlohmann::json::parse(labels).get<std::vector<std::string>>();
      }
      r.cells = nlohmann::json::parse(st.view(4)).get<std::vector<std::string>>();
      r.errors.clear();
      for (auto& e : nlohmann::json::parse(st.view(5)))
        r.errors.push_back({r.row, e.at(0).get<std::string>(), e.at(1).get<std::string>(), e.at(2).get<std::string>(),
                            e.at(3).get<std::string>(), ""});
      visit(r);
    }
  }

  void commit() override {
    if (batch_) throw StoreError("内部错误：批次尚未结束 / internal error: a batch is still open");
    if (!tx_) throw StoreError("内部错误：导入已结束 / internal error: the import has ended");
    tx_->commit();
    tx_.reset();
  }

  void rollback() override {
    tx_.reset();  // the Transaction's destructor rolls back unless committed
    batch_ = 0;
  }

 private:
  long long open_batch() const {
    if (!batch_ || !tx_) throw StoreError("内部错误：没有打开的批次 / internal error: no batch is open");
    return batch_;
  }
  // Runs a statement; on failure resets it (so the session can go on, e.g. after drop_batch) and rethrows.
  static void run(Stmt& st) {
    try {
      st.run();
    } catch (...) {
      st.reset();
      throw;
    }
  }

  Db& db_;
  std::optional<Transaction> tx_;
  Db scratch_;
  std::optional<std::int64_t> saved_cache_;
  long long batch_ = 0;
  long long file_no_ = 0;
  std::string last_header_;
  long long last_header_id_ = 0;
  std::unique_ptr<Stmt> ins_batch_, upd_batch_, ins_enterprise_, ins_fact_, ins_status_, del_parcels_, ins_parcel_,
      ins_certificate_, ins_reject_, ins_seen_, get_seen_, ins_header_, get_header_, ins_scratch_reject_;
};

}  // namespace

std::unique_ptr<ImportSession> begin_import_session(Db& db) {
  try {
    return std::make_unique<SqliteImportSession>(db);
  } catch (const StoreError&) {
    int code = sqlite3_errcode(db.raw());
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
      throw StoreError(
          "数据库正被另一个进程写入：另一个导入（或其他写入）正在进行，等待 10 秒后仍未结束；本次导入没有读取或写入任何数据，"
          "请等它完成后重新运行本命令 / the database is busy with another writer (another import?) that did not "
          "finish within 10 s; this import read and wrote nothing: run it again when the other has finished");
    throw;
  }
}

}  // namespace mujun::store::sqlite
