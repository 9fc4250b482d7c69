// mujun — the SQLite import session (store::ImportSession, see store/store.h): one BEGIN IMMEDIATE
// transaction held for the whole import, one SAVEPOINT per batch, prepared statements reused for
// every row, and a private temporary database (deleted when the session ends) for what the
// importer must remember about rows without keeping them in memory: the duplicate keys of the
// current file and the rejected rows for `--rejects`.
#pragma once
#include <memory>

#include "store/sqlite/db.h"
#include "store/store.h"

namespace mujun::store::sqlite {

/// Opens a session on `db` (which must outlive it). Throws StoreError; when another writer holds
/// the database beyond the busy timeout, the message says that another import may be running
/// ("数据库正被另一个进程写入…").
std::unique_ptr<ImportSession> begin_import_session(Db& db);

}  // namespace mujun::store::sqlite
