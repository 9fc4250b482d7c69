// mujun — the SQLite store's per-year snapshot cache (table snapshot_cache, migration 3).
//
// Reading a year's snapshot from the fact tables scans every fact row of that year (about 8 million
// rows for 1,000,000 enterprises); the frame, encoded column by column (frame_codec.h), is stored in
// one row per year the first time it is read and read back in one sequential pass afterwards. Any
// insert, update or delete in facts or statuses (of that year) or in enterprises, land_parcels,
// certificates or precedence (every year) deletes the cached rows concerned, by triggers of migration
// 3, inside the writer's own transaction: a cached frame is always the frame the tables give.
#pragma once
#include <string>

#include "domain/frame.h"
#include "store/sqlite/db.h"
#include "store/sqlite/snapshot.h"

namespace mujun::store::sqlite {

/// The snapshot of `year` (snapshot.h rules): from the cache when it holds that year in the current
/// format, else read from the tables and stored in the cache. Everything is read in one read
/// transaction (a concurrent import is seen entirely or not at all); the frame is stored only when
/// no other connection wrote in between (else it is returned without being stored). A database
/// without the cache table (not migrated to 3) is read from the tables every time.
Frame cached_snapshot(Db& db, int year, const PrecedenceOf& precedence);

/// SHA-256 (hex) of cached_snapshot(year) (frame_sha256), stored beside the cached frame.
std::string cached_snapshot_hash(Db& db, int year, const PrecedenceOf& precedence);

/// Deletes every cached frame (the next snapshot of each year is read from the tables). For
/// benchmarks of the first snapshot after an import, and tests.
void drop_cached_snapshots(Db& db);

}  // namespace mujun::store::sqlite
