// GET /api/runs/{id}/results(.xlsx) — a stored run's enterprises with filters (cohort, class, cluster,
// township, industry, q, uscc), sorting and paging; GET /api/runs/{id}/results/{uscc} — the explanation
// of one enterprise's points and class (evaluation/explain.h when the run can be replayed exactly).
// Enterprise accounts: their own row only, of published runs only.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "evaluation/explain.h"
#include "server/api_areas.h"
#include "server/api_common.h"
#include "server/api_directory.h"
#include "server/api_results.h"
#include "server/api_xlsx.h"

namespace mujun::server::api {

namespace {

using nlohmann::json;

struct Labels {
  std::vector<std::pair<std::string, std::string>> cohorts;               // id, label
  std::vector<std::tuple<std::string, std::string, std::string>> indicators;  // id, label, unit
};

Labels labels(const service::LoadedRun& run) {
  Labels l;
  for (const auto& c : run.result.value("cohorts", json::array())) l.cohorts.emplace_back(c.value("id", ""), c.value("label", ""));
  if (run.scheme) {
    for (const auto& i : run.scheme->indicators) l.indicators.emplace_back(i.id, i.label, i.unit);
  } else {
    std::vector<std::string> seen;
    for (const auto& c : run.result.value("cohorts", json::array())) {
      const json benchmarks = c.value("benchmarks", json::object());
      for (auto& [k, v] : benchmarks.items())
        if (std::find(seen.begin(), seen.end(), k) == seen.end()) seen.push_back(k);
    }
    for (auto& k : seen) l.indicators.emplace_back(k, k, "");
  }
  return l;
}

struct Row {
  const json* e;
  std::optional<std::size_t> dir;  // index in the directory of the run's year
};

std::vector<Row> filtered(const Ctx& ctx, const service::LoadedRun& run, const Directory& d) {
  EnterpriseFilter f(ctx);
  const std::string cohort = ctx.req.q("cohort"), klass = ctx.req.q("class");
  if (!klass.empty() && klass != "A" && klass != "B" && klass != "C" && klass != "D" && klass != "T")
    throw ApiError(400, "bad_request", "class 应为 A、B、C、D 或 T / class must be one of A, B, C, D, T: " + klass);
  std::vector<Row> out;
  for (const auto& e : run.result["enterprises"]) {
    const std::string uscc = e.value("uscc", "");
    auto di = d.index(uscc);
    if (di ? !f.accepts(d, *di) : (!f.accepts(uscc, e.value("name", "")) || !f.township.empty() || !f.industry.empty() ||
                                   !f.cluster.empty() || f.above_scale))
      continue;
    if (!cohort.empty() && e.value("cohort", "") != cohort) continue;
    if (!klass.empty() && (!e["class"].is_string() || e["class"].get<std::string>() != klass)) continue;
    out.push_back({&e, di});
  }
  std::string sort = ctx.req.q("sort"), order = ctx.req.q("order");
  if (!order.empty() && order != "asc" && order != "desc")
    throw ApiError(400, "bad_request", "order 应为 asc 或 desc / order must be asc or desc");
  if (!sort.empty()) {
    bool desc = order.empty() ? (sort == "total" || (sort != "rank" && sort != "name" && sort != "uscc")) : order == "desc";
    auto key = [&](const Row& r) -> std::optional<double> {
      const json* v = nullptr;
      if (sort == "total" || sort == "rank" || sort == "indicator_total") v = &(*r.e)[sort];
      else if (r.e->contains("indicators") && (*r.e)["indicators"].contains(sort)) v = &(*r.e)["indicators"][sort];
      else if (sort != "name" && sort != "uscc" && sort != "class")
        throw ApiError(400, "bad_request", fmt::format("不能按 {} 排序 / cannot sort by {}", sort, sort));
      if (v && v->is_number()) return v->get<double>();
      return std::nullopt;
    };
    if (sort == "name" || sort == "uscc" || sort == "class") {
      std::stable_sort(out.begin(), out.end(), [&](const Row& a, const Row& b) {
        auto sa = (*a.e)[sort].is_string() ? (*a.e)[sort].get<std::string>() : std::string("~");
        auto sb = (*b.e)[sort].is_string() ? (*b.e)[sort].get<std::string>() : std::string("~");
        return desc ? sb < sa : sa < sb;
      });
    } else {
      std::vector<std::pair<std::optional<double>, Row>> keyed;
      for (auto& r : out) keyed.emplace_back(key(r), r);
      std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
        if (!a.first || !b.first) return a.first.has_value() && !b.first.has_value();  // missing last
        return desc ? *a.first > *b.first : *a.first < *b.first;
      });
      out.clear();
      for (auto& k : keyed) out.push_back(k.second);
    }
  }
  return out;
}

int cohort_size(const service::LoadedRun& run, const std::string& cohort) {
  for (const auto& c : run.result["cohorts"])
    if (c.value("id", "") == cohort) return c.value("members", 0);
  return 0;
}

json item(const service::LoadedRun& run, const Directory& d, const Row& r) {
  const json& e = *r.e;
  json ind = json::object();
  const json indicators = e.value("indicators", json::object());
  for (auto& [k, v] : indicators.items())
    ind[k] = {{"value", v}, {"points", e["points"].contains(k) ? e["points"][k] : json(nullptr)}};
  json j = {{"uscc", e["uscc"]}, {"name", e["name"]}, {"cohort", e["cohort"]}, {"land_mu", e["land_mu"]},
            {"total", e["total"]}, {"indicator_total", e["indicator_total"]}, {"rank", e["rank"]},
            {"of", cohort_size(run, e.value("cohort", ""))}, {"class", e["class"]}, {"class_rule", e["class_rule"]},
            {"indicators", ind}};
  if (r.dir) {
    j["township"] = d.frame.township[*r.dir];
    j["industry_code"] = d.frame.industry_code[*r.dir];
    const auto& c = d.clusters[*r.dir];
    j["cluster"] = c.empty() ? json(nullptr) : json(c.front());
  } else {
    j["township"] = j["industry_code"] = j["cluster"] = nullptr;
  }
  return j;
}

long long id_of(const Ctx& ctx) { return to_int(ctx.req.params.at("id"), "id"); }

Response results(Ctx& ctx) {
  auto p = paging(ctx.req);
  auto run = run_or_404(ctx, id_of(ctx));
  auto d = directory(ctx, run->record.year);
  // Only the page's rows become JSON (the filter and sort run over all of them).
  const auto rows = filtered(ctx, *run, *d);
  const auto total = static_cast<long long>(rows.size());
  const long long from = p.offset(total), to = std::min(total, from + p.size);
  json items = json::array();
  for (long long i = from; i < to; ++i) items.push_back(item(*run, *d, rows[static_cast<std::size_t>(i)]));
  json j = {{"total", total}, {"page", p.page}, {"size", p.size}, {"items", std::move(items)}};
  auto l = labels(*run);
  j["run_id"] = run->record.id;
  j["year"] = run->record.year;
  j["cohorts"] = json::array();
  for (auto& [id, label] : l.cohorts) j["cohorts"].push_back({{"id", id}, {"label", label}});
  j["indicators"] = json::array();
  for (auto& [id, label, unit] : l.indicators) j["indicators"].push_back({{"id", id}, {"label", label}, {"unit", unit}});
  return json_response(j);
}

Response results_xlsx(Ctx& ctx) {
  auto run = run_or_404(ctx, id_of(ctx));
  auto d = directory(ctx, run->record.year);
  auto rows = filtered(ctx, *run, *d);
  auto l = labels(*run);
  std::map<std::string, std::string> cohort_label(l.cohorts.begin(), l.cohorts.end());
  Table t;
  t.sheet = "评价结果";
  t.headers = {"排名", "统一社会信用代码", "企业名称", "评价分组", "镇街", "行业代码", "产业集群", "用地（亩）"};
  t.widths = {7, 22, 36, 18, 12, 10, 16, 12};
  for (auto& [id, label, unit] : l.indicators) {
    t.headers.push_back(unit.empty() ? label : fmt::format("{}（{}）", label, unit));
    t.headers.push_back(label + " 得分（分）");
  }
  for (const char* h : {"指标得分合计（分）", "总分（分）", "该组企业数", "档次", "分档依据"}) t.headers.push_back(h);
  auto num = [](const json& v) -> Cell { return v.is_number() ? Cell{v.get<double>()} : Cell{}; };
  auto str = [](const json& v) -> Cell { return v.is_string() ? Cell{v.get<std::string>()} : Cell{}; };
  for (const auto& r : rows) {
    json it = item(*run, *d, r);
    std::vector<Cell> row{num(it["rank"]), str(it["uscc"]), str(it["name"]),
                          Cell{cohort_label.count(it.value("cohort", "")) ? cohort_label[it.value("cohort", "")] : it.value("cohort", "")},
                          str(it["township"]), str(it["industry_code"]),
                          // the name the page shows (新能源及新型储能), not the taxonomy id
                          it["cluster"].is_string() ? Cell{d->cluster_name(it["cluster"].get<std::string>())} : Cell{},
                          num(it["land_mu"])};
    for (auto& [id, label, unit] : l.indicators) {
      const json& ind = it["indicators"].contains(id) ? it["indicators"][id] : json(nullptr);
      row.push_back(ind.is_object() ? num(ind["value"]) : Cell{});
      row.push_back(ind.is_object() ? num(ind["points"]) : Cell{});
    }
    for (const char* k : {"indicator_total", "total", "of"}) row.push_back(num(it[k]));
    row.push_back(str(it["class"]));
    row.push_back(str(it["class_rule"]));
    t.rows.push_back(std::move(row));
  }
  ctx.audit("export", json{{"route", "results.xlsx"}, {"run_id", run->record.id}, {"rows", rows.size()},
                           {"query", ctx.req.query}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return xlsx_download(ctx, fmt::format("评价结果-运行{}-{}.xlsx", run->record.id, run->record.year),
                       fmt::format("results-run{}-{}.xlsx", run->record.id, run->record.year),
                       [&](const std::string& path) { write_tables_xlsx(path, {t}); });
}

json nan_null(double v) { return std::isnan(v) ? json(nullptr) : json(v); }

}  // namespace

json explanation_json(const Ctx& ctx, long long run_id, const std::string& uscc) {
  if (!may_see(ctx, uscc)) not_found("该企业的评价结果", "result of this enterprise");
  auto run = run_or_404(ctx, run_id);
  auto ei = run->enterprise_index(uscc);
  if (!ei) not_found("该企业的评价结果", "result of this enterprise");
  const json& e = run->result["enterprises"][*ei];
  const std::string cohort_id = e.value("cohort", "");
  json j = {{"run_id", run->record.id}, {"year", run->record.year}, {"uscc", e["uscc"]}, {"name", e["name"]},
            {"cohort", cohort_id}, {"class", e["class"]}, {"total", e["total"]}, {"indicator_total", e["indicator_total"]},
            {"rank", e["rank"]}, {"of", cohort_size(*run, cohort_id)}, {"class_rule", e["class_rule"]},
            {"land_mu", e["land_mu"]}, {"special", e["special"]}, {"adjustments", e.value("adjustments", json::array())}};
  for (const auto& c : run->result["cohorts"])
    if (c.value("id", "") == cohort_id) j["cohort_label"] = c.value("label", "");
  j["indicators"] = json::array();
  auto fi = run->frame_index(uscc);
  if (run->replay && fi && run->scheme) {
    // Exact: the recomputed result (identical to the stored one) gives weight, benchmark and treatment.
    const auto& s = *run->scheme;
    const auto& r = run->replay->result;
    const int ci = r.cohort[*fi];
    if (ci >= 0) {
      const auto& coh = s.cohorts[static_cast<std::size_t>(ci)];
      for (std::size_t k = 0; k < coh.indicators.size(); ++k) {
        const auto ind = static_cast<std::size_t>(coh.indicators[k]);
        const auto& def = s.indicators[ind];
        j["indicators"].push_back({{"id", def.id}, {"label", def.label}, {"unit", def.unit},
                                   {"value", nan_null(r.value[ind][*fi])},
                                   {"benchmark", nan_null(r.cohorts[static_cast<std::size_t>(ci)].benchmark[k])},
                                   {"benchmark_rule", evaluation::benchmark_label(coh.benchmarks[k])},
                                   {"points", nan_null(r.points[ind][*fi])}, {"weight", coh.weights[k]},
                                   {"treatment", std::string(evaluation::treatment_label(r.treatment[ind][*fi]))}});
      }
    }
    j["explanation"] = evaluation::explain_lines(s, run->replay->frame, r, *fi);
    j["exact"] = true;
  } else {
    // From the stored result alone (the data or the scheme changed since the run).
    json bench = json::object();
    for (const auto& c : run->result["cohorts"])
      if (c.value("id", "") == cohort_id) bench = c.value("benchmarks", json::object());
    const json indicators = e.value("indicators", json::object());
    for (auto& [k, v] : indicators.items()) {
      std::string label = k, unit;
      std::optional<double> weight;
      if (run->scheme) {
        for (const auto& def : run->scheme->indicators)
          if (def.id == k) label = def.label, unit = def.unit;
      }
      j["indicators"].push_back({{"id", k}, {"label", label}, {"unit", unit}, {"value", v},
                                 {"benchmark", bench.contains(k) ? bench[k] : json(nullptr)},
                                 {"points", e["points"].contains(k) ? e["points"][k] : json(nullptr)},
                                 {"weight", nullptr}, {"treatment", nullptr}});
    }
    j["explanation"] = json::array();
    j["exact"] = false;
  }
  return j;
}

namespace {

Response explanation(Ctx& ctx) { return json_response(explanation_json(ctx, id_of(ctx), ctx.req.params.at("uscc"))); }

}  // namespace

void add_result_routes(Router& r) {
  r.add("GET", "/api/runs/{id}/results", Permission::read_own, results);
  r.add("GET", "/api/runs/{id}/results.xlsx", Permission::export_data, results_xlsx);
  r.add("GET", "/api/runs/{id}/results/{uscc}", Permission::read_own, explanation);
}

}  // namespace mujun::server::api
