// mujun — one enterprise's result in a run, explained (GET /api/runs/{id}/results/{uscc}); the enterprise
// page's export (api_enterprises.cpp) writes the same table.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "server/http.h"

namespace mujun::server::api {

/// {"run_id","year","uscc","name","cohort","cohort_label","class","total","indicator_total","rank","of",
///  "class_rule","land_mu","special","adjustments","indicators":[{"id","label","unit","value","benchmark",
///  "benchmark_rule","points","weight","treatment"}],"explanation":[…],"exact"}.
/// 404 (ApiError) when the account may not see the enterprise or the run, or the run has no row for it.
nlohmann::json explanation_json(const Ctx& ctx, long long run_id, const std::string& uscc);

}  // namespace mujun::server::api
