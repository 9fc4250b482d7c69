// The 公示 → 异议 → 定稿 workflow's guards (hostile review, 2026-12-06), each on a fresh copy of the
// example zone (run srv.run_id = the demo's 2024 chongqing-default evaluation):
//  1. an uphold links only a later re-run of the same year under the same scheme (id and text hash) — 409
//     otherwise — and states the corrections made (400 without a resolution);
//  2. once an objection to run R is upheld with re-run R', R cannot be frozen (409 naming #R'), and the
//     objection tells the enterprise the re-run's publication state (new_run_status);
//  3. no freeze while the 公示 window is open (409 "公示期至 …"), unless an admin sends force (audited);
//  4. at most 3 open objections per enterprise and run, 5 attachments and 20 MiB in all per objection;
//  7. an enterprise account does not see published_by.
// Time: a window in the past is written directly in the platform store (publish_closed, shared_server.h).
#include "shared_server.h"

using namespace mujun;
using namespace mujun::test;

namespace {

std::unique_ptr<TestServer> zone() {
  auto s = std::make_unique<TestServer>(example_zone());
  add_first_and_second(*s);
  return s;
}

std::string message(const HttpResponse& r) { return r.error_message(); }

// A copy of stored run `id` with `edit` applied, saved as a new run; returns its id.
template <class Edit>
long long crafted_run(TestServer& s, long long id, Edit edit) {
  auto r = s.store->run(id);
  EXPECT_TRUE(r.has_value());
  store::RunRecord c = *r;
  c.id = 0;
  edit(c);
  return s.store->save_run(c);
}

long long file_objection(Client& c, long long run, const std::string& reason) {
  auto f = c.post("/api/objections", nlohmann::json{{"run_id", run}, {"reason", reason}}.dump());
  EXPECT_EQ(f.status, 201) << f.body;
  return f.status == 201 ? f.json()["id"].get<long long>() : 0;
}

std::string pdf_of(std::size_t bytes) {
  std::string s = "%PDF-1.4\n";
  s.resize(bytes, 'x');
  return s;
}

}  // namespace

TEST(ApiWorkflow, UpholdNeedsALaterReRunOfTheSameYearAndSchemeAndTheCorrections) {
  auto srv = zone();
  auto a = srv->login_as("analyst");
  auto first = srv->login_as("first");
  const long long run = srv->run_id;
  ASSERT_EQ(a.post("/api/runs/" + std::to_string(run) + "/publish", R"({"days":10})").status, 200);
  long long oid = file_objection(first, run, "亩均税收少计了第四季度的入库税款");
  const std::string resolve = "/api/objections/" + std::to_string(oid) + "/resolve";
  auto uphold = [&](long long new_run, const std::string& resolution = "已补录第四季度税款 120 万元") {
    return a.post(resolve, nlohmann::json{{"action", "uphold"}, {"resolution", resolution}, {"new_run_id", new_run}}.dump());
  };
  // a re-run under another scheme (the reviewer's case): 409, Chinese first, naming both schemes
  auto other = a.post("/api/runs", R"({"year":2024,"scheme":"jingde-minmax"})");
  ASSERT_EQ(other.status, 201) << other.body;
  auto r1 = uphold(other.json()["id"].get<long long>());
  EXPECT_EQ(r1.status, 409) << r1.body;
  EXPECT_EQ(r1.error_code(), "conflict");
  EXPECT_EQ(message(r1).rfind("重新评价 #", 0), 0u) << message(r1);
  EXPECT_NE(message(r1).find("jingde-minmax"), std::string::npos);
  EXPECT_NE(message(r1).find("chongqing-default"), std::string::npos);
  // the same scheme id but another text (hash)
  long long edited = crafted_run(*srv, run, [](store::RunRecord& c) { c.scheme_sha256 = std::string(64, 'e'); });
  EXPECT_EQ(uphold(edited).status, 409);
  // another year
  long long y2023 = crafted_run(*srv, run, [](store::RunRecord& c) { c.year = 2023; });
  auto r3 = uphold(y2023);
  EXPECT_EQ(r3.status, 409);
  EXPECT_NE(message(r3).find("2023"), std::string::npos);
  // not later: the objected-to run itself
  EXPECT_EQ(uphold(run).status, 409);
  // a same-scheme re-run, but without the corrections written: 400 (no text is invented)
  auto rerun = a.post("/api/runs", R"({"year":2024,"scheme":"chongqing-default"})");
  ASSERT_EQ(rerun.status, 201) << rerun.body;
  const long long new_id = rerun.json()["id"].get<long long>();
  EXPECT_EQ(a.post(resolve, nlohmann::json{{"action", "uphold"}, {"new_run_id", new_id}}.dump()).status, 400);
  EXPECT_EQ(uphold(new_id, "  \n").status, 400);
  EXPECT_EQ(srv->platform->objection(oid)->status, "open");
  auto ok = uphold(new_id);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["status"], "upheld");
  EXPECT_EQ(ok.json()["new_run_id"], new_id);
  EXPECT_EQ(ok.json()["resolution"], "已补录第四季度税款 120 万元");
}

TEST(ApiWorkflow, AfterAnUpholdTheOriginalRunCannotBeFrozenAndTheEnterpriseIsToldWhy) {
  auto srv = zone();
  auto a = srv->login_as("analyst");
  auto admin = srv->login_as("admin");
  auto first = srv->login_as("first");
  const long long run = srv->run_id;
  ASSERT_EQ(a.post("/api/runs/" + std::to_string(run) + "/publish", R"({"days":10})").status, 200);
  long long oid = file_objection(first, run, "用地面积多算了 12 亩");
  auto rerun = a.post("/api/runs", R"({"year":2024,"scheme":"chongqing-default"})");
  ASSERT_EQ(rerun.status, 201);
  const long long new_id = rerun.json()["id"].get<long long>();
  ASSERT_EQ(a.post("/api/objections/" + std::to_string(oid) + "/resolve",
                   nlohmann::json{{"action", "uphold"}, {"resolution", "用地按不动产证更正为 208.46 亩"}, {"new_run_id", new_id}}.dump())
                .status,
            200);
  // the original run: refused even with an admin's force, the message names the re-run
  for (auto* c : {&a, &admin}) {
    auto fz = c->post("/api/runs/" + std::to_string(run) + "/freeze", R"({"force":true})");
    EXPECT_EQ(fz.status, 409) << fz.body;
    EXPECT_EQ(message(fz).rfind("该评价的异议已被采纳并重新评价为 #" + std::to_string(new_id) + "，请公示并定稿新的评价", 0), 0u)
        << message(fz);
  }
  EXPECT_EQ(srv->platform->publication(run)->status, "open");
  // the enterprise: its objection says the re-run is not published yet; the re-run's result is not visible
  auto mine = first.get("/api/objections").json();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["status"], "upheld");
  EXPECT_EQ(mine[0]["new_run_id"], new_id);
  EXPECT_EQ(mine[0]["new_run_status"], "unpublished");
  EXPECT_EQ(first.get("/api/runs/" + std::to_string(new_id) + "/results").status, 404);
  // the re-run published (window already over): visible, and it is the one that can be frozen
  publish_closed(*srv, new_id);
  EXPECT_EQ(first.get("/api/objections").json()[0]["new_run_status"], "closed");
  auto res = first.get("/api/runs/" + std::to_string(new_id) + "/results");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.json()["items"][0]["uscc"], kFirst);
  auto fz = a.post("/api/runs/" + std::to_string(new_id) + "/freeze");
  ASSERT_EQ(fz.status, 200) << fz.body;
  EXPECT_EQ(fz.json()["status"], "frozen");
  EXPECT_EQ(first.get("/api/objections").json()[0]["new_run_status"], "frozen");
}

TEST(ApiWorkflow, NoFreezeWhileTheWindowIsOpenUnlessAnAdminForcesIt) {
  auto srv = zone();
  auto a = srv->login_as("analyst");
  auto admin = srv->login_as("admin");
  auto first = srv->login_as("first");
  const std::string run = std::to_string(srv->run_id);
  auto pub = a.post("/api/runs/" + run + "/publish", R"({"days":30})");
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(pub.json()["published_by"], "analyst");
  // 7: an enterprise account does not see the analyst's login
  auto listed = first.get("/api/runs").json();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["publication"]["status"], "open");
  EXPECT_FALSE(listed[0]["publication"].contains("published_by"));
  EXPECT_EQ(a.get("/api/runs").json()[0]["publication"]["published_by"], "analyst");
  // the window is open for 30 days: no freeze, with or without an analyst's force
  auto fz = a.post("/api/runs/" + run + "/freeze");
  EXPECT_EQ(fz.status, 409) << fz.body;
  EXPECT_EQ(message(fz).rfind("公示期至 ", 0), 0u) << message(fz);
  EXPECT_EQ(a.post("/api/runs/" + run + "/freeze", "").status, 409);  // an empty body is no force
  EXPECT_EQ(a.post("/api/runs/" + run + "/freeze", R"({"force":true})").status, 403);
  EXPECT_EQ(admin.post("/api/runs/" + run + "/freeze", R"({"force":"yes"})").status, 400);
  EXPECT_EQ(srv->platform->publication(srv->run_id)->status, "open");
  EXPECT_TRUE(srv->platform->audit_log(100, "freeze").empty());
  // an admin's force: frozen, audited as forced
  auto forced = admin.post("/api/runs/" + run + "/freeze", R"({"force":true})");
  ASSERT_EQ(forced.status, 200) << forced.body;
  EXPECT_EQ(forced.json()["status"], "frozen");
  auto audit = srv->platform->audit_log(100, "freeze");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].user, "admin");
  EXPECT_NE(audit[0].detail.find("\"force\":true"), std::string::npos) << audit[0].detail;
  // a window that is over: an analyst freezes without force
  auto rerun = a.post("/api/runs", R"({"year":2024,"scheme":"chongqing-default"})");
  ASSERT_EQ(rerun.status, 201);
  const long long new_id = rerun.json()["id"].get<long long>();
  publish_closed(*srv, new_id);
  auto late = a.post("/api/runs/" + std::to_string(new_id) + "/freeze");
  ASSERT_EQ(late.status, 200) << late.body;
  auto audit2 = srv->platform->audit_log(100, "freeze");
  ASSERT_EQ(audit2.size(), 2u);
  for (const auto& e : audit2)
    if (e.user == "analyst") {
      EXPECT_EQ(e.detail.find("force"), std::string::npos) << e.detail;
    }
}

TEST(ApiWorkflow, ObjectionsAndAttachmentsAreLimited) {
  auto srv = zone();
  auto a = srv->login_as("analyst");
  auto first = srv->login_as("first");
  auto second = srv->login_as("second");
  const long long run = srv->run_id;
  ASSERT_EQ(a.post("/api/runs/" + std::to_string(run) + "/publish", R"({"days":10})").status, 200);
  // 3 open objections per enterprise and run; the 4th (even identical) is refused
  long long o1 = file_objection(first, run, "同一理由");
  file_objection(first, run, "同一理由");
  file_objection(first, run, "同一理由");
  auto fourth = first.post("/api/objections", nlohmann::json{{"run_id", run}, {"reason", "同一理由"}}.dump());
  EXPECT_EQ(fourth.status, 409) << fourth.body;
  EXPECT_EQ(message(fourth).rfind("该企业对此次评价已有 3 件异议待处理", 0), 0u) << message(fourth);
  EXPECT_EQ(first.get("/api/objections").json().size(), 3u);
  // another enterprise is not limited by the first's objections
  long long s1 = file_objection(second, run, "另一家企业的异议");
  // a resolved objection no longer counts
  ASSERT_EQ(a.post("/api/objections/" + std::to_string(o1) + "/resolve", R"({"action":"reject","resolution":"重复提交"})").status,
            200);
  file_objection(first, run, "第四件，前一件已驳回");
  EXPECT_EQ(first.post("/api/objections", nlohmann::json{{"run_id", run}, {"reason", "第五件"}}.dump()).status, 409);
  // 5 attachments per objection
  const std::string small = pdf_of(1000);
  auto attach = [&](Client& c, long long oid, const std::string& name, const std::string& bytes) {
    return c.request("POST", "/api/objections/" + std::to_string(oid) + "/attachments?file=" + name, bytes,
                     "application/octet-stream");
  };
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(attach(second, s1, "p" + std::to_string(i) + ".pdf", small).status, 201) << i;
  auto sixth = attach(second, s1, "p6.pdf", small);
  EXPECT_EQ(sixth.status, 409) << sixth.body;
  EXPECT_EQ(message(sixth).rfind("每件异议至多 5 个附件", 0), 0u) << message(sixth);
  EXPECT_EQ(srv->platform->attachments(s1).size(), 5u);
  // 20 MiB in all per objection: 9 + 9 MiB stored, 3 MiB more refused (413), 2 MiB fits exactly
  long long o5 = srv->platform->objections(run, kFirst).back().id;
  EXPECT_EQ(attach(first, o5, "a.pdf", pdf_of(9u << 20)).status, 201);
  EXPECT_EQ(attach(first, o5, "b.pdf", pdf_of(9u << 20)).status, 201);
  auto big = attach(first, o5, "c.pdf", pdf_of(3u << 20));
  EXPECT_EQ(big.status, 413) << big.body;
  EXPECT_EQ(message(big).rfind("每件异议的附件合计不能超过 20 MiB", 0), 0u) << message(big);
  EXPECT_EQ(attach(first, o5, "d.pdf", pdf_of(2u << 20)).status, 201);
  EXPECT_EQ(srv->platform->attachments(o5).size(), 3u);
}
