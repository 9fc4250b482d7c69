// mujun — the data routes by area (one src/server/api_<area>.cpp each); add_domain_routes calls them.
// Contract: /work/notes/api-contract.md "Data"; docs/api/openapi.yaml.
#pragma once
#include "server/http.h"

namespace mujun::server::api {

void add_overview_routes(Router& r);     ///< /api/years, /api/overview, /api/clusters, /api/stats(.xlsx)
void add_enterprise_routes(Router& r);   ///< /api/enterprises(.xlsx), /api/enterprises/{uscc}
void add_run_routes(Router& r);          ///< /api/runs (GET, POST), publish, freeze
void add_result_routes(Router& r);       ///< /api/runs/{id}/results(.xlsx), /api/runs/{id}/results/{uscc}
void add_tier_routes(Router& r);         ///< /api/tiers, /api/tiers/{uscc}
void add_import_routes(Router& r);       ///< /api/imports…, /api/uploads/{id}/rejects.xlsx
void add_scheme_routes(Router& r);       ///< /api/schemes, /api/schemes/{id}
void add_objection_routes(Router& r);    ///< /api/objections…

/// 403 for an enterprise account on a zone-wide export (its export permission covers its own rows only).
void refuse_enterprise(const Ctx& ctx);

}  // namespace mujun::server::api
