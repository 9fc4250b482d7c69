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
// transaction to the WAL), the scratch database 8 MiB, the TEMP database (the stage: written in order,
// read once in order) 2 MiB. All are fixed: memory does not grow with rows.
constexpr const char* kMainCache = "PRAGMA main.cache_size = -32768";
constexpr const char* kTempCache = "PRAGMA temp.cache_size = -2048";
constexpr const char* kScratchCache = "PRAGMA cache_size = -8192";

// The stage: a file's accepted records, in the order they came, in TEMP tables of the main connection
// (on disk: the library's TEMP_STORE=1 default, a file SQLite deletes itself). They go into the main
// tables by one INSERT … SELECT per table (merge_stage), not by one statement per record: inside the
// batch's SAVEPOINT every statement on the main database writes the original of each page it changes
// to the statement sub-journal, a temporary file once the savepoint's own records pass 64 KiB — about
// nine 4 KiB pwrite calls per row, which doubled the import's CPU time (issue 6 → issue 7). One
// statement per table and file writes each page once.
constexpr const char* kStageTables =
    "DROP TABLE IF EXISTS temp.stage_enterprises; DROP TABLE IF EXISTS temp.stage_facts; "
    "DROP TABLE IF EXISTS temp.stage_statuses; DROP TABLE IF EXISTS temp.stage_parcels; "
    "DROP TABLE IF EXISTS temp.stage_certificates; "
    "CREATE TEMP TABLE stage_enterprises (uscc TEXT, name TEXT, industry_code TEXT, township TEXT, "
    "production_start_year INTEGER);"
    "CREATE TEMP TABLE stage_facts (uscc TEXT, year INTEGER, metric TEXT, source TEXT, value_micros INTEGER);"
    "CREATE TEMP TABLE stage_statuses (uscc TEXT, year INTEGER, above_scale INTEGER, flags TEXT);"
    "CREATE TEMP TABLE stage_parcels (uscc TEXT, certificate TEXT, area_micros INTEGER, tenure TEXT, year INTEGER);"
    "CREATE TEMP TABLE stage_certificates (uscc TEXT, tier TEXT, level TEXT, number TEXT, issued TEXT, expires TEXT);";
// The enterprise id of a staged record (migration 4 keys); NULL — refused by the NOT NULL column, as
// the foreign key refused it before — when the enterprise is not in the registry.
#define ENTERPRISE_ID "(SELECT e.id FROM enterprises e WHERE e.uscc = s.uscc)"
constexpr const char* kDropStage =
    "DROP TABLE IF EXISTS temp.stage_enterprises; DROP TABLE IF EXISTS temp.stage_facts; "
    "DROP TABLE IF EXISTS temp.stage_statuses; DROP TABLE IF EXISTS temp.stage_parcels; "
    "DROP TABLE IF EXISTS temp.stage_certificates";
constexpr const char* kClearStage =
    "DELETE FROM temp.stage_enterprises; DELETE FROM temp.stage_facts; DELETE FROM temp.stage_statuses; "
    "DELETE FROM temp.stage_parcels; DELETE FROM temp.stage_certificates";

class SqliteImportSession final : public ImportSession {
 public:
  explicit SqliteImportSession(Db& db) : db_(db), tx_(std::in_place, db), scratch_("") {
    {
      Stmt st(db_, "PRAGMA main.cache_size");
      if (st.step()) saved_cache_ = st.i64(0);
    }
    db_.exec(kMainCache);
    db_.exec(kStageTables);
    db_.exec(std::string(kTempCache) + "; PRAGMA temp.secure_delete = OFF");
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
    // Records of the current file into the stage, in the order they come.
    stage_enterprise_ = std::make_unique<Stmt>(
        db_, "INSERT INTO temp.stage_enterprises(uscc, name, industry_code, township, production_start_year) "
             "VALUES (?,?,?,?,?)");
    stage_fact_ = std::make_unique<Stmt>(
        db_, "INSERT INTO temp.stage_facts(uscc, year, metric, source, value_micros) VALUES (?,?,?,?,?)");
    stage_status_ = std::make_unique<Stmt>(
        db_, "INSERT INTO temp.stage_statuses(uscc, year, above_scale, flags) VALUES (?,?,?,?)");
    stage_parcel_ = std::make_unique<Stmt>(
        db_, "INSERT INTO temp.stage_parcels(uscc, certificate, area_micros, tenure, year) VALUES (?,?,?,?,?)");
    stage_certificate_ = std::make_unique<Stmt>(
        db_, "INSERT INTO temp.stage_certificates(uscc, tier, level, number, issued, expires) VALUES (?,?,?,?,?,?)");
    // The stage into the main tables, each in the stage's order (= the order of the records), with the
    // rules the records had one by one: a later batch may complete an enterprise's attributes, never
    // blanks a known one, and the name is the registry's (企业名录): another agency's spelling only
    // fills a missing name (?2: the batch's source); a fact replaces the same source's earlier value
    // (support amounts, ?2, add up within the batch); a land file replaces the parcels of (uscc, year) that earlier batches
    // stored. "WHERE true" keeps SQLite's parser from reading ON CONFLICT as a join constraint.
    merge_enterprises_ = std::make_unique<Stmt>(
        db_, "INSERT INTO enterprises(uscc, name, industry_code, township, production_start_year, batch_id) "
             "SELECT uscc, name, industry_code, township, production_start_year, ?1 FROM temp.stage_enterprises "
             "WHERE true ORDER BY rowid ON CONFLICT(uscc) DO UPDATE SET "
             "name = CASE WHEN excluded.name <> '' AND (name = '' OR ?2 = 'registry') THEN excluded.name ELSE name END, "
             "industry_code = CASE WHEN excluded.industry_code <> '' THEN excluded.industry_code ELSE industry_code END, "
             "township = CASE WHEN excluded.township <> '' THEN excluded.township ELSE township END, "
             "production_start_year = CASE WHEN excluded.production_start_year <> 0 THEN excluded.production_start_year "
             "ELSE production_start_year END");
    merge_facts_ = std::make_unique<Stmt>(
        db_, "INSERT INTO facts(enterprise_id, year, metric, source, value_micros, batch_id) "
             "SELECT " ENTERPRISE_ID ", year, metric, source, value_micros, ?1 FROM temp.stage_facts s WHERE true ORDER BY rowid "
             "ON CONFLICT(enterprise_id, year, metric, source) DO UPDATE SET value_micros = CASE WHEN ?2 AND "
             "batch_id = excluded.batch_id THEN value_micros + excluded.value_micros ELSE excluded.value_micros END, "
             "batch_id = excluded.batch_id");
    merge_statuses_ = std::make_unique<Stmt>(
        db_, "INSERT INTO statuses(enterprise_id, year, above_scale, flags, batch_id) "
             "SELECT " ENTERPRISE_ID ", year, above_scale, flags, ?1 FROM temp.stage_statuses s WHERE true ORDER BY rowid "
             "ON CONFLICT(enterprise_id, year) DO UPDATE SET above_scale = COALESCE(excluded.above_scale, above_scale), "
             "flags = CASE WHEN excluded.flags <> '' THEN excluded.flags ELSE flags END, batch_id = excluded.batch_id");
    del_parcels_ = std::make_unique<Stmt>(
        db_, "DELETE FROM land_parcels WHERE id IN (SELECT p.id FROM temp.stage_parcels s CROSS JOIN enterprises e "
             "ON e.uscc = s.uscc CROSS JOIN land_parcels p ON p.enterprise_id = e.id AND p.year = s.year WHERE p.batch_id <> ?1)");
    merge_parcels_ = std::make_unique<Stmt>(
        db_, "INSERT INTO land_parcels(enterprise_id, certificate, area_micros, tenure, year, batch_id) "
             "SELECT " ENTERPRISE_ID ", certificate, area_micros, tenure, year, ?1 FROM temp.stage_parcels s ORDER BY rowid");
    merge_certificates_ = std::make_unique<Stmt>(
        db_, "INSERT INTO certificates(enterprise_id, tier, level, number, issued, expires, batch_id) "
             "SELECT " ENTERPRISE_ID ", tier, level, number, issued, expires, ?1 FROM temp.stage_certificates s WHERE true "
             "ORDER BY rowid ON CONFLICT(enterprise_id, tier, level, number) DO UPDATE SET issued = excluded.issued, "
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
    // The stage tables outlive a commit (TEMP tables belong to the connection); inside a transaction
    // not committed, their creation is rolled back with it just below.
    sqlite3_exec(db_.raw(), kDropStage, nullptr, nullptr, nullptr);
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
    open_batch();
    if (staged_ && batch_source != stage_source_) merge_stage();  // the name rule depends on it
    stage_source_ = batch_source;
    stage_enterprise_->bind(1, e.uscc).bind(2, e.name).bind(3, e.industry_code).bind(4, e.township)
        .bind(5, e.production_start_year);
    stage(*stage_enterprise_);
  }

  void add_fact(const FactRecord& f, bool sum_within_batch) override {
    open_batch();
    if (staged_facts_ && sum_within_batch != stage_sum_) merge_stage();  // one rule per merge
    stage_sum_ = sum_within_batch;
    stage_fact_->bind(1, f.uscc).bind(2, f.year).bind(3, f.metric).bind(4, f.source).bind(5, f.value.micros);
    stage(*stage_fact_);
    staged_facts_ = true;
  }

  void add_status(const StatusRecord& s) override {
    open_batch();
    stage_status_->bind(1, s.uscc).bind(2, s.year);
    if (s.above_scale) stage_status_->bind(3, *s.above_scale ? 1 : 0);
    else stage_status_->bind_null(3);
    std::string flags;
    for (std::size_t i = 0; i < s.flags.size(); ++i) flags += (i ? "|" : "") + s.flags[i];
    stage_status_->bind(4, flags);
    stage(*stage_status_);
  }

  void add_parcel(const ParcelRecord& p) override {
    open_batch();
    stage_parcel_->bind(1, p.uscc).bind(2, p.certificate).bind(3, p.area_m2.micros).bind(4, p.tenure).bind(5, p.year);
    stage(*stage_parcel_);
  }

  void add_certificate(const std::string& uscc, const Certificate& c) override {
    open_batch();
    stage_certificate_->bind(1, uscc).bind(2, c.tier).bind(3, c.level).bind(4, c.number).bind(5, c.issued)
        .bind(6, c.expires);
    stage(*stage_certificate_);
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
    if (batch_ == batch_id) merge_stage();
    // The batch's facts by a plain scan (batch_id has no index; the sort is of the conflicts only),
    // each probing the primary key (enterprise_id, year, metric, …) for the other sources' values. Without the
    // hints SQLite probes facts_year (year, metric) instead: quadratic, minutes for 20,000 rows.
    Stmt st(db_,
            "SELECT e.uscc, n.year, n.metric, n.source, n.value_micros, o.source, o.value_micros FROM facts n NOT INDEXED "
            "CROSS JOIN facts o INDEXED BY sqlite_autoindex_facts_1 ON o.enterprise_id = n.enterprise_id AND o.year = n.year "
            "AND o.metric = n.metric CROSS JOIN enterprises e ON e.id = n.enterprise_id WHERE n.batch_id = ?1 AND o.batch_id <> ?1 AND o.source <> n.source AND o.value_micros <> n.value_micros "
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
    merge_stage();
    run(*upd_batch_);
    db_.exec("RELEASE mujun_batch");
    batch_ = 0;
  }

  void drop_batch() override {
    if (!batch_) return;
    db_.exec("ROLLBACK TO mujun_batch; RELEASE mujun_batch");  // the stage's rows of the file too
    batch_ = 0;
    staged_ = staged_facts_ = false;
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
    staged_ = staged_facts_ = false;
  }

 private:
  // Inserts one record into the stage (Stmt::run, reset on failure).
  void stage(Stmt& st) {
    run(st);
    staged_ = true;
  }
  // Moves the staged records into the main tables of the open batch, then empties the stage. Called
  // before the batch's conflicts are read, at end_batch, and whenever a rule bound to the statements
  // changes within a batch (the source given for enterprises, the support-sum flag of facts), so the
  // result equals writing the records one by one in their order: enterprises first (facts, statuses,
  // parcels and certificates reference them), then each table in the order of its records.
  void merge_stage() {
    if (!staged_) return;
    const long long b = open_batch();
    merge_enterprises_->bind(1, b).bind(2, stage_source_);
    run(*merge_enterprises_);
    merge_facts_->bind(1, b).bind(2, stage_sum_ ? 1 : 0);
    run(*merge_facts_);
    merge_statuses_->bind(1, b);
    run(*merge_statuses_);
    del_parcels_->bind(1, b);
    run(*del_parcels_);
    merge_parcels_->bind(1, b);
    run(*merge_parcels_);
    merge_certificates_->bind(1, b);
    run(*merge_certificates_);
    db_.exec(kClearStage);
    staged_ = staged_facts_ = false;
  }

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
  bool staged_ = false, staged_facts_ = false, stage_sum_ = false;
  std::string stage_source_;
  std::unique_ptr<Stmt> ins_batch_, upd_batch_, stage_enterprise_, stage_fact_, stage_status_, stage_parcel_,
      stage_certificate_, merge_enterprises_, merge_facts_, merge_statuses_, del_parcels_, merge_parcels_,
      merge_certificates_, ins_reject_, ins_seen_, get_seen_, ins_header_, get_header_, ins_scratch_reject_;
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
