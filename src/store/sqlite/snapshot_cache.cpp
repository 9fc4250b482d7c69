// mujun — the per-year snapshot cache of the SQLite store (see snapshot_cache.h).
#include "store/sqlite/snapshot_cache.h"

#include <memory>
#include <optional>
#include <stdexcept>

#include "store/sqlite/frame_codec.h"
#include "store/store.h"

namespace mujun::store::sqlite {
namespace {

bool has_cache_table(Db& db) {
  Stmt st(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'snapshot_cache'");
  return st.step();
}

/// BEGIN (deferred: a read transaction until the first write) … COMMIT, rolled back by the
/// destructor; nothing when the connection is already inside a transaction (the caller's counts).
class ReadTransaction {
 public:
  explicit ReadTransaction(Db& db) : db_(db), own_(sqlite3_get_autocommit(db.raw()) != 0) {
    if (own_) db_.exec("BEGIN");
  }
  ~ReadTransaction() {
    if (own_ && !done_) sqlite3_exec(db_.raw(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  void commit() {
    if (own_ && !done_) db_.exec("COMMIT");
    done_ = true;
  }

 private:
  Db& db_;
  bool own_;
  bool done_ = false;
};

/// The cached frame of `year` in the current format, or nullopt (none, older format, unreadable).
std::optional<Frame> load(Db& db, int year) {
  {
    Stmt st(db, "SELECT format FROM snapshot_cache WHERE year = ?");
    st.bind(1, year);
    if (!st.step() || st.i64(0) != kFrameFormat) return std::nullopt;
  }
  sqlite3_blob* raw = nullptr;
  const int rc = sqlite3_blob_open(db.raw(), "main", "snapshot_cache", "frame", year, 0, &raw);
  std::unique_ptr<sqlite3_blob, int (*)(sqlite3_blob*)> blob(raw, sqlite3_blob_close);
  if (rc != SQLITE_OK) return std::nullopt;
  try {
    return decode_frame(static_cast<std::size_t>(sqlite3_blob_bytes(raw)), [&](void* out, std::size_t n, std::size_t off) {
      return sqlite3_blob_read(raw, out, static_cast<int>(n), static_cast<int>(off)) == SQLITE_OK;
    });
  } catch (const std::runtime_error&) {
    return std::nullopt;  // written by a broken build or damaged: read the tables instead
  }
}

/// Runs `write` (statements that store a cached frame) and commits. Gives up silently — the frame
/// is still right, only not cached — when another connection wrote since the read began
/// (SQLITE_BUSY_SNAPSHOT), holds the write lock (no waiting here), or the database cannot be
/// written (read-only file, full disk, a frame above SQLite's 1 GB value limit).
template <class Write>
void try_write(Db& db, ReadTransaction& tx, Write&& write) {
  sqlite3_busy_timeout(db.raw(), 0);
  try {
    write();
    tx.commit();
  } catch (const StoreError&) {
  }
  sqlite3_busy_timeout(db.raw(), Db::kBusyTimeoutMs);
}

/// Stores `f` as the cached frame of its year, with its hash when `sha` is not empty.
void store(Db& db, const Frame& f, const std::string& sha) {
  const std::string bytes = encode_frame(f);
  Stmt st(db, "INSERT OR REPLACE INTO snapshot_cache(year, format, enterprises, frame, sha256, created_at) "
              "VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
  st.bind(1, f.year).bind(2, kFrameFormat).bind(3, static_cast<std::int64_t>(f.size())).bind_blob(4, bytes);
  if (sha.empty()) st.bind_null(5); else st.bind(5, sha);
  st.run();
}

}  // namespace

Frame cached_snapshot(Db& db, int year, const PrecedenceOf& precedence) {
  if (!has_cache_table(db)) return read_snapshot(db, year, precedence);
  ReadTransaction tx(db);
  if (auto f = load(db, year)) {
    tx.commit();
    return std::move(*f);
  }
  Frame f = read_snapshot(db, year, precedence);
  try_write(db, tx, [&] { store(db, f, ""); });
  return f;
}

std::string cached_snapshot_hash(Db& db, int year, const PrecedenceOf& precedence) {
  if (!has_cache_table(db)) return frame_sha256(read_snapshot(db, year, precedence));
  ReadTransaction tx(db);
  {
    Stmt st(db, "SELECT sha256 FROM snapshot_cache WHERE year = ? AND format = ? AND sha256 IS NOT NULL");
    st.bind(1, year).bind(2, kFrameFormat);
    if (st.step()) {
      std::string sha = st.text(0);
      tx.commit();
      return sha;
    }
  }
  if (auto cached = load(db, year)) {
    std::string sha = frame_sha256(*cached);
    try_write(db, tx, [&] {
      Stmt st(db, "UPDATE snapshot_cache SET sha256 = ? WHERE year = ?");
      st.bind(1, sha).bind(2, year).run();
    });
    return sha;
  }
  Frame f = read_snapshot(db, year, precedence);
  std::string sha = frame_sha256(f);
  try_write(db, tx, [&] { store(db, f, sha); });
  return sha;
}

void drop_cached_snapshots(Db& db) {
  if (has_cache_table(db)) db.exec("DELETE FROM snapshot_cache");
}

}  // namespace mujun::store::sqlite
