// mujun — the data routes of `mujun serve` (contract: /work/notes/api-contract.md, section "Data";
// docs/api/openapi.yaml): overview, clusters, enterprises, runs and results, statistics, tiers, imports,
// schemes, publication (公示) and objections (异议), and their XLSX exports.
//
// Enterprise isolation: every route registered with Permission::read_own restricts its rows, filters and
// exports to ctx.user->enterprise_uscc when the account is an enterprise; another enterprise's id → 404.
#pragma once
#include "server/http.h"

namespace mujun::server {

/// Registers every data route on `r` (called once by the server's route table).
void add_domain_routes(Router& r);

}  // namespace mujun::server
