// The Beast listener through real sockets: limits (413, 431), keep-alive, static files (types, SPA
// fallback, refusal of ".."), security headers, the proxy's X-Real-IP, and a clean stop.
#include <fstream>
#include <thread>

#include "test_server.h"

using namespace mujun;
using namespace mujun::test;
namespace fs = std::filesystem;

namespace {

class Listener : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    web = fs::temp_directory_path() / ("mujun-web-" + std::to_string(::getpid()));
    fs::create_directories(web / "assets");
    std::ofstream(web / "index.html") << "<!doctype html><title>mujun</title>";
    std::ofstream(web / "assets" / "index-1a2b.js") << "console.log(1)";
    std::ofstream(web / "assets" / "app.css") << "body{}";
    std::ofstream(web / "favicon.ico") << "ico";
    std::ofstream(web.parent_path() / ("secret-" + std::to_string(::getpid()) + ".txt")) << "secret";
    TestServerOptions o;
    o.web_root = web.string();
    o.body_limit = 1 << 20;  // 1 MiB, so the 413 test sends little
    o.trust_proxy = true;    // RealIpFromALoopbackProxyGoesToTheAudit (serve --trust-proxy)
    srv = new TestServer(o);
  }
  static void TearDownTestSuite() {
    delete srv;
    fs::remove_all(web);
    fs::remove(web.parent_path() / ("secret-" + std::to_string(::getpid()) + ".txt"));
  }
  static TestServer* srv;
  static fs::path web;
};
TestServer* Listener::srv = nullptr;
fs::path Listener::web;

HttpResponse first(const std::string& raw) {
  HttpResponse r;
  parse_http_response(raw, r);
  return r;
}

}  // namespace

TEST_F(Listener, BodyOverTheLimitIs413Json) {
  auto cl = srv->login_as("admin");
  // Announced length over the limit: refused after the headers, before any body byte is read.
  std::string req = "POST /api/users HTTP/1.1\r\nHost: x\r\nCookie: " + cl.cookie + "\r\nX-CSRF-Token: " + cl.csrf +
                    "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string((1 << 20) + 1) + "\r\n\r\n";
  auto r = first(http_exchange(srv->port, req, 1));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.error_code(), "too_large");
  EXPECT_EQ(r.header("connection"), "close");
  // Chunked body growing past the limit: refused while reading.
  std::string chunk(64 * 1024, 'x');
  std::string chunked = "POST /api/users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 17; ++i) chunked += "10000\r\n" + chunk + "\r\n";
  chunked += "0\r\n\r\n";
  r = first(http_exchange(srv->port, chunked, 1));
  EXPECT_EQ(r.status, 413);
  // At the limit exactly: accepted by the listener (the handler then judges the JSON).
  std::string body(1 << 20, ' ');
  body[0] = '{';
  body[body.size() - 1] = '}';
  r = cl.post("/api/users", body);
  EXPECT_EQ(r.status, 400) << r.body;  // missing fields, not 413
}

TEST_F(Listener, HeadersOverSixteenKiBAre431) {
  std::string req = "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(17 * 1024, 'a') + "\r\n\r\n";
  auto r = first(http_exchange(srv->port, req, 1));
  EXPECT_EQ(r.status, 431);
  EXPECT_EQ(r.error_code(), "too_large");
}

TEST_F(Listener, MalformedRequestIs400) {
  auto r = first(http_exchange(srv->port, "GET /api/health HTTP/9\r\n\r\n", 1));
  EXPECT_EQ(r.status, 400);
  r = first(http_exchange(srv->port, "GET /api/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 1));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_code(), "bad_request");
}

TEST_F(Listener, MalformedChunkedBodyIs400Json) {
  // A chunk size that is not hexadecimal, a chunk without its CRLF, a bad chunk extension: each gets a
  // 400 with a JSON error before the connection closes (before the fix: closed without an answer).
  for (const std::string& body : {std::string("ZZ\r\nabc\r\n0\r\n\r\n"), std::string("3\r\nabcXY0\r\n\r\n"),
                                 std::string("3;\x01\r\nabc\r\n0\r\n\r\n")}) {
    std::string req = "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n" + body;
    auto r = first(http_exchange(srv->port, req, 1));
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(r.error_code(), "bad_request") << body;
    EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
    EXPECT_NE(r.body.find("请求体格式错误"), std::string::npos) << r.body;
    EXPECT_EQ(r.header("connection"), "close");
  }
  // A well-formed chunked body is read as usual.
  std::string ok = "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
                   "Transfer-Encoding: chunked\r\n\r\n2\r\n[]\r\n0\r\n\r\n";
  auto r = first(http_exchange(srv->port, ok, 1));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("request body must be a JSON object"), std::string::npos) << r.body;
}

TEST_F(Listener, KeepAliveServesSeveralRequestsOnOneConnection) {
  std::string one = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n";
  auto raw = http_exchange(srv->port, one + one + "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 3);
  int count = 0;
  std::size_t off = 0;
  HttpResponse r;
  while (auto used = parse_http_response(raw.substr(off), r)) {
    EXPECT_EQ(r.status, 200);
    off += used;
    ++count;
  }
  EXPECT_EQ(count, 3);
}

TEST_F(Listener, SecurityHeadersOnEveryResponse) {
  for (auto path : {"/api/health", "/api/nothing", "/", "/assets/index-1a2b.js"}) {
    auto r = srv->client().get(path);
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
    EXPECT_EQ(r.header("x-frame-options"), "DENY") << path;
    EXPECT_EQ(r.header("referrer-policy"), "same-origin") << path;
    EXPECT_EQ(r.header("content-security-policy").rfind("default-src 'self'; style-src 'self' 'unsafe-inline'", 0), 0u)
        << path;
  }
  EXPECT_EQ(srv->client().get("/api/health").header("cache-control"), "no-store");
}

TEST_F(Listener, StaticFilesTypesFallbackAndRefusals) {
  auto cl = srv->client();
  auto r = cl.get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.body, "<!doctype html><title>mujun</title>");
  EXPECT_EQ(r.header("cache-control"), "no-cache");
  r = cl.get("/assets/index-1a2b.js");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(r.body, "console.log(1)");
  EXPECT_EQ(r.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(cl.get("/assets/app.css").header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(cl.get("/favicon.ico").header("content-type"), "image/x-icon");
  // Dashboard routes (history mode) get index.html; a missing file with an extension is 404.
  r = cl.get("/runs/3/results?class=A");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<!doctype html><title>mujun</title>");
  EXPECT_EQ(cl.get("/assets/missing.js").status, 404);
  // No escape from the web root, however spelled.
  std::string secret = "secret-" + std::to_string(::getpid()) + ".txt";
  for (auto path : {"/../" + secret, "/assets/../../" + secret, "/%2e%2e/" + secret, "/assets/%2E%2E/%2e%2e/" + secret}) {
    auto raw = http_exchange(srv->port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 1);
    auto res = first(raw);
    EXPECT_EQ(res.status, 400) << path;
    EXPECT_EQ(res.body.find("secret"), std::string::npos) << path;
  }
  // Only GET/HEAD outside /api/.
  EXPECT_EQ(cl.request("POST", "/index.html", "x", "text/plain").status, 405);
  auto head = first(http_exchange(srv->port, "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 0));
  EXPECT_EQ(head.status, 200);
}

TEST_F(Listener, RealIpFromALoopbackProxyGoesToTheAudit) {
  auto cl = srv->client();
  cl.request("POST", "/api/login", R"({"name":"viewer","password":"wrong-password"})", "application/json",
             {{"X-Real-IP", "203.0.113.7"}});
  auto log = srv->platform->audit_log(1, "login_failed");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].remote, "203.0.113.7");
}

TEST(ListenerLifecycle, StopsCleanlyWithIdleKeepAliveConnections) {
  TestServer s;
  int port = s.port;
  // An idle keep-alive connection stays open after its response.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  std::string req = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n";
  ::send(fd, req.data(), req.size(), MSG_NOSIGNAL);
  char buf[4096];
  ASSERT_GT(::recv(fd, buf, sizeof buf, 0), 0);
  auto t0 = std::chrono::steady_clock::now();
  s.server->stop();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(ms, 2000);  // closed at once, not after the 60 s idle timeout or the 5 s grace
  EXPECT_EQ(::recv(fd, buf, sizeof buf, 0), 0);  // the server closed it
  ::close(fd);
  EXPECT_EQ(http_exchange(port, req, 1), "");  // nothing listens any more
}

TEST(ListenerLifecycle, PortInUseIsAClearError) {
  TestServer s;
  server::ServerConfig cfg;
  cfg.db_path = s.db;
  server::Server second(cfg, "127.0.0.1:" + std::to_string(s.port), 1);
  try {
    second.start();
    ADD_FAILURE() << "second server bound the same port";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("无法监听"), std::string::npos) << e.what();
  }
}
