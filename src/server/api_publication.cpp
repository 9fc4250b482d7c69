#include "server/api_publication.h"

#include "server/api_common.h"

namespace mujun::server::api {

namespace {
std::string effective(const store::PublicationRecord& p) {
  // ISO 8601 UTC strings of one format compare as text.
  if (p.status == "open" && !p.closes_at.empty() && now_iso() >= p.closes_at) return "closed";
  return p.status;
}
}  // namespace

std::optional<std::string> publication_status(const Ctx& ctx, long long run_id) {
  auto p = ctx.platform.publication(run_id);
  if (!p) return std::nullopt;
  return effective(*p);
}

nlohmann::json publication_json(const Ctx& ctx, long long run_id) {
  auto p = ctx.platform.publication(run_id);
  if (!p) return nullptr;
  nlohmann::json j = {{"status", effective(*p)}, {"opens_at", p->opens_at}, {"closes_at", p->closes_at},
                      {"frozen_at", p->frozen_at}};
  // The analyst's login is not for enterprise accounts.
  if (!ctx.user || !ctx.user->is_enterprise()) j["published_by"] = p->published_by;
  return j;
}

}  // namespace mujun::server::api
