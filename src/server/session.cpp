// mujun — server-side sessions (see session.h).
#include "server/session.h"

#include <atomic>
#include <ctime>

#include "domain/sha256.h"
#include "server/auth.h"

namespace mujun::server {
namespace {
std::atomic<bool> g_secure{false};
}

std::string iso_utc(std::chrono::system_clock::time_point t) {
  auto tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

NewSession create_session(store::PlatformStore& platform, long long user_id) {
  auto now = std::chrono::system_clock::now();
  platform.remove_expired_sessions(iso_utc(now));
  NewSession s;
  s.token = random_hex(32);
  s.record.token_sha256 = sha256_hex(s.token);
  s.record.user_id = user_id;
  s.record.csrf_token = random_hex(32);
  s.record.created_at = iso_utc(now);
  s.record.expires_at = iso_utc(now + kSessionLifetime);
  platform.add_session(s.record);
  return s;
}

std::optional<Principal> resolve_session(store::PlatformStore& platform, const std::string& token) {
  if (token.size() != 64) return std::nullopt;
  auto s = platform.session(sha256_hex(token));
  if (!s || s->expires_at <= iso_utc()) return std::nullopt;
  auto u = platform.user_by_id(s->user_id);
  if (!u) return std::nullopt;
  Principal p;
  p.user_id = u->id;
  p.name = u->name;
  p.role = u->role;
  p.enterprise_uscc = u->enterprise_uscc;
  p.can_export = u->can_export;
  p.csrf_token = s->csrf_token;
  return p;
}

void end_session(store::PlatformStore& platform, const std::string& token) {
  if (!token.empty()) platform.remove_session(sha256_hex(token));
}

std::string cookie_value(const std::string& header, const std::string& name) {
  std::size_t i = 0;
  while (i < header.size()) {
    while (i < header.size() && (header[i] == ' ' || header[i] == ';' || header[i] == ',')) ++i;
    auto end = header.find(';', i);
    if (end == std::string::npos) end = header.size();
    auto eq = header.find('=', i);
    if (eq != std::string::npos && eq < end && header.compare(i, eq - i, name) == 0 && eq - i == name.size())
      return header.substr(eq + 1, end - eq - 1);
    i = end;
  }
  return {};
}

std::string session_cookie(const std::string& token, bool secure) {
  return std::string(kSessionCookie) + "=" + token + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" +
         std::to_string(std::chrono::seconds(kSessionLifetime).count()) + (secure ? "; Secure" : "");
}

std::string cleared_session_cookie(bool secure) {
  return std::string(kSessionCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0" + (secure ? "; Secure" : "");
}

void set_secure_cookies(bool on) { g_secure = on; }

bool secure_cookies(const Request& req) { return g_secure || req.header("x-forwarded-proto") == "https"; }

}  // namespace mujun::server
