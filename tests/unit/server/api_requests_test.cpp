// Request bodies of the JSON routes (fresh-eye review, issue 8): one parser for every route, so a body
// that is not JSON, or not an object, gets the same 400 message everywhere; a JSON body sent without
// Content-Type: application/json is a 415; the upload routes keep their own types. And PUT /api/schemes
// saving into the server's schemes folder (ServerConfig::schemes_dir), a refused scheme leaving the file
// byte for byte as it was.
#include <fstream>
#include <sstream>

#include "shared_server.h"

using namespace mujun;
using namespace mujun::test;

namespace {

class ApiRequests : public SharedServerTest<ApiRequests> {
 public:  // options() and prepare() are read by SharedServerTest
  static TestServerOptions options() {
    TestServerOptions o;
    o.own_schemes = true;
    return o;
  }
};

std::string message(const HttpResponse& r) { return r.error_message(); }

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_F(ApiRequests, InvalidJsonIsOneMessageOnEveryRoute) {
  auto a = srv->login_as("admin");
  // Data routes and auth routes alike.
  const std::vector<std::pair<std::string, std::string>> routes{
      {"POST", "/api/runs"}, {"POST", "/api/objections"}, {"PUT", "/api/schemes/chongqing-default"},
      {"POST", "/api/users"}, {"PUT", "/api/users/viewer/password"}, {"POST", "/api/login"}};
  for (const auto& [method, path] : routes) {
    auto r = a.request(method, path, R"({"year": 2024,)");
    EXPECT_EQ(r.status, 400) << method << " " << path << ": " << r.body;
    EXPECT_EQ(r.error_code(), "bad_request") << path;
    const std::string m = message(r);
    EXPECT_EQ(m.rfind("请求体不是有效的 JSON：", 0), 0u) << path << ": " << m;
    EXPECT_NE(m.find(" / request body is not valid JSON: "), std::string::npos) << path << ": " << m;
    EXPECT_NE(m.find("line 1, column"), std::string::npos) << path << ": " << m;  // where the parser stopped
    auto arr = a.request(method, path, "[1, 2]");
    EXPECT_EQ(arr.status, 400) << path;
    EXPECT_EQ(message(arr), "请求体必须是 JSON 对象 / request body must be a JSON object") << path;
  }
  // the login route (no session needed) too
  auto l = srv->client().request("POST", "/api/login", "\"admin\"");
  EXPECT_EQ(l.status, 400);
  EXPECT_EQ(message(l), "请求体必须是 JSON 对象 / request body must be a JSON object");
  auto e = srv->client().request("POST", "/api/login", "");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(message(e).rfind("请求体不是有效的 JSON：", 0), 0u) << message(e);
}

TEST_F(ApiRequests, JsonBodyWithoutJsonContentTypeIs415) {
  auto a = srv->login_as("admin");
  const std::string body = R"({"name":"zhao","password":"long-enough-1","role":"viewer"})";
  for (const std::string type : {"text/plain", "application/x-www-form-urlencoded", "application/octet-stream"}) {
    auto r = a.request("POST", "/api/users", body, type);
    EXPECT_EQ(r.status, 415) << type;
    EXPECT_EQ(r.error_code(), "unsupported_media_type") << type;
    EXPECT_EQ(message(r).rfind("请求体须为 JSON，请设置请求头 Content-Type: application/json（收到 '" + type + "'）", 0), 0u) << message(r);
  }
  EXPECT_FALSE(srv->platform->user_by_name("zhao"));  // nothing was done
  // No Content-Type at all: a raw request.
  std::string raw = "POST /api/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n\r\n" + body;
  HttpResponse r;
  parse_http_response(http_exchange(srv->port, raw, 1), r);
  EXPECT_EQ(r.status, 415);
  EXPECT_NE(message(r).find("收到 '无 none'"), std::string::npos) << message(r);
  // application/json with a charset and in another case is JSON.
  auto ok = a.request("POST", "/api/users", body, "Application/JSON; charset=utf-8");
  EXPECT_EQ(ok.status, 201) << ok.body;
  // The upload routes keep their own types (an octet-stream file is not refused as "not JSON").
  auto up = srv->login_as("analyst").request("POST", "/api/imports?file=a.csv&year=2024", "统一社会信用代码\n", "application/octet-stream");
  EXPECT_NE(up.status, 415) << up.body;
}

TEST_F(ApiRequests, SchemeSaveWritesTheServersFolderAndARefusalChangesNothing) {
  auto a = srv->login_as("admin");
  const auto file = srv->schemes_dir / "chongqing-default.toml";
  const std::string before = slurp(file);
  ASSERT_FALSE(before.empty());
  // A valid edit: a comment line added. Saved in the server's folder (not the repository's), 200, audited.
  const std::string edited = "# 试行：由测试修改 / edited by the test\n" + before;
  auto r = a.put("/api/schemes/chongqing-default", nlohmann::json{{"text", edited}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(slurp(file), edited);
  EXPECT_EQ(r.json()["sha256"], sha256_hex(edited));
  EXPECT_EQ(a.get("/api/schemes/chongqing-default").json()["text"], edited);
  EXPECT_EQ(slurp(std::filesystem::path(MUJUN_SOURCE_ROOT) / "schemes" / "chongqing-default.toml"), before);
  auto audit = srv->platform->audit_log(10, "scheme_change");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_NE(audit[0].detail.find(sha256_hex(edited)), std::string::npos);
  // A scheme with an error (an unknown key in [scheme]… or a TOML syntax error): 400 with details; the file stays.
  auto bad = a.put("/api/schemes/chongqing-default",
                   nlohmann::json{{"text", "[scheme]\nid = \"chongqing-default\"\nthis is not toml"}}.dump());
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_code(), "invalid_input");
  ASSERT_FALSE(bad.json()["error"]["details"].empty());
  EXPECT_EQ(bad.json()["error"]["details"][0]["line"], 3);
  EXPECT_EQ(slurp(file), edited);
  // A refused save of a new id creates no file.
  auto bad_new = a.put("/api/schemes/zz-test", nlohmann::json{{"text", "not = [toml"}}.dump());
  EXPECT_EQ(bad_new.status, 400);
  EXPECT_FALSE(std::filesystem::exists(srv->schemes_dir / "zz-test.toml"));
  EXPECT_EQ(srv->platform->audit_log(10, "scheme_change").size(), 1u);
}
