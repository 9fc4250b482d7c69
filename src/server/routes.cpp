// mujun — the whole route table (see routes.h).
#include "server/routes.h"

#include "server/api_routes.h"

namespace mujun::server {

Router make_router() {
  Router r;
  add_auth_routes(r);
  add_domain_routes(r);
  return r;
}

}  // namespace mujun::server
