// GET /api/imports, GET /api/imports/{id}, POST /api/imports (upload: raw body or multipart/form-data),
// GET /api/imports/{id}/rejects.xlsx (rows rejected by a stored batch), GET /api/uploads/{id}/rejects.xlsx
// (rows of a refused, unstored upload: kept in memory, the last 20 uploads).
#include <list>
#include <mutex>
#include <random>

#include <fmt/format.h>

#include "ingest/importer.h"
#include "server/api_areas.h"
#include "server/api_common.h"
#include "server/api_xlsx.h"
#include "server/multipart.h"
#include "service/imports.h"
#include "store/store.h"

namespace mujun::server::api {

namespace {

using nlohmann::json;

json batch_json(const store::BatchRecord& b) {
  return {{"id", b.id}, {"file", b.file}, {"sha256", b.sha256}, {"source", b.source}, {"year", b.year},
          {"rows_total", b.rows_total}, {"rows_accepted", b.rows_accepted}, {"rows_rejected", b.rows_rejected},
          {"warnings", b.warnings}, {"imported_at", b.imported_at}};
}

// Uploads refused without being stored: their report and rejected rows, newest first, at most 20.
struct UploadEntry {
  std::string id, file;
  json report;
  std::vector<ingest::RejectedRow> rejected;
};
std::mutex uploads_mu;
std::list<std::shared_ptr<const UploadEntry>> uploads;

std::string remember(UploadEntry e) {
  std::random_device rd;
  e.id = fmt::format("{:08x}{:08x}{:08x}{:08x}", rd(), rd(), rd(), rd());
  std::lock_guard<std::mutex> lock(uploads_mu);
  uploads.push_front(std::make_shared<const UploadEntry>(std::move(e)));
  if (uploads.size() > 20) uploads.pop_back();
  return uploads.front()->id;
}

std::shared_ptr<const UploadEntry> recall(const std::string& id) {
  std::lock_guard<std::mutex> lock(uploads_mu);
  for (auto it = uploads.begin(); it != uploads.end(); ++it)
    if ((*it)->id == id) {
      auto e = *it;
      uploads.erase(it);
      uploads.push_front(e);  // least recently used goes first
      return e;
    }
  return nullptr;
}

Table rejected_rows_table(const std::vector<ingest::RejectedRow>& rows, const std::string& file) {
  Table t;
  t.sheet = "被拒绝的行";
  std::size_t width = 0;
  for (const auto& r : rows) width = std::max({width, r.cells.size(), r.header.size()});
  t.headers = {"文件", "工作表", "行号"};
  const std::vector<std::string>* header = rows.empty() ? nullptr : &rows.front().header;
  for (std::size_t c = 0; c < width; ++c)
    t.headers.push_back(header && c < header->size() && !(*header)[c].empty() ? (*header)[c] : fmt::format("第{}列", c + 1));
  for (const char* h : {"错误列", "错误值", "错误代码", "原因"}) t.headers.push_back(h);
  t.widths.assign(t.headers.size(), 16);
  t.widths.back() = 60;
  for (const auto& r : rows) {
    std::vector<Cell> row{file, r.sheet, static_cast<double>(r.row)};
    for (std::size_t c = 0; c < width; ++c) row.push_back(c < r.cells.size() ? Cell{r.cells[c]} : Cell{});
    std::string cols, vals, codes, msgs;
    for (const auto& e : r.errors) {
      auto add = [](std::string& s, const std::string& v) { s += (s.empty() ? "" : "；") + v; };
      add(cols, e.column), add(vals, e.raw_value), add(codes, e.code), add(msgs, e.message);
    }
    for (auto* s : {&cols, &vals, &codes, &msgs}) row.push_back(*s);
    t.rows.push_back(std::move(row));
  }
  return t;
}

Response list(Ctx& ctx) {
  json out = json::array();
  auto bs = ctx.store.batches();
  for (auto it = bs.rbegin(); it != bs.rend(); ++it) out.push_back(batch_json(*it));
  return json_response(out);
}

std::optional<store::BatchRecord> batch(const Ctx& ctx, long long id) {
  for (auto& b : ctx.store.batches())
    if (b.id == id) return b;
  return std::nullopt;
}

// The batches table of the imports page.
Response list_xlsx(Ctx& ctx) {
  refuse_enterprise(ctx);
  Table t;
  t.sheet = "导入批次";
  t.headers = {"批次", "文件", "来源", "年份", "导入时间", "总行数", "接受（行）", "拒绝（行）", "警告（条）", "SHA-256"};
  t.widths = {8, 36, 12, 8, 18, 10, 10, 10, 10, 66};
  auto bs = ctx.store.batches();
  for (auto it = bs.rbegin(); it != bs.rend(); ++it) {
    std::string file = it->file.substr(it->file.find_last_of('/') == std::string::npos ? 0 : it->file.find_last_of('/') + 1);
    t.rows.push_back({static_cast<double>(it->id), file, it->source, it->year ? Cell{static_cast<double>(it->year)} : Cell{},
                      beijing_time(it->imported_at), static_cast<double>(it->rows_total),
                      static_cast<double>(it->rows_accepted), static_cast<double>(it->rows_rejected),
                      static_cast<double>(it->warnings), it->sha256});
  }
  ctx.audit("export", json{{"route", "imports.xlsx"}, {"rows", t.rows.size()}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return xlsx_download(ctx, "导入批次.xlsx", "imports.xlsx", [&](const std::string& path) { write_tables_xlsx(path, {t}); });
}

// The issues of an upload's report as the imports page lists them (report.files[].rejects, then
// .warnings): one row per issue, with the report's totals when it lists fewer than it counted.
Table report_issues_table(const json& report) {
  Table t;
  t.sheet = "问题清单";
  t.headers = {"文件", "类别", "工作表", "行号", "列", "值", "代码", "问题"};
  t.widths = {28, 8, 14, 8, 22, 22, 18, 70};
  for (const auto& f : report.value("files", json::array())) {
    std::string file = f.value("file", "");
    if (auto slash = file.find_last_of('/'); slash != std::string::npos) file = file.substr(slash + 1);
    static const std::pair<const char*, const char*> kinds[] = {{"rejects", "拒绝"}, {"warnings", "警告"}};
    for (const auto& [key, kind] : kinds)
      for (const auto& i : f.value(key, json::array())) {
        const json row = i.value("row", json(nullptr));
        t.rows.push_back({file, std::string(kind), cell_text(i.value("sheet", json(nullptr))),
                          row.is_number() && row.get<long long>() > 0 ? cell_number(row) : Cell{},
                          cell_text(i.value("column", json(nullptr))), cell_text(i.value("value", json(nullptr))),
                          cell_text(i.value("code", json(nullptr))), cell_text(i.value("message", json(nullptr)))});
      }
  }
  return t;
}

Response upload_report_xlsx(Ctx& ctx) {
  // The route needs export_data; the report of an upload is the importers' (the imports page).
  if (!ctx.user->has(Permission::import_data))
    throw ApiError(403, "forbidden", "无权执行此操作 / forbidden for this account");
  auto e = recall(ctx.req.params.at("upload_id"));
  if (!e) not_found("该上传的报告（只保留最近 20 次有问题的上传）", "upload report (the last 20 uploads with issues are kept)");
  auto t = report_issues_table(e->report);
  ctx.audit("export", json{{"route", "uploads/report.xlsx"}, {"upload_id", e->id}, {"rows", t.rows.size()}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return xlsx_download(ctx, "导入问题清单-" + e->file + ".xlsx", "import-issues-" + e->id.substr(0, 8) + ".xlsx",
                       [&](const std::string& path) { write_tables_xlsx(path, {t, rejected_rows_table(e->rejected, e->file)}); });
}

Response one(Ctx& ctx) {
  long long id = to_int(ctx.req.params.at("id"), "id");
  auto b = batch(ctx, id);
  if (!b) not_found(fmt::format("导入批次 {}", id), fmt::format("import batch {}", id));
  json j = batch_json(*b);
  json rejects = json::array();
  for (const auto& r : ctx.store.rejects(id))
    rejects.push_back({{"row", r.row}, {"column", r.column}, {"value", r.value}, {"code", r.code}, {"message", r.message},
                       {"original_row", json::parse(r.original_row_json.empty() ? "[]" : r.original_row_json, nullptr, false)}});
  j["rejects"] = rejects;
  return json_response(j);
}

// The rejects downloads are exports of imported data: they need the export permission on top of the
// route's import permission (an analyst without can_export may import but not download; docs/dashboard.md).
void require_export(const Ctx& ctx) {
  if (!ctx.user || !ctx.user->has(Permission::export_data))
    throw ApiError(403, "forbidden", "下载被拒绝的行需要导出权限 / downloading rejected rows needs the export permission");
}

Response batch_rejects_xlsx(Ctx& ctx) {
  require_export(ctx);
  long long id = to_int(ctx.req.params.at("id"), "id");
  auto b = batch(ctx, id);
  if (!b) not_found(fmt::format("导入批次 {}", id), fmt::format("import batch {}", id));
  std::vector<ingest::RejectedRow> rows;
  for (const auto& r : ctx.store.rejects(id)) {
    if (rows.empty() || rows.back().row != r.row) {
      ingest::RejectedRow row;
      row.row = r.row;
      json cells = json::parse(r.original_row_json.empty() ? "[]" : r.original_row_json, nullptr, false);
      if (cells.is_array())
        for (auto& c : cells) row.cells.push_back(c.is_string() ? c.get<std::string>() : c.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      rows.push_back(std::move(row));
    }
    Issue i;
    i.column = r.column, i.raw_value = r.value, i.code = r.code, i.message = r.message;
    rows.back().errors.push_back(i);
  }
  ctx.audit("export", json{{"route", "imports/rejects.xlsx"}, {"batch_id", id}, {"rows", rows.size()}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return xlsx_download(ctx, fmt::format("被拒绝的行-批次{}.xlsx", id), fmt::format("rejects-batch{}.xlsx", id),
                       [&](const std::string& path) { write_tables_xlsx(path, {rejected_rows_table(rows, b->file)}); });
}

Response upload_rejects_xlsx(Ctx& ctx) {
  require_export(ctx);
  auto e = recall(ctx.req.params.at("upload_id"));
  if (!e) not_found("该上传（只保留最近 20 次被拒绝的上传）", "upload (the last 20 refused uploads are kept)");
  ctx.audit("export", json{{"route", "uploads/rejects.xlsx"}, {"upload_id", e->id}, {"rows", e->rejected.size()}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return xlsx_download(ctx, "被拒绝的行-" + e->file + ".xlsx", "rejects-upload-" + e->id.substr(0, 8) + ".xlsx",
                       [&](const std::string& path) { write_tables_xlsx(path, {rejected_rows_table(e->rejected, e->file)}); });
}

Response create(Ctx& ctx) {
  const auto& req = ctx.req;
  std::string name = req.q("file");
  std::string bytes;
  if (auto boundary = multipart_boundary(req.header("content-type"))) {
    try {
      auto f = multipart_file(req.body, *boundary);
      if (name.empty()) name = f.file_name;
      bytes = std::move(f.bytes);
    } catch (const std::invalid_argument& e) {
      throw ApiError(400, "bad_request", e.what());
    }
  } else {
    bytes = req.body;
  }
  if (name.empty()) throw ApiError(400, "bad_request", "请用 ?file=文件名 给出文件名 / give the file name as ?file=NAME");
  check_file_name(name);  // before anything is stored (dispatch and multipart_file check it too)
  if (bytes.empty()) throw ApiError(400, "bad_request", "上传的文件是空的 / the uploaded file is empty");
  ingest::ImportOptions opt;
  opt.source = req.q("source");
  if (!opt.source.empty()) {
    const auto& known = ingest::known_sources();
    if (std::find(known.begin(), known.end(), opt.source) == known.end())
      throw ApiError(400, "bad_request", fmt::format("未知的数据来源 {} / unknown source", opt.source));
  }
  if (!req.q("year").empty()) {
    long long y = to_int(req.q("year"), "year");
    if (y < 1990 || y > 2100) throw ApiError(400, "bad_request", "year 应在 1990 到 2100 之间 / year must be 1990..2100");
    opt.year = static_cast<int>(y);
  }
  opt.partial = req.q("partial") == "1" || req.q("partial") == "true";
  service::Upload u;
  try {
    u = service::import_upload(ctx.store, name, bytes, opt);
  } catch (const std::invalid_argument& e) {
    throw ApiError(400, "bad_request", e.what());
  }
  json report = service::import_report_json(u.reports, opt.partial);
  std::string safe = service::safe_upload_name(name);
  // Kept for the report's downloads when it lists an issue: rejects.xlsx (rejected rows) and report.xlsx.
  bool issues = false;
  for (const auto& f : report["files"]) issues = issues || !f["rejects"].empty() || !f["warnings"].empty();
  std::string kept = issues || u.rejected_total > 0 ? remember({"", safe, report, u.rejected}) : "";
  std::string upload_id = u.rejected_total > 0 ? kept : "";
  ctx.audit("import", json{{"file", safe}, {"sha256", u.reports.empty() ? "" : u.reports.front().sha256},
                           {"batch_ids", u.batch_ids}, {"imported", u.imported}, {"partial", opt.partial},
                           {"rows_rejected", u.rejected_total}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (!u.imported) {
    json details = json::array();
    for (const auto& r : u.reports)
      for (const auto& e : r.errors) {
        if (details.size() >= 200) break;
        details.push_back({{"sheet", e.sheet}, {"row", e.row}, {"column", e.column}, {"value", e.raw_value},
                           {"code", e.code}, {"message", e.message}});
      }
    json err = {{"code", "invalid_input"},
                {"message", "文件有被拒绝的行或无法读取，未写入任何数据；可修正后重新上传，或用 partial=1 只导入有效行 / "
                            "rejected: nothing was stored"},
                {"details", details}};
    return json_response({{"error", err}, {"report", report}, {"rejects_id", upload_id.empty() ? json(nullptr) : json(upload_id)},
                          {"report_id", kept.empty() ? json(nullptr) : json(kept)}},
                         400);
  }
  return json_response({{"batch_ids", u.batch_ids}, {"report", report},
                        {"rejects_id", upload_id.empty() ? json(nullptr) : json(upload_id)},
                        {"report_id", kept.empty() ? json(nullptr) : json(kept)}},
                       201);
}

}  // namespace

void add_import_routes(Router& r) {
  r.add("GET", "/api/imports", Permission::read, list);
  r.add("GET", "/api/imports.xlsx", Permission::export_data, list_xlsx);
  r.add("GET", "/api/imports/{id}", Permission::read, one);
  r.add("POST", "/api/imports", Permission::import_data, create);
  // import_data here, export_data in the handler (require_export): both are needed.
  r.add("GET", "/api/imports/{id}/rejects.xlsx", Permission::import_data, batch_rejects_xlsx);
  r.add("GET", "/api/uploads/{upload_id}/rejects.xlsx", Permission::import_data, upload_rejects_xlsx);
  r.add("GET", "/api/uploads/{upload_id}/report.xlsx", Permission::export_data, upload_report_xlsx);
}

}  // namespace mujun::server::api
