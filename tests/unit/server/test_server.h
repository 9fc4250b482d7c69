// Test fixture for `mujun serve`: the real Server in-process on 127.0.0.1 (ephemeral port) over a fresh
// temporary database, one account per role, and a tiny HTTP client with cookie + CSRF handling.
//
// FOR THE API ENGINEER (data routes): include this header in tests/unit/server/api_*_test.cpp.
//   mujun::test::TestServer srv({.example_zone = true});   // demo db: examples/wansheng-2024 imported,
//                                                         // 2024 evaluated (run id in srv.run_id)
//   auto c = srv.login_as("analyst");                      // a Client signed in (cookie + CSRF kept)
//   auto r = c.get("/api/overview?year=2024");             // r.status, r.body, r.json(), r.header("content-type")
//   c.post("/api/runs", R"({"year":2024,"scheme":"chongqing-default"})");   // sends X-CSRF-Token
//   srv.enterprise_uscc                                    // the USCC of account "enterprise"
//   srv.other_uscc                                         // another enterprise of the zone (isolation tests)
//   srv.store / srv.platform                               // direct database access for assertions
// Accounts (name = role): admin, analyst (can_export), viewer (no export), enterprise (can_export),
// password kPassword for all. Add more with srv.add_user(name, role, uscc, can_export).
// example_zone needs the built binary (MUJUN_BINARY: `mujun demo`, ~1.5 s once per test process; the
// database is copied for each TestServer). Keep one TestServer per test suite when you can
// (static in SetUpTestSuite): each one hashes 4 passwords (Argon2id, ~0.1 s each).
#pragma once
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/sha256.h"
#include "server/auth.h"
#include "server/rate_limit.h"
#include "server/server.h"
#include "server/session.h"
#include "store/platform.h"
#include "store/store.h"

namespace mujun::test {

inline constexpr const char* kPassword = "correct-horse-battery";

struct HttpResponse {
  int status = 0;
  std::multimap<std::string, std::string> headers;  ///< lower-case names
  std::string body;
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  nlohmann::json json() const { return nlohmann::json::parse(body); }
  /// The "code" of an error body, "" when the body is not an error.
  std::string error_code() const { return error_field("code"); }
  /// The "message" of an error body ("中文 / English"), "" when the body is not an error.
  std::string error_message() const { return error_field("message"); }
  /// Field `name` of {"error": {...}}, "" when the body is not an error.
  std::string error_field(const std::string& name) const {
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("error") || !j["error"].is_object()) return {};
    return j["error"].value(name, "");
  }
};

/// Parses one HTTP/1.1 response from the front of `raw`; returns the bytes it used (0 when incomplete).
inline std::size_t parse_http_response(const std::string& raw, HttpResponse& out) {
  auto end = raw.find("\r\n\r\n");
  if (end == std::string::npos) return 0;
  out = {};
  std::size_t line_end = raw.find("\r\n");
  auto sp = raw.find(' ');
  out.status = std::atoi(raw.substr(sp + 1, 3).c_str());
  std::size_t pos = line_end + 2;
  while (pos < end) {
    auto le = raw.find("\r\n", pos);
    auto line = raw.substr(pos, le - pos);
    auto colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    out.headers.emplace(name, value);
    pos = le + 2;
  }
  std::size_t len = static_cast<std::size_t>(std::atoll(out.header("content-length").c_str()));
  if (raw.size() < end + 4 + len) return 0;
  out.body = raw.substr(end + 4, len);
  return end + 4 + len;
}

/// Sends `bytes` on a new connection to 127.0.0.1:`port`, half-closes unless `keep_open`, reads until the
/// server closes (or `expect` responses arrived), returns everything read.
inline std::string http_exchange(int port, const std::string& bytes, int expect = 0) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return {};
  }
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string raw;
  char buf[65536];
  for (;;) {
    if (expect > 0) {
      int got = 0;
      std::size_t off = 0;
      HttpResponse r;
      while (off < raw.size()) {
        auto used = parse_http_response(raw.substr(off), r);
        if (!used) break;
        off += used;
        ++got;
      }
      if (got >= expect) break;
    }
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    raw.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return raw;
}

/// A browser-like client: keeps the session cookie from Set-Cookie and sends the CSRF token (from the
/// login response) on POST/PUT/DELETE. One connection per request (Connection: close).
class Client {
 public:
  explicit Client(int port) : port_(port) {}
  std::string cookie;    ///< "mujun_session=…" ("" when signed out)
  std::string csrf;      ///< sent as X-CSRF-Token on POST/PUT/DELETE when non-empty
  bool send_csrf = true;

  HttpResponse request(const std::string& method, const std::string& path, const std::string& body = "",
                       const std::string& content_type = "application/json",
                       const std::map<std::string, std::string>& extra = {}) {
    std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!cookie.empty()) req += "Cookie: " + cookie + "\r\n";
    if (send_csrf && !csrf.empty() && method != "GET") req += "X-CSRF-Token: " + csrf + "\r\n";
    if (!body.empty() || method == "POST" || method == "PUT") {
      req += "Content-Type: " + content_type + "\r\n";
      req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    for (auto& [k, v] : extra) req += k + ": " + v + "\r\n";
    req += "\r\n" + body;
    HttpResponse r;
    parse_http_response(http_exchange(port_, req, 1), r);
    for (auto [it, end] = r.headers.equal_range("set-cookie"); it != end; ++it) {
      auto v = it->second.substr(0, it->second.find(';'));
      cookie = v == std::string(server::kSessionCookie) + "=" ? "" : v;
    }
    return r;
  }
  HttpResponse get(const std::string& path) { return request("GET", path); }
  HttpResponse post(const std::string& path, const std::string& json_body = "{}") { return request("POST", path, json_body); }
  HttpResponse put(const std::string& path, const std::string& json_body = "{}") { return request("PUT", path, json_body); }
  HttpResponse del(const std::string& path) { return request("DELETE", path); }
  /// POST /api/login; on 200 keeps the cookie and the CSRF token.
  HttpResponse login(const std::string& name, const std::string& password) {
    auto r = post("/api/login", nlohmann::json{{"name", name}, {"password", password}}.dump());
    if (r.status == 200) csrf = r.json().value("csrf", "");
    return r;
  }

 private:
  int port_;
};

struct TestServerOptions {
  bool example_zone = false;        ///< copy of a `mujun demo` database (2024 imported and evaluated)
  std::string web_root;             ///< static files folder ("" none)
  std::size_t body_limit = 32u << 20;
  int threads = 2;
  bool own_schemes = false;         ///< a private copy of schemes/ as ServerConfig::schemes_dir (PUT tests)
  bool trust_proxy = false;         ///< ServerConfig::trust_proxy (`serve --trust-proxy`)
  std::size_t max_connections = 512;  ///< ServerConfig::max_connections
};

/// `mujun demo` once per test process (or $MUJUN_DEMO_DB, a database made by `mujun demo` earlier);
/// returns the path of its database ("" when the demo failed; its log: /tmp/mujun-demo-PID.log).
inline std::string demo_database() {
  static std::once_flag once;
  static std::string path;
  // Removes the demo's folder and log when the test process ends.
  static struct Cleanup {
    std::filesystem::path dir;
    ~Cleanup() {
      std::error_code ec;
      if (!dir.empty()) {
        std::filesystem::remove_all(dir, ec);
        std::filesystem::remove(dir.string() + ".log", ec);
      }
    }
  } cleanup;
  std::call_once(once, [] {
    if (const char* given = std::getenv("MUJUN_DEMO_DB"); given && *given) {  // a prepared demo database
      path = given;
      return;
    }
    auto dir = std::filesystem::temp_directory_path() / ("mujun-demo-" + std::to_string(::getpid()));
    cleanup.dir = dir;
    std::filesystem::remove_all(dir);
    std::string cmd = std::string("\"") + MUJUN_BINARY + "\" demo --out \"" + dir.string() + "\" > \"" + dir.string() +
                      ".log\" 2>&1";
    if (std::system(cmd.c_str()) == 0) {
      path = (dir / "mujun.db").string();
    } else {  // show why (the log is removed at exit)
      std::ifstream log(dir.string() + ".log");
      std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
      std::cerr << "mujun demo failed:\n" << text.substr(text.size() > 3000 ? text.size() - 3000 : 0) << "\n";
    }
  });
  return path;
}

class TestServer {
 public:
  explicit TestServer(TestServerOptions o = {}) {
    static std::atomic<int> counter{0};
    dir = std::filesystem::temp_directory_path() /
          ("mujun-server-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    db = (dir / "t.db").string();
    if (o.example_zone) {
      auto demo = demo_database();
      if (demo.empty()) throw std::runtime_error("mujun demo failed (MUJUN_BINARY built?)");
      std::filesystem::copy_file(demo, db);
    }
    store = store::open_sqlite(db);
    store->migrate();
    platform = store::open_sqlite_platform(db);
    enterprise_uscc = "9150000020286320X6";
    other_uscc = "91500000202869177Y";
    if (o.example_zone) {
      auto frame = store->snapshot(2024);
      if (frame.uscc.size() >= 2) {
        enterprise_uscc = frame.uscc[0];
        other_uscc = frame.uscc[1];
      }
      auto runs = store->runs("evaluation");
      if (!runs.empty()) run_id = runs.back().id;
    }
    add_user("admin", "admin");
    add_user("analyst", "analyst", "", true);
    add_user("viewer", "viewer");
    add_user("enterprise", "enterprise", enterprise_uscc, true);
    server::login_limiter().clear();
    server::ServerConfig cfg;
    cfg.db_path = db;
    cfg.resource_root = MUJUN_SOURCE_ROOT;
    cfg.web_root = o.web_root;
    cfg.body_limit = o.body_limit;
    cfg.trust_proxy = o.trust_proxy;
    cfg.max_connections = o.max_connections;
    if (o.own_schemes) {
      schemes_dir = dir / "schemes";
      std::filesystem::copy(std::filesystem::path(MUJUN_SOURCE_ROOT) / "schemes", schemes_dir,
                            std::filesystem::copy_options::recursive);
      cfg.schemes_dir = schemes_dir.string();
    }
    server = std::make_unique<server::Server>(cfg, "127.0.0.1:0", o.threads);
    server->start();
    port = server->port();
  }
  ~TestServer() {
    server.reset();
    platform.reset();
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  /// Adds an account directly in the database (no registry check).
  long long add_user(const std::string& name, const std::string& role, const std::string& uscc = "",
                     bool can_export = false) {
    store::UserRecord u;
    u.name = name;
    u.role = role;
    u.enterprise_uscc = uscc;
    u.can_export = can_export;
    u.password_hash = server::hash_password(kPassword);
    u.created_at = server::iso_utc();
    return platform->add_user(u);
  }
  Client client() const { return Client(port); }
  /// A client signed in as `name` (password kPassword); fails the test when the login fails.
  Client login_as(const std::string& name) const {
    Client c(port);
    auto r = c.login(name, kPassword);
    EXPECT_EQ(r.status, 200) << name << ": " << r.body;
    return c;
  }

  std::filesystem::path dir;
  std::filesystem::path schemes_dir;  ///< own_schemes: the server's schemes folder ("" otherwise)
  std::string db;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::PlatformStore> platform;
  std::unique_ptr<server::Server> server;
  int port = 0;
  std::string enterprise_uscc, other_uscc;
  long long run_id = 0;  ///< example_zone: the demo's 2024 evaluation run
};

}  // namespace mujun::test
