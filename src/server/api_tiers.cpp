// GET /api/tiers?year=&limit= — the tier cultivation pipeline (as `mujun tiers --json`);
// GET /api/tiers/{uscc}?year= — one enterprise's card (as `mujun tiers --enterprise X --json`).
#include <fmt/format.h>

#include "server/api_areas.h"
#include "server/api_common.h"
#include "server/api_directory.h"
#include "service/tiers.h"

namespace mujun::server::api {

namespace {

Response pipeline(Ctx& ctx) {
  int year = year_param(ctx);
  int limit = ctx.req.q("limit").empty() ? 20 : static_cast<int>(to_int(ctx.req.q("limit"), "limit"));
  if (limit < 1 || limit > 1000) throw ApiError(400, "bad_request", "limit 应在 1 到 1000 之间 / limit must be 1..1000");
  auto t = tier_data(ctx, year);
  return json_response(service::tier_report_json(t->assessment, service::tier_report(t->assessment, t->rules), limit));
}

Response card(Ctx& ctx) {
  const std::string uscc = ctx.req.params.at("uscc");
  if (!may_see(ctx, uscc)) not_found("该企业", "enterprise");
  int year = year_param(ctx);
  auto t = tier_data(ctx, year);
  const auto& a = t->assessment;
  auto i = a.find(uscc);
  if (!i) not_found("该企业", "enterprise");
  return json_response(service::tier_card_json(a.profiles[*i], a.verdicts[*i], a.date));
}

}  // namespace

void add_tier_routes(Router& r) {
  r.add("GET", "/api/tiers", Permission::read, pipeline);
  r.add("GET", "/api/tiers/{uscc}", Permission::read_own, card);
}

}  // namespace mujun::server::api
