// GET /api/runs, POST /api/runs (evaluate and store: service::evaluate_and_store, as `mujun evaluate`),
// POST /api/runs/{id}/publish (公示 window of N days), POST /api/runs/{id}/freeze (final).
#include <fmt/format.h>

#include "evaluation/engine.h"
#include "server/api_areas.h"
#include "server/api_common.h"
#include "server/api_publication.h"
#include "server/api_xlsx.h"
#include "service/evaluate.h"
#include "service/schemes.h"

namespace mujun::server::api {

namespace {

nlohmann::json summary(const Ctx& ctx, const service::LoadedRun& run) {
  const auto& rec = run.record;
  const auto& res = run.result;
  nlohmann::json counts = {{"A", 0}, {"B", 0}, {"C", 0}, {"D", 0}, {"T", 0}};
  nlohmann::json cohorts = nlohmann::json::array();
  for (const auto& c : res.value("cohorts", nlohmann::json::array())) {
    const nlohmann::json cc = c.value("counts", nlohmann::json::object());
    for (auto& [k, v] : cc.items()) counts[k] = counts.value(k, 0) + v.get<int>();
    cohorts.push_back({{"id", c.value("id", "")}, {"label", c.value("label", "")}, {"members", c.value("members", 0)},
                       {"counts", c.value("counts", nlohmann::json::object())}});
  }
  const auto& scheme = res.value("scheme", nlohmann::json::object());
  if (ctx.user && ctx.user->is_enterprise()) {
    // An enterprise account sees its own row only (api/results): no zone-wide counts, sizes or warnings.
    for (auto& c : cohorts) {
      c.erase("members");
      c.erase("counts");
    }
    return {{"id", rec.id},
            {"year", rec.year},
            {"scheme_id", rec.scheme_name},
            {"scheme_name", scheme.value("name", rec.scheme_name)},
            {"created_at", rec.created_at},
            {"cohorts", cohorts},
            {"publication", publication_json(ctx, rec.id)}};
  }
  // The re-runs of this run's upheld objections: a run that has any is not to be frozen (freeze()).
  nlohmann::json reruns = nlohmann::json::array();
  for (const auto& o : ctx.platform.objections(rec.id))
    if (o.status == "upheld" && o.new_run_id) reruns.push_back(o.new_run_id);
  return {{"id", rec.id},
          {"year", rec.year},
          {"scheme_id", rec.scheme_name},
          {"scheme_name", scheme.value("name", rec.scheme_name)},
          {"superseded_by", reruns},
          {"scheme_sha256", rec.scheme_sha256},
          {"snapshot_sha256", rec.snapshot_sha256},
          {"created_at", rec.created_at},
          {"firms", res.value("enterprises", nlohmann::json::array()).size()},
          {"not_evaluated", res.value("not_evaluated", 0)},
          {"counts", counts},
          {"cohorts", cohorts},
          {"warnings", res.value("warnings", nlohmann::json::array())},
          {"publication", publication_json(ctx, rec.id)}};
}

Response list(Ctx& ctx) {
  nlohmann::json out = nlohmann::json::array();
  auto recs = ctx.store.runs("evaluation");
  for (auto it = recs.rbegin(); it != recs.rend(); ++it) {
    if (!run_visible(ctx, it->id)) continue;
    out.push_back(summary(ctx, *run_or_404(ctx, it->id)));
  }
  return json_response(out);
}

// The runs table as the dashboard shows it: zone accounts get the runs page's table (class counts,
// publication); an enterprise account the "本企业评价结果" table of its objections page — the runs it may
// see (published ones) with its own total, rank and class, never a zone-wide count.
Response list_xlsx(Ctx& ctx) {
  Table t;
  t.sheet = "评价批次";
  const std::string own = own_uscc(ctx);
  if (own.empty())
    t.headers = {"批次", "年份", "评价办法", "评价办法编号", "时间", "参评企业（家）", "A 优先发展", "B 鼓励提升", "C 监管调控",
                 "D 落后整治", "T 只评价不分档", "未参评（家）", "公示", "公示开始", "公示截止"};
  else
    t.headers = {"批次", "年份", "评价办法", "时间", "公示", "公示截止", "评价分组", "综合得分（分）", "排名", "该组企业数",
                 "档次"};
  t.widths = {8, 8, 28, 20, 18, 12, 10, 10, 10, 10, 12, 12, 10, 18, 18};
  auto recs = ctx.store.runs("evaluation");
  for (auto it = recs.rbegin(); it != recs.rend(); ++it) {
    if (!run_visible(ctx, it->id)) continue;
    auto run = run_or_404(ctx, it->id);
    const auto s = summary(ctx, *run);
    const auto& p = s["publication"];
    const std::string status = p.is_object() ? p.value("status", "") : "";
    std::vector<Cell> row{static_cast<double>(it->id), static_cast<double>(it->year), cell_text(s["scheme_name"])};
    if (own.empty()) {
      row.push_back(cell_text(s["scheme_id"]));
      row.push_back(beijing_time(s.value("created_at", "")));
      row.push_back(cell_number(s["firms"]));
      for (const char* k : {"A", "B", "C", "D", "T"}) row.push_back(cell_number(s["counts"][k]));
      row.push_back(cell_number(s["not_evaluated"]));
      row.push_back(publication_label(status));
      row.push_back(p.is_object() ? Cell{beijing_time(p.value("opens_at", ""))} : Cell{});
      row.push_back(p.is_object() ? Cell{beijing_time(p.value("closes_at", ""))} : Cell{});
    } else {
      row.push_back(beijing_time(s.value("created_at", "")));
      row.push_back(publication_label(status));
      row.push_back(p.is_object() ? Cell{beijing_time(p.value("closes_at", ""))} : Cell{});
      if (auto e = run->enterprise_index(own)) {
        const auto& r = run->result["enterprises"][*e];
        std::string cohort = r.value("cohort", ""), label = cohort;
        double of = 0;
        for (const auto& c : run->result["cohorts"])
          if (c.value("id", "") == cohort) label = c.value("label", cohort), of = c.value("members", 0);
        row.insert(row.end(), {label, cell_number(r["total"]), cell_number(r["rank"]), of,
                               r["class"].is_string() ? Cell{class_label(r["class"].get<std::string>())} : Cell{}});
      }
    }
    t.rows.push_back(std::move(row));
  }
  ctx.audit("export", nlohmann::json{{"route", "runs.xlsx"}, {"rows", t.rows.size()}}.dump());
  return xlsx_download(ctx, "评价批次.xlsx", "runs.xlsx", [&](const std::string& path) { write_tables_xlsx(path, {t}); });
}

Response create(Ctx& ctx) {
  auto b = body_object(ctx);
  if (!b.contains("year") || !b["year"].is_number_integer() || !b.contains("scheme") || !b["scheme"].is_string())
    throw ApiError(400, "bad_request", "请求体应为 {\"year\": 2024, \"scheme\": \"chongqing-default\"} / body: {year, scheme}");
  int year = b["year"].get<int>();
  std::string scheme_id = b["scheme"].get<std::string>();
  auto info = service::find_scheme(schemes_dir(ctx), scheme_id);
  if (!info) not_found(fmt::format("评价办法 {}", scheme_id), fmt::format("scheme {}", scheme_id));
  std::vector<std::string> warnings;
  service::Evaluation e;
  try {
    e = service::evaluate_and_store(ctx.store, year, info->file, [&](const std::string& w) { warnings.push_back(w); });
  } catch (const service::MissingYear& m) {
    throw ApiError(400, "invalid_input",
                   m.previous ? fmt::format("评价办法 {} 以上一年均值为基准，但没有 {} 年的数据；请先导入 / the scheme needs "
                                            "{} data", m.scheme_id, m.needed, m.needed)
                              : fmt::format("没有 {} 年的数据；请先导入 / no data for {}", m.needed, m.needed));
  } catch (const evaluation::SchemeError& se) {
    nlohmann::json details = nlohmann::json::array();
    for (const auto& i : se.issues)
      details.push_back({{"file", i.file}, {"row", i.row}, {"column", i.column}, {"value", i.raw_value}, {"message", i.message}});
    Response r = json_response({{"error", {{"code", "invalid_input"},
                                           {"message", "评价办法有错误 / the scheme has errors"}, {"details", details}}}}, 400);
    return r;
  } catch (const evaluation::EvaluationError& ee) {
    throw ApiError(400, "invalid_input", ee.what());
  }
  ctx.audit("evaluate", nlohmann::json{{"run_id", e.run_id}, {"year", year}, {"scheme", scheme_id},
                                       {"scheme_sha256", e.provenance.scheme_sha256}}.dump());
  auto run = run_or_404(ctx, e.run_id);
  auto j = summary(ctx, *run);
  j["notes"] = warnings;
  return json_response(j, 201);
}

long long run_id(const Ctx& ctx) { return to_int(ctx.req.params.at("id"), "id"); }

Response publish(Ctx& ctx) {
  long long id = run_id(ctx);
  run_or_404(ctx, id);
  auto b = body_object(ctx);
  if (!b.contains("days") || !b["days"].is_number_integer() || b["days"].get<long long>() < 1 || b["days"].get<long long>() > 90)
    throw ApiError(400, "bad_request", "days 应为 1 到 90 的整数（公示天数）/ days must be an integer 1..90");
  int days = b["days"].get<int>();
  if (auto st = publication_status(ctx, id))
    throw ApiError(409, "conflict", *st == "frozen" ? "该评价已定稿，不能再次公示 / the run is frozen and cannot be published again"
                                                    : "该评价已公示 / the run is already published");
  store::PublicationRecord p;
  p.run_id = id;
  p.opens_at = now_iso();
  p.closes_at = now_iso(days);
  p.status = "open";
  p.published_by = ctx.user->name;
  ctx.platform.publish(p);
  ctx.audit("publish", nlohmann::json{{"run_id", id}, {"days", days}, {"closes_at", p.closes_at}}.dump());
  return json_response(publication_json(ctx, id));
}

// POST /api/runs/{id}/freeze [{"force": true}]: refused (409) before publication, when already frozen,
// while the 公示 window is still open (unless an admin sends force, audited with force: true), while an
// objection is open, and when an objection to this run was upheld with a re-run (the re-run is the one
// to publish and freeze).
Response freeze(Ctx& ctx) {
  long long id = run_id(ctx);
  run_or_404(ctx, id);
  bool force = false;
  if (ctx.req.body.find_first_not_of(" \t\r\n") != std::string::npos) {
    auto b = body_object(ctx);
    if (b.contains("force")) {
      if (!b["force"].is_boolean()) throw ApiError(400, "bad_request", "force 应为 true 或 false / force must be a boolean");
      force = b["force"].get<bool>();
    }
  }
  auto st = publication_status(ctx, id);
  if (!st) throw ApiError(409, "conflict", "该评价尚未公示，不能定稿 / publish the run before freezing it");
  if (*st == "frozen") throw ApiError(409, "conflict", "该评价已定稿 / the run is already frozen");
  for (const auto& o : ctx.platform.objections(id))
    if (o.status == "upheld" && o.new_run_id)
      throw ApiError(409, "conflict",
                     fmt::format("该评价的异议已被采纳并重新评价为 #{}，请公示并定稿新的评价 / objection #{} was upheld "
                                 "with re-run #{}: publish and freeze that run instead",
                                 o.new_run_id, o.id, o.new_run_id));
  long open = 0;
  for (const auto& o : ctx.platform.objections(id))
    if (o.status == "open") ++open;
  if (open)
    throw ApiError(409, "conflict", fmt::format("尚有 {} 件异议未处理，处理后才能定稿 / {} objection(s) still open", open, open));
  if (*st == "open") {
    const auto p = ctx.platform.publication(id);
    const std::string closes = p ? beijing_time(p->closes_at) : "";
    if (!force)
      throw ApiError(409, "conflict",
                     fmt::format("公示期至 {} 结束，之前不能定稿（管理员可用 force 强制定稿，将记入审计）/ the publication "
                                 "window is open until {} (Beijing time); it cannot be frozen before (an admin may "
                                 "send {{\"force\": true}}, audited)", closes, closes));
    if (ctx.user->role != "admin")
      throw ApiError(403, "forbidden", "只有管理员可以在公示期内强制定稿 / only an admin may freeze during the window");
  }
  const bool forced = *st == "open";
  ctx.platform.set_publication_status(id, "frozen", now_iso());
  nlohmann::json detail{{"run_id", id}};
  if (forced) detail["force"] = true;
  ctx.audit("freeze", detail.dump());
  return json_response(publication_json(ctx, id));
}

}  // namespace

void add_run_routes(Router& r) {
  r.add("GET", "/api/runs", Permission::read_own, list);
  r.add("GET", "/api/runs.xlsx", Permission::export_data, list_xlsx);
  r.add("POST", "/api/runs", Permission::evaluate, create);
  r.add("POST", "/api/runs/{id}/publish", Permission::publish, publish);
  r.add("POST", "/api/runs/{id}/freeze", Permission::publish, freeze);
}

}  // namespace mujun::server::api
