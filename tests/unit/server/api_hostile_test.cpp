// Findings of the hostile review of `mujun serve` (2026-12-06): bytes that are not UTF-8 in error
// messages (used to throw json type_error.316 out of the io_context: a crash without login), paging
// overflow (rows[-2]: a segfault), non-UTF-8 / control-character file names, rejects downloads without
// the export permission, login lockout of another person's account, connection cap, HEAD on GET routes.
#include <filesystem>
#include <thread>
#include <fstream>

#include "server/api_common.h"
#include "server/api_xlsx.h"
#include "server/dispatch.h"
#include "server/multipart.h"
#include "shared_server.h"

using namespace mujun;
using namespace mujun::test;
namespace fs = std::filesystem;

namespace {

HttpResponse raw(int port, const std::string& request) {
  HttpResponse r;
  parse_http_response(http_exchange(port, request, 1), r);
  return r;
}

// A 4xx answer whose body is a JSON error (parses as strict UTF-8 JSON).
void expect_json_error(const HttpResponse& r, int status, const std::string& what) {
  EXPECT_EQ(r.status, status) << what << ": " << r.body;
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << what << ": " << r.body;
  EXPECT_TRUE(j.contains("error")) << what << ": " << r.body;
}

}  // namespace

// ---- 1. invalid UTF-8 in an error message -------------------------------------------------------

TEST(HostileUtf8, ErrorResponseReplacesInvalidBytes) {
  auto r = server::error_response(400, "bad_request", "收到 '\xff\xfe' / got it");
  auto j = nlohmann::json::parse(r.body);  // strict parse: the body is valid UTF-8
  EXPECT_EQ(j["error"]["message"], "收到 '\xEF\xBF\xBD\xEF\xBF\xBD' / got it");
  EXPECT_EQ(r.status, 400);
}

TEST(HostileUtf8, RequestsWithBadBytesGetJsonErrorsAndTheServerLives) {
  auto web = fs::temp_directory_path() / ("mujun-hostile-web-" + std::to_string(::getpid()));
  fs::create_directories(web);
  std::ofstream(web / "index.html") << "<!doctype html><title>mujun</title>";
  TestServerOptions o;
  o.web_root = web.string();
  TestServer srv(o);
  const int port = srv.port;
  expect_json_error(raw(port, "GET /x%FF.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 404, "static %FF");
  expect_json_error(raw(port, "POST /api/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: "
                              "application/json\r\nContent-Length: 1\r\n\r\n\xff"),
                    400, "login body \\xff");
  expect_json_error(raw(port, "POST /api/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: "
                              "text/\xe4\r\nContent-Length: 2\r\n\r\n{}"),
                    415, "content type text/\\xe4");
  auto q = raw(port, "GET /api/runs/1/results?page=%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  expect_json_error(q, 400, "page=%FF");
  EXPECT_NE(q.body.find("UTF-8"), std::string::npos) << q.body;
  expect_json_error(raw(port, "GET /api/%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 404, "/api/%FF");
  // The process and its workers are still there.
  for (int i = 0; i < 4; ++i) EXPECT_EQ(srv.client().get("/api/health").status, 200) << i;
  fs::remove_all(web);
}

// ---- 2. paging overflow -------------------------------------------------------------------------

class HostileData : public SharedServerTest<HostileData> {
 public:  // options() and prepare() are read by SharedServerTest
  static TestServerOptions options() { return example_zone(); }
  static void prepare(TestServer& s) { s.add_user("analyst_noexp", "analyst", "", false); }
};

TEST(HostilePaging, OffsetNeverOverflows) {
  server::api::Paging p;
  p.page = server::api::Paging::kMaxPage, p.size = 1000;
  EXPECT_EQ(p.offset(37), 37);
  p.page = 2, p.size = 7;
  EXPECT_EQ(p.offset(37), 7);
  p.page = 4611686018427387905LL, p.size = 2;  // (page-1)*size wraps to 0 in 64 bits
  EXPECT_EQ(p.offset(37), 37);
  p.page = 2635249153387078803LL, p.size = 7;  // wraps to a negative offset
  EXPECT_EQ(p.offset(37), 37);
}

TEST_F(HostileData, HugePagesAre400AndAPagePastTheEndIsEmpty) {
  auto c = srv->login_as("analyst");
  const std::string base = "/api/runs/" + run() + "/results";
  for (std::string q : {"?page=2635249153387078803&size=7", "?page=9223372036854775807&size=1000",
                        "?page=4611686018427387905&size=2", "?page=1000000001&size=1", "?page=0", "?size=1001"}) {
    auto r = c.get(base + q);
    EXPECT_EQ(r.status, 400) << q << ": " << r.body;
    EXPECT_EQ(r.error_code(), "bad_request") << q;
  }
  auto first = c.get(base + "?page=1&size=7").json();
  ASSERT_GT(first["total"].get<long long>(), 0);
  auto past = c.get(base + "?page=1000000000&size=1000");
  ASSERT_EQ(past.status, 200) << past.body;
  EXPECT_EQ(past.json()["total"], first["total"]);
  EXPECT_TRUE(past.json()["items"].empty());
  EXPECT_EQ(past.json()["page"], 1000000000);
  // /api/enterprises (Paging::wrap): the same bounds.
  EXPECT_EQ(c.get("/api/enterprises?page=2635249153387078803&size=7").status, 400);
  EXPECT_EQ(c.get("/api/enterprises?page=4611686018427387905&size=2").status, 400);
  auto e = c.get("/api/enterprises?page=1000000000&size=1000");
  ASSERT_EQ(e.status, 200) << e.body;
  EXPECT_GT(e.json()["total"].get<long long>(), 0);
  EXPECT_TRUE(e.json()["items"].empty());
  // An enterprise account too (it crashed the server signed in as an enterprise).
  auto a = srv->login_as("analyst");
  ASSERT_EQ(a.post("/api/runs/" + run() + "/publish", R"({"days":10})").status, 200);
  auto ent = srv->login_as("enterprise");
  EXPECT_EQ(ent.get(base + "?page=2635249153387078803&size=7").status, 400);
  EXPECT_EQ(srv->client().get("/api/health").status, 200);
}

// ---- 3. file names ------------------------------------------------------------------------------

TEST(HostileFileNames, CheckFileName) {
  using server::api::file_name_problem;
  EXPECT_EQ(file_name_problem("报表 2024.xlsx"), "");
  EXPECT_NE(file_name_problem("\xff.xlsx").find("文件名不是有效的 UTF-8"), std::string::npos);
  EXPECT_NE(file_name_problem("\xed\xa0\x80.xlsx").find("UTF-8"), std::string::npos);  // a surrogate
  EXPECT_NE(file_name_problem("\xc0\xaf.xlsx").find("UTF-8"), std::string::npos);      // overlong '/'
  EXPECT_NE(file_name_problem("a\x01.xlsx").find("控制字符"), std::string::npos);
  EXPECT_NE(file_name_problem("a\nb.xlsx").find("控制字符"), std::string::npos);
  EXPECT_NE(file_name_problem("a\xc2\x85.xlsx").find("控制字符"), std::string::npos);  // U+0085 NEL
}

TEST(HostileFileNames, MultipartGbkNameBecomesUtf8AndGarbageIsRefused) {
  auto body = [](const std::string& filename) {
    return "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"" + filename +
           "\"\r\nContent-Type: text/csv\r\n\r\na,b\r\n--XyZ--\r\n";
  };
  // "报表.csv" in GBK: B1 A8 B1 ED.
  auto f = server::multipart_file(body("\xb1\xa8\xb1\xed.csv"), "XyZ");
  EXPECT_EQ(f.file_name, "报表.csv");
  EXPECT_EQ(f.bytes, "a,b");
  EXPECT_EQ(server::multipart_file(body("报表.csv"), "XyZ").file_name, "报表.csv");
  EXPECT_THROW(server::multipart_file(body("\xff\xff.csv"), "XyZ"), std::invalid_argument);
  EXPECT_THROW(server::multipart_file(body("a\x01.csv"), "XyZ"), std::invalid_argument);
}

TEST(HostileFileNames, XmlSafeText) {
  using server::api::xml_safe_text;
  EXPECT_EQ(xml_safe_text("报表\t a\nb\r"), "报表\t a\nb\r");
  EXPECT_EQ(xml_safe_text("a\xff" "b\x01" "c\xc2\x85" "d\xef\xbf\xbf"),
            "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d\xEF\xBF\xBD");
  EXPECT_EQ(xml_safe_text("\xe6\x8a"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // a cut 3-byte sequence
  // A workbook with such strings is written (libxlsxwriter would otherwise write them as they are).
  auto path = server::api::temp_path(".xlsx");
  server::api::Table t;
  t.sheet = "表";
  t.headers = {"文件\x02"};
  t.rows = {{std::string("bad\xff\x0b")}};
  EXPECT_NO_THROW(server::api::write_tables_xlsx(path, {t}));
  EXPECT_GT(fs::file_size(path), 0u);
  fs::remove(path);
}

TEST_F(HostileData, BadFileNamesAre400BeforeAnythingIsStored) {
  auto c = srv->login_as("analyst");
  auto before = srv->platform->audit_log(1000, "import").size();
  auto r = c.request("POST", "/api/imports?file=%FF.csv", "a,b\n1,2\n", "text/csv");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("文件名不是有效的 UTF-8"), std::string::npos) << r.body;
  r = c.request("POST", "/api/imports?file=a%01.csv", "a,b\n1,2\n", "text/csv");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("控制字符"), std::string::npos) << r.body;
  std::string mp = "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\xff\xfe.csv\"\r\n\r\na,b\r\n--XyZ--\r\n";
  r = c.request("POST", "/api/imports", mp, "multipart/form-data; boundary=XyZ");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("UTF-8"), std::string::npos) << r.body;
  EXPECT_EQ(srv->platform->audit_log(1000, "import").size(), before);
  // The attachment route (query file=) is refused the same way before its handler runs.
  auto e = srv->login_as("enterprise");
  r = e.request("POST", "/api/objections/1/attachments?file=%FF.pdf", "%PDF-1.4", "application/pdf");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("文件名不是有效的 UTF-8"), std::string::npos) << r.body;
  // Exports still open as JSON-clean answers.
  EXPECT_EQ(c.get("/api/imports.xlsx").status, 200);
}

// ---- 4. rejects downloads need the export permission --------------------------------------------

TEST_F(HostileData, RejectsDownloadsNeedExportPermission) {
  auto no = srv->login_as("analyst_noexp");
  auto yes = srv->login_as("analyst");
  auto list = yes.get("/api/imports").json();
  ASSERT_TRUE(list.is_array() || list.contains("items")) << list.dump();
  const auto& items = list.is_array() ? list : list["items"];
  ASSERT_FALSE(items.empty());
  const std::string id = std::to_string(items[0]["id"].get<long long>());
  auto r = no.get("/api/imports/" + id + "/rejects.xlsx");
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(r.error_code(), "forbidden");
  EXPECT_EQ(no.get("/api/uploads/0123456789abcdef/rejects.xlsx").status, 403);
  EXPECT_EQ(yes.get("/api/imports/" + id + "/rejects.xlsx").status, 200);
  EXPECT_EQ(yes.get("/api/uploads/0123456789abcdef/rejects.xlsx").status, 404);
}

// ---- 5. login limiter: no lockout of another person's account; X-Real-IP only with --trust-proxy ---

TEST(HostileLogin, FailuresOfOneClientDoNotLockTheNameForOthers) {
  TestServerOptions o;
  o.trust_proxy = true;
  TestServer srv(o);
  auto cl = srv.client();
  auto from = [](const char* ip) { return std::map<std::string, std::string>{{"X-Real-IP", ip}}; };
  const std::string wrong = R"({"name":"admin","password":"wrong-password"})";
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(cl.request("POST", "/api/login", wrong, "application/json", from("203.0.113.7")).status, 401) << i;
  auto blocked = cl.request("POST", "/api/login", wrong, "application/json", from("203.0.113.7"));
  EXPECT_EQ(blocked.status, 429);
  const int retry = std::atoi(blocked.header("retry-after").c_str());  // 15 min from the 5th failure
  EXPECT_GE(retry, 890);
  EXPECT_LE(retry, 900);
  // The real admin from another address signs in.
  auto ok = cl.request("POST", "/api/login", nlohmann::json{{"name", "admin"}, {"password", kPassword}}.dump(),
                       "application/json", from("198.51.100.20"));
  EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST(HostileLogin, XRealIpIsIgnoredWithoutTrustProxy) {
  TestServer srv;  // trust_proxy off
  auto cl = srv.client();
  const std::string wrong = R"({"name":"viewer","password":"wrong-password"})";
  for (int i = 0; i < 5; ++i)
    cl.request("POST", "/api/login", wrong, "application/json", {{"X-Real-IP", "203.0.113." + std::to_string(i)}});
  auto log = srv.platform->audit_log(1, "login_failed");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].remote, "127.0.0.1");
  // All five counted for 127.0.0.1: a sixth attempt with a fresh X-Real-IP is still refused.
  EXPECT_EQ(cl.request("POST", "/api/login", wrong, "application/json", {{"X-Real-IP", "203.0.113.99"}}).status, 429);
}

// ---- 6. connection cap --------------------------------------------------------------------------

TEST(HostileConnections, OverTheCapNewSocketsAreClosedAndTheServerRecovers) {
  TestServerOptions o;
  o.max_connections = 8;
  TestServer srv(o);
  std::vector<int> fds;
  auto open_one = [&] {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(srv.port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval tv{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    return fd;
  };
  for (int i = 0; i < 8; ++i) fds.push_back(open_one());
  // Wait until the server has accepted the eight (each is registered when accepted).
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  int extra = open_one();
  char b;
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(::recv(extra, &b, 1, 0), 0);  // closed by the server at once (not after the 2 s timeout)
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(1500));
  ::close(extra);
  for (int fd : fds) ::close(fd);
  int status = 0;
  for (int i = 0; i < 40 && status != 200; ++i) {
    status = srv.client().get("/api/health").status;
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(status, 200);
}

// ---- 7. HEAD on GET routes ----------------------------------------------------------------------

TEST(HostileMisc, HeadOnAGetRouteIsAnsweredWithoutBody) {
  TestServer srv;
  auto raw_text = http_exchange(srv.port, "HEAD /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 0);
  ASSERT_EQ(raw_text.substr(0, 12), "HTTP/1.1 200") << raw_text;
  auto end = raw_text.find("\r\n\r\n");
  ASSERT_NE(end, std::string::npos);
  EXPECT_EQ(raw_text.size(), end + 4);  // no body
  EXPECT_NE(raw_text.find("Content-Length: "), std::string::npos);
  auto get = srv.client().get("/api/health");
  EXPECT_NE(raw_text.find("Content-Length: " + std::to_string(get.body.size())), std::string::npos) << raw_text;
}

TEST(HostileMisc, NosniffOnceOnDownloads) {
  auto r = server::api::file_response("%PDF-1.4", "application/pdf", "a.pdf", "a.pdf");
  int n = 0;
  for (auto& [k, v] : r.headers) n += k == "X-Content-Type-Options";
  EXPECT_EQ(n, 0);  // the listener adds it to every response, once
}
