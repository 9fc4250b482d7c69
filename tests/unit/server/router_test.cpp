// Pure parts of the server core: route matching, integer parameters, request targets, cookies, the role
// table of http.h, Argon2id hashing, the password policy, the login rate limiter and content types.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <set>

#include "server/auth.h"
#include "server/dispatch.h"
#include "server/listener_target.h"
#include "server/routes.h"
#include "server/rate_limit.h"
#include "server/server.h"
#include "server/session.h"
#include "server/static_files.h"

using namespace mujun::server;

namespace {
Response tag(const char* t) { return json(200, t); }
}

TEST(Router, MatchesMethodPatternAndParams) {
  Router r;
  r.add("GET", "/api/runs/{id}/results", Permission::read_own, [](Ctx&) { return tag("results"); });
  r.add("GET", "/api/runs/{id}/results/{uscc}", Permission::read_own, [](Ctx&) { return tag("one"); });
  r.add("GET", "/api/runs/{id}/results.xlsx", Permission::export_data, [](Ctx&) { return tag("xlsx"); });
  r.add("GET", "/api/users/{name}", Permission::admin, [](Ctx&) { return tag("param"); });
  r.add("GET", "/api/users/me", Permission::admin, [](Ctx&) { return tag("literal"); });
  std::map<std::string, std::string> p;
  bool exists = false;
  auto* m = r.match("GET", "/api/runs/3/results/9150000020286320X6", p, &exists);
  ASSERT_TRUE(m);
  EXPECT_EQ(p.at("id"), "3");
  EXPECT_EQ(p.at("uscc"), "9150000020286320X6");
  m = r.match("GET", "/api/runs/3/results.xlsx", p, &exists);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->need, Permission::export_data);
  m = r.match("GET", "/api/runs/3/results/", p, &exists);  // trailing slash ignored
  ASSERT_TRUE(m);
  EXPECT_EQ(m->segments.size(), 4u);
  // A literal segment wins over a parameter whatever the order of registration.
  m = r.match("GET", "/api/users/me", p, &exists);
  ASSERT_TRUE(m);
  EXPECT_TRUE(p.empty());
  m = r.match("GET", "/api/users/zhang", p, &exists);
  ASSERT_TRUE(m);
  EXPECT_EQ(p.at("name"), "zhang");
  // Known path, other method → nullptr with path_exists (405); unknown path → nullptr without (404).
  EXPECT_FALSE(r.match("DELETE", "/api/runs/3/results", p, &exists));
  EXPECT_TRUE(exists);
  EXPECT_FALSE(r.match("GET", "/api/runs/3", p, &exists));
  EXPECT_FALSE(exists);
}

TEST(Router, ToIntNamesTheParameter) {
  EXPECT_EQ(to_int("42", "page"), 42);
  EXPECT_EQ(to_int("-7", "x"), -7);
  for (const char* bad : {"", "4x", "x", "1.5", " 1", "99999999999999999999"}) {
    try {
      to_int(bad, "page");
      ADD_FAILURE() << bad;
    } catch (const ApiError& e) {
      EXPECT_EQ(e.status, 400);
      EXPECT_EQ(e.code, "bad_request");
      EXPECT_NE(std::string(e.what()).find("page"), std::string::npos);
    }
  }
}

TEST(Router, ErrorResponseShape) {
  auto r = error_response(404, "not_found", "未找到 / not found");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"error":{"code":"not_found","message":"未找到 / not found"}})");
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
}

TEST(Target, PercentDecodingAndQuery) {
  auto t = parse_target("/api/enterprises?q=%E4%B8%87%E7%9B%9B+%E9%95%87&page=2&page=3&flag&size=");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/api/enterprises");
  EXPECT_EQ(t->query.at("q"), "万盛 镇");  // '+' is a space in the query
  EXPECT_EQ(t->query.at("page"), "3");     // last one wins
  EXPECT_EQ(t->query.at("flag"), "");
  EXPECT_EQ(t->query.at("size"), "");
  auto p = parse_target("/a+b/%2e%2e/c");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->path, "/a+b/../c");  // '+' stays in the path; the static handler refuses the ".."
  EXPECT_FALSE(parse_target("/x%4"));
  EXPECT_FALSE(parse_target("/x%G1"));
  EXPECT_FALSE(parse_target("/x%00y"));
  EXPECT_FALSE(parse_target("http://evil/x"));
  EXPECT_FALSE(parse_target("/x?a=%ZZ"));
}

TEST(Session, CookieParsingAndAttributes) {
  EXPECT_EQ(cookie_value("a=1; mujun_session=abc; b=2", "mujun_session"), "abc");
  EXPECT_EQ(cookie_value("xmujun_session=bad; mujun_session=good", "mujun_session"), "good");
  EXPECT_EQ(cookie_value("a=1", "mujun_session"), "");
  auto c = session_cookie("tok", false);
  EXPECT_EQ(c, "mujun_session=tok; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200");
  EXPECT_NE(session_cookie("tok", true).find("; Secure"), std::string::npos);
  EXPECT_NE(cleared_session_cookie(false).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(iso_utc(std::chrono::system_clock::time_point{}), "1970-01-01T00:00:00Z");
}

TEST(Auth, RoleTableOfHttpH) {
  using P = Permission;
  auto who = [](const char* role, bool exp) {
    Principal p;
    p.role = role;
    p.can_export = exp;
    return p;
  };
  auto admin = who("admin", false), analyst = who("analyst", false), viewer = who("viewer", true),
       ent = who("enterprise", false);
  for (auto p : {P::read, P::read_own, P::export_data, P::import_data, P::evaluate, P::publish, P::resolve, P::object,
                 P::admin})
    EXPECT_TRUE(admin.has(p));
  EXPECT_TRUE(analyst.has(P::import_data));
  EXPECT_TRUE(analyst.has(P::resolve));
  EXPECT_FALSE(analyst.has(P::export_data));  // can_export not set
  EXPECT_FALSE(analyst.has(P::object));
  EXPECT_FALSE(analyst.has(P::admin));
  EXPECT_TRUE(viewer.has(P::read));
  EXPECT_TRUE(viewer.has(P::export_data));
  EXPECT_FALSE(viewer.has(P::evaluate));
  EXPECT_FALSE(ent.has(P::read));  // zone-wide data: never an enterprise account
  EXPECT_TRUE(ent.has(P::read_own));
  EXPECT_TRUE(ent.has(P::object));
  EXPECT_FALSE(ent.has(P::export_data));
  EXPECT_FALSE(who("guest", true).has(P::read_own));
  EXPECT_EQ(permission_names(ent), (std::vector<std::string>{"read_own", "object"}));
  EXPECT_EQ(permission_names(viewer), (std::vector<std::string>{"read", "read_own", "export_data"}));
}

TEST(Auth, Argon2idHashVerifiesAndTakesInteractiveTime) {
  auto t0 = std::chrono::steady_clock::now();
  auto h = hash_password("correct-horse-battery");
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(h.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << h;  // INTERACTIVE: 64 MiB, 2 passes
  EXPECT_TRUE(verify_password(h, "correct-horse-battery"));
  EXPECT_FALSE(verify_password(h, "correct-horse-batterY"));
  EXPECT_FALSE(verify_password("not a hash", "x"));
  EXPECT_FALSE(verify_password("", ""));
  EXPECT_NE(hash_password("correct-horse-battery"), h);  // salted
  std::cout << "Argon2id hash (INTERACTIVE) took " << ms << " ms\n";
  EXPECT_LT(ms, 3000);
}

TEST(Auth, PasswordAndNamePolicy) {
  EXPECT_NE(password_problem("1234567"), "");
  EXPECT_EQ(password_problem("12345678"), "");
  EXPECT_NE(password_problem("亩均论英雄亩均"), "");  // 7 characters (21 bytes)
  EXPECT_EQ(password_problem("亩均论英雄亩均论"), "");  // 8 characters
  EXPECT_NE(password_problem("abcdefg\xff"), "");      // invalid UTF-8
  EXPECT_NE(password_problem(std::string(1025, 'a')), "");
  EXPECT_EQ(name_problem("zhang.san@万盛"), "");
  EXPECT_NE(name_problem(""), "");
  EXPECT_NE(name_problem("a b"), "");
  EXPECT_NE(name_problem("a/b"), "");
  EXPECT_NE(name_problem(std::string(65, 'a')), "");
  EXPECT_EQ(random_hex(32).size(), 64u);
  EXPECT_NE(random_hex(16), random_hex(16));
  EXPECT_TRUE(same_secret("abc", "abc"));
  EXPECT_FALSE(same_secret("abc", "abd"));
  EXPECT_FALSE(same_secret("abc", "abcd"));
}

TEST(RateLimit, FiveFailuresPerPairOrAddressBlockFifteenMinutes) {
  LoginRateLimiter l;
  auto t = LoginRateLimiter::Clock::now();
  for (int i = 0; i < 4; ++i) l.failure("zhang", "10.0.0.1", t + std::chrono::seconds(i));
  EXPECT_FALSE(l.blocked("zhang", "10.0.0.1", t + std::chrono::seconds(5)));
  l.failure("zhang", "10.0.0.1", t + std::chrono::seconds(5));  // 5th
  EXPECT_TRUE(l.blocked("zhang", "10.0.0.1", t + std::chrono::seconds(6)));   // the pair
  EXPECT_FALSE(l.blocked("zhang", "10.0.0.9", t + std::chrono::seconds(6)));  // not the name: no lockout by others
  EXPECT_TRUE(l.blocked("li", "10.0.0.1", t + std::chrono::seconds(6)));      // by address
  EXPECT_FALSE(l.blocked("li", "10.0.0.9", t + std::chrono::seconds(6)));
  EXPECT_EQ(l.retry_after("li", "10.0.0.1", t + std::chrono::seconds(6)).count(), 15 * 60 - 1);
  EXPECT_TRUE(l.blocked("zhang", "10.0.0.1", t + std::chrono::seconds(5) + std::chrono::minutes(15) - std::chrono::seconds(1)));
  EXPECT_FALSE(l.blocked("zhang", "10.0.0.1", t + std::chrono::seconds(5) + std::chrono::minutes(15)));
  // Failures older than the 15-minute window do not count.
  LoginRateLimiter w;
  for (int i = 0; i < 4; ++i) w.failure("wang", "a", t);
  w.failure("wang", "a", t + std::chrono::minutes(16));
  EXPECT_FALSE(w.blocked("wang", "a", t + std::chrono::minutes(16)));
  // A success forgets the pair's and the name's failures, not the address's: 3 + 1 pair failures after a
  // success do not block; 49 + 1 name failures after a success are under the ceiling.
  LoginRateLimiter s;
  for (int i = 0; i < 3; ++i) s.failure("zhao", "ip1", t);
  s.success("zhao", "ip1");
  s.failure("zhao", "ip1", t);
  s.failure("qian", "ip1", t);  // the address's 5th failure
  EXPECT_TRUE(s.blocked("zhao", "ip1", t));    // by address
  EXPECT_FALSE(s.blocked("zhao", "ip2", t));   // the pair (zhao, ip1) was at 1, the name far below 50
  for (int i = 0; i < 49; ++i) s.failure("sun", "n" + std::to_string(i), t);
  s.success("sun", "n0");
  s.failure("sun", "n99", t);
  EXPECT_FALSE(s.blocked("sun", "n98", t));
}

TEST(RateLimit, NameCeilingSlowsAfterFiftyFailuresFromManyAddresses) {
  LoginRateLimiter l;
  auto t = LoginRateLimiter::Clock::now();
  // 49 failures of "admin" from 49 addresses (one each: no pair or address block): not yet.
  for (int i = 0; i < 49; ++i) l.failure("admin", "198.51.100." + std::to_string(i), t + std::chrono::seconds(i));
  EXPECT_FALSE(l.blocked("admin", "192.0.2.1", t + std::chrono::seconds(60)));
  l.failure("admin", "198.51.100.99", t + std::chrono::seconds(60));  // the 50th
  // Slowed for everybody until the oldest failure (at t) is 15 minutes old: 900 − 61 = 839 s.
  EXPECT_EQ(l.retry_after("admin", "192.0.2.1", t + std::chrono::seconds(61)).count(), 839);
  EXPECT_FALSE(l.blocked("other", "192.0.2.1", t + std::chrono::seconds(61)));
  EXPECT_FALSE(l.blocked("admin", "192.0.2.1", t + std::chrono::minutes(15)));  // the window slid
}

TEST(Listen, AddressesAndLoopback) {
  std::string host;
  int port = -1;
  EXPECT_TRUE(split_listen_address("127.0.0.1:8080", host, port));
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 8080);
  EXPECT_TRUE(split_listen_address("[::1]:0", host, port));
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 0);
  EXPECT_FALSE(split_listen_address("127.0.0.1", host, port));
  EXPECT_FALSE(split_listen_address("127.0.0.1:65536", host, port));
  EXPECT_FALSE(split_listen_address(":80", host, port));
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("127.1.2.3"));
  EXPECT_TRUE(is_loopback_host("::1"));
  EXPECT_TRUE(is_loopback_host("localhost"));
  EXPECT_FALSE(is_loopback_host("0.0.0.0"));
  EXPECT_FALSE(is_loopback_host("192.168.1.5"));
}

TEST(Static, ContentTypes) {
  EXPECT_EQ(content_type_for("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("assets/index-3f2a.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("a.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("logo.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("f.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("favicon.ico"), "image/x-icon");
  EXPECT_EQ(content_type_for("x.png"), "image/png");
  EXPECT_EQ(content_type_for("data.json"), "application/json; charset=utf-8");
  EXPECT_EQ(content_type_for("noext"), "application/octet-stream");
}

// docs/api/openapi.yaml documents exactly the routes of make_router(): every METHOD PATH of the router is
// under `paths:` and every documented operation is routed (a route added without its documentation, or
// documentation left behind after a route was removed, fails here).
TEST(Router, OpenApiDocumentsExactlyTheRoutes) {
  std::ifstream in(std::string(MUJUN_SOURCE_ROOT) + "/docs/api/openapi.yaml");
  ASSERT_TRUE(in) << "docs/api/openapi.yaml";
  std::set<std::string> documented, routed;
  std::string line, path;
  while (std::getline(in, line)) {
    if (line.rfind("  /api", 0) == 0 && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
      continue;
    }
    if (line.rfind("  ", 0) == 0 && line.size() > 2 && line[2] != ' ') path.clear();  // another top-level key
    for (const char* m : {"get", "post", "put", "delete"})
      if (!path.empty() && line == std::string("    ") + m + ":") {
        std::string method = m;
        for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        documented.insert(method + " " + path);
      }
  }
  const Router router = make_router();
  for (const auto& r : router.routes()) {
    std::string p;
    for (const auto& s : r.segments) p += "/" + s;
    routed.insert(r.method + " " + p);
  }
  std::vector<std::string> undocumented, unrouted;
  std::set_difference(routed.begin(), routed.end(), documented.begin(), documented.end(), std::back_inserter(undocumented));
  std::set_difference(documented.begin(), documented.end(), routed.begin(), routed.end(), std::back_inserter(unrouted));
  EXPECT_TRUE(undocumented.empty()) << "routes missing from openapi.yaml: " << ::testing::PrintToString(undocumented);
  EXPECT_TRUE(unrouted.empty()) << "openapi.yaml operations without a route: " << ::testing::PrintToString(unrouted);
  EXPECT_GE(routed.size(), 40u);
}
