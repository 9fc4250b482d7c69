// mujun — server-side sessions of `mujun serve` (contract: /work/notes/api-contract.md, "Session").
// The cookie `mujun_session` carries 32 random bytes as hex; the sessions table keeps only their
// SHA-256, with the CSRF token and a 12-hour expiry. Times are ISO 8601 UTC strings.
#pragma once
#include <chrono>
#include <optional>
#include <string>

#include "server/http.h"
#include "store/platform.h"

namespace mujun::server {

inline constexpr const char* kSessionCookie = "mujun_session";
inline constexpr std::chrono::hours kSessionLifetime{12};

/// ISO 8601 UTC ("2026-11-29T08:00:00Z") of `t`; default now.
std::string iso_utc(std::chrono::system_clock::time_point t = std::chrono::system_clock::now());

/// A new session of `user_id`: the cookie's token (returned, never stored) and the stored record.
struct NewSession {
  std::string token;
  store::SessionRecord record;
};
/// Creates and stores a session expiring kSessionLifetime from now; removes expired sessions first.
NewSession create_session(store::PlatformStore& platform, long long user_id);

/// The signed-in account of a cookie token: the session must exist and expire after now, and its user
/// must still exist. nullopt otherwise (→ 401).
std::optional<Principal> resolve_session(store::PlatformStore& platform, const std::string& token);

/// Ends the session of `token` (no-op when unknown).
void end_session(store::PlatformStore& platform, const std::string& token);

/// The value of cookie `name` in a Cookie header ("a=1; mujun_session=…"), "" when absent.
std::string cookie_value(const std::string& cookie_header, const std::string& name);

/// Set-Cookie values: the session cookie (HttpOnly; SameSite=Strict; Path=/; Max-Age 12 h; + Secure when
/// `secure`) and the one that clears it (Max-Age=0).
std::string session_cookie(const std::string& token, bool secure);
std::string cleared_session_cookie(bool secure);

/// Process-wide choice of the Secure cookie attribute (`mujun serve --secure-cookies`, behind TLS).
/// A request forwarded with "X-Forwarded-Proto: https" gets Secure cookies regardless.
void set_secure_cookies(bool on);
bool secure_cookies(const Request& req);

}  // namespace mujun::server
