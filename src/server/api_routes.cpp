// mujun — registration of the data routes (one add_* per src/server/api_<area>.cpp).
#include "server/api_routes.h"

namespace mujun::server {

void add_domain_routes(Router& r) { (void)r; }

}  // namespace mujun::server
