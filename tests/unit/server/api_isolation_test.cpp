// Enterprise isolation (issue 8): an enterprise account asking for another enterprise's data by id, by
// filter and by export gets nothing; and the objection workflow end to end (publish → file with an
// attachment → resolve by upholding with a re-run or rejecting → freeze; closed window → 409; audit).
// Expectations from the example zone (api_helpers.h): kFirst 金桥镇 rank 1, kSecond 万盛街道 rank 2.
#include "shared_server.h"

using namespace mujun;
using namespace mujun::test;

namespace {

class ApiIsolation : public SharedServerTest<ApiIsolation> {
 public:  // options() and prepare() are read by SharedServerTest
  static TestServerOptions options() { return example_zone(); }
  static void prepare(TestServer& s) { add_first_and_second(s); }
};

}  // namespace

TEST_F(ApiIsolation, AnotherEnterpriseByIdByFilterByExportGetsNothing) {
  auto e = srv->login_as("first");
  // by id
  EXPECT_EQ(e.get(std::string("/api/enterprises/") + kFirst).status, 200);
  EXPECT_EQ(e.get(std::string("/api/enterprises/") + kSecond).status, 404);
  EXPECT_EQ(e.get(std::string("/api/tiers/") + kSecond + "?year=2024").status, 404);
  // by filter: the list holds the own row only, whatever the filter asks
  auto own = e.get("/api/enterprises").json();
  ASSERT_EQ(own["total"], 1);
  EXPECT_EQ(own["items"][0]["uscc"], kFirst);
  EXPECT_EQ(e.get("/api/enterprises?q=" + enc("金信新能源")).json()["total"], 0);
  EXPECT_EQ(e.get(std::string("/api/enterprises?uscc=") + kSecond).json()["total"], 0);
  EXPECT_EQ(e.get("/api/enterprises?township=" + enc("万盛街道")).json()["total"], 0);
  // an unpublished run does not exist for an enterprise
  EXPECT_EQ(e.get("/api/runs/" + run() + "/results").status, 404);
  EXPECT_TRUE(e.get("/api/runs").json().empty());
  auto a = srv->login_as("analyst");
  ASSERT_EQ(a.post("/api/runs/" + run() + "/publish", R"({"days":10})").status, 200);
  ASSERT_EQ(e.get("/api/runs").json().size(), 1u);
  // the run list carries no zone-wide class counts or sizes for an enterprise (fresh-eye review, 2026-11-30)
  auto listed = e.get("/api/runs").json()[0];
  EXPECT_FALSE(listed.contains("counts"));
  EXPECT_FALSE(listed.contains("firms"));
  for (const auto& c : listed["cohorts"]) EXPECT_FALSE(c.contains("counts"));
  EXPECT_TRUE(a.get("/api/runs").json()[0].contains("counts"));
  // a class outside A–D/T is a 400, not an empty list
  EXPECT_EQ(a.get("/api/runs/" + run() + "/results?class=Z").status, 400);
  auto res = e.get("/api/runs/" + run() + "/results").json();
  ASSERT_EQ(res["total"], 1);
  EXPECT_EQ(res["items"][0]["uscc"], kFirst);
  EXPECT_EQ(e.get("/api/runs/" + run() + "/results?q=" + enc("金信新能源")).json()["total"], 0);
  EXPECT_EQ(e.get("/api/runs/" + run() + "/results?township=" + enc("万盛街道")).json()["total"], 0);
  EXPECT_EQ(e.get("/api/runs/" + run() + "/results?class=A&sort=total").json()["total"], 1);
  EXPECT_EQ(e.get("/api/runs/" + run() + "/results/" + kSecond).status, 404);
  EXPECT_EQ(e.get("/api/runs/" + run() + "/results/" + kFirst).status, 200);
  // by export: the workbooks hold the own row only
  auto x = e.get("/api/runs/" + run() + "/results.xlsx");
  ASSERT_EQ(x.status, 200);
  auto rows = xlsx_rows(x.body);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][1], kFirst);
  EXPECT_EQ(xlsx_rows(e.get("/api/runs/" + run() + "/results.xlsx?q=" + enc("金信")).body).size(), 1u);  // header only
  auto ex = xlsx_rows(e.get(std::string("/api/enterprises.xlsx?uscc=") + kSecond).body);
  EXPECT_EQ(ex.size(), 1u);
  auto ex2 = xlsx_rows(e.get("/api/enterprises.xlsx").body);
  ASSERT_EQ(ex2.size(), 2u);
  EXPECT_EQ(ex2[1][0], kFirst);
  // zone-wide data and exports are not for enterprise accounts
  EXPECT_EQ(e.get("/api/stats.xlsx?year=2024").status, 403);
  EXPECT_EQ(e.get("/api/overview").status, 403);
}

TEST_F(ApiIsolation, ObjectionWorkflowEndToEnd) {
  auto a = srv->login_as("analyst");
  auto first = srv->login_as("first");
  auto second = srv->login_as("second");
  // The run may already be published by the test above; publish once.
  if (!srv->platform->publication(srv->run_id)) {
    ASSERT_EQ(a.post("/api/runs/" + run() + "/publish", R"({"days":10})").status, 200);
  }
  EXPECT_EQ(a.post("/api/runs/" + run() + "/publish", R"({"days":10})").status, 409);  // already published
  // file: the uscc comes from the account, never from the body
  auto f = first.post("/api/objections", nlohmann::json{{"run_id", srv->run_id}, {"reason", "亩均税收少计了 2024 年第四季度的入库税款"},
                                                        {"uscc", kSecond}}.dump());
  ASSERT_EQ(f.status, 201) << f.body;
  auto oid = f.json()["id"].get<long long>();
  EXPECT_EQ(f.json()["uscc"], kFirst);
  EXPECT_EQ(f.json()["enterprise_name"], "重庆綦华储能科技股份有限公司");
  EXPECT_EQ(f.json()["status"], "open");
  EXPECT_EQ(a.post("/api/objections", nlohmann::json{{"run_id", srv->run_id}, {"reason", "x"}}.dump()).status, 403);  // analyst cannot file
  // attachment: a PDF (magic bytes checked), then read back; the other enterprise sees nothing
  const std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
  auto at = first.request("POST", "/api/objections/" + std::to_string(oid) + "/attachments?file=" + enc("完税证明.pdf"), pdf,
                          "application/octet-stream");
  ASSERT_EQ(at.status, 201) << at.body;
  auto aid = at.json()["id"].get<long long>();
  EXPECT_EQ(first.request("POST", "/api/objections/" + std::to_string(oid) + "/attachments?file=x.pdf", "MZ\x90", "application/octet-stream").status,
            400);  // not a PDF
  const std::string att = "/api/objections/" + std::to_string(oid) + "/attachments/" + std::to_string(aid);
  auto got = first.get(att);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, pdf);
  EXPECT_EQ(got.header("content-type"), "application/pdf");
  EXPECT_EQ(second.get(att).status, 404);
  EXPECT_EQ(second.request("POST", "/api/objections/" + std::to_string(oid) + "/attachments?file=y.pdf", pdf, "application/pdf").status, 404);
  EXPECT_TRUE(second.get("/api/objections").json().empty());
  ASSERT_EQ(first.get("/api/objections").json().size(), 1u);
  EXPECT_EQ(a.get("/api/objections?run_id=" + run() + "&status=open").json().size(), 1u);
  // the second enterprise objects too; the analyst rejects it with a reason
  auto f2 = second.post("/api/objections", nlohmann::json{{"run_id", srv->run_id}, {"reason", "用地面积有误"}}.dump());
  ASSERT_EQ(f2.status, 201);
  auto oid2 = f2.json()["id"].get<long long>();
  EXPECT_EQ(a.post("/api/objections/" + std::to_string(oid2) + "/resolve", R"({"action":"reject","resolution":""})").status, 400);
  auto rj = a.post("/api/objections/" + std::to_string(oid2) + "/resolve",
                   R"({"action":"reject","resolution":"用地面积以不动产登记为准"})");
  ASSERT_EQ(rj.status, 200) << rj.body;
  EXPECT_EQ(rj.json()["status"], "rejected");
  EXPECT_EQ(second.post("/api/objections/" + std::to_string(oid2) + "/resolve", R"({"action":"reject","resolution":"x"})").status, 403);
  // freeze refuses while an objection is open
  auto fz = a.post("/api/runs/" + run() + "/freeze");
  EXPECT_EQ(fz.status, 409);
  EXPECT_EQ(fz.error_code(), "conflict");
  // uphold: the data were corrected and the year re-run; the objection names the new run
  auto rerun = a.post("/api/runs", R"({"year":2024,"scheme":"chongqing-default"})");
  ASSERT_EQ(rerun.status, 201);
  auto new_id = rerun.json()["id"].get<long long>();
  EXPECT_EQ(a.post("/api/objections/" + std::to_string(oid) + "/resolve", R"({"action":"uphold"})").status, 400);
  auto up = a.post("/api/objections/" + std::to_string(oid) + "/resolve",
                   nlohmann::json{{"action", "uphold"}, {"resolution", "已补录税款并重新评价"}, {"new_run_id", new_id}}.dump());
  ASSERT_EQ(up.status, 200) << up.body;
  EXPECT_EQ(up.json()["status"], "upheld");
  EXPECT_EQ(up.json()["new_run_id"], new_id);
  EXPECT_EQ(a.post("/api/objections/" + std::to_string(oid) + "/resolve", R"({"action":"reject","resolution":"x"})").status, 409);
  // the upheld run itself cannot be frozen: the re-run is the one to publish and freeze (api_workflow_test.cpp)
  EXPECT_EQ(a.post("/api/runs/" + run() + "/freeze").status, 409);
  // the re-run, published with a window that has closed (written in the store): no objection (409), and
  // with its window over it can be frozen; a frozen run takes no objection and cannot be published again
  publish_closed(*srv, new_id);
  auto late = first.post("/api/objections", nlohmann::json{{"run_id", new_id}, {"reason", "逾期"}}.dump());
  EXPECT_EQ(late.status, 409);
  auto fz2 = a.post("/api/runs/" + std::to_string(new_id) + "/freeze");
  ASSERT_EQ(fz2.status, 200) << fz2.body;
  EXPECT_EQ(fz2.json()["status"], "frozen");
  EXPECT_EQ(first.post("/api/objections", nlohmann::json{{"run_id", new_id}, {"reason", "再次异议"}}.dump()).status, 409);
  EXPECT_EQ(a.post("/api/runs/" + std::to_string(new_id) + "/publish", R"({"days":5})").status, 409);
  // audit rows of every step
  for (auto action : {"publish", "freeze", "objection_file", "objection_resolve", "evaluate"})
    EXPECT_FALSE(srv->platform->audit_log(100, action).empty()) << action;
  auto files = srv->platform->audit_log(100, "objection_file");
  EXPECT_EQ(files.size(), 2u);
}
