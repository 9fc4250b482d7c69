// GET /api/years, /api/overview, /api/clusters, /api/stats, /api/stats.xlsx — the zone's yearly
// overview (数据一览) as `mujun stats --year Y --json` computes it (service/statistics.h).
#include <algorithm>
#include <functional>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "reports/bulletin_xlsx.h"
#include "server/api_areas.h"
#include "server/api_common.h"
#include "server/api_directory.h"
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

// Computed answers per (database, route, year, data version, latest run): the data only change with an
// import (new batch id) and the class counts with a new run, so equal keys give equal answers.
std::string cached(const Ctx& ctx, const std::string& route, int year, const std::function<nlohmann::json()>& compute) {
  static std::mutex mu;
  static std::map<std::string, std::string> cache;
  const long long batch = ctx.store.latest_batch_id(), run = ctx.store.latest_run_id("evaluation");
  const std::string key = fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}", ctx.config.db_path, route, year, batch, run);
  {
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  std::string body = compute().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::lock_guard<std::mutex> lock(mu);
  if (cache.size() > 256) cache.clear();
  cache[key] = body;
  return body;
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

Response clusters(Ctx& ctx) {
  int year = year_param(ctx);
  return json(200, cached(ctx, "clusters", year, [&] {
    auto d = directory(ctx, year);
    auto s = service::year_statistics(ctx.store, year, d->rules);
    return clusters_json(s.bulletin, *d, true);
  }));
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
  return xlsx_download(fmt::format("数据一览-{}.xlsx", year),
                       [&](const std::string& path) { reports::write_bulletin_xlsx(path, s.bulletin, nullptr); });
}

}  // namespace

void add_overview_routes(Router& r) {
  r.add("GET", "/api/years", Permission::read_own, years);
  r.add("GET", "/api/overview", Permission::read, overview);
  r.add("GET", "/api/clusters", Permission::read, clusters);
  r.add("GET", "/api/stats", Permission::read, stats);
  r.add("GET", "/api/stats.xlsx", Permission::export_data, stats_xlsx);
}

}  // namespace mujun::server::api
