// mujun — the "Auth and accounts" routes of the API contract: login, logout, me, users, audit, health.
#include <nlohmann/json.hpp>

#include "server/api_common.h"
#include "server/auth.h"
#include "server/dispatch.h"
#include "server/rate_limit.h"
#include "server/routes.h"
#include "server/session.h"
#include "store/platform.h"

namespace mujun::server {
namespace {
using Json = nlohmann::json;

// The request body as a JSON object: 415 / 400 with the messages of every JSON route (api_common.h).
Json body_json(const Request& req) { return api::body_object(req); }

std::string text_field(const Json& j, const char* key, bool required) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required)
      throw ApiError(400, "bad_request", std::string("缺少字段 ") + key + " / missing field " + key);
    return {};
  }
  if (!it->is_string())
    throw ApiError(400, "bad_request", std::string("字段 ") + key + " 须为字符串 / field " + key + " must be a string");
  return it->get<std::string>();
}

Json user_json(const store::UserRecord& u) {
  return {{"id", u.id},
          {"name", u.name},
          {"role", u.role},
          {"enterprise", u.enterprise_uscc},
          {"can_export", u.can_export || u.role == "admin"},  // admin has every permission (auth.cpp), as /api/me says
          {"created_at", u.created_at}};
}

Response login(Ctx& c) {
  auto j = body_json(c.req);
  std::string name = text_field(j, "name", true), password = text_field(j, "password", true);
  auto& limiter = login_limiter();
  if (auto wait = limiter.retry_after(name, c.req.remote); wait.count() > 0) {
    c.audit("login_failed", Json{{"name", name}, {"reason", "rate_limited"}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    auto minutes = std::to_string((wait.count() + 59) / 60);
    auto r = error_response(429, "rate_limited", "登录失败次数过多，请 " + minutes + " 分钟后再试 / too many failed logins; try again in " +
                                                     minutes + " minutes");
    r.headers.emplace_back("Retry-After", std::to_string(wait.count()));
    return r;
  }
  auto u = c.platform.user_by_name(name);
  bool ok = false;
  if (u)
    ok = verify_password(u->password_hash, password);
  else
    verify_dummy_password(password);
  if (!ok) {
    limiter.failure(name, c.req.remote);
    store::AuditRecord a{0, iso_utc(), u ? u->name : "", "login_failed", Json{{"name", name}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), c.req.remote};
    c.platform.audit(a);
    throw ApiError(401, "bad_credentials", "用户名或密码错误 / wrong user name or password");
  }
  limiter.success(name, c.req.remote);
  auto s = create_session(c.platform, u->id);
  c.platform.audit({0, iso_utc(), u->name, "login", Json{{"role", u->role}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), c.req.remote});
  Json out = {{"user",
               {{"name", u->name},
                {"role", u->role},
                {"enterprise", u->enterprise_uscc},
                {"can_export", u->can_export || u->role == "admin"}}},
              {"csrf", s.record.csrf_token}};
  auto r = server::json(200, out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  r.headers.emplace_back("Set-Cookie", session_cookie(s.token, secure_cookies(c.req)));
  return r;
}

Response logout(Ctx& c) {
  end_session(c.platform, cookie_value(c.req.header("cookie"), kSessionCookie));
  c.audit("logout", "{}");
  Response r;
  r.status = 204;
  r.headers.emplace_back("Set-Cookie", cleared_session_cookie(secure_cookies(c.req)));
  return r;
}

Response me(Ctx& c) {
  const auto& u = *c.user;
  Json ename = nullptr;
  if (u.is_enterprise())
    if (auto n = enterprise_name(c.store, u.enterprise_uscc)) ename = *n;
  Json out = {{"name", u.name},
              {"role", u.role},
              {"enterprise", u.enterprise_uscc},
              {"enterprise_name", ename},
              {"can_export", u.has(Permission::export_data)},
              {"csrf", u.csrf_token},
              {"permissions", permission_names(u)}};
  return server::json(200, out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response list_users(Ctx& c) {
  Json arr = Json::array();
  for (auto& u : c.platform.users()) arr.push_back(user_json(u));  // never the password hash
  return server::json(200, arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response add_user(Ctx& c) {
  auto j = body_json(c.req);
  store::UserRecord u;
  u.name = text_field(j, "name", true);
  std::string password = text_field(j, "password", true);
  u.role = text_field(j, "role", true);
  u.enterprise_uscc = text_field(j, "enterprise", false);
  if (auto it = j.find("can_export"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) throw ApiError(400, "bad_request", "字段 can_export 须为 true/false / can_export must be a boolean");
    u.can_export = it->get<bool>();
  }
  for (const auto& problem : {name_problem(u.name), password_problem(password)})
    if (!problem.empty()) throw ApiError(400, "invalid_input", problem);
  if (auto p = account_problem(u.role, u.enterprise_uscc, c.store); !p.empty()) throw ApiError(400, "invalid_input", p);
  if (c.platform.user_by_name(u.name))
    throw ApiError(409, "conflict", "用户名已存在 / user already exists: " + u.name);
  u.password_hash = hash_password(password);
  u.created_at = iso_utc();
  u.id = c.platform.add_user(u);
  c.audit("user_add", Json{{"name", u.name}, {"role", u.role}, {"enterprise", u.enterprise_uscc},
                           {"can_export", u.can_export}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return server::json(201, user_json(u).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response remove_user(Ctx& c) {
  const auto& name = c.req.params.at("name");
  if (name == c.user->name)
    throw ApiError(409, "conflict", "不能删除当前登录的账号 / you cannot remove the account you are signed in with");
  if (!c.platform.remove_user(name)) throw ApiError(404, "not_found", "用户不存在 / no such user: " + name);
  c.audit("user_remove", Json{{"name", name}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  Response r;
  r.status = 204;
  return r;
}

Response set_password(Ctx& c) {
  const auto& name = c.req.params.at("name");
  auto j = body_json(c.req);
  std::string password = text_field(j, "password", true);
  if (auto p = password_problem(password); !p.empty()) throw ApiError(400, "invalid_input", p);
  auto u = c.platform.user_by_name(name);
  if (!u) throw ApiError(404, "not_found", "用户不存在 / no such user: " + name);
  c.platform.set_password_hash(u->id, hash_password(password));  // ends the account's sessions
  c.audit("user_passwd", Json{{"name", name}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  Response r;
  r.status = 204;
  return r;
}

Response audit_log(Ctx& c) {
  long long limit = c.req.q("limit").empty() ? 100 : to_int(c.req.q("limit"), "limit");
  if (limit < 1 || limit > 1000)
    throw ApiError(400, "bad_request", "limit 须在 1 到 1000 之间 / limit must be between 1 and 1000");
  Json arr = Json::array();
  for (auto& a : c.platform.audit_log(static_cast<int>(limit), c.req.q("action"))) {
    Json detail = Json::parse(a.detail, nullptr, false);
    if (detail.is_discarded()) detail = a.detail;
    arr.push_back({{"id", a.id}, {"at", a.at}, {"user", a.user}, {"action", a.action}, {"detail", detail},
                   {"remote", a.remote}});
  }
  return server::json(200, arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

void add_auth_routes(Router& r) {
  r.add("POST", "/api/login", Permission::none, login);
  r.add("POST", "/api/logout", Permission::read_own, logout);
  r.add("GET", "/api/me", Permission::read_own, me);
  r.add("GET", "/api/users", Permission::admin, list_users);
  r.add("POST", "/api/users", Permission::admin, add_user);
  r.add("DELETE", "/api/users/{name}", Permission::admin, remove_user);
  r.add("PUT", "/api/users/{name}/password", Permission::admin, set_password);
  r.add("GET", "/api/audit", Permission::admin, audit_log);
  r.add("GET", "/api/health", Permission::none,
        [](Ctx&) { return server::json(200, nlohmann::json{{"ok", true}, {"version", kVersion}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)); });
}

}  // namespace mujun::server
