// mujun — the platform's own records beside the data: accounts, sessions, the audit log, publication
// of evaluation runs (公示) and enterprises' objections (异议). Used by `mujun serve` and `mujun user`.
//
// Same database and same rules as store.h: every write is one transaction; errors are StoreError
// with a Chinese-first message. Tables: migration 2 (store/sqlite/migrations.cpp).
// Times are ISO 8601 UTC strings ("2026-11-29T08:00:00Z").
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace mujun::store {

/// Roles of issue 8: admin (accounts, schemes, everything), analyst (imports, evaluations,
/// publications, objections), viewer (reads), enterprise (reads its own data, files objections).
struct UserRecord {
  long long id = 0;
  std::string name;             ///< login name, unique
  std::string role;             ///< "admin" | "analyst" | "viewer" | "enterprise"
  std::string enterprise_uscc;  ///< for role enterprise: the one enterprise it may see; else ""
  bool can_export = false;      ///< export (XLSX downloads) is its own permission
  std::string password_hash;    ///< libsodium crypto_pwhash_str (Argon2id) string
  std::string created_at;
};

struct SessionRecord {
  std::string token_sha256;  ///< SHA-256 (hex) of the cookie's random token; the token itself is never stored
  long long user_id = 0;
  std::string csrf_token;    ///< sent back in the X-CSRF-Token header on every state change
  std::string created_at, expires_at;
};

struct AuditRecord {
  long long id = 0;
  std::string at;
  std::string user;    ///< user name ("" for a failed login of an unknown name: the name goes to detail)
  std::string action;  ///< login | login_failed | logout | import | scheme_change | evaluate | export | publish |
                       ///< freeze | objection_file | objection_resolve | user_add | user_remove | user_passwd
  std::string detail;  ///< JSON object with the particulars
  std::string remote;  ///< client address
};

/// A run published for its 公示 window. status: "open" (objections accepted until closes_at),
/// "closed" (window over, not yet frozen), "frozen" (final: no more objections, never re-run).
struct PublicationRecord {
  long long run_id = 0;
  std::string opens_at, closes_at, frozen_at;
  std::string status;
  std::string published_by;
};

struct ObjectionRecord {
  long long id = 0;
  long long run_id = 0;
  std::string uscc;       ///< the objecting enterprise
  std::string filed_by;   ///< user name
  std::string reason;
  std::string filed_at;
  std::string status;     ///< "open" | "upheld" (data corrected and re-run) | "rejected"
  std::string resolved_by, resolution, resolved_at;
  long long new_run_id = 0;  ///< for "upheld": the re-run that answers it (0 none)
};

struct AttachmentRecord {
  long long id = 0;
  long long objection_id = 0;
  std::string file_name, content_type, sha256;
  std::string bytes;  ///< the file's content (limited by the server's body limit)
};

class PlatformStore {
 public:
  virtual ~PlatformStore() = default;

  // Accounts. add_user throws StoreError when the name exists.
  virtual long long add_user(const UserRecord& u) = 0;
  virtual std::optional<UserRecord> user_by_name(const std::string& name) = 0;
  virtual std::optional<UserRecord> user_by_id(long long id) = 0;
  virtual std::vector<UserRecord> users() = 0;
  virtual void set_password_hash(long long user_id, const std::string& hash) = 0;
  /// Removes the user and its sessions; false when there is no such user.
  virtual bool remove_user(const std::string& name) = 0;

  // Sessions (server side; the cookie carries a random token whose SHA-256 is the key).
  virtual void add_session(const SessionRecord& s) = 0;
  virtual std::optional<SessionRecord> session(const std::string& token_sha256) = 0;
  virtual void remove_session(const std::string& token_sha256) = 0;
  virtual void remove_expired_sessions(const std::string& now) = 0;

  // Audit log (append only).
  virtual void audit(const AuditRecord& a) = 0;
  /// Newest first; `limit` rows at most.
  virtual std::vector<AuditRecord> audit_log(int limit, const std::string& action = "") = 0;

  // Publication (公示) and objections (异议).
  virtual void publish(const PublicationRecord& p) = 0;  ///< throws when the run is already published
  virtual std::optional<PublicationRecord> publication(long long run_id) = 0;
  virtual std::vector<PublicationRecord> publications() = 0;
  virtual void set_publication_status(long long run_id, const std::string& status, const std::string& frozen_at) = 0;
  virtual long long add_objection(const ObjectionRecord& o) = 0;
  virtual std::optional<ObjectionRecord> objection(long long id) = 0;
  /// All objections of a run (run_id 0: of every run); `uscc` non-empty: only that enterprise's.
  virtual std::vector<ObjectionRecord> objections(long long run_id, const std::string& uscc = "") = 0;
  virtual void resolve_objection(long long id, const std::string& status, const std::string& resolved_by,
                                 const std::string& resolution, const std::string& resolved_at,
                                 long long new_run_id) = 0;
  virtual long long add_attachment(const AttachmentRecord& a) = 0;
  /// Attachments of an objection, without their bytes (attachment() has them).
  virtual std::vector<AttachmentRecord> attachments(long long objection_id) = 0;
  virtual std::optional<AttachmentRecord> attachment(long long id) = 0;
};

/// Opens the SQLite database at `path` for the platform records (the caller migrates it through
/// Store::migrate() first). Throws StoreError.
std::unique_ptr<PlatformStore> open_sqlite_platform(const std::string& path);

}  // namespace mujun::store
