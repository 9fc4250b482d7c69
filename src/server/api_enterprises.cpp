// GET /api/enterprises(.xlsx) and /api/enterprises/{uscc}: the registry of a year with filters, and one
// enterprise's page (attributes, land, certificates, facts over the years, classes in the stored runs,
// tier gaps). Enterprise accounts: only their own enterprise (another's id → 404, filters cannot widen).
#include <algorithm>

#include <fmt/format.h>

#include "domain/metric.h"
#include "server/api_areas.h"
#include "server/api_common.h"
#include "server/api_directory.h"
#include "server/api_results.h"
#include "server/api_xlsx.h"
#include "service/tiers.h"
#include "tiers/date.h"

namespace mujun::server::api {

namespace {

std::vector<std::size_t> matching(const Ctx& ctx, const Directory& d) {
  EnterpriseFilter f(ctx);
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < d.frame.size(); ++i)
    if (f.accepts(d, i)) out.push_back(i);
  return out;
}

Response list(Ctx& ctx) {
  auto p = paging(ctx.req);
  int year = year_param(ctx);
  auto d = directory(ctx, year);
  nlohmann::json items = nlohmann::json::array();
  for (auto i : matching(ctx, *d)) items.push_back(d->row(i));
  auto j = p.wrap(items);
  j["year"] = year;
  return json_response(j);
}

Response list_xlsx(Ctx& ctx) {
  int year = year_param(ctx);
  auto d = directory(ctx, year);
  auto rows = matching(ctx, *d);
  Table t;
  t.sheet = "企业";
  t.headers = {"统一社会信用代码", "企业名称", "行业代码", "行业名称", "镇街", "产业集群", "规上", "自有用地（亩）",
               "租赁用地（亩）"};
  t.widths = {22, 36, 10, 24, 14, 20, 8, 14, 14};
  for (auto i : rows) {
    std::string clusters;
    for (auto& c : d->clusters[i]) {
      const auto* k = d->rules.taxonomy.find(c);
      clusters += (clusters.empty() ? "" : "、") + (k ? k->name : c);
    }
    auto mu = [](const Column& c, std::size_t i) -> Cell {
      if (!c.has(i)) return std::monostate{};
      return static_cast<double>(c.micros[i]) / Decimal::kScale * 15.0 / 10000.0;
    };
    const Frame& f = d->frame;
    t.rows.push_back({f.uscc[i], f.name[i], f.industry_code[i], d->industry_name(i), f.township[i], clusters,
                      f.above_scale[i] < 0 ? Cell{} : Cell{std::string(f.above_scale[i] == 1 ? "是" : "否")},
                      mu(f.land_owned_m2, i), mu(f.land_leased_m2, i)});
  }
  ctx.audit("export", nlohmann::json{{"route", "enterprises.xlsx"}, {"year", year}, {"rows", rows.size()},
                                     {"query", ctx.req.query}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return xlsx_download(ctx, fmt::format("企业-{}.xlsx", year), fmt::format("enterprises-{}.xlsx", year), [&](const std::string& path) { write_tables_xlsx(path, {t}); });
}

nlohmann::json opt(std::optional<double> v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

nlohmann::json tier_gaps(const Ctx& ctx, int year, const std::string& uscc) {
  nlohmann::json out = nlohmann::json::array();
  auto t = tier_data(ctx, year);  // cached per data version (zone-wide: ~0.8 s on the example zone)
  const auto& a = t->assessment;
  auto idx = a.find(uscc);
  if (!idx) return out;
  for (const auto& v : a.verdicts[*idx]) {
    if (v.state == tiers::State::NotApplicable) continue;
    nlohmann::json gaps = nlohmann::json::array();
    for (const auto& c : v.conditions) {
      if (c.state == tiers::State::Met || c.state == tiers::State::NotApplicable) continue;
      gaps.push_back({{"criterion", c.label}, {"state", std::string(tiers::state_id(c.state))},
                      {"required", opt(c.threshold)}, {"op", c.op}, {"actual", opt(c.actual)}, {"unit", c.unit},
                      {"gap", c.gap}, {"missing", c.missing}, {"article", c.article}});
    }
    out.push_back({{"tier", v.tier}, {"label", v.tier_label}, {"state", std::string(tiers::state_id(v.state))},
                   {"met", v.state == tiers::State::Met}, {"holds_valid_certificate", v.holds_valid},
                   {"version", v.version}, {"document", v.document}, {"gaps", gaps}});
  }
  return out;
}

// The enterprise page's answer (GET /api/enterprises/{uscc}); 404 for an enterprise the account may not see.
nlohmann::json detail_json(Ctx& ctx, const std::string& uscc) {
  if (!may_see(ctx, uscc)) not_found("该企业", "enterprise");
  auto years = ctx.store.years();
  std::sort(years.begin(), years.end());
  int year = ctx.req.q("year").empty() ? (years.empty() ? 0 : years.back()) : year_param(ctx);
  if (year == 0) not_found("该企业", "enterprise");
  auto d = directory(ctx, year);
  auto idx = d->index(uscc);
  if (!idx) not_found("该企业", "enterprise");
  const Frame& f = d->frame;
  const std::size_t i = *idx;
  nlohmann::json j = d->row(i);
  j["year"] = year;
  j["production_start_year"] = f.production_start_year[i] ? nlohmann::json(f.production_start_year[i]) : nlohmann::json(nullptr);
  auto mu = [](const Column& c, std::size_t i) {
    return c.has(i) ? nlohmann::json(static_cast<double>(c.micros[i]) / Decimal::kScale * 15.0 / 10000.0) : nlohmann::json(nullptr);
  };
  j["land"] = {{"owned_mu", mu(f.land_owned_m2, i)}, {"leased_mu", mu(f.land_leased_m2, i)},
               {"land_mu", opt(land_mu(f, i, true))}};
  j["certificates"] = nlohmann::json::array();
  for (const auto& c : f.certificates[i])
    j["certificates"].push_back({{"tier", c.tier}, {"label", tiers::tier_label(c.tier)}, {"level", c.level},
                                 {"number", c.number}, {"issued", c.issued}, {"expires", c.expires}});
  j["flags"] = f.flags[i];
  // The names of its clusters (an enterprise account may not read /api/clusters for them).
  j["cluster_names"] = nlohmann::json::object();
  for (const auto& c : d->clusters[i])
    if (const auto* k = d->rules.taxonomy.find(c)) j["cluster_names"][c] = k->name;
  // Facts over the years, canonical units (domain/metric.h); units listed once.
  j["history"] = nlohmann::json::array();
  nlohmann::json units = nlohmann::json::object();
  for (int y : years) {
    auto dy = y == year ? d : directory(ctx, y);
    auto k = dy->index(uscc);
    if (!k) continue;
    nlohmann::json facts = nlohmann::json::object();
    for (const auto& [metric, col] : dy->frame.metrics)
      if (col.has(*k)) {
        facts[metric] = *col.get(*k);
        if (const auto* m = find_metric(metric))
          units[metric] = {{"label", std::string(m->label_zh)}, {"unit", std::string(m->unit_zh)}};
      }
    j["history"].push_back({{"year", y}, {"facts", facts}});
  }
  j["metrics"] = units;
  // Classes in the stored evaluation runs the account may see.
  j["classes"] = nlohmann::json::array();
  for (const auto& rec : ctx.store.runs("evaluation")) {
    if (!run_visible(ctx, rec.id)) continue;
    auto run = run_or_404(ctx, rec.id);
    auto e = run->enterprise_index(uscc);
    if (!e) continue;
    const auto& row = run->result["enterprises"][*e];
    int of = 0;
    for (const auto& c : run->result["cohorts"])
      if (c.value("id", "") == row.value("cohort", "")) of = c.value("members", 0);
    j["classes"].push_back({{"year", rec.year}, {"run_id", rec.id}, {"scheme", rec.scheme_name},
                            {"cohort", row.value("cohort", "")}, {"class", row["class"]}, {"total", row["total"]},
                            {"rank", row["rank"]}, {"of", of}});
  }
  j["tier_gaps"] = tier_gaps(ctx, year, uscc);
  return j;
}

Response detail(Ctx& ctx) { return json_response(detail_json(ctx, ctx.req.params.at("uscc"))); }

std::string level_label(const std::string& l) {
  if (l == "national") return "国家级";
  if (l == "provincial") return "省级";
  if (l == "municipal") return "市级";
  if (l == "district") return "区级";
  return l;
}

std::string tier_state_label(const std::string& s) {
  if (s == "met") return "已达标";
  if (s == "unmet") return "未达标";
  if (s == "unknown") return "数据不足";
  if (s == "manual") return "需人工核定";
  return s;
}

// The tables of the enterprise page (Enterprise.vue): profile and land, certificates, indicator history,
// classes over the years, points against the benchmarks of run ?run= (default: the page's default, the
// latest run the enterprise has a result in) and the tier gaps.
Response detail_xlsx(Ctx& ctx) {
  using nlohmann::json;
  const std::string uscc = ctx.req.params.at("uscc");
  json e = detail_json(ctx, uscc);
  const int year = e["year"].get<int>();
  auto d = directory(ctx, year);
  std::vector<Table> tables;

  Table profile;
  profile.sheet = "基本信息";
  profile.headers = {"项目", "内容"};
  profile.widths = {20, 50};
  std::string clusters;
  for (const auto& c : e["clusters"]) {
    const auto* k = d->rules.taxonomy.find(c.get<std::string>());
    clusters += (clusters.empty() ? "" : "、") + (k ? k->name : c.get<std::string>());
  }
  const json& above = e["above_scale"];
  profile.rows = {{std::string("统一社会信用代码"), cell_text(e["uscc"])},
                  {std::string("企业名称"), cell_text(e["name"])},
                  {std::string("行业"), e.value("industry_code", "") + " " + e.value("industry_name", "")},
                  {std::string("镇街"), cell_text(e["township"])},
                  {std::string("产业集群"), clusters.empty() ? Cell{} : Cell{clusters}},
                  {std::string("规模"), above.is_boolean() ? Cell{std::string(above.get<bool>() ? "规上" : "规下")} : Cell{}},
                  {std::string("数据年份"), static_cast<double>(year)},
                  {std::string("投产年份"), cell_number(e["production_start_year"])},
                  {std::string("自有用地（亩）"), cell_number(e["land"]["owned_mu"])},
                  {std::string("租赁用地（亩）"), cell_number(e["land"]["leased_mu"])}};
  tables.push_back(std::move(profile));

  Table certs;
  certs.sheet = "认定证书";
  certs.headers = {"类别", "级别", "编号", "发证日期", "有效期至"};
  certs.widths = {24, 10, 24, 12, 12};
  for (const auto& c : e["certificates"])
    certs.rows.push_back({cell_text(c["label"]), level_label(c.value("level", "")), cell_text(c["number"]), cell_text(c["issued"]),
                          cell_text(c["expires"])});
  tables.push_back(std::move(certs));

  Table history;
  history.sheet = "指标历史";
  history.headers = {"年份"};
  std::vector<std::string> metric_ids;
  for (auto& [id, m] : e["metrics"].items()) {
    metric_ids.push_back(id);
    history.headers.push_back(fmt::format("{}（{}）", m.value("label", id), m.value("unit", "")));
  }
  history.widths.assign(history.headers.size(), 16);
  for (const auto& h : e["history"]) {
    std::vector<Cell> row{cell_number(h["year"])};
    for (const auto& id : metric_ids) row.push_back(h["facts"].contains(id) ? cell_number(h["facts"][id]) : Cell{});
    history.rows.push_back(std::move(row));
  }
  tables.push_back(std::move(history));

  Table classes;
  classes.sheet = "历年评价";
  classes.headers = {"年份", "批次", "评价办法", "评价分组", "综合得分（分）", "排名", "该组企业数", "档次"};
  classes.widths = {8, 8, 22, 24, 14, 8, 12, 16};
  std::vector<json> cs(e["classes"].begin(), e["classes"].end());
  std::stable_sort(cs.begin(), cs.end(), [](const json& a, const json& b) {
    return a["year"] != b["year"] ? a["year"].get<int>() > b["year"].get<int>() : a["run_id"].get<long long>() > b["run_id"].get<long long>();
  });
  for (const auto& c : cs)
    classes.rows.push_back({cell_number(c["year"]), cell_number(c["run_id"]), cell_text(c["scheme"]), cell_text(c["cohort"]),
                            cell_number(c["total"]), cell_number(c["rank"]), cell_number(c["of"]),
                            c["class"].is_string() ? Cell{class_label(c["class"].get<std::string>())} : Cell{}});
  tables.push_back(std::move(classes));

  long long run_id = ctx.req.q("run").empty() ? (cs.empty() ? 0 : cs.front()["run_id"].get<long long>()) : to_int(ctx.req.q("run"), "run");
  if (run_id) {
    json x = explanation_json(ctx, run_id, uscc);
    Table points;
    points.sheet = fmt::format("得分与基准-批次{}", run_id);
    points.headers = {"指标", "实际值", "基准值", "单位", "实际 ÷ 基准（%）", "得分（分）", "权重（分）", "处理", "基准口径"};
    points.widths = {24, 14, 14, 12, 16, 12, 10, 24, 30};
    for (const auto& i : x["indicators"]) {
      Cell ratio;
      if (i["value"].is_number() && i["benchmark"].is_number() && i["benchmark"].get<double>() != 0)
        ratio = i["value"].get<double>() / i["benchmark"].get<double>() * 100.0;
      points.rows.push_back({cell_text(i["label"]), cell_number(i["value"]), cell_number(i["benchmark"]), cell_text(i["unit"]), ratio,
                             cell_number(i["points"]), cell_number(i["weight"]), cell_text(i["treatment"]),
                             cell_text(i.value("benchmark_rule", json(nullptr)))});
    }
    tables.push_back(std::move(points));
  }

  Table gaps;
  gaps.sheet = "梯度培育差距";
  gaps.headers = {"梯度", "状态", "条件", "要求", "实际", "单位", "差距", "依据"};
  gaps.widths = {24, 12, 30, 14, 14, 10, 30, 30};
  for (const auto& t : e["tier_gaps"]) {
    Cell label = cell_text(t["label"]), state = tier_state_label(t.value("state", ""));
    if (t["gaps"].empty()) gaps.rows.push_back({label, state});
    for (const auto& g : t["gaps"])
      gaps.rows.push_back({label, state, cell_text(g["criterion"]),
                           g["required"].is_number() ? Cell{g.value("op", "") + " " + g["required"].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)} : Cell{},
                           g["actual"].is_number() ? cell_number(g["actual"]) : Cell{std::string("缺数据")}, cell_text(g["unit"]),
                           cell_text(g["gap"]), cell_text(g["article"])});
  }
  tables.push_back(std::move(gaps));

  ctx.audit("export", json{{"route", "enterprises/detail.xlsx"}, {"uscc", uscc}, {"year", year}, {"run_id", run_id}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return xlsx_download(ctx, fmt::format("企业-{}-{}.xlsx", e.value("name", uscc), year), fmt::format("enterprise-{}-{}.xlsx", uscc, year),
                       [&](const std::string& path) { write_tables_xlsx(path, tables); });
}

}  // namespace

void add_enterprise_routes(Router& r) {
  r.add("GET", "/api/enterprises", Permission::read_own, list);
  r.add("GET", "/api/enterprises.xlsx", Permission::export_data, list_xlsx);
  r.add("GET", "/api/enterprises/{uscc}", Permission::read_own, detail);
  r.add("GET", "/api/enterprises/{uscc}/detail.xlsx", Permission::export_data, detail_xlsx);
}

}  // namespace mujun::server::api
