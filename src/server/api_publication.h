// mujun — publication (公示) state of a run as the routes see it: the stored status, with an "open"
// window whose closes_at has passed reported as "closed" (the store is not rewritten on read).
#pragma once
#include <optional>

#include <nlohmann/json.hpp>

#include "server/http.h"
#include "store/platform.h"

namespace mujun::server::api {

/// The effective status: "open" | "closed" | "frozen"; nullopt when the run was never published.
std::optional<std::string> publication_status(const Ctx& ctx, long long run_id);
/// {"status","opens_at","closes_at","frozen_at","published_by"} or null; published_by (the analyst's
/// login) is left out for an enterprise account.
nlohmann::json publication_json(const Ctx& ctx, long long run_id);

}  // namespace mujun::server::api
