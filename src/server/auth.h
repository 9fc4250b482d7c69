// mujun — accounts of `mujun serve` and `mujun user`: what each role may do, password hashing
// (Argon2id through libsodium's crypto_pwhash_str), the password policy, random tokens, and the checks
// of a new account (name, role, enterprise). Issue 8 item 3; contract /work/notes/api-contract.md.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "server/http.h"

namespace mujun::server {

/// The four roles (http.h Permission table): "admin", "analyst", "viewer", "enterprise".
bool is_role(const std::string& role);

/// Permission names granted to `p`, for GET /api/me: "read", "read_own", "export_data", "import_data",
/// "evaluate", "publish", "resolve", "object", "admin" (export_data only with can_export).
std::vector<std::string> permission_names(const Principal& p);

/// Argon2id hash of `password` in libsodium's self-describing string form ("$argon2id$v=19$m=65536,t=2,p=1$…"),
/// with crypto_pwhash_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (64 MiB, 2 passes; about 0.1 s on the
/// build machine — measured in tests/unit/server/auth_test.cpp). Throws std::runtime_error when
/// libsodium cannot allocate the memory.
std::string hash_password(const std::string& password);

/// True when `password` matches `hash` (crypto_pwhash_str_verify). A malformed hash is false.
bool verify_password(const std::string& hash, const std::string& password);

/// Burns the time of one verification against a fixed hash, so a login with an unknown name takes as
/// long as one with a wrong password (no user enumeration by timing).
void verify_dummy_password(const std::string& password);

/// `bytes` random bytes from libsodium's CSPRNG, as lower-case hex (2 × bytes characters).
std::string random_hex(std::size_t bytes);

/// Constant-time equality of two strings (sodium_memcmp; different lengths are unequal).
bool same_secret(const std::string& a, const std::string& b);

/// The password policy: at least 8 characters (Unicode code points), at most 1024 bytes, valid UTF-8.
/// Returns "" when acceptable, else a Chinese-first message.
std::string password_problem(const std::string& password);

/// A login name: 1–64 bytes of letters, digits, '_', '-', '.', '@' or CJK characters (no spaces,
/// no control characters). Returns "" when acceptable, else a Chinese-first message.
std::string name_problem(const std::string& name);

/// The checks of a new account apart from its name and password: the role is one of the four; an
/// enterprise account names a USCC that passes GB 32100-2015 (standards::validate_uscc, check
/// character included) and is in the registry (`store`); other roles name no enterprise.
/// Returns "" when acceptable, else a Chinese-first message. `uscc` is normalised in place.
std::string account_problem(const std::string& role, std::string& uscc, store::Store& store);

/// The registered name (企业名称) of `uscc`, looked up in the newest year's snapshot that has it;
/// nullopt when the registry does not know it (reads snapshots: a few ms on a zone of hundreds of firms).
std::optional<std::string> enterprise_name(store::Store& store, const std::string& uscc);

}  // namespace mujun::server
