// The data routes (contract "Data" section) on the example zone through the real server: every answer
// carries the figures the CLI prints for the same database (`mujun stats --year 2024 --json`,
// `mujun evaluate --year 2024 --scheme schemes/chongqing-default.toml`; published figures in
// examples/wansheng-2024/published.toml), and every role gets 200 or 403 as the role table says.
#include <cmath>

#include "shared_server.h"

using namespace mujun;
using namespace mujun::test;

namespace {

class ApiData : public SharedServerTest<ApiData> {
 public:  // options() and prepare() are read by SharedServerTest
  static TestServerOptions options() { return example_zone(); }
};

double figure(const nlohmann::json& figures, const std::string& id) {
  for (auto& f : figures)
    if (f["id"] == id) return f["value"].get<double>();
  ADD_FAILURE() << "no figure " << id;
  return NAN;
}

}  // namespace

TEST_F(ApiData, YearsAndOverviewGiveTheStatsFigures) {
  auto c = srv->login_as("viewer");
  auto y = c.get("/api/years");
  ASSERT_EQ(y.status, 200) << y.body;
  EXPECT_EQ(y.json(), nlohmann::json({2019, 2020, 2021, 2022, 2023, 2024}));
  auto r = c.get("/api/overview?year=2024");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  // Published 2024 figures of 万盛经开区 (examples/wansheng-2024/published.toml; tests/integration/example_zone.sh).
  EXPECT_NEAR(figure(j["figures"], "above_scale_gross_output"), 290.00, 0.005);
  EXPECT_NEAR(figure(j["figures"], "cluster_output.new_energy_storage"), 124.18, 0.005);
  EXPECT_NEAR(figure(j["figures"], "above_scale_manufacturing_tax_per_mu"), 22, 0.5);
  EXPECT_EQ(j["classes"]["run_id"], srv->run_id);
  EXPECT_EQ(j["classes"]["counts"], nlohmann::json({{"A", 23}, {"B", 47}, {"C", 41}, {"D", 6}, {"T", 0}}));
  bool storage = false;
  for (auto& k : j["clusters"])
    if (k["id"] == "new_materials") {
      storage = true;
      EXPECT_NEAR(k["output"].get<double>(), 116.72, 0.005);
      EXPECT_EQ(k["kind"], "pillar");
    }
  EXPECT_TRUE(storage);
  ASSERT_FALSE(j["trend"].empty());
  EXPECT_EQ(j["trend"].back()["year"], 2024);
  EXPECT_NEAR(j["trend"].back()["output"].get<double>(), 290.00, 0.005);

  auto cl = c.get("/api/clusters?year=2024");
  ASSERT_EQ(cl.status, 200);
  for (auto& k : cl.json())
    if (k["id"] == "new_energy_storage") {
      EXPECT_NEAR(k["output"].get<double>(), 124.18, 0.005);
      EXPECT_GE(k["members"].size(), static_cast<std::size_t>(k["firms"].get<long>()));
      EXPECT_GT(k["firms"].get<long>(), 0);
    }
  auto st = c.get("/api/stats?year=2024");
  ASSERT_EQ(st.status, 200);
  EXPECT_NEAR(figure(st.json()["figures"], "clusters_output"), 260.96, 0.005);
  EXPECT_EQ(c.get("/api/overview?year=1990").status, 404);
  EXPECT_EQ(c.get("/api/overview?year=abc").status, 400);
}

TEST_F(ApiData, ResultsFilterSortPageAsTheCli) {
  auto c = srv->login_as("analyst");
  const std::string base = "/api/runs/" + std::to_string(srv->run_id) + "/results";
  auto r = c.get(base + "?cohort=above_scale_manufacturing&size=5");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["total"], 117);
  EXPECT_EQ(j["items"].size(), 5u);
  EXPECT_EQ(j["items"][0]["uscc"], kFirst);
  EXPECT_EQ(j["items"][0]["rank"], 1);
  EXPECT_EQ(j["items"][0]["of"], 117);
  EXPECT_EQ(j["items"][0]["class"], "A");
  EXPECT_EQ(j["items"][0]["township"], "金桥镇");
  EXPECT_NEAR(j["items"][0]["total"].get<double>(), 206.380, 0.0005);
  EXPECT_EQ(j["items"][1]["uscc"], kSecond);
  bool has_tax = false;
  for (auto& i : j["indicators"]) has_tax = has_tax || (i["id"] == "tax_per_mu" && i["unit"] == "万元/亩");
  EXPECT_TRUE(has_tax);
  for (auto [k, n] : std::vector<std::pair<std::string, int>>{{"A", 23}, {"B", 47}, {"C", 41}, {"D", 6}})
    EXPECT_EQ(c.get(base + "?class=" + k).json()["total"], n) << k;
  // Sorted by tax_per_mu, highest first: each value ≥ the next.
  auto s = c.get(base + "?sort=tax_per_mu&order=desc&size=1000").json();
  EXPECT_EQ(s["total"], 117);
  for (std::size_t i = 1; i < s["items"].size(); ++i) {
    auto a = s["items"][i - 1]["indicators"]["tax_per_mu"]["value"], b = s["items"][i]["indicators"]["tax_per_mu"]["value"];
    if (a.is_number() && b.is_number()) {
      EXPECT_GE(a.get<double>(), b.get<double>());
    }
  }
  // Paging: page 3 of size 50 holds the last 17.
  EXPECT_EQ(c.get(base + "?page=3&size=50").json()["items"].size(), 17u);
  EXPECT_EQ(c.get(base + "?size=1001").status, 400);
  EXPECT_EQ(c.get(base + "?sort=nonsense").status, 400);
  EXPECT_EQ(c.get("/api/runs/999999/results").status, 404);
}

TEST_F(ApiData, ExplanationPointsAreValueOverBenchmarkTimesWeight) {
  auto c = srv->login_as("viewer");
  auto r = c.get("/api/runs/" + std::to_string(srv->run_id) + "/results/" + kFirst);
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["exact"], true);
  EXPECT_EQ(j["rank"], 1);
  EXPECT_EQ(j["of"], 117);
  EXPECT_FALSE(j["explanation"].empty());
  bool seen = false;
  for (auto& i : j["indicators"]) {
    if (i["id"] != "tax_per_mu") continue;
    seen = true;
    // chongqing-default: tax_per_mu weight 30, ratio to the cohort's Σtax/Σland benchmark 22.0003 万元/亩.
    EXPECT_EQ(i["weight"].get<double>(), 30);
    EXPECT_NEAR(i["benchmark"].get<double>(), 22.0003, 0.0001);
    EXPECT_NEAR(i["points"].get<double>(), i["value"].get<double>() / i["benchmark"].get<double>() * 30, 1e-9);
    EXPECT_NEAR(i["points"].get<double>(), 69.2764, 0.0001);
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(c.get("/api/runs/" + std::to_string(srv->run_id) + "/results/91500000000000000X").status, 404);
}

TEST_F(ApiData, ResultsExportIsTheFilteredTable) {
  auto c = srv->login_as("analyst");
  auto r = c.get("/api/runs/" + std::to_string(srv->run_id) + "/results.xlsx?class=D");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(r.header("content-disposition").find("attachment"), std::string::npos);
  auto rows = xlsx_rows(r.body);
  ASSERT_EQ(rows.size(), 1u + 6u);  // header + the 6 class-D firms
  EXPECT_EQ(rows[0][1], "统一社会信用代码");
  for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_EQ(rows[i][rows[i].size() - 2], "D");
  EXPECT_FALSE(srv->platform->audit_log(50, "export").empty());
  // viewer has no export permission
  EXPECT_EQ(srv->login_as("viewer").get("/api/runs/" + std::to_string(srv->run_id) + "/results.xlsx").status, 403);
}

TEST_F(ApiData, EnterprisesListDetailAndTiers) {
  auto c = srv->login_as("analyst");
  auto all = c.get("/api/enterprises?year=2024&size=1");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json()["total"], 860);  // enterprises of the example zone's registry
  auto q = c.get("/api/enterprises?q=" + enc("綦华储能")).json();
  ASSERT_EQ(q["total"], 1);
  EXPECT_EQ(q["items"][0]["uscc"], kFirst);
  EXPECT_EQ(q["items"][0]["industry_code"], "3841");
  EXPECT_EQ(q["items"][0]["cluster"], "new_energy_storage");
  auto d = c.get(std::string("/api/enterprises/") + kFirst);
  ASSERT_EQ(d.status, 200) << d.body;
  auto j = d.json();
  EXPECT_EQ(j["name"], "重庆綦华储能科技股份有限公司");
  EXPECT_EQ(j["cluster_names"], nlohmann::json({{"new_energy_storage", "新能源及新型储能"}}));
  EXPECT_NEAR(j["land"]["land_mu"].get<double>(), 220.457685, 1e-6);  // land_mu of the stored run
  ASSERT_FALSE(j["classes"].empty());
  EXPECT_EQ(j["classes"][0]["class"], "A");
  EXPECT_FALSE(j["history"].empty());
  EXPECT_EQ(c.get("/api/enterprises/91500000000000000X").status, 404);
  auto t = c.get(std::string("/api/tiers/") + kFirst + "?year=2024");
  ASSERT_EQ(t.status, 200) << t.body;
  EXPECT_EQ(t.json()["uscc"], kFirst);
  EXPECT_FALSE(t.json()["tiers"].empty());
  auto p = c.get("/api/tiers?year=2024&limit=3");
  ASSERT_EQ(p.status, 200);
  EXPECT_EQ(p.json()["enterprises"], 860);
  auto x = c.get("/api/enterprises.xlsx?township=" + enc("金桥镇") + "&industry=3841");
  ASSERT_EQ(x.status, 200);
  auto rows = xlsx_rows(x.body);
  ASSERT_GE(rows.size(), 2u);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i][4], "金桥镇");
    EXPECT_EQ(rows[i][2], "3841");
  }
}

TEST_F(ApiData, SchemesListGetAndAdminOnlyPut) {
  auto c = srv->login_as("analyst");
  auto l = c.get("/api/schemes");
  ASSERT_EQ(l.status, 200);
  bool found = false;
  for (auto& s : l.json()) found = found || s["id"] == "chongqing-default";
  EXPECT_TRUE(found);
  auto one = c.get("/api/schemes/chongqing-default");
  ASSERT_EQ(one.status, 200);
  EXPECT_NE(one.json()["text"].get<std::string>().find("[scheme]"), std::string::npos);
  EXPECT_EQ(c.put("/api/schemes/chongqing-default", R"({"text":"x"})").status, 403);
  // admin: an invalid text is refused with its line, nothing is written
  auto a = srv->login_as("admin");
  auto bad = a.put("/api/schemes/chongqing-default", R"({"text":"[scheme]\nid = \"chongqing-default\"\nthis is not toml"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_code(), "invalid_input");
  EXPECT_FALSE(bad.json()["error"]["details"].empty());
  EXPECT_EQ(c.get("/api/schemes/chongqing-default").json()["sha256"], one.json()["sha256"]);
}

TEST_F(ApiData, RunsListAndEvaluateLikeTheCli) {
  auto c = srv->login_as("analyst");
  auto l = c.get("/api/runs");
  ASSERT_EQ(l.status, 200);
  ASSERT_FALSE(l.json().empty());
  auto r = c.post("/api/runs", R"({"year":2024,"scheme":"chongqing-default"})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto j = r.json();
  EXPECT_GT(j["id"].get<long long>(), srv->run_id);
  EXPECT_EQ(j["counts"], nlohmann::json({{"A", 23}, {"B", 47}, {"C", 41}, {"D", 6}, {"T", 0}}));
  EXPECT_EQ(j["firms"], 117);
  EXPECT_EQ(j["publication"], nullptr);
  // Same scheme, same data: the stored result is the CLI's byte for byte.
  auto a = srv->store->run(srv->run_id), b = srv->store->run(j["id"].get<long long>());
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->result_json, b->result_json);
  EXPECT_EQ(c.post("/api/runs", R"({"year":2024,"scheme":"no-such-scheme"})").status, 404);
  EXPECT_EQ(c.post("/api/runs", R"({"year":2031,"scheme":"chongqing-default"})").status, 400);
  EXPECT_EQ(srv->login_as("viewer").post("/api/runs", R"({"year":2024,"scheme":"chongqing-default"})").status, 403);
  bool audited = false;
  for (auto& e : srv->platform->audit_log(50, "evaluate")) audited = audited || e.user == "analyst";
  EXPECT_TRUE(audited);
}

TEST_F(ApiData, ImportRejectedUploadKeepsItsRejectsThenPartialStores) {
  auto c = srv->login_as("analyst");
  const std::string csv =
      "统一社会信用代码,单位详细名称,行业代码,工业增加值（万元）,税收（万元）\n"
      "915001106925916133,重庆綦华储能科技股份有限公司,3841,2000,800\n"
      "9150000020286320X,短代码的企业,3612,100,10\n";
  auto r = c.request("POST", "/api/imports?file=stats-2026.csv&year=2026&source=statistics", csv, "application/octet-stream");
  ASSERT_EQ(r.status, 400) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["error"]["code"], "invalid_input");
  EXPECT_EQ(j["report"]["imported"], false);
  EXPECT_EQ(j["report"]["files"][0]["file"], "stats-2026.csv");
  EXPECT_EQ(j["report"]["files"][0]["rows_rejected"], 1);
  ASSERT_TRUE(j["rejects_id"].is_string());
  auto x = c.get("/api/uploads/" + j["rejects_id"].get<std::string>() + "/rejects.xlsx");
  ASSERT_EQ(x.status, 200);
  auto rows = xlsx_rows(x.body);
  ASSERT_EQ(rows.size(), 2u);  // header + the one bad row, with its original cells
  EXPECT_EQ(rows[1][3], "9150000020286320X");
  EXPECT_EQ(c.get("/api/years").json().back(), 2024);  // nothing stored
  // The same file as multipart/form-data, partial: the valid row is stored.
  std::string body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"stats-2026.csv\"\r\n"
                     "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--XyZ--\r\n";
  auto p = c.request("POST", "/api/imports?year=2026&source=statistics&partial=1", body, "multipart/form-data; boundary=XyZ");
  ASSERT_EQ(p.status, 201) << p.body;
  auto pj = p.json();
  ASSERT_EQ(pj["batch_ids"].size(), 1u);
  EXPECT_EQ(pj["report"]["files"][0]["rows_accepted"], 1);
  auto id = pj["batch_ids"][0].get<long long>();
  auto b = c.get("/api/imports/" + std::to_string(id));
  ASSERT_EQ(b.status, 200);
  EXPECT_EQ(b.json()["rows_rejected"], 1);
  auto bx = c.get("/api/imports/" + std::to_string(id) + "/rejects.xlsx");
  ASSERT_EQ(bx.status, 200);
  EXPECT_EQ(xlsx_rows(bx.body).size(), 2u);
  EXPECT_EQ(srv->login_as("viewer").request("POST", "/api/imports?file=a.csv", csv, "text/csv").status, 403);
  EXPECT_GE(srv->platform->audit_log(50, "import").size(), 2u);
}

TEST_F(ApiData, EveryRoleGetsWhatItsRoleAllows) {
  const std::string run = std::to_string(srv->run_id);
  struct Case {
    std::string path;
    int admin, analyst, viewer, enterprise;
  };
  // enterprise: zone-wide routes 403; its own-data routes 200 (the run is not published yet: 404).
  std::vector<Case> cases{
      {"/api/years", 200, 200, 200, 200},
      {"/api/overview?year=2024", 200, 200, 200, 403},
      {"/api/clusters?year=2024", 200, 200, 200, 403},
      {"/api/stats?year=2024", 200, 200, 200, 403},
      {"/api/stats.xlsx?year=2024", 200, 200, 403, 403},
      {"/api/enterprises?size=1", 200, 200, 200, 200},
      {"/api/enterprises.xlsx?q=" + enc("綦华"), 200, 200, 403, 200},
      {"/api/runs", 200, 200, 200, 200},
      {"/api/runs/" + run + "/results?size=1", 200, 200, 200, 404},
      {"/api/tiers?year=2024&limit=1", 200, 200, 200, 403},
      {"/api/imports", 200, 200, 200, 403},
      {"/api/schemes", 200, 200, 200, 200},
      {"/api/schemes/chongqing-default", 200, 200, 200, 403},
      {"/api/objections", 200, 200, 200, 200},
  };
  for (auto role : {"admin", "analyst", "viewer", "enterprise"}) {
    auto c = srv->login_as(role);
    for (auto& k : cases) {
      int want = std::string(role) == "admin" ? k.admin : std::string(role) == "analyst" ? k.analyst
               : std::string(role) == "viewer" ? k.viewer : k.enterprise;
      EXPECT_EQ(c.get(k.path).status, want) << role << " " << k.path;
    }
  }
}

TEST_F(ApiData, MultipartBoundaryAndParts) {
  // Unit check of the reader the upload routes use (server/multipart.h).
  auto c = srv->login_as("analyst");
  auto r = c.request("POST", "/api/imports?year=2026", "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno file\r\n--b--\r\n",
                     "multipart/form-data; boundary=b");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_code(), "bad_request");
}

// The enterprises page shows what its workbook holds (hostile review 2026-12-06, item 5): cluster names
// next to the ids, and 规上 / 规下 / unknown kept apart — ?above_scale=0 is above_scale = false only. The
// example zone's registry has no scale column: above_scale is null (unknown) for all 860 firms.
TEST_F(ApiData, EnterpriseRowsCarryClusterNamesAndScaleFiltersLeaveUnknownOut) {
  auto c = srv->login_as("analyst");
  auto q = c.get("/api/enterprises?q=" + enc("綦华储能")).json();
  ASSERT_EQ(q["total"], 1);
  EXPECT_EQ(q["items"][0]["cluster"], "new_energy_storage");
  EXPECT_EQ(q["items"][0]["cluster_name"], "新能源及新型储能");
  EXPECT_EQ(q["items"][0]["cluster_names"], nlohmann::json({{"new_energy_storage", "新能源及新型储能"}}));
  // the same name as the workbook's 产业集群 column
  auto x = xlsx_rows(c.get("/api/enterprises.xlsx?q=" + enc("綦华储能")).body);
  ASSERT_EQ(x.size(), 2u);
  EXPECT_EQ(x[0][5], "产业集群");
  EXPECT_EQ(x[1][5], "新能源及新型储能");
  // the cluster filter takes the id
  auto k = c.get("/api/enterprises?cluster=new_energy_storage&size=1000").json();
  ASSERT_GT(k["total"].get<int>(), 0);
  for (const auto& e : k["items"]) EXPECT_TRUE(e["cluster_names"].contains("new_energy_storage")) << e["uscc"];
  // scale: every row is true, false or null; the filters count exactly the true and the false ones
  auto all = c.get("/api/enterprises?size=1000").json();
  ASSERT_EQ(all["total"], 860);
  int above = 0, below = 0, unknown = 0;
  for (const auto& e : all["items"]) {
    if (e["above_scale"].is_null()) ++unknown;
    else if (e["above_scale"].get<bool>()) ++above;
    else ++below;
  }
  EXPECT_EQ(above + below + unknown, 860);
  EXPECT_EQ(c.get("/api/enterprises?above_scale=1&size=1").json()["total"], above);
  EXPECT_EQ(c.get("/api/enterprises?above_scale=0&size=1").json()["total"], below);
  // some firms of the example zone have no 是否规上 (run alone: 120 规上, 178 规下, 562 unknown; other tests
  // of this binary may import later years first): the unknown ones are in neither filter — the page showed
  // 否 for them before
  EXPECT_GT(unknown, 0);
  EXPECT_EQ(c.get("/api/enterprises?above_scale=0&size=1").json()["total"].get<int>() +
                c.get("/api/enterprises?above_scale=1&size=1").json()["total"].get<int>(),
            860 - unknown);
}
