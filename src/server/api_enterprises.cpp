// GET /api/enterprises(.xlsx) and /api/enterprises/{uscc}: the registry of a year with filters, and one
// enterprise's page (attributes, land, certificates, facts over the years, classes in the stored runs,
// tier gaps). Enterprise accounts: only their own enterprise (another's id → 404, filters cannot widen).
#include <algorithm>

#include <fmt/format.h>

#include "domain/metric.h"
#include "server/api_areas.h"
#include "server/api_common.h"
#include "server/api_directory.h"
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
                                     {"query", ctx.req.query}}.dump());
  return xlsx_download(fmt::format("企业-{}.xlsx", year), [&](const std::string& path) { write_tables_xlsx(path, {t}); });
}

nlohmann::json opt(std::optional<double> v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

nlohmann::json tier_gaps(const Ctx& ctx, int year, const std::string& uscc) {
  nlohmann::json out = nlohmann::json::array();
  auto rules = service::load_tier_rules(ctx.config.resource_root);
  auto a = service::assess_tiers(ctx.store, year, rules, tiers::year_end(year));
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

Response detail(Ctx& ctx) {
  const std::string uscc = ctx.req.params.at("uscc");
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
  return json_response(j);
}

}  // namespace

void add_enterprise_routes(Router& r) {
  r.add("GET", "/api/enterprises", Permission::read_own, list);
  r.add("GET", "/api/enterprises.xlsx", Permission::export_data, list_xlsx);
  r.add("GET", "/api/enterprises/{uscc}", Permission::read_own, detail);
}

}  // namespace mujun::server::api
