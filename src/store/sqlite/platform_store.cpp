// mujun — the SQLite back end of store::PlatformStore (see store/platform.h): accounts, sessions,
// the audit log, publications (公示), objections (异议) and their attachments. Tables: migration 2.
#include <sqlite3.h>

#include "store/platform.h"
#include "store/sqlite/db.h"

namespace mujun::store {
namespace {
using sqlite::Db;
using sqlite::Stmt;
using sqlite::Transaction;

constexpr const char* kUserCols = "id, name, role, enterprise_uscc, can_export, password_hash, created_at";

UserRecord read_user(const Stmt& st) {
  UserRecord u;
  u.id = st.i64(0);
  u.name = st.text(1);
  u.role = st.text(2);
  u.enterprise_uscc = st.text(3);
  u.can_export = st.i64(4) != 0;
  u.password_hash = st.text(5);
  u.created_at = st.text(6);
  return u;
}

constexpr const char* kPubCols = "run_id, opens_at, closes_at, frozen_at, status, published_by";

PublicationRecord read_publication(const Stmt& st) {
  return {st.i64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)};
}

constexpr const char* kObjCols =
    "id, run_id, uscc, filed_by, reason, filed_at, status, resolved_by, resolution, resolved_at, new_run_id";

ObjectionRecord read_objection(const Stmt& st) {
  ObjectionRecord o;
  o.id = st.i64(0);
  o.run_id = st.i64(1);
  o.uscc = st.text(2);
  o.filed_by = st.text(3);
  o.reason = st.text(4);
  o.filed_at = st.text(5);
  o.status = st.text(6);
  o.resolved_by = st.text(7);
  o.resolution = st.text(8);
  o.resolved_at = st.text(9);
  o.new_run_id = st.i64(10);
  return o;
}

class SqlitePlatformStore final : public PlatformStore {
 public:
  explicit SqlitePlatformStore(const std::string& path) : db_(path) {}

  long long add_user(const UserRecord& u) override {
    Transaction tx(db_);
    {
      Stmt dup(db_, "SELECT 1 FROM users WHERE name = ?");
      dup.bind(1, u.name);
      if (dup.step()) throw StoreError("用户名已存在 / user already exists: " + u.name);
    }
    Stmt st(db_, "INSERT INTO users(name, role, enterprise_uscc, can_export, password_hash, created_at) "
                 "VALUES (?,?,?,?,?,?)");
    st.bind(1, u.name).bind(2, u.role).bind(3, u.enterprise_uscc).bind(4, u.can_export ? 1 : 0)
        .bind(5, u.password_hash).bind(6, u.created_at);
    st.run();
    long long id = db_.last_insert_id();
    tx.commit();
    return id;
  }

  std::optional<UserRecord> user_by_name(const std::string& name) override {
    Stmt st(db_, std::string("SELECT ") + kUserCols + " FROM users WHERE name = ?");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    return read_user(st);
  }

  std::optional<UserRecord> user_by_id(long long id) override {
    Stmt st(db_, std::string("SELECT ") + kUserCols + " FROM users WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_user(st);
  }

  std::vector<UserRecord> users() override {
    std::vector<UserRecord> out;
    Stmt st(db_, std::string("SELECT ") + kUserCols + " FROM users ORDER BY name");
    while (st.step()) out.push_back(read_user(st));
    return out;
  }

  void set_password_hash(long long user_id, const std::string& hash) override {
    Transaction tx(db_);
    Stmt st(db_, "UPDATE users SET password_hash = ? WHERE id = ?");
    st.bind(1, hash).bind(2, user_id);
    st.run();
    if (sqlite3_changes(db_.raw()) == 0)
      throw StoreError("用户不存在 / no such user: id " + std::to_string(user_id));
    // A new password ends every session of the account.
    Stmt del(db_, "DELETE FROM sessions WHERE user_id = ?");
    del.bind(1, user_id);
    del.run();
    tx.commit();
  }

  bool remove_user(const std::string& name) override {
    Transaction tx(db_);
    Stmt find(db_, "SELECT id FROM users WHERE name = ?");
    find.bind(1, name);
    if (!find.step()) return false;
    long long id = find.i64(0);
    find.reset();
    Stmt del_s(db_, "DELETE FROM sessions WHERE user_id = ?");
    del_s.bind(1, id);
    del_s.run();
    Stmt del_u(db_, "DELETE FROM users WHERE id = ?");
    del_u.bind(1, id);
    del_u.run();
    tx.commit();
    return true;
  }

  void add_session(const SessionRecord& s) override {
    Stmt st(db_, "INSERT INTO sessions(token_sha256, user_id, csrf_token, created_at, expires_at) VALUES (?,?,?,?,?)");
    st.bind(1, s.token_sha256).bind(2, s.user_id).bind(3, s.csrf_token).bind(4, s.created_at).bind(5, s.expires_at);
    st.run();
  }

  std::optional<SessionRecord> session(const std::string& token_sha256) override {
    Stmt st(db_, "SELECT token_sha256, user_id, csrf_token, created_at, expires_at FROM sessions WHERE token_sha256 = ?");
    st.bind(1, token_sha256);
    if (!st.step()) return std::nullopt;
    return SessionRecord{st.text(0), st.i64(1), st.text(2), st.text(3), st.text(4)};
  }

  void remove_session(const std::string& token_sha256) override {
    Stmt st(db_, "DELETE FROM sessions WHERE token_sha256 = ?");
    st.bind(1, token_sha256);
    st.run();
  }

  void remove_expired_sessions(const std::string& now) override {
    Stmt st(db_, "DELETE FROM sessions WHERE expires_at <= ?");
    st.bind(1, now);
    st.run();
  }

  void audit(const AuditRecord& a) override {
    Stmt st(db_, "INSERT INTO audit_log(at, user, action, detail, remote) VALUES (?,?,?,?,?)");
    st.bind(1, a.at).bind(2, a.user).bind(3, a.action).bind(4, a.detail.empty() ? std::string("{}") : a.detail)
        .bind(5, a.remote);
    st.run();
  }

  std::vector<AuditRecord> audit_log(int limit, const std::string& action) override {
    std::vector<AuditRecord> out;
    Stmt st(db_, action.empty()
                     ? "SELECT id, at, user, action, detail, remote FROM audit_log ORDER BY id DESC LIMIT ?"
                     : "SELECT id, at, user, action, detail, remote FROM audit_log WHERE action = ? ORDER BY id DESC "
                       "LIMIT ?");
    int i = 1;
    if (!action.empty()) st.bind(i++, action);
    st.bind(i, limit);
    while (st.step()) out.push_back({st.i64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
    return out;
  }

  void publish(const PublicationRecord& p) override {
    Transaction tx(db_);
    {
      Stmt dup(db_, "SELECT status FROM publications WHERE run_id = ?");
      dup.bind(1, p.run_id);
      if (dup.step())
        throw StoreError("评价批次 " + std::to_string(p.run_id) + " 已公示（状态 " + dup.text(0) +
                         "），不能重复公示 / run already published");
    }
    Stmt st(db_, "INSERT INTO publications(run_id, opens_at, closes_at, frozen_at, status, published_by) "
                 "VALUES (?,?,?,?,?,?)");
    st.bind(1, p.run_id).bind(2, p.opens_at).bind(3, p.closes_at).bind(4, p.frozen_at)
        .bind(5, p.status.empty() ? std::string("open") : p.status).bind(6, p.published_by);
    st.run();
    tx.commit();
  }

  std::optional<PublicationRecord> publication(long long run_id) override {
    Stmt st(db_, std::string("SELECT ") + kPubCols + " FROM publications WHERE run_id = ?");
    st.bind(1, run_id);
    if (!st.step()) return std::nullopt;
    return read_publication(st);
  }

  std::vector<PublicationRecord> publications() override {
    std::vector<PublicationRecord> out;
    Stmt st(db_, std::string("SELECT ") + kPubCols + " FROM publications ORDER BY run_id");
    while (st.step()) out.push_back(read_publication(st));
    return out;
  }

  void set_publication_status(long long run_id, const std::string& status, const std::string& frozen_at) override {
    Stmt st(db_, "UPDATE publications SET status = ?, frozen_at = ? WHERE run_id = ?");
    st.bind(1, status).bind(2, frozen_at).bind(3, run_id);
    st.run();
    if (sqlite3_changes(db_.raw()) == 0)
      throw StoreError("评价批次 " + std::to_string(run_id) + " 未公示 / run not published");
  }

  long long add_objection(const ObjectionRecord& o) override {
    Stmt st(db_, "INSERT INTO objections(run_id, uscc, filed_by, reason, filed_at, status) VALUES (?,?,?,?,?,?)");
    st.bind(1, o.run_id).bind(2, o.uscc).bind(3, o.filed_by).bind(4, o.reason).bind(5, o.filed_at)
        .bind(6, o.status.empty() ? std::string("open") : o.status);
    st.run();
    return db_.last_insert_id();
  }

  std::optional<ObjectionRecord> objection(long long id) override {
    Stmt st(db_, std::string("SELECT ") + kObjCols + " FROM objections WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_objection(st);
  }

  std::vector<ObjectionRecord> objections(long long run_id, const std::string& uscc) override {
    std::vector<ObjectionRecord> out;
    Stmt st(db_, std::string("SELECT ") + kObjCols +
                     " FROM objections WHERE (? = 0 OR run_id = ?) AND (? = '' OR uscc = ?) ORDER BY id");
    st.bind(1, run_id).bind(2, run_id).bind(3, uscc).bind(4, uscc);
    while (st.step()) out.push_back(read_objection(st));
    return out;
  }

  void resolve_objection(long long id, const std::string& status, const std::string& resolved_by,
                         const std::string& resolution, const std::string& resolved_at, long long new_run_id) override {
    Stmt st(db_, "UPDATE objections SET status = ?, resolved_by = ?, resolution = ?, resolved_at = ?, new_run_id = ? "
                 "WHERE id = ?");
    st.bind(1, status).bind(2, resolved_by).bind(3, resolution).bind(4, resolved_at).bind(5, new_run_id).bind(6, id);
    st.run();
    if (sqlite3_changes(db_.raw()) == 0)
      throw StoreError("异议不存在 / no such objection: " + std::to_string(id));
  }

  long long add_attachment(const AttachmentRecord& a) override {
    // The bytes go in as a BLOB (Stmt binds text only), through the C API directly.
    const char* sql = "INSERT INTO objection_attachments(objection_id, file_name, content_type, sha256, bytes) "
                      "VALUES (?,?,?,?,?)";
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_.raw(), sql, -1, &raw, nullptr) != SQLITE_OK)
      throw StoreError(std::string("数据库错误 / database error: ") + sqlite3_errmsg(db_.raw()));
    sqlite3_bind_int64(raw, 1, a.objection_id);
    sqlite3_bind_text(raw, 2, a.file_name.data(), static_cast<int>(a.file_name.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(raw, 3, a.content_type.data(), static_cast<int>(a.content_type.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(raw, 4, a.sha256.data(), static_cast<int>(a.sha256.size()), SQLITE_TRANSIENT);
    sqlite3_bind_blob64(raw, 5, a.bytes.data(), a.bytes.size(), SQLITE_TRANSIENT);
    int rc = sqlite3_step(raw);
    std::string err = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db_.raw());
    sqlite3_finalize(raw);
    if (rc != SQLITE_DONE) throw StoreError("数据库错误 / database error storing an attachment: " + err);
    return db_.last_insert_id();
  }

  std::vector<AttachmentRecord> attachments(long long objection_id) override {
    std::vector<AttachmentRecord> out;
    Stmt st(db_, "SELECT id, objection_id, file_name, content_type, sha256 FROM objection_attachments "
                 "WHERE objection_id = ? ORDER BY id");
    st.bind(1, objection_id);
    while (st.step()) out.push_back({st.i64(0), st.i64(1), st.text(2), st.text(3), st.text(4), {}});
    return out;
  }

  std::optional<AttachmentRecord> attachment(long long id) override {
    Stmt st(db_, "SELECT id, objection_id, file_name, content_type, sha256, bytes FROM objection_attachments "
                 "WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    // text() reads the column with its byte length, so a BLOB with NUL bytes comes back whole.
    return AttachmentRecord{st.i64(0), st.i64(1), st.text(2), st.text(3), st.text(4), st.text(5)};
  }

 private:
  Db db_;
};

}  // namespace

std::unique_ptr<PlatformStore> open_sqlite_platform(const std::string& path) {
  return std::make_unique<SqlitePlatformStore>(path);
}

}  // namespace mujun::store
