#include "server/api_directory.h"

#include <algorithm>

#include "server/api_common.h"
#include "standards/industry.h"
#include "tiers/date.h"

namespace mujun::server::api {

std::optional<std::size_t> Directory::index(const std::string& uscc) const {
  const auto& u = frame.uscc;
  auto it = std::find(u.begin(), u.end(), uscc);
  if (it == u.end()) return std::nullopt;
  return static_cast<std::size_t>(it - u.begin());
}

std::string Directory::industry_name(std::size_t i) const {
  const std::string& code = frame.industry_code[i];
  try {
    const auto& t = standards::default_industry_table();
    for (std::size_t n = code.size(); n >= 2; --n)
      if (auto* e = t.find(code.substr(0, n))) return e->name_zh;
  } catch (const std::exception&) {
  }
  return "";
}

std::string Directory::cluster_name(const std::string& id) const {
  const auto* k = rules.taxonomy.find(id);
  return k ? k->name : id;
}

nlohmann::json Directory::row(std::size_t i) const {
  const auto& c = clusters[i];
  nlohmann::json names = nlohmann::json::object();
  for (const auto& id : c) names[id] = cluster_name(id);
  return {{"uscc", frame.uscc[i]},
          {"name", frame.name[i]},
          {"industry_code", frame.industry_code[i]},
          {"industry_name", industry_name(i)},
          {"township", frame.township[i]},
          {"cluster", c.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.front())},
          {"cluster_name", c.empty() ? nlohmann::json(nullptr) : nlohmann::json(cluster_name(c.front()))},
          {"clusters", c},
          {"cluster_names", names},
          {"above_scale", frame.above_scale[i] < 0 ? nlohmann::json(nullptr) : nlohmann::json(frame.above_scale[i] == 1)}};
}

std::shared_ptr<const Directory> directory(const Ctx& ctx, int year) {
  static VersionCache<std::shared_ptr<const Directory>, std::pair<std::string, int>> cache;
  return cache.get({ctx.config.db_path, year}, ctx.store.latest_batch_id(), [&]() -> std::shared_ptr<const Directory> {
    auto d = std::make_shared<Directory>();
    d->year = year;
    d->frame = ctx.store.snapshot(year);
    d->rules = service::load_stats_rules({}, ctx.config.resource_root, year);
    d->clusters.reserve(d->frame.size());
    for (std::size_t i = 0; i < d->frame.size(); ++i)
      d->clusters.push_back(d->rules.taxonomy.members(d->frame.uscc[i], d->frame.industry_code[i]));
    return d;
  });
}

std::shared_ptr<const TierData> tier_data(const Ctx& ctx, int year) {
  static VersionCache<std::shared_ptr<const TierData>, std::pair<std::string, int>> cache;
  return cache.get({ctx.config.db_path, year}, ctx.store.latest_batch_id(), [&]() -> std::shared_ptr<const TierData> {
    auto t = std::make_shared<TierData>();
    t->rules = service::load_tier_rules(ctx.config.resource_root);
    t->assessment = service::assess_tiers(ctx.store, year, t->rules, tiers::year_end(year));
    return t;
  });
}

EnterpriseFilter::EnterpriseFilter(const Ctx& ctx) {
  const auto& r = ctx.req;
  own = own_uscc(ctx);
  q = r.q("q");
  township = r.q("township");
  industry = r.q("industry");
  cluster = r.q("cluster");
  uscc = r.q("uscc");
  std::string a = r.q("above_scale");
  if (a == "1" || a == "true") above_scale = true;
  else if (a == "0" || a == "false") above_scale = false;
  else if (!a.empty())
    throw ApiError(400, "bad_request", "above_scale 应为 1 或 0 / above_scale must be 1 or 0");
}

bool EnterpriseFilter::accepts(const std::string& u, const std::string& name) const {
  if (!own.empty() && u != own) return false;
  if (!uscc.empty() && u != uscc) return false;
  if (!q.empty() && name.find(q) == std::string::npos && u.find(q) == std::string::npos) return false;
  return true;
}

bool EnterpriseFilter::accepts(const Directory& d, std::size_t i) const {
  const Frame& f = d.frame;
  if (!accepts(f.uscc[i], f.name[i])) return false;
  if (!township.empty() && f.township[i] != township) return false;
  if (!industry.empty() && f.industry_code[i].rfind(industry, 0) != 0) return false;
  if (!cluster.empty()) {
    const auto& c = d.clusters[i];
    if (std::find(c.begin(), c.end(), cluster) == c.end()) return false;
  }
  if (above_scale && f.above_scale[i] != (*above_scale ? 1 : 0)) return false;
  return true;
}

}  // namespace mujun::server::api
