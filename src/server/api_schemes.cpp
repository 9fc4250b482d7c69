// GET /api/schemes, GET /api/schemes/{id}, PUT /api/schemes/{id} {text} — the evaluation schemes in
// <resource root>/schemes (service/schemes.h). A PUT is validated like `mujun evaluate` would (400 with
// file, line, key, message), written in place and audited as scheme_change.
#include <filesystem>

#include <fmt/format.h>

#include "domain/sha256.h"
#include "server/api_areas.h"
#include "server/api_common.h"
#include "service/evaluate.h"
#include "service/schemes.h"

namespace mujun::server::api {

namespace {

using nlohmann::json;

// "file" is the file name only: the server's folders are nobody's business.
json info_json(const service::SchemeInfo& s) {
  return {{"id", s.id}, {"name", s.name}, {"file", std::filesystem::path(s.file).filename().string()},
          {"sha256", s.sha256}, {"source", s.source}};
}

Response list(Ctx& ctx) {
  json out = json::array();
  for (const auto& s : service::list_schemes(schemes_dir(ctx))) out.push_back(info_json(s));
  return json_response(out);
}

Response one(Ctx& ctx) {
  const std::string id = ctx.req.params.at("id");
  auto s = service::find_scheme(schemes_dir(ctx), id);
  if (!s) not_found(fmt::format("评价办法 {}", id), fmt::format("scheme {}", id));
  json j = info_json(*s);
  j["text"] = service::read_scheme_text(s->file);
  return json_response(j);
}

Response put(Ctx& ctx) {
  const std::string id = ctx.req.params.at("id");
  auto b = body_object(ctx);
  if (!b.contains("text") || !b["text"].is_string())
    throw ApiError(400, "bad_request", "请求体应为 {\"text\": \"…TOML…\"} / body: {text}");
  const std::string text = b["text"].get<std::string>();
  auto issues = service::check_scheme_text(text, id, id + ".toml");
  if (!issues.empty()) {
    json details = json::array();
    for (const auto& i : issues)
      details.push_back({{"file", i.file}, {"row", i.row}, {"line", i.row}, {"column", i.column}, {"key", i.column},
                         {"value", i.raw_value}, {"message", i.message}});
    return json_response({{"error", {{"code", "invalid_input"}, {"message", "评价办法有错误，未保存 / the scheme has errors; not saved"},
                                     {"details", details}}}},
                         400);
  }
  auto before = service::find_scheme(schemes_dir(ctx), id);
  std::string path;
  try {
    path = service::save_scheme(schemes_dir(ctx), id, text);
  } catch (const std::invalid_argument& e) {
    throw ApiError(400, "bad_request", e.what());
  }
  ctx.audit("scheme_change", json{{"id", id}, {"file", std::filesystem::path(path).filename().string()}, {"sha256_before", before ? before->sha256 : ""},
                                  {"sha256", sha256_hex(text)}}.dump());
  auto s = service::find_scheme(schemes_dir(ctx), id);
  return json_response(s ? info_json(*s) : json{{"id", id}}, before ? 200 : 201);
}

}  // namespace

void add_scheme_routes(Router& r) {
  r.add("GET", "/api/schemes", Permission::read_own, list);
  r.add("GET", "/api/schemes/{id}", Permission::read, one);
  r.add("PUT", "/api/schemes/{id}", Permission::admin, put);
}

}  // namespace mujun::server::api
