// mujun — route table (Router::add / match), JSON responses, integer parameters and Ctx::audit (http.h).
#include <charconv>

#include "server/http.h"
#include "server/session.h"
#include "store/platform.h"

namespace mujun::server {
namespace {

// "/api/runs/3/results" → {"api","runs","3","results"}; empty segments (double or trailing '/') dropped.
std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    auto j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool is_param(const std::string& seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

// Number of literal segments when `pattern` matches `parts`, -1 otherwise.
int match_score(const std::vector<std::string>& pattern, const std::vector<std::string>& parts) {
  if (pattern.size() != parts.size()) return -1;
  int literal = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (is_param(pattern[i])) continue;
    if (pattern[i] != parts[i]) return -1;
    ++literal;
  }
  return literal;
}

}  // namespace

void Router::add(const std::string& method, const std::string& pattern, Permission need, Handler h) {
  routes_.push_back({method, split_path(pattern), need, std::move(h)});
}

const Router::Route* Router::match(const std::string& method, const std::string& path,
                                   std::map<std::string, std::string>& params, bool* path_exists) const {
  auto parts = split_path(path);
  const Route* best = nullptr;
  int best_score = -1;
  bool exists = false;
  for (auto& r : routes_) {
    int s = match_score(r.segments, parts);
    if (s < 0) continue;
    exists = true;
    if (r.method == method && s > best_score) {  // a literal segment beats a parameter: /a/new over /a/{id}
      best = &r;
      best_score = s;
    }
  }
  if (path_exists) *path_exists = exists;
  if (best) {
    params.clear();
    for (std::size_t i = 0; i < parts.size(); ++i)
      if (is_param(best->segments[i])) params[best->segments[i].substr(1, best->segments[i].size() - 2)] = parts[i];
  }
  return best;
}

Response json(int status, const std::string& body) {
  Response r;
  r.status = status;
  r.body = body;
  return r;
}

long long to_int(const std::string& text, const std::string& param_name) {
  long long v = 0;
  auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || p != end)
    throw ApiError(400, "bad_request",
                   "参数 " + param_name + " 须为整数（收到 '" + text + "'）/ parameter " + param_name +
                       " must be an integer (got '" + text + "')");
  return v;
}

void Ctx::audit(const std::string& action, const std::string& detail_json) const {
  if (head()) return;  // nothing was downloaded
  store::AuditRecord a;
  a.at = iso_utc();
  a.user = user ? user->name : "";
  a.action = action;
  a.detail = detail_json;
  a.remote = req.remote;
  platform.audit(a);
}

}  // namespace mujun::server
