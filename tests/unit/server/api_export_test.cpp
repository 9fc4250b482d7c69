// XLSX export of every table the dashboard shows, exactly as filtered on screen (issue 8): each workbook is
// read back with the project's XLSX reader and its rows compared with the JSON route the page uses and
// with the example zone's figures (api_helpers.h: `mujun evaluate --year 2024 --scheme
// schemes/chongqing-default.toml` → 规上制造业 A 23 / B 47 / C 41 / D 6, kFirst 206.380 rank 1;
// examples/wansheng-2024/published.toml → 规上工业总产值 290.00 亿元, 新型储能 124.18 亿元).
// Isolation: an enterprise account's export holds its own rows only, zone-wide exports are 403 for it,
// another enterprise's page export is 404. Every export is audited. Download names: an ASCII fallback
// plus the RFC 5987 UTF-8 name.
#include <cmath>

#include "shared_server.h"

using namespace mujun;
using namespace mujun::test;

namespace {

class ApiExport : public SharedServerTest<ApiExport> {
 public:  // options() and prepare() are read by SharedServerTest
  static TestServerOptions options() { return example_zone(); }
  static void prepare(TestServer& s) { add_first_and_second(s); }
  static void publish() {
    if (srv->platform->publication(srv->run_id)) return;
    auto a = srv->login_as("analyst");
    ASSERT_EQ(a.post("/api/runs/" + run() + "/publish", R"({"days":10})").status, 200);
  }
};

const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The number of export audit rows whose detail names `route`.
int audited(const TestServer& s, const std::string& route) {
  int n = 0;
  for (const auto& a : s.platform->audit_log(1000, "export"))
    if (a.detail.find("\"route\":\"" + route + "\"") != std::string::npos) ++n;
  return n;
}

}  // namespace

TEST_F(ApiExport, OverviewWorkbookHoldsEveryTableOfThePage) {
  auto c = srv->login_as("analyst");
  auto r = c.get("/api/overview.xlsx?year=2024");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), kXlsxType);
  auto o = c.get("/api/overview?year=2024").json();
  auto b = xlsx_book(r.body);
  EXPECT_EQ(b.names, (std::vector<std::string>{"全部指标", "产业集群", "评价分类", "梯度培育", "近年趋势"}));
  // 全部指标: every figure of the page, 规上工业总产值 290.00 亿元.
  const auto& figs = b.sheet("全部指标");
  ASSERT_EQ(figs.size(), 1 + o["figures"].size());
  auto* out = row_with(figs, 4, "above_scale_gross_output");
  ASSERT_TRUE(out);
  EXPECT_NEAR(cell_value(*out, 1), 290.00, 0.005);
  EXPECT_EQ((*out)[2], "亿元");
  // 产业集群: 新型储能 124.18 亿元, 新材料 116.72 亿元 (as /api/overview's clusters).
  const auto& cl = b.sheet("产业集群");
  ASSERT_EQ(cl.size(), 1 + o["clusters"].size());
  for (const auto& k : o["clusters"]) {
    auto* row = row_with(cl, 0, k["name"].get<std::string>());
    ASSERT_TRUE(row) << k["name"];
    EXPECT_EQ(cell_value(*row, 2), k["firms"].get<double>());
    if (k["id"] == "new_energy_storage") {
      EXPECT_NEAR(cell_value(*row, 3), 124.18, 0.005);
    }
    if (k["id"] == "new_materials") {
      EXPECT_NEAR(cell_value(*row, 3), 116.72, 0.005);
    }
  }
  // 评价分类: the CLI's counts of the year's latest run.
  const auto& cls = b.sheet("评价分类");
  ASSERT_EQ(cls.size(), 5u);
  const std::vector<std::pair<std::string, double>> want{{"A 优先发展", 23}, {"B 鼓励提升", 47}, {"C 监管调控", 41}, {"D 落后整治", 6}};
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(cls[i + 1][1], want[i].first);
    EXPECT_EQ(cell_value(cls[i + 1], 2), want[i].second);
    EXPECT_EQ(cell_value(cls[i + 1], 0), o["classes"]["run_id"].get<double>());
  }
  // 梯度培育: the certificates figures the page's table lists.
  const auto& tiers = b.sheet("梯度培育");
  ASSERT_GE(tiers.size(), 2u);
  for (std::size_t i = 1; i < tiers.size(); ++i) {
    bool found = false;
    for (const auto& f : o["figures"])
      if (f["label"] == tiers[i][0] && f["id"].get<std::string>().rfind("certificates.", 0) == 0) {
        found = true;
        if (f["value"].is_number()) {
          EXPECT_EQ(cell_value(tiers[i], 1), f["value"].get<double>());
        }
      }
    EXPECT_TRUE(found) << tiers[i][0];
  }
  // 近年趋势: the years the page's trend chart shows (those with an amount: 2022–2024 of the example zone,
  // 2020/2021 have no statistics), 2024 last with 290.00.
  const auto& trend = b.sheet("近年趋势");
  ASSERT_EQ(trend.size(), 4u);
  EXPECT_EQ(trend[1][0], "2022");
  EXPECT_EQ(trend.back()[0], "2024");
  EXPECT_NEAR(cell_value(trend.back(), column_of(trend, "规上工业总产值（亿元）")), 290.00, 0.005);
  EXPECT_EQ(audited(*srv, "overview.xlsx"), 1);
}

TEST_F(ApiExport, ClustersWorkbookIsTheClustersTable) {
  auto c = srv->login_as("viewer");
  EXPECT_EQ(c.get("/api/clusters.xlsx?year=2024").status, 403);  // viewer without export
  auto a = srv->login_as("analyst");
  auto r = a.get("/api/clusters.xlsx?year=2024");
  ASSERT_EQ(r.status, 200) << r.body;
  auto rows = xlsx_rows(r.body);
  auto js = a.get("/api/clusters?year=2024").json();
  ASSERT_EQ(rows.size(), 1 + js.size());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"集群", "类别", "规上企业（家）", "产值（亿元）", "占规上比重（%）", "增速（%）"}));
  bool storage = false;
  for (const auto& k : js) {
    auto* row = row_with(rows, 0, k["name"].get<std::string>());
    ASSERT_TRUE(row);
    EXPECT_EQ((*row)[1], k["kind_label"].get<std::string>());
    EXPECT_EQ(cell_value(*row, 2), k["firms"].get<double>());
    if (k["id"] == "new_energy_storage") {
      storage = true;
      EXPECT_NEAR(cell_value(*row, 3), 124.18, 0.005);
    }
  }
  EXPECT_TRUE(storage);
  EXPECT_EQ(a.get("/api/clusters.xlsx?year=1990").status, 404);
  EXPECT_EQ(audited(*srv, "clusters.xlsx"), 1);
}

TEST_F(ApiExport, RunsWorkbookZoneCountsAndEnterpriseOwnRowOnly) {
  auto a = srv->login_as("analyst");
  auto r = a.get("/api/runs.xlsx");
  ASSERT_EQ(r.status, 200) << r.body;
  auto rows = xlsx_rows(r.body);
  ASSERT_EQ(rows.size(), 1 + srv->store->runs("evaluation").size());
  auto* demo = row_with(rows, 0, run());
  ASSERT_TRUE(demo);
  EXPECT_EQ((*demo)[1], "2024");
  EXPECT_EQ(cell_value(*demo, column_of(rows, "参评企业（家）")), 117);
  EXPECT_EQ(cell_value(*demo, column_of(rows, "A 优先发展")), 23);
  EXPECT_EQ(cell_value(*demo, column_of(rows, "B 鼓励提升")), 47);
  EXPECT_EQ(cell_value(*demo, column_of(rows, "C 监管调控")), 41);
  EXPECT_EQ(cell_value(*demo, column_of(rows, "D 落后整治")), 6);
  // An enterprise account: no unpublished run, then the published one with its own result only.
  auto e = srv->login_as("first");
  publish();
  auto er = e.get("/api/runs.xlsx");
  ASSERT_EQ(er.status, 200) << er.body;
  auto erows = xlsx_rows(er.body);
  ASSERT_EQ(erows.size(), 2u);
  EXPECT_EQ(column_of(erows, "参评企业（家）"), erows[0].size());  // no zone-wide counts
  EXPECT_EQ(column_of(erows, "A 优先发展"), erows[0].size());
  EXPECT_EQ(erows[1][0], run());
  EXPECT_NEAR(cell_value(erows[1], column_of(erows, "综合得分（分）")), 206.380, 0.0005);
  EXPECT_EQ(cell_value(erows[1], column_of(erows, "排名")), 1);
  EXPECT_EQ(cell_value(erows[1], column_of(erows, "该组企业数")), 117);
  EXPECT_EQ(erows[1][column_of(erows, "档次")], "A 优先发展");
  EXPECT_EQ(erows[1][column_of(erows, "公示")], "公示中");
  // the second enterprise sees its own rank 2, never the first's
  auto s = xlsx_rows(srv->login_as("second").get("/api/runs.xlsx").body);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(cell_value(s[1], column_of(s, "排名")), 2);
  EXPECT_NEAR(cell_value(s[1], column_of(s, "综合得分（分）")), 197.612, 0.0005);
  EXPECT_EQ(audited(*srv, "runs.xlsx"), 3);
  EXPECT_EQ(srv->login_as("viewer").get("/api/runs.xlsx").status, 403);  // no export permission
}

TEST_F(ApiExport, ImportsWorkbookAndUploadReportWorkbook) {
  auto a = srv->login_as("analyst");
  auto r = a.get("/api/imports.xlsx");
  ASSERT_EQ(r.status, 200) << r.body;
  auto rows = xlsx_rows(r.body);
  auto batches = srv->store->batches();
  ASSERT_EQ(rows.size(), 1 + batches.size());
  ASSERT_GE(batches.size(), 1u);
  // newest first, as the page lists them
  EXPECT_EQ(rows[1][0], std::to_string(batches.back().id));
  EXPECT_EQ(cell_value(rows[1], column_of(rows, "接受（行）")), batches.back().rows_accepted);
  EXPECT_EQ(cell_value(rows[1], column_of(rows, "拒绝（行）")), batches.back().rows_rejected);
  EXPECT_EQ(srv->login_as("first").get("/api/imports.xlsx").status, 403);
  // An upload with a rejected row: its report's issues as the page lists them, and the rejected rows.
  const std::string csv =
      "统一社会信用代码,单位详细名称,行业代码,工业增加值（万元）,税收（万元）\n"
      "915001106925916133,重庆綦华储能科技股份有限公司,3841,2000,800\n"
      "9150000020286320X,短代码的企业,3612,100,10\n";
  auto up = a.request("POST", "/api/imports?file=stats-2027.csv&year=2027&source=statistics", csv, "text/csv");
  ASSERT_EQ(up.status, 400) << up.body;
  ASSERT_TRUE(up.json()["report_id"].is_string());
  auto report = up.json()["report"];
  auto x = a.get("/api/uploads/" + up.json()["report_id"].get<std::string>() + "/report.xlsx");
  ASSERT_EQ(x.status, 200) << x.body;
  auto b = xlsx_book(x.body);
  ASSERT_EQ(b.names, (std::vector<std::string>{"问题清单", "被拒绝的行"}));
  const auto& issues = b.sheet("问题清单");
  std::size_t listed = 0;
  for (const auto& f : report["files"]) listed += f["rejects"].size() + f["warnings"].size();
  ASSERT_EQ(issues.size(), 1 + listed);
  auto* bad = row_with(issues, 5, "9150000020286320X");
  ASSERT_TRUE(bad);
  EXPECT_EQ((*bad)[0], "stats-2027.csv");
  EXPECT_EQ((*bad)[1], "拒绝");
  EXPECT_EQ(cell_value(*bad, 3), 3);  // the file's third line
  EXPECT_NE((*bad)[4].find("统一社会信用代码"), std::string::npos);
  EXPECT_FALSE((*bad)[7].empty());
  ASSERT_EQ(b.sheet("被拒绝的行").size(), 2u);
  // viewer (no import) and enterprise accounts get no upload report
  EXPECT_EQ(srv->login_as("viewer").get("/api/uploads/" + up.json()["report_id"].get<std::string>() + "/report.xlsx").status, 403);
  EXPECT_EQ(srv->login_as("first").get("/api/uploads/" + up.json()["report_id"].get<std::string>() + "/report.xlsx").status, 403);
  EXPECT_EQ(audited(*srv, "imports.xlsx"), 1);
  EXPECT_EQ(audited(*srv, "uploads/report.xlsx"), 1);
}

TEST_F(ApiExport, ObjectionsWorkbookFilteredAndOwnOnly) {
  publish();
  auto first = srv->login_as("first");
  auto second = srv->login_as("second");
  auto f1 = first.post("/api/objections", nlohmann::json{{"run_id", srv->run_id}, {"reason", "用地面积含代征道路，应扣除"}}.dump());
  ASSERT_EQ(f1.status, 201) << f1.body;
  auto f2 = second.post("/api/objections", nlohmann::json{{"run_id", srv->run_id}, {"reason", "税收少计第四季度"}}.dump());
  ASSERT_EQ(f2.status, 201) << f2.body;
  auto a = srv->login_as("analyst");
  ASSERT_EQ(a.post("/api/objections/" + std::to_string(f2.json()["id"].get<long long>()) + "/resolve",
                   R"({"action":"reject","resolution":"以税务局入库数据为准"})").status, 200);
  // analyst: every objection, and ?status= filters as the page's select does
  auto all = xlsx_rows(a.get("/api/objections.xlsx").body);
  ASSERT_EQ(all.size(), 1 + a.get("/api/objections").json().size());
  auto open = xlsx_rows(a.get("/api/objections.xlsx?status=open").body);
  ASSERT_EQ(open.size(), 1 + a.get("/api/objections?status=open").json().size());
  for (std::size_t i = 1; i < open.size(); ++i) EXPECT_EQ(open[i][column_of(open, "状态")], "待处理");
  auto rej = xlsx_rows(a.get("/api/objections.xlsx?status=rejected&run_id=" + run()).body);
  ASSERT_EQ(rej.size(), 2u);
  EXPECT_EQ(rej[1][column_of(rej, "统一社会信用代码")], kSecond);
  EXPECT_EQ(rej[1][column_of(rej, "企业名称")], "重庆金信新能源科技股份有限公司");
  EXPECT_EQ(rej[1][column_of(rej, "处理意见")], "以税务局入库数据为准");
  EXPECT_EQ(rej[1][column_of(rej, "状态")], "已驳回");
  // enterprise: its own only, whatever it asks
  auto mine = xlsx_rows(first.get("/api/objections.xlsx").body);
  ASSERT_EQ(mine.size(), 1 + first.get("/api/objections").json().size());
  for (std::size_t i = 1; i < mine.size(); ++i) EXPECT_EQ(mine[i][column_of(mine, "统一社会信用代码")], kFirst);
  EXPECT_EQ(xlsx_rows(first.get("/api/objections.xlsx?status=rejected").body).size(), 1u);  // the rejected one is the second's
  EXPECT_GE(audited(*srv, "objections.xlsx"), 4);
}

TEST_F(ApiExport, EnterprisePageWorkbookAndIsolation) {
  publish();
  auto a = srv->login_as("analyst");
  auto r = a.get(std::string("/api/enterprises/") + kFirst + "/detail.xlsx?run=" + run());
  ASSERT_EQ(r.status, 200) << r.body;
  auto b = xlsx_book(r.body);
  ASSERT_EQ(b.names, (std::vector<std::string>{"基本信息", "认定证书", "指标历史", "历年评价", "得分与基准-批次" + run(), "梯度培育差距"}));
  auto d = a.get(std::string("/api/enterprises/") + kFirst).json();
  const auto& profile = b.sheet("基本信息");
  EXPECT_EQ((*row_with(profile, 0, "企业名称"))[1], "重庆綦华储能科技股份有限公司");
  EXPECT_EQ((*row_with(profile, 0, "镇街"))[1], "金桥镇");
  EXPECT_EQ(b.sheet("认定证书").size(), 1 + d["certificates"].size());
  const auto& hist = b.sheet("指标历史");
  ASSERT_EQ(hist.size(), 1 + d["history"].size());
  EXPECT_EQ(hist[0].size(), 1 + d["metrics"].size());
  // the 2024 tax of the page's history, in its column "税收（万元）"-like header from the metrics map
  for (const auto& h : d["history"]) {
    auto* row = row_with(hist, 0, std::to_string(h["year"].get<int>()));
    ASSERT_TRUE(row);
    int col = 1;
    for (auto& [id, m] : d["metrics"].items()) {
      if (h["facts"].contains(id) && h["facts"][id].is_number()) {
        EXPECT_NEAR(cell_value(*row, col), h["facts"][id].get<double>(), 1e-9) << id;
      }
      ++col;
    }
  }
  const auto& classes = b.sheet("历年评价");
  ASSERT_EQ(classes.size(), 1 + d["classes"].size());
  auto* demo = row_with(classes, 1, run());
  ASSERT_TRUE(demo);
  EXPECT_NEAR(cell_value(*demo, column_of(classes, "综合得分（分）")), 206.380, 0.0005);
  EXPECT_EQ(cell_value(*demo, column_of(classes, "排名")), 1);
  EXPECT_EQ(cell_value(*demo, column_of(classes, "该组企业数")), 117);
  EXPECT_EQ((*demo)[column_of(classes, "档次")], "A 优先发展");
  // points against the benchmarks: tax_per_mu 69.2764 points against 22.0003 万元/亩, weight 30
  const auto& pts = b.sheet("得分与基准-批次" + run());
  bool tax = false;
  for (std::size_t i = 1; i < pts.size(); ++i)
    if (std::abs(cell_value(pts[i], 2) - 22.0003) < 0.0001) {
      tax = true;
      EXPECT_NEAR(cell_value(pts[i], 5), 69.2764, 0.0001);
      EXPECT_EQ(cell_value(pts[i], 6), 30);
      EXPECT_NEAR(cell_value(pts[i], 4), cell_value(pts[i], 1) / 22.0003 * 100, 0.01);
    }
  EXPECT_TRUE(tax);
  EXPECT_GE(b.sheet("梯度培育差距").size(), 1 + d["tier_gaps"].size());
  // enterprise accounts: own page yes (a published run), another's 404, an unknown one 404
  auto first = srv->login_as("first");
  auto own = first.get(std::string("/api/enterprises/") + kFirst + "/detail.xlsx");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(xlsx_book(own.body).sheet("基本信息")[2][1], "重庆綦华储能科技股份有限公司");
  EXPECT_EQ(first.get(std::string("/api/enterprises/") + kSecond + "/detail.xlsx").status, 404);
  EXPECT_EQ(first.get(std::string("/api/enterprises/") + kSecond + "/detail.xlsx?run=" + run()).status, 404);
  EXPECT_EQ(a.get("/api/enterprises/91500000000000000X/detail.xlsx").status, 404);
  EXPECT_EQ(srv->login_as("viewer").get(std::string("/api/enterprises/") + kFirst + "/detail.xlsx").status, 403);
  EXPECT_EQ(audited(*srv, "enterprises/detail.xlsx"), 2);
}

// The results workbook's 产业集群 column holds the cluster's name, as the results page shows it, not
// its taxonomy id (hostile review 2026-12-06: new_energy_storage in the file, 新能源及新型储能 on screen).
TEST_F(ApiExport, ResultsWorkbookNamesTheCluster) {
  auto a = srv->login_as("analyst");
  auto r = a.get("/api/runs/" + run() + "/results.xlsx?q=" + std::string(kFirst));
  ASSERT_EQ(r.status, 200) << r.body;
  auto b = xlsx_book(r.body);
  const auto& t = b.sheet("评价结果");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1][column_of(t, "统一社会信用代码")], kFirst);
  EXPECT_EQ(t[1][column_of(t, "产业集群")], "新能源及新型储能");
}

TEST_F(ApiExport, ZoneWideExportsAreNotForEnterpriseAccounts) {
  auto e = srv->login_as("first");
  for (const char* p : {"/api/overview.xlsx?year=2024", "/api/clusters.xlsx?year=2024", "/api/imports.xlsx", "/api/stats.xlsx?year=2024"}) {
    auto r = e.get(p);
    EXPECT_EQ(r.status, 403) << p;
    EXPECT_EQ(r.error_code(), "forbidden") << p;
  }
}

TEST_F(ApiExport, DownloadNamesHaveAnAsciiFallbackAndTheChineseName) {
  auto a = srv->login_as("analyst");
  auto r = a.get("/api/runs/" + run() + "/results.xlsx?class=D");
  ASSERT_EQ(r.status, 200);
  // 评价结果-运行N-2024.xlsx, percent-encoded UTF-8 (RFC 5987)
  EXPECT_EQ(r.header("content-disposition"),
            "attachment; filename=\"results-run" + run() + "-2024.xlsx\"; filename*=UTF-8''%E8%AF%84%E4%BB%B7%E7%BB%93%E6%9E%9C-"
            "%E8%BF%90%E8%A1%8C" + run() + "-2024.xlsx");
  EXPECT_EQ(a.get("/api/enterprises.xlsx?year=2024&township=" + enc("金桥镇")).header("content-disposition"),
            "attachment; filename=\"enterprises-2024.xlsx\"; filename*=UTF-8''%E4%BC%81%E4%B8%9A-2024.xlsx");
  EXPECT_EQ(a.get("/api/clusters.xlsx?year=2024").header("content-disposition"),
            "attachment; filename=\"clusters-2024.xlsx\"; filename*=UTF-8''%E4%BA%A7%E4%B8%9A%E9%9B%86%E7%BE%A4-2024.xlsx");
  auto d = a.get(std::string("/api/enterprises/") + kFirst + "/detail.xlsx");
  EXPECT_NE(d.header("content-disposition").find(std::string("filename=\"enterprise-") + kFirst + "-2024.xlsx\""), std::string::npos)
      << d.header("content-disposition");
  // no header value holds a byte outside printable ASCII
  for (const auto& h : {r.header("content-disposition"), d.header("content-disposition")})
    for (unsigned char ch : h) EXPECT_TRUE(ch >= 0x20 && ch < 0x7f) << h;
}

// HEAD on an export (item 5 of the 2026-12-06 leftovers): the same status and headers as the GET, but the
// workbook is not built — no body, no Content-Length (it would need the workbook) — and no audit entry;
// the GET is still audited. The refusals are the GET's: 403 without the export permission, 404 for a run
// that does not exist.
TEST_F(ApiExport, HeadOnAnExportBuildsNothingAndIsNotAudited) {
  auto a = srv->login_as("analyst");
  auto v = srv->login_as("viewer");  // signed in before counting: a login is audited
  const std::string results = "/api/runs/" + run() + "/results.xlsx?class=A";
  const auto audit_rows = [] { return srv->platform->audit_log(100000, "").size(); };
  const std::size_t rows_before = audit_rows();
  const int results_before = audited(*srv, "results.xlsx"), overview_before = audited(*srv, "overview.xlsx");

  // the raw answer: status line, headers, and not one byte after them
  const std::string raw = http_exchange(srv->port, "HEAD " + results + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: " +
                                                       a.cookie + "\r\n\r\n");
  ASSERT_EQ(raw.substr(0, 12), "HTTP/1.1 200") << raw;
  const auto end = raw.find("\r\n\r\n");
  ASSERT_NE(end, std::string::npos) << raw;
  EXPECT_EQ(raw.size(), end + 4) << raw;  // no body
  HttpResponse head;
  parse_http_response(raw, head);
  EXPECT_EQ(head.header("content-type"), kXlsxType);
  EXPECT_EQ(head.headers.count("content-length"), 0u) << raw;
  const std::string disposition = "attachment; filename=\"results-run" + run() +
                                  "-2024.xlsx\"; filename*=UTF-8''%E8%AF%84%E4%BB%B7%E7%BB%93%E6%9E%9C-%E8%BF%90%E8%A1%8C" +
                                  run() + "-2024.xlsx";
  EXPECT_EQ(head.header("content-disposition"), disposition);
  EXPECT_EQ(head.header("cache-control"), "no-store");

  auto ho = a.request("HEAD", "/api/overview.xlsx?year=2024");
  EXPECT_EQ(ho.status, 200);
  EXPECT_EQ(ho.header("content-type"), kXlsxType);
  EXPECT_TRUE(ho.body.empty());
  EXPECT_EQ(ho.headers.count("content-length"), 0u);
  // the refusals are the GET's
  EXPECT_EQ(v.request("HEAD", results).status, 403);
  EXPECT_EQ(a.request("HEAD", "/api/runs/999999/results.xlsx").status, 404);
  EXPECT_EQ(a.request("HEAD", "/api/overview.xlsx?year=1900").status, 404);
  // nothing was audited (no export row, no row at all)
  EXPECT_EQ(audited(*srv, "results.xlsx"), results_before);
  EXPECT_EQ(audited(*srv, "overview.xlsx"), overview_before);
  EXPECT_EQ(audit_rows(), rows_before);

  // the GET: the same headers, the workbook's bytes with their length, audited once
  auto g = a.get(results);
  ASSERT_EQ(g.status, 200) << g.body;
  EXPECT_EQ(g.header("content-type"), kXlsxType);
  EXPECT_EQ(g.header("content-disposition"), disposition);
  EXPECT_EQ(g.header("content-length"), std::to_string(g.body.size()));
  EXPECT_EQ(g.body.substr(0, 2), "PK");  // a zip container
  auto listed = a.get("/api/runs/" + run() + "/results?class=A&size=1000").json();
  EXPECT_EQ(xlsx_book(g.body).sheet("评价结果").size(), 1u + listed["total"].get<std::size_t>());  // header + rows
  EXPECT_EQ(audited(*srv, "results.xlsx"), results_before + 1);
}
