// mujun — registration of the data routes (one add_* per src/server/api_<area>.cpp).
#include "server/api_routes.h"

#include "server/api_areas.h"

namespace mujun::server {

void add_domain_routes(Router& r) {
  api::add_overview_routes(r);
  api::add_enterprise_routes(r);
  api::add_run_routes(r);
  api::add_result_routes(r);
  api::add_tier_routes(r);
  api::add_import_routes(r);
  api::add_scheme_routes(r);
  api::add_objection_routes(r);
}

}  // namespace mujun::server
