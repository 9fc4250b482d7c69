// The "Auth and accounts" routes and the dispatch rules, through the real server on a loopback port
// (contract: /work/notes/api-contract.md). Every route of make_router() is checked for 401 without a
// session and 403 for every role that lacks its permission — the data routes included.
#include <set>

#include "server/routes.h"
#include "shared_server.h"

using namespace mujun;
using namespace mujun::test;

namespace {

class AuthRoutes : public SharedServerTest<AuthRoutes> {
 protected:
  void SetUp() override { server::login_limiter().clear(); }
};

// A concrete path for a route pattern: every {param} becomes "1".
std::string sample_path(const server::Router::Route& r) {
  std::string p;
  for (auto& s : r.segments) p += "/" + (s.front() == '{' ? std::string("1") : s);
  return p;
}

server::Principal principal(const std::string& role, bool can_export) {
  server::Principal p;
  p.role = role;
  p.can_export = can_export;
  return p;
}

}  // namespace

TEST_F(AuthRoutes, LoginEveryRoleThenMe) {
  struct Case {
    const char* name;
    bool can_export;
    std::vector<std::string> permissions;
  };
  for (auto& c : std::vector<Case>{
           {"admin", true, {"read", "read_own", "export_data", "import_data", "evaluate", "publish", "resolve", "object", "admin"}},
           {"analyst", true, {"read", "read_own", "export_data", "import_data", "evaluate", "publish", "resolve"}},
           {"viewer", false, {"read", "read_own"}},
           {"enterprise", true, {"read_own", "export_data", "object"}}}) {
    auto cl = srv->client();
    auto r = cl.login(c.name, kPassword);
    ASSERT_EQ(r.status, 200) << r.body;
    auto j = r.json();
    EXPECT_EQ(j["user"]["name"], c.name);
    EXPECT_EQ(j["user"]["role"], c.name);
    EXPECT_EQ(j["user"]["can_export"], c.can_export) << c.name;
    EXPECT_EQ(j["csrf"].get<std::string>().size(), 64u);
    auto cookie = r.header("set-cookie");
    EXPECT_EQ(cookie.rfind("mujun_session=", 0), 0u);
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    EXPECT_NE(cookie.find("Path=/"), std::string::npos);
    auto me = cl.get("/api/me");
    ASSERT_EQ(me.status, 200) << me.body;
    auto m = me.json();
    EXPECT_EQ(m["name"], c.name);
    EXPECT_EQ(m["csrf"], j["csrf"]);
    EXPECT_EQ(m["permissions"].get<std::vector<std::string>>(), c.permissions) << c.name;
    if (std::string(c.name) == "enterprise") {
      EXPECT_EQ(m["enterprise"], srv->enterprise_uscc);
    }
    // The session is stored as the SHA-256 of the token, never the token itself.
    auto token = cl.cookie.substr(cl.cookie.find('=') + 1);
    EXPECT_FALSE(srv->platform->session(token));
    EXPECT_TRUE(srv->platform->session(sha256_hex(token)));
  }
}

TEST_F(AuthRoutes, BadCredentialsAreOneAnswerAndAudited) {
  auto cl = srv->client();
  auto wrong = cl.login("viewer", "wrong-password");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.error_code(), "bad_credentials");
  EXPECT_EQ(wrong.header("set-cookie"), "");
  auto unknown = cl.login("nobody", "wrong-password");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.body, wrong.body);  // an unknown name is not revealed
  auto log = srv->platform->audit_log(2, "login_failed");
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].user, "");  // unknown name: the name is in the detail only
  EXPECT_EQ(nlohmann::json::parse(log[0].detail)["name"], "nobody");
  EXPECT_EQ(log[1].user, "viewer");
  EXPECT_EQ(log[1].remote, "127.0.0.1");
  EXPECT_EQ(cl.post("/api/login", "{not json").status, 400);
  EXPECT_EQ(cl.post("/api/login", R"({"name":"viewer"})").error_code(), "bad_request");
  EXPECT_EQ(cl.post("/api/login", R"({"name":1,"password":"x"})").status, 400);
}

TEST_F(AuthRoutes, EveryProtectedRouteAnswers401WithoutSession) {
  auto router = server::make_router();
  auto cl = srv->client();
  int checked = 0;
  for (auto& r : router.routes()) {
    auto path = sample_path(r);
    if (r.need == server::Permission::none) {
      EXPECT_TRUE(path == "/api/login" || path == "/api/health") << path;
      continue;
    }
    auto res = cl.request(r.method, path, r.method == "GET" ? "" : "{}");
    EXPECT_EQ(res.status, 401) << r.method << " " << path;
    EXPECT_EQ(res.error_code(), "unauthorized") << r.method << " " << path;
    ++checked;
  }
  EXPECT_GE(checked, 6);  // at least the auth routes; the data routes add theirs
  // A forged or malformed cookie is no session either.
  cl.cookie = "mujun_session=" + std::string(64, 'a');
  EXPECT_EQ(cl.get("/api/me").status, 401);
  cl.cookie = "mujun_session=short";
  EXPECT_EQ(cl.get("/api/me").status, 401);
  auto health = srv->client().get("/api/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json()["ok"], true);
}

TEST_F(AuthRoutes, EveryRouteRefusesRolesWithoutItsPermission) {
  auto router = server::make_router();
  std::map<std::string, Client> clients;
  for (const char* n : {"admin", "analyst", "viewer", "enterprise"}) clients.emplace(n, srv->login_as(n));
  std::map<std::string, server::Principal> who = {{"admin", principal("admin", false)},
                                                   {"analyst", principal("analyst", true)},
                                                   {"viewer", principal("viewer", false)},
                                                   {"enterprise", principal("enterprise", true)}};
  int refused = 0;
  for (auto& r : router.routes()) {
    for (auto& [name, p] : who) {
      if (p.has(r.need)) continue;
      auto res = clients.at(name).request(r.method, sample_path(r), r.method == "GET" ? "" : "{}");
      EXPECT_EQ(res.status, 403) << name << " " << r.method << " " << sample_path(r);
      EXPECT_EQ(res.error_code(), "forbidden") << name << " " << r.method << " " << sample_path(r);
      ++refused;
    }
  }
  EXPECT_GE(refused, 15);  // the 5 admin routes × 3 other roles at least
}

TEST_F(AuthRoutes, CsrfMissingOrWrongIs403) {
  auto cl = srv->login_as("admin");
  std::string body = R"({"name":"csrf_victim","password":"long-enough-1","role":"viewer"})";
  cl.send_csrf = false;
  auto r = cl.post("/api/users", body);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_code(), "csrf");
  r = cl.request("POST", "/api/users", body, "application/json", {{"X-CSRF-Token", std::string(64, '0')}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_code(), "csrf");
  // Another session's token does not do either.
  auto other = srv->login_as("admin");
  r = cl.request("POST", "/api/users", body, "application/json", {{"X-CSRF-Token", other.csrf}});
  EXPECT_EQ(r.error_code(), "csrf");
  EXPECT_FALSE(srv->platform->user_by_name("csrf_victim"));
  EXPECT_EQ(cl.request("DELETE", "/api/users/viewer").error_code(), "csrf");
  EXPECT_EQ(cl.request("POST", "/api/logout").error_code(), "csrf");
  cl.send_csrf = true;
  EXPECT_EQ(cl.post("/api/users", body).status, 201);
  EXPECT_TRUE(srv->platform->remove_user("csrf_victim"));
}

TEST_F(AuthRoutes, LogoutInvalidatesTheSession) {
  auto cl = srv->login_as("viewer");
  auto old_cookie = cl.cookie;
  auto r = cl.post("/api/logout");
  EXPECT_EQ(r.status, 204);
  EXPECT_NE(r.header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(cl.cookie, "");
  cl.cookie = old_cookie;  // replaying the old cookie
  EXPECT_EQ(cl.get("/api/me").status, 401);
  auto log = srv->platform->audit_log(1, "logout");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].user, "viewer");
}

TEST_F(AuthRoutes, ExpiredSessionIs401) {
  auto viewer = srv->platform->user_by_name("viewer");
  std::string token(64, 'e');
  srv->platform->add_session({sha256_hex(token), viewer->id, "csrf", "2020-01-01T00:00:00Z", "2020-01-01T12:00:00Z"});
  auto cl = srv->client();
  cl.cookie = "mujun_session=" + token;
  EXPECT_EQ(cl.get("/api/me").status, 401);
  std::string fresh(64, 'f');
  srv->platform->add_session(
      {sha256_hex(fresh), viewer->id, "csrf", server::iso_utc(),
       server::iso_utc(std::chrono::system_clock::now() + std::chrono::hours(1))});
  cl.cookie = "mujun_session=" + fresh;
  EXPECT_EQ(cl.get("/api/me").status, 200);
}

TEST_F(AuthRoutes, RateLimitAfterFiveFailures) {
  auto cl = srv->client();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(cl.login("analyst", "wrong-" + std::to_string(i)).status, 401) << i;
  auto r = cl.login("analyst", kPassword);  // even the right password, while blocked
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.error_code(), "rate_limited");
  EXPECT_EQ(r.header("set-cookie"), "");
  // Per address too: every login from 127.0.0.1 is blocked now.
  EXPECT_EQ(cl.login("admin", kPassword).status, 429);
  server::login_limiter().clear();
  EXPECT_EQ(cl.login("analyst", kPassword).status, 200);
}

TEST_F(AuthRoutes, UsersListNeverShowsHashesAndAddRemovePasswd) {
  auto admin = srv->login_as("admin");
  auto list = admin.get("/api/users");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find("argon2"), std::string::npos);
  EXPECT_EQ(list.body.find("password"), std::string::npos);
  std::set<std::string> names;
  for (auto& u : list.json()) {
    names.insert(u["name"]);
    for (const char* k : {"id", "name", "role", "enterprise", "can_export", "created_at"}) EXPECT_TRUE(u.contains(k)) << k;
  }
  EXPECT_TRUE(names.count("admin") && names.count("enterprise"));

  auto add = admin.post("/api/users", R"({"name":"wang","password":"long-enough-1","role":"analyst","can_export":true})");
  ASSERT_EQ(add.status, 201) << add.body;
  EXPECT_EQ(add.json()["role"], "analyst");
  EXPECT_EQ(add.body.find("argon2"), std::string::npos);
  auto stored = srv->platform->user_by_name("wang");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(stored->can_export);
  EXPECT_EQ(admin.post("/api/users", R"({"name":"wang","password":"long-enough-1","role":"viewer"})").status, 409);
  EXPECT_EQ(admin.post("/api/users", R"({"name":"short","password":"1234567","role":"viewer"})").error_code(), "invalid_input");
  EXPECT_EQ(admin.post("/api/users", R"({"name":"r","password":"long-enough-1","role":"root"})").error_code(), "invalid_input");
  EXPECT_EQ(admin.post("/api/users", R"({"name":"e","password":"long-enough-1","role":"enterprise"})").error_code(),
            "invalid_input");
  EXPECT_EQ(admin.post("/api/users", R"({"name":"e","password":"long-enough-1","role":"enterprise","enterprise":"123"})").status,
            400);
  EXPECT_EQ(admin.post("/api/users", R"({"name":"v","password":"long-enough-1","role":"viewer","enterprise":"9150000020286320X6"})").status,
            400);

  auto wang = srv->client();
  ASSERT_EQ(wang.login("wang", "long-enough-1").status, 200);
  EXPECT_EQ(admin.put("/api/users/wang/password", R"({"password":"short"})").status, 400);
  EXPECT_EQ(admin.put("/api/users/wang/password", R"({"password":"another-long-1"})").status, 204);
  EXPECT_EQ(wang.get("/api/me").status, 401);  // a new password ends the sessions
  EXPECT_EQ(srv->client().login("wang", kPassword).status, 401);
  EXPECT_EQ(srv->client().login("wang", "another-long-1").status, 200);
  EXPECT_EQ(admin.put("/api/users/nobody/password", R"({"password":"another-long-1"})").status, 404);

  EXPECT_EQ(admin.del("/api/users/admin").status, 409);  // not yourself
  EXPECT_EQ(admin.del("/api/users/wang").status, 204);
  EXPECT_EQ(admin.del("/api/users/wang").status, 404);
  EXPECT_FALSE(srv->platform->user_by_name("wang"));

  auto audit = admin.get("/api/audit?limit=50");
  ASSERT_EQ(audit.status, 200);
  std::set<std::string> actions;
  for (auto& a : audit.json()) actions.insert(a["action"]);
  for (const char* want : {"login", "user_add", "user_passwd", "user_remove"}) EXPECT_TRUE(actions.count(want)) << want;
  auto only = admin.get("/api/audit?action=user_add&limit=1").json();
  ASSERT_EQ(only.size(), 1u);
  EXPECT_EQ(only[0]["user"], "admin");
  EXPECT_EQ(only[0]["detail"]["name"], "wang");
  EXPECT_EQ(only[0]["remote"], "127.0.0.1");
  EXPECT_EQ(admin.get("/api/audit?limit=abc").status, 400);
  EXPECT_EQ(admin.get("/api/audit?limit=0").status, 400);
}

TEST_F(AuthRoutes, UnknownApiPathIs404JsonAndWrongMethod405) {
  auto cl = srv->login_as("viewer");
  auto r = cl.get("/api/no-such-thing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error_code(), "not_found");
  EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
  r = srv->client().get("/api/no-such-thing");  // without a session too
  EXPECT_EQ(r.status, 404);
  r = cl.request("PUT", "/api/me", "{}");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.error_code(), "method_not_allowed");
}

// The fixture's example zone (a `mujun demo` database): the enterprise account is bound to a registry
// enterprise, whose registered name /api/me reports; an admin can bind a new account only to a USCC the
// registry knows.
TEST(AuthExampleZone, EnterpriseAccountsAreBoundToTheRegistry) {
  TestServer srv({.example_zone = true});
  auto name = server::enterprise_name(*srv.store, srv.enterprise_uscc);
  ASSERT_TRUE(name);
  EXPECT_FALSE(name->empty());
  auto ent = srv.login_as("enterprise");
  auto me = ent.get("/api/me").json();
  EXPECT_EQ(me["enterprise"], srv.enterprise_uscc);
  EXPECT_EQ(me["enterprise_name"], *name);
  auto admin = srv.login_as("admin");
  auto ok = admin.post("/api/users", nlohmann::json{{"name", "ent2"}, {"password", "long-enough-1"}, {"role", "enterprise"},
                                                    {"enterprise", srv.other_uscc}}.dump());
  EXPECT_EQ(ok.status, 201) << ok.body;
  // 9150000020286320X6 has a valid check character but is not in the example zone's registry.
  auto unknown = admin.post("/api/users", nlohmann::json{{"name", "ent3"}, {"password", "long-enough-1"},
                                                         {"role", "enterprise"}, {"enterprise", "9150000020286320X6"}}.dump());
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("企业库中没有"), std::string::npos) << unknown.body;
}
