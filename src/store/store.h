// mujun — the store interface: registry, facts, import batches, evaluation runs.
//
// One interface, two back ends (SQLite embedded default: store/sqlite/; PostgreSQL for a province).
// All writes of one import batch or one run happen in one transaction: a failure leaves the database
// exactly as it was (DESIGN.md principle 2). Units: money 万元, area m², energy tce (domain/metric.h).
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>
#include <utility>

#include "domain/decimal.h"
#include "domain/frame.h"

namespace mujun::store {

/// Raised for any store failure; `what()` is a Chinese-first message for the user.
struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct EnterpriseRecord {
  std::string uscc;           ///< 18 chars, upper case (key)
  std::string name;           ///< 企业名称; the registry's wins, other sources only fill a missing one
  std::string industry_code;  ///< GB/T 4754-2017 4-digit, "" unknown
  std::string township;       ///< 镇街, "" unknown
  int production_start_year = 0;  ///< 投产年份, 0 unknown
};

struct ParcelRecord {
  std::string uscc;         ///< user of the land (for leased land: the tenant)
  std::string certificate;  ///< 不动产权证号 / parcel id ("" when none)
  Decimal area_m2;          ///< m²
  std::string tenure;       ///< "owned" | "leased"
  int year = 0;             ///< year the record describes (land registry snapshot)
};

struct FactRecord {
  std::string uscc;
  int year = 0;
  std::string metric;  ///< metric id (domain/metric.h)
  std::string source;  ///< statistics | tax | land | energy | emissions | certificates | registry | support
  Decimal value;       ///< canonical unit
};

/// Per-year attribute rows that are not numeric facts.
struct StatusRecord {
  std::string uscc;
  int year = 0;
  std::optional<bool> above_scale;  ///< 规上
  std::vector<std::string> flags;   ///< e.g. "major_safety_accident"
};

struct BatchRecord {
  long long id = 0;
  std::string file;     ///< file name as given
  std::string sha256;   ///< of the file's bytes
  std::string source;
  int year = 0;
  long rows_total = 0, rows_accepted = 0, rows_rejected = 0, warnings = 0;
  std::string imported_at;  ///< ISO 8601 UTC
};

struct RejectRecord {
  long row = 0;
  std::string column, value, code, message;
  std::string original_row_json;  ///< the original row's cells, JSON array of strings
};

/// What one import writes, all or nothing.
struct BatchWrite {
  BatchRecord batch;
  std::vector<EnterpriseRecord> enterprises;
  std::vector<ParcelRecord> parcels;
  std::vector<FactRecord> facts;
  std::vector<StatusRecord> statuses;
  std::vector<std::pair<std::string, Certificate>> certificates;  ///< (uscc, certificate)
  std::vector<RejectRecord> rejects;
};

/// One rejected row of an import in progress, with what the `--rejects` export needs (its place,
/// its sheet's header and its cells). Written to disk as it is found, read back at the end.
struct RejectedRowRecord {
  std::string file;                  ///< path as given on the command line
  std::string sheet;
  long row = 0;                      ///< 1-based sheet row
  std::vector<std::string> header;   ///< the sheet's column labels
  std::vector<std::string> cells;    ///< the row's cells as text, in file order
  std::vector<RejectRecord> errors;  ///< one per error (row and original_row_json are not used here)
};

/// A cross-source conflict found by ImportSession::conflicts: a fact of the batch and a fact another
/// source gave for the same enterprise, year and metric with a different value.
struct FactConflict {
  FactRecord mine;   ///< the batch's fact
  FactRecord other;  ///< the stored fact of another source (earlier batch or earlier file of this import)
};

/// One import, streamed: opened by Store::begin_import() with the database's write lock taken
/// (SQLite BEGIN IMMEDIATE), so a second importer waits (busy timeout) or is refused, never
/// interleaved. Records are written as they come (bounded memory, whatever the number of rows);
/// nothing is visible to other connections until commit(). Destroying the session without commit()
/// rolls everything back: the database file stays byte-identical.
///
/// Per file: begin_batch(), then add_*() for every accepted row and add_rejected_row() for every
/// rejected one, then end_batch() to keep the batch or drop_batch() to undo exactly that file (its
/// rows, its parcel replacements, its batch record). While a session is open, the store's own write
/// methods must not be called (they would start a second transaction and fail); reads
/// (find_batch_by_sha256, facts, precedence, rejects) see the session's writes.
/// Units as in the records: money 万元, area m², energy tce (domain/metric.h).
class ImportSession {
 public:
  virtual ~ImportSession() = default;

  /// Starts a batch for the file with this SHA-256 (its import_batches record, counts filled by
  /// end_batch); returns its id. Throws StoreError when a batch with this SHA-256 exists (UNIQUE).
  virtual long long begin_batch(const std::string& file, const std::string& sha256) = 0;
  /// Adds or completes an enterprise: a later batch fills unknown attributes, never blanks a known
  /// one; the name is the registry's (`batch_source` "registry"), another source only fills a
  /// missing name.
  virtual void add_enterprise(const EnterpriseRecord& e, const std::string& batch_source) = 0;
  /// Stores a fact, replacing the value the same source gave earlier for the same enterprise, year
  /// and metric. With `sum_within_batch` (support records: 政策支持 amounts add up per enterprise,
  /// year and programme) a value this batch already wrote is added to instead of replaced.
  virtual void add_fact(const FactRecord& f, bool sum_within_batch = false) = 0;
  virtual void add_status(const StatusRecord& s) = 0;
  /// A land file replaces the parcels of (uscc, year) that earlier batches stored.
  virtual void add_parcel(const ParcelRecord& p) = 0;
  virtual void add_certificate(const std::string& uscc, const Certificate& c) = 0;
  /// Keeps a rejected row: its errors go to the batch's rejected_rows (kept when the batch is), and
  /// the whole row to a temporary table read back by rejected_rows() for `--rejects`.
  virtual void add_rejected_row(const RejectedRowRecord& r) = 0;

  /// Duplicate detection within the current batch (file): records `key` as first seen at `row` with
  /// the digest `fingerprint` of its cells and returns nullopt; when the key was seen before in this
  /// batch, returns (first row, whether its fingerprint equals this one) and records nothing. Kept
  /// on disk (a temporary database deleted when the session ends), not in memory.
  virtual std::optional<std::pair<long, bool>> first_seen(const std::string& key, long row,
                                                          const std::string& fingerprint) = 0;
  /// The conflicts of batch `batch_id` with other sources, ordered by year, metric, then the order
  /// the facts were written; the stored facts of the same source are not conflicts (replaced).
  virtual void conflicts(long long batch_id, const std::function<void(const FactConflict&)>& visit) = 0;

  /// Finishes the current batch: its record gets `b`'s file, source, year and counts, and its
  /// imported_at when `b` gives one (else the time begin_batch ran); id and sha256 are kept.
  virtual void end_batch(const BatchRecord& b) = 0;
  /// Undoes the current batch entirely (the file could not be read or mapped).
  virtual void drop_batch() = 0;

  /// Every rejected row added in this session, in the order added (files, then rows), read back
  /// from disk one at a time; rows of dropped batches are included (they still need fixing).
  /// May be called after commit() or rollback().
  virtual void rejected_rows(const std::function<void(const RejectedRowRecord&)>& visit) = 0;

  /// Makes everything visible at once. Throws StoreError (then nothing is written).
  virtual void commit() = 0;
  /// Undoes everything now (the destructor does it too) and releases the write lock;
  /// rejected_rows() still works afterwards.
  virtual void rollback() = 0;
};

/// An evaluation / statistics / tiers run as stored: inputs' hashes and the full result as JSON.
struct RunRecord {
  long long id = 0;
  std::string kind;            ///< "evaluation"
  int year = 0;
  std::string scheme_name;
  std::string scheme_sha256;   ///< SHA-256 of the scheme file's text
  std::string snapshot_sha256; ///< SHA-256 of the canonical snapshot (Store::snapshot_hash)
  std::string result_json;
  std::string created_at;
};

class Store {
 public:
  virtual ~Store() = default;

  /// Creates the schema or applies pending migrations. Throws StoreError when the database's
  /// migration history differs from the shipped one (checksum mismatch): such a database was made
  /// by another build and is refused rather than guessed at.
  virtual void migrate() = 0;

  /// Opens an import session (see ImportSession): takes the write lock now and holds it until the
  /// session commits or is destroyed. Throws StoreError when another writer holds the lock beyond
  /// the busy timeout (10 s): "数据库正被另一个进程写入（另一个导入正在进行？）…". The store must
  /// outlive the session.
  virtual std::unique_ptr<ImportSession> begin_import() = 0;
  /// Writes one import batch in one transaction; returns its id. Throws StoreError (nothing written).
  virtual long long write_batch(const BatchWrite& w) = 0;
  /// Writes several batches in ONE transaction (an import of several files is all-or-nothing as a
  /// whole); returns their ids in order. Throws StoreError (nothing written).
  virtual std::vector<long long> write_batches(const std::vector<const BatchWrite*>& ws) = 0;
  /// Every stored value of `metric` in `year`, all sources (for the cross-source conflict report).
  virtual std::vector<FactRecord> facts(int year, const std::string& metric) = 0;
  /// The batch that imported a file with this SHA-256, if any (re-import detection).
  virtual std::optional<BatchRecord> find_batch_by_sha256(const std::string& sha256) = 0;
  virtual std::vector<BatchRecord> batches() = 0;
  virtual std::vector<RejectRecord> rejects(long long batch_id) = 0;

  /// Years that have at least one fact.
  virtual std::vector<int> years() = 0;
  /// The snapshot of `year` (see domain/frame.h). When a metric has values from several sources,
  /// the precedence rule (set_precedence) picks one; enterprises are ordered by USCC.
  virtual Frame snapshot(int year) = 0;
  /// SHA-256 over a canonical serialisation of snapshot(year): equal data → equal hash.
  virtual std::string snapshot_hash(int year) = 0;

  /// Precedence of sources per metric, highest first (e.g. tax_paid: tax, statistics).
  virtual void set_precedence(const std::string& metric, const std::vector<std::string>& sources) = 0;
  virtual std::vector<std::string> precedence(const std::string& metric) = 0;

  /// Stores a run; returns its id.
  virtual long long save_run(const RunRecord& r) = 0;
  virtual std::optional<RunRecord> run(long long id) = 0;
  virtual std::vector<RunRecord> runs(const std::string& kind) = 0;

  /// The newest import batch's id, 0 when none: a data version (every import changes it), read
  /// without listing the batches. Used by the server's caches.
  virtual long long latest_batch_id() = 0;
  /// The newest run id of `kind`, 0 when none, without reading any run's result JSON.
  virtual long long latest_run_id(const std::string& kind) = 0;
};

/// Opens (creating if needed) the SQLite database at `path` with WAL and foreign keys on.
/// Does not migrate. Throws StoreError.
std::unique_ptr<Store> open_sqlite(const std::string& path);

}  // namespace mujun::store
