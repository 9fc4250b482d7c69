// mujun — the store interface: registry, facts, import batches, evaluation runs.
//
// One interface, two back ends (SQLite embedded default: store/sqlite/; PostgreSQL for a province).
// All writes of one import batch or one run happen in one transaction: a failure leaves the database
// exactly as it was (DESIGN.md principle 2). Units: money 万元, area m², energy tce (domain/metric.h).
#pragma once
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

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
};

/// Opens (creating if needed) the SQLite database at `path` with WAL and foreign keys on.
/// Does not migrate. Throws StoreError.
std::unique_ptr<Store> open_sqlite(const std::string& path);

}  // namespace mujun::store
