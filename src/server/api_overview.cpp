// GET /api/years, /api/overview, /api/clusters, /api/stats, /api/stats.xlsx — the zone's yearly
// overview (数据一览) as `mujun stats --year Y --json` computes it (service/statistics.h).
#include <algorithm>
#include <functional>
#include <map>

#include <fmt/format.h>

#include "reports/bulletin_xlsx.h"
#include "server/api_areas.h"
#include "server/api_common.h"
#include "server/api_directory.h"
#include "server/api_xlsx.h"
#include "service/statistics.h"

namespace mujun::server::api {

namespace st = statistics;

void refuse_enterprise(const Ctx& ctx) {
  if (ctx.user && ctx.user->is_enterprise())
    throw ApiError(403, "forbidden", "企业账号只能查看本企业的数据 / an enterprise account sees only its own data");
}

namespace {

std::optional<double> value_of(const st::Bulletin& b, const std::string& id) {
  const st::Figure* f = b.find(id);
  return f ? f->value : std::nullopt;
}

nlohmann::json num(std::optional<double> v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

// The clusters of the taxonomy with their figures: firms = 规上 firms with output (the figure's input
// "企业数"), output 亿元, output_share %, growth % (same-scope, current prices).
nlohmann::json clusters_json(const st::Bulletin& b, const Directory& d, bool with_members) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& k : d.rules.taxonomy.clusters) {
    nlohmann::json c = {{"id", k.id}, {"name", k.name}, {"kind", std::string(st::role_id(k.role))},
                        {"kind_label", std::string(st::role_label_zh(k.role))}};
    const st::Figure* f = b.find("cluster_output." + k.id);
    long firms = 0;
    if (f)
      for (const auto& in : f->inputs)
        if (in.name == "企业数") firms = std::stol(in.value);
    c["firms"] = firms;
    c["output"] = num(value_of(b, "cluster_output." + k.id));
    c["output_share"] = num(value_of(b, "cluster_share." + k.id));
    c["growth"] = num(value_of(b, "cluster_output_growth." + k.id));
    if (with_members) {
      nlohmann::json m = nlohmann::json::array();
      for (std::size_t i = 0; i < d.frame.size(); ++i)
        if (d.frame.above_scale[i] == 1 && std::find(d.clusters[i].begin(), d.clusters[i].end(), k.id) != d.clusters[i].end())
          m.push_back(d.frame.uscc[i]);
      c["members"] = m;
    }
    out.push_back(c);
  }
  return out;
}

Response years(Ctx& ctx) {
  auto ys = ctx.store.years();
  std::sort(ys.begin(), ys.end());
  return json_response(ys);
}

// Computed answers per (database, route, year) at (data version, latest run): the data only change with an
// import (new batch id) and the class counts with a new run, so equal keys and versions give equal answers.
// At most 257 keys (the cache is emptied past 256).
std::string cached(const Ctx& ctx, const std::string& route, int year, const std::function<nlohmann::json()>& compute) {
  static VersionCache<std::string, std::string, std::pair<long long, long long>> cache(256);
  const std::pair<long long, long long> version{ctx.store.latest_batch_id(), ctx.store.latest_run_id("evaluation")};
  return cache.get(fmt::format("{}\x1f{}\x1f{}", ctx.config.db_path, route, year), version,
                   [&] { return safe_dump(compute()); });
}

nlohmann::json overview_json(Ctx& ctx, int year) {
  auto d = directory(ctx, year);
  auto s = service::year_statistics(ctx.store, year, d->rules);
  nlohmann::json j = {{"year", year}, {"zone", s.bulletin.zone_name}, {"taxonomy", s.bulletin.taxonomy_id}};
  j["figures"] = nlohmann::json::array();
  for (const auto& f : s.bulletin.figures) j["figures"].push_back(service::figure_json(f));
  j["clusters"] = clusters_json(s.bulletin, *d, false);
  std::string source;
  long long run_id = 0;
  auto counts = service::class_counts(ctx.store, year, source, &run_id);
  if (run_id) {
    nlohmann::json c = {{"A", 0}, {"B", 0}, {"C", 0}, {"D", 0}, {"T", 0}};
    for (auto& [k, v] : counts) c[k] = v;
    j["classes"] = {{"run_id", run_id}, {"source", source}, {"counts", c}};
  } else {
    j["classes"] = nullptr;
  }
  // Trend: the same headline figures for up to five years ending with `year`.
  j["trend"] = nlohmann::json::array();
  for (int y : s.years) {
    if (y > year || y <= year - 5) continue;
    st::Bulletin b = y == year ? s.bulletin : service::bulletin_of(ctx.store, y, d->rules, s.years);
    j["trend"].push_back({{"year", y},
                          {"firms", num(value_of(b, "above_scale_firms"))},
                          {"output", num(value_of(b, "above_scale_gross_output"))},
                          {"value_added", num(value_of(b, "above_scale_value_added"))},
                          {"tax", num(value_of(b, "industrial_tax"))},
                          {"clusters_output", num(value_of(b, "clusters_output"))},
                          {"tax_per_mu", num(value_of(b, "above_scale_manufacturing_tax_per_mu"))},
                          {"output_per_mu", num(value_of(b, "above_scale_manufacturing_output_per_mu"))}});
  }
  return j;
}

Response overview(Ctx& ctx) {
  int year = year_param(ctx);
  return json(200, cached(ctx, "overview", year, [&] { return overview_json(ctx, year); }));
}

// The clusters page's answer (with members), cached.
std::string clusters_answer(Ctx& ctx, int year) {
  return cached(ctx, "clusters", year, [&] {
    auto d = directory(ctx, year);
    auto s = service::year_statistics(ctx.store, year, d->rules);
    return clusters_json(s.bulletin, *d, true);
  });
}

Response clusters(Ctx& ctx) {
  int year = year_param(ctx);
  return json(200, clusters_answer(ctx, year));
}

Response stats(Ctx& ctx) {
  int year = year_param(ctx);
  return json(200, cached(ctx, "stats", year, [&] {
    auto d = directory(ctx, year);
    return service::statistics_json(service::year_statistics(ctx.store, year, d->rules));
  }));
}

Response stats_xlsx(Ctx& ctx) {
  refuse_enterprise(ctx);
  int year = year_param(ctx);
  auto d = directory(ctx, year);
  auto s = service::year_statistics(ctx.store, year, d->rules);
  ctx.audit("export", nlohmann::json{{"route", "stats.xlsx"}, {"year", year}}.dump());
  return xlsx_download(ctx, fmt::format("数据一览-{}.xlsx", year), fmt::format("stats-{}.xlsx", year),
                       [&](const std::string& path) { reports::write_bulletin_xlsx(path, s.bulletin, nullptr); });
}

// The clusters table of the overview and the clusters page (clusters_json rows).
Table clusters_table(const nlohmann::json& clusters) {
  Table t;
  t.sheet = "产业集群";
  t.headers = {"集群", "类别", "规上企业（家）", "产值（亿元）", "占规上比重（%）", "增速（%）"};
  t.widths = {28, 10, 14, 14, 16, 12};
  for (const auto& c : clusters)
    t.rows.push_back({cell_text(c["name"]), cell_text(c["kind_label"]), cell_number(c["firms"]), cell_number(c["output"]),
                      cell_number(c["output_share"]), cell_number(c["growth"])});
  return t;
}

// The tables of the overview page (Overview.vue), from the same cached answer the page shows:
// every figure (the cards and "全部指标"), the clusters, the class counts of the year's latest run,
// the certified enterprises (梯度培育) and the five-year trend.
std::vector<Table> overview_tables(const nlohmann::json& o) {
  std::map<std::string, const nlohmann::json*> by_id;
  for (const auto& f : o["figures"]) by_id[f.value("id", "")] = &f;
  auto unit = [&](const std::string& id, const std::string& fallback) {
    auto it = by_id.find(id);
    return it == by_id.end() ? fallback : it->second->value("unit", fallback);
  };
  Table figures;
  figures.sheet = "全部指标";
  figures.headers = {"指标", "数值", "单位", "口径", "编号"};
  figures.widths = {36, 14, 10, 60, 40};
  for (const auto& f : o["figures"])
    figures.rows.push_back({cell_text(f["label"]), cell_number(f["value"]), cell_text(f["unit"]), cell_text(f["formula"]),
                            cell_text(f["id"])});
  Table classes;
  classes.sheet = "评价分类";
  classes.headers = {"评价批次", "档次", "企业数（家）"};
  classes.widths = {10, 18, 14};
  if (o["classes"].is_object())
    for (const char* k : {"A", "B", "C", "D", "T"})
      if (o["classes"]["counts"].value(k, 0) > 0)
        classes.rows.push_back({static_cast<double>(o["classes"]["run_id"].get<long long>()), class_label(k),
                                static_cast<double>(o["classes"]["counts"][k].get<long long>())});
  Table tiers;
  tiers.sheet = "梯度培育";
  tiers.headers = {"类别", "数值", "单位"};
  tiers.widths = {30, 12, 8};
  for (const char* id : {"certificates.tech_enterprise", "certificates.innovative_sme", "certificates.specialized_sme",
                         "certificates.little_giant", "certificates.single_champion", "certificates.high_tech_enterprise"})
    if (auto it = by_id.find(id); it != by_id.end())
      tiers.rows.push_back({cell_text((*it->second)["label"]), cell_number((*it->second)["value"]), cell_text((*it->second)["unit"])});
  Table trend;
  trend.sheet = "近年趋势";
  const std::vector<std::pair<std::string, std::string>> cols{
      {"firms", "above_scale_firms"}, {"output", "above_scale_gross_output"}, {"value_added", "above_scale_value_added"},
      {"tax", "industrial_tax"}, {"clusters_output", "clusters_output"},
      {"tax_per_mu", "above_scale_manufacturing_tax_per_mu"}, {"output_per_mu", "above_scale_manufacturing_output_per_mu"}};
  const std::map<std::string, std::string> names{{"firms", "规上工业企业"}, {"output", "规上工业总产值"},
                                                 {"value_added", "规上工业增加值"}, {"tax", "工业税收"},
                                                 {"clusters_output", "“231”集群产值"}, {"tax_per_mu", "规上制造业亩均税收"},
                                                 {"output_per_mu", "规上制造业亩均产值"}};
  trend.headers = {"年份"};
  for (auto& [k, id] : cols) trend.headers.push_back(fmt::format("{}（{}）", names.at(k), unit(id, "")));
  trend.widths.assign(trend.headers.size(), 16);
  for (const auto& r : o["trend"]) {
    // As the page's trend chart: a year without any amount (亿元) is left out (e.g. 2020/2021 of the
    // example zone, whose only figure is 0 firms because no statistics were imported for them).
    bool amounts = false;
    for (const char* k : {"output", "value_added", "tax", "clusters_output"}) amounts = amounts || r[k].is_number();
    if (!amounts) continue;
    std::vector<Cell> row{cell_number(r["year"])};
    for (auto& [k, id] : cols) row.push_back(cell_number(r[k]));
    trend.rows.push_back(std::move(row));
  }
  return {figures, clusters_table(o["clusters"]), classes, tiers, trend};
}

Response overview_xlsx(Ctx& ctx) {
  refuse_enterprise(ctx);
  int year = year_param(ctx);
  auto o = nlohmann::json::parse(cached(ctx, "overview", year, [&] { return overview_json(ctx, year); }));
  auto tables = overview_tables(o);
  ctx.audit("export", nlohmann::json{{"route", "overview.xlsx"}, {"year", year}, {"rows", tables.front().rows.size()}}.dump());
  return xlsx_download(ctx, fmt::format("经开区总览-{}.xlsx", year), fmt::format("overview-{}.xlsx", year),
                       [&](const std::string& path) { write_tables_xlsx(path, tables); });
}

Response clusters_xlsx(Ctx& ctx) {
  refuse_enterprise(ctx);
  int year = year_param(ctx);
  auto c = nlohmann::json::parse(clusters_answer(ctx, year));
  auto t = clusters_table(c);
  ctx.audit("export", nlohmann::json{{"route", "clusters.xlsx"}, {"year", year}, {"rows", t.rows.size()}}.dump());
  return xlsx_download(ctx, fmt::format("产业集群-{}.xlsx", year), fmt::format("clusters-{}.xlsx", year),
                       [&](const std::string& path) { write_tables_xlsx(path, {t}); });
}

}  // namespace

void add_overview_routes(Router& r) {
  r.add("GET", "/api/years", Permission::read_own, years);
  r.add("GET", "/api/overview", Permission::read, overview);
  r.add("GET", "/api/overview.xlsx", Permission::export_data, overview_xlsx);
  r.add("GET", "/api/clusters", Permission::read, clusters);
  r.add("GET", "/api/clusters.xlsx", Permission::export_data, clusters_xlsx);
  r.add("GET", "/api/stats", Permission::read, stats);
  r.add("GET", "/api/stats.xlsx", Permission::export_data, stats_xlsx);
}

}  // namespace mujun::server::api
