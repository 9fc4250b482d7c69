// mujun — the route table of `mujun serve`: the auth and account routes (routes_auth.cpp) and the data
// routes (api_routes.h, add_domain_routes). Contract: /work/notes/api-contract.md.
#pragma once
#include "server/http.h"

namespace mujun::server {

/// The version reported by GET /api/health (CMake project version).
inline constexpr const char* kVersion = "0.1.0";

/// POST /api/login, POST /api/logout, GET /api/me, GET/POST /api/users, DELETE /api/users/{name},
/// PUT /api/users/{name}/password, GET /api/audit, GET /api/health.
void add_auth_routes(Router& r);

/// Every route of the API: add_auth_routes + add_domain_routes.
Router make_router();

}  // namespace mujun::server
