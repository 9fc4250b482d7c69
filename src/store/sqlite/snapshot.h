// mujun — reading the snapshot of one year (domain/frame.h) from the SQLite store's tables.
//
// Used by SqliteStore::snapshot / snapshot_hash (store/store.h); the write path (imports) lives in
// sqlite_store.cpp.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "domain/frame.h"
#include "store/sqlite/db.h"

namespace mujun::store::sqlite {

/// Sources of a metric, highest precedence first (SqliteStore::precedence: the user's order, then the
/// defaults of GLOSSARY.md).
using PrecedenceOf = std::function<std::vector<std::string>(const std::string& metric)>;

/// The snapshot of `year`: every enterprise of the registry ordered by USCC; 规上 status and flags of
/// `year`; land per tenure (m² micro-units) from the latest land year not after `year`, else the
/// earliest later one; per metric the value of the source ranked first by `precedence`; all
/// certificates. Throws StoreError on a database failure.
Frame read_snapshot(Db& db, int year, const PrecedenceOf& precedence);

}  // namespace mujun::store::sqlite
