// Objections (异议) to a published run: GET /api/objections, POST /api/objections {run_id, reason},
// POST /api/objections/{id}/attachments?file=NAME, GET /api/objections/{id}/attachments/{aid},
// POST /api/objections/{id}/resolve {action: reject|uphold, resolution, new_run_id}.
// State machine: a run's window must be "open" to file an objection or attach to one; an objection is
// "open" until resolved ("rejected" with a reason, or "upheld" with the corrections made and a later
// re-run new_run_id of the same year and the same scheme — id and text hash; 409 otherwise); freezing
// refuses while objections are open and once one was upheld (the re-run is to be published and frozen,
// api_runs.cpp). Limits: 3 open objections per enterprise and run (409), 5 attachments (409) and 20 MiB
// in all (413) per objection, 10 MiB per file (413). An enterprise account files for its own
// USCC (from the account, never from the body) and sees only its own objections and attachments.
#include <algorithm>

#include <fmt/format.h>

#include "domain/sha256.h"
#include "server/api_areas.h"
#include "server/api_common.h"
#include "server/api_publication.h"
#include "server/api_xlsx.h"
#include "server/multipart.h"
#include "store/platform.h"

namespace mujun::server::api {

namespace {

using nlohmann::json;

constexpr std::size_t kAttachmentLimit = 10u << 20;        // 10 MiB per file (contract)
constexpr std::size_t kAttachmentTotalLimit = 20u << 20;   // 20 MiB per objection, all files
constexpr std::size_t kAttachmentsPerObjection = 5;
constexpr long kOpenObjectionsPerRun = 3;                  // open objections per enterprise and run

json attachment_json(const store::AttachmentRecord& a) {
  return {{"id", a.id}, {"file_name", a.file_name}, {"content_type", a.content_type}, {"sha256", a.sha256}};
}

// The objecting enterprise's name as the run evaluated it (null when the run is not visible or lacks it).
json enterprise_name(const Ctx& ctx, const store::ObjectionRecord& o) {
  if (!run_visible(ctx, o.run_id)) return nullptr;
  auto run = run_or_404(ctx, o.run_id);
  auto i = run->enterprise_index(o.uscc);
  return i ? run->result["enterprises"][*i].value("name", json(nullptr)) : json(nullptr);
}

// For an upheld objection: the publication status of its re-run ("unpublished" | "open" | "closed" |
// "frozen"), so the objecting enterprise is told it sees the corrected result once the re-run is
// published; null otherwise.
json new_run_status(const Ctx& ctx, const store::ObjectionRecord& o) {
  if (o.status != "upheld" || !o.new_run_id) return nullptr;
  auto st = publication_status(ctx, o.new_run_id);
  return st ? json(*st) : json("unpublished");
}

json objection_json(const Ctx& ctx, const store::ObjectionRecord& o) {
  json atts = json::array();
  for (const auto& a : ctx.platform.attachments(o.id)) atts.push_back(attachment_json(a));
  return {{"id", o.id}, {"run_id", o.run_id}, {"uscc", o.uscc}, {"enterprise_name", enterprise_name(ctx, o)},
          {"filed_by", o.filed_by}, {"reason", o.reason},
          {"filed_at", o.filed_at}, {"status", o.status}, {"resolved_by", o.resolved_by},
          {"resolution", o.resolution}, {"resolved_at", o.resolved_at},
          {"new_run_id", o.new_run_id ? json(o.new_run_id) : json(nullptr)},
          {"new_run_status", new_run_status(ctx, o)}, {"attachments", atts}};
}

// The objection `id` if the account may see it; 404 otherwise (another enterprise's: as if absent).
store::ObjectionRecord objection_or_404(const Ctx& ctx, long long id) {
  auto o = ctx.platform.objection(id);
  if (!o || !may_see(ctx, o->uscc)) not_found(fmt::format("异议 {}", id), fmt::format("objection {}", id));
  return *o;
}

void require_open_window(const Ctx& ctx, long long run_id) {
  auto st = publication_status(ctx, run_id);
  if (!st || *st != "open")
    throw ApiError(409, "conflict",
                   !st ? "该评价未公示，不能提出异议 / the run is not published"
                       : *st == "frozen" ? "该评价已定稿，不再受理异议 / the run is frozen"
                                         : "公示期已结束，不再受理异议 / the publication window is closed");
}

// The objections a request lists: ?run_id= and ?status= (open|rejected|upheld), an enterprise account's
// own only — the same for the JSON list and its export.
std::vector<store::ObjectionRecord> listed(const Ctx& ctx) {
  long long run_id = ctx.req.q("run_id").empty() ? 0 : to_int(ctx.req.q("run_id"), "run_id");
  std::string status = ctx.req.q("status");
  std::string own = own_uscc(ctx);
  std::vector<store::ObjectionRecord> out;
  for (auto& o : ctx.platform.objections(run_id, own)) {
    if (!own.empty() && o.uscc != own) continue;
    if (!status.empty() && o.status != status) continue;
    out.push_back(std::move(o));
  }
  return out;
}

Response list(Ctx& ctx) {
  json out = json::array();
  for (const auto& o : listed(ctx)) out.push_back(objection_json(ctx, o));
  return json_response(out);
}

Response list_xlsx(Ctx& ctx) {
  auto os = listed(ctx);
  Table t;
  t.sheet = "异议";
  t.headers = {"编号", "评价批次", "统一社会信用代码", "企业名称", "异议理由", "证明材料", "提交人", "提交时间", "状态", "处理人",
               "处理意见", "重新评价批次", "处理时间"};
  t.widths = {8, 10, 22, 32, 50, 28, 12, 18, 10, 12, 40, 12, 18};
  for (const auto& o : os) {
    std::string files;
    for (const auto& a : ctx.platform.attachments(o.id)) files += (files.empty() ? "" : "、") + a.file_name;
    t.rows.push_back({static_cast<double>(o.id), static_cast<double>(o.run_id), o.uscc, cell_text(enterprise_name(ctx, o)), o.reason, files, o.filed_by,
                      beijing_time(o.filed_at), objection_label(o.status), o.resolved_by, o.resolution,
                      o.new_run_id ? Cell{static_cast<double>(o.new_run_id)} : Cell{},
                      o.resolved_at.empty() ? Cell{} : Cell{beijing_time(o.resolved_at)}});
  }
  ctx.audit("export", json{{"route", "objections.xlsx"}, {"rows", t.rows.size()}, {"query", ctx.req.query}}.dump());
  return xlsx_download(ctx, "异议.xlsx", "objections.xlsx", [&](const std::string& path) { write_tables_xlsx(path, {t}); });
}

Response file(Ctx& ctx) {
  auto b = body_object(ctx);
  if (!b.contains("run_id") || !b["run_id"].is_number_integer() || !b.contains("reason") || !b["reason"].is_string())
    throw ApiError(400, "bad_request", "请求体应为 {\"run_id\": N, \"reason\": \"…\"} / body: {run_id, reason}");
  long long run_id = b["run_id"].get<long long>();
  std::string reason = b["reason"].get<std::string>();
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos || reason.size() > 8000)
    throw ApiError(400, "bad_request", "请写明异议理由（不超过 8000 字节）/ give a reason (≤ 8000 bytes)");
  std::string uscc = own_uscc(ctx);
  if (uscc.empty()) {  // a zone account filing on an enterprise's behalf names it
    if (!b.contains("uscc") || !b["uscc"].is_string())
      throw ApiError(400, "bad_request", "请给出企业的统一社会信用代码 uscc / give the enterprise's uscc");
    uscc = b["uscc"].get<std::string>();
  }
  auto run = run_or_404(ctx, run_id);
  if (!run->enterprise_index(uscc)) not_found("该企业在此次评价中的结果", "this enterprise's result in the run");
  require_open_window(ctx, run_id);
  long open = 0;
  for (const auto& x : ctx.platform.objections(run_id, uscc))
    if (x.uscc == uscc && x.status == "open") ++open;
  if (open >= kOpenObjectionsPerRun)
    throw ApiError(409, "conflict",
                   fmt::format("该企业对此次评价已有 {} 件异议待处理（每家企业至多 {} 件），请在已有异议中补充说明或等待处理 / "
                               "this enterprise already has {} open objections to the run (at most {})",
                               open, kOpenObjectionsPerRun, open, kOpenObjectionsPerRun));
  store::ObjectionRecord o;
  o.run_id = run_id;
  o.uscc = uscc;
  o.filed_by = ctx.user->name;
  o.reason = reason;
  o.filed_at = now_iso();
  o.status = "open";
  o.id = ctx.platform.add_objection(o);
  ctx.audit("objection_file", json{{"objection_id", o.id}, {"run_id", run_id}, {"uscc", uscc}}.dump());
  return json_response(objection_json(ctx, o), 201);
}

std::string lower_ext(const std::string& name) {
  auto dot = name.rfind('.');
  std::string e = dot == std::string::npos ? "" : name.substr(dot + 1);
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return e;
}

// Content type of an allowed attachment whose first bytes match its extension; "" otherwise.
std::string attachment_type(const std::string& ext, const std::string& bytes) {
  auto starts = [&](std::string_view m) { return bytes.compare(0, m.size(), m) == 0; };
  if (ext == "pdf" && starts("%PDF-")) return "application/pdf";
  if (ext == "png" && starts("\x89PNG\r\n\x1a\n")) return "image/png";
  if ((ext == "jpg" || ext == "jpeg") && starts("\xFF\xD8\xFF")) return "image/jpeg";
  if (ext == "xlsx" && starts("PK\x03\x04")) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (ext == "docx" && starts("PK\x03\x04"))
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  return "";
}

Response attach(Ctx& ctx) {
  auto o = objection_or_404(ctx, to_int(ctx.req.params.at("id"), "id"));
  if (o.status != "open") throw ApiError(409, "conflict", "该异议已处理，不能再添加附件 / the objection is resolved");
  require_open_window(ctx, o.run_id);
  std::string name = ctx.req.q("file"), bytes;
  if (auto boundary = multipart_boundary(ctx.req.header("content-type"))) {
    try {
      auto f = multipart_file(ctx.req.body, *boundary);
      if (name.empty()) name = f.file_name;
      bytes = std::move(f.bytes);
    } catch (const std::invalid_argument& e) {
      throw ApiError(400, "bad_request", e.what());
    }
  } else {
    bytes = ctx.req.body;
  }
  auto slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  if (name.empty() || name.size() > 200) throw ApiError(400, "bad_request", "请用 ?file=文件名 给出附件名 / give ?file=NAME");
  if (bytes.size() > kAttachmentLimit) throw ApiError(413, "too_large", "附件不能超过 10 MiB / attachments are limited to 10 MiB");
  if (bytes.empty()) throw ApiError(400, "bad_request", "附件是空的 / the attachment is empty");
  const auto existing = ctx.platform.attachments(o.id);
  if (existing.size() >= kAttachmentsPerObjection)
    throw ApiError(409, "conflict",
                   fmt::format("每件异议至多 {} 个附件（已有 {} 个）/ at most {} attachments per objection ({} already)",
                               kAttachmentsPerObjection, existing.size(), kAttachmentsPerObjection, existing.size()));
  std::size_t total = bytes.size();
  for (const auto& x : existing)  // the list carries no bytes: read each stored file (≤ 5)
    if (auto full = ctx.platform.attachment(x.id)) total += full->bytes.size();
  if (total > kAttachmentTotalLimit)
    throw ApiError(413, "too_large",
                   fmt::format("每件异议的附件合计不能超过 20 MiB（加上此文件共 {:.1f} MiB）/ the attachments of one "
                               "objection are limited to 20 MiB in all (with this file {:.1f} MiB)",
                               total / 1048576.0, total / 1048576.0));
  std::string type = attachment_type(lower_ext(name), bytes);
  if (type.empty())
    throw ApiError(400, "bad_request", "附件应为 PDF、PNG、JPG、XLSX 或 DOCX，且内容与扩展名一致 / attachments: pdf, png, jpg, "
                                       "xlsx, docx (content must match the extension)");
  store::AttachmentRecord a;
  a.objection_id = o.id;
  a.file_name = name;
  a.content_type = type;
  a.sha256 = sha256_hex(bytes);
  a.bytes = std::move(bytes);
  a.id = ctx.platform.add_attachment(a);
  ctx.audit("objection_attach", json{{"objection_id", o.id}, {"attachment_id", a.id}, {"file", name}, {"sha256", a.sha256}}.dump());
  return json_response(attachment_json(a), 201);
}

Response download(Ctx& ctx) {
  auto o = objection_or_404(ctx, to_int(ctx.req.params.at("id"), "id"));
  long long aid = to_int(ctx.req.params.at("aid"), "aid");
  auto a = ctx.platform.attachment(aid);
  if (!a || a->objection_id != o.id) not_found(fmt::format("附件 {}", aid), fmt::format("attachment {}", aid));
  return file_response(std::move(a->bytes), a->content_type, a->file_name,
                       fmt::format("objection{}-attachment{}.{}", o.id, aid, lower_ext(a->file_name)));
}

Response resolve(Ctx& ctx) {
  auto o = objection_or_404(ctx, to_int(ctx.req.params.at("id"), "id"));
  auto b = body_object(ctx);
  std::string action = b.value("action", "");
  std::string resolution = b.contains("resolution") && b["resolution"].is_string() ? b["resolution"].get<std::string>() : "";
  if (action != "reject" && action != "uphold")
    throw ApiError(400, "bad_request", "action 应为 reject 或 uphold / action must be reject or uphold");
  if (o.status != "open") throw ApiError(409, "conflict", "该异议已处理 / the objection is already resolved");
  if (publication_status(ctx, o.run_id) == std::optional<std::string>("frozen"))
    throw ApiError(409, "conflict", "该评价已定稿 / the run is frozen");
  long long new_run = 0;
  if (resolution.find_first_not_of(" \t\r\n") == std::string::npos)
    throw ApiError(400, "bad_request", action == "reject"
                                           ? "驳回须写明理由 resolution / a rejection needs a reason"
                                           : "采纳须写明更正了哪些数据 resolution / an uphold needs the corrections made");
  if (action == "uphold") {
    if (!b.contains("new_run_id") || !b["new_run_id"].is_number_integer())
      throw ApiError(400, "bad_request", "采纳须给出修正数据后重新评价的运行 new_run_id / uphold needs the re-run's new_run_id");
    new_run = b["new_run_id"].get<long long>();
    auto old_run = run_or_404(ctx, o.run_id);
    auto nr = ctx.store.run(new_run);
    if (!nr || nr->kind != "evaluation") not_found(fmt::format("评价运行 {}", new_run), fmt::format("run {}", new_run));
    const auto& old_rec = old_run->record;
    if (new_run <= o.run_id)
      throw ApiError(409, "conflict", fmt::format("重新评价 #{} 应在原评价 #{} 之后 / the re-run #{} must be later than run #{}",
                                                  new_run, o.run_id, new_run, o.run_id));
    if (nr->year != old_rec.year)
      throw ApiError(409, "conflict", fmt::format("重新评价 #{} 是 {} 年的，原评价 #{} 是 {} 年的 / the re-run #{} is of {}, "
                                                  "run #{} of {}", new_run, nr->year, o.run_id, old_rec.year, new_run,
                                                  nr->year, o.run_id, old_rec.year));
    if (nr->scheme_name != old_rec.scheme_name || nr->scheme_sha256 != old_rec.scheme_sha256)
      throw ApiError(409, "conflict",
                     fmt::format("重新评价 #{} 所用评价办法（{}，{}）与原评价 #{}（{}，{}）不同；采纳异议须按同一评价办法更正数据后重新"
                                 "评价 / the re-run #{} used scheme {} ({}), run #{} used {} ({}): re-run with the same scheme",
                                 new_run, nr->scheme_name, nr->scheme_sha256.substr(0, 12), o.run_id, old_rec.scheme_name,
                                 old_rec.scheme_sha256.substr(0, 12), new_run, nr->scheme_name,
                                 nr->scheme_sha256.substr(0, 12), o.run_id, old_rec.scheme_name,
                                 old_rec.scheme_sha256.substr(0, 12)));
  }
  const std::string status = action == "reject" ? "rejected" : "upheld";
  ctx.platform.resolve_objection(o.id, status, ctx.user->name, resolution, now_iso(), new_run);
  ctx.audit("objection_resolve", json{{"objection_id", o.id}, {"run_id", o.run_id}, {"uscc", o.uscc},
                                      {"status", status}, {"new_run_id", new_run}}.dump());
  return json_response(objection_json(ctx, *ctx.platform.objection(o.id)));
}

}  // namespace

void add_objection_routes(Router& r) {
  r.add("GET", "/api/objections", Permission::read_own, list);
  r.add("GET", "/api/objections.xlsx", Permission::export_data, list_xlsx);
  r.add("POST", "/api/objections", Permission::object, file);
  r.add("POST", "/api/objections/{id}/attachments", Permission::object, attach);
  r.add("GET", "/api/objections/{id}/attachments/{aid}", Permission::read_own, download);
  r.add("POST", "/api/objections/{id}/resolve", Permission::resolve, resolve);
}

}  // namespace mujun::server::api
