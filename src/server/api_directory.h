// mujun — the enterprises of one year as the data routes list them: the snapshot (registry attributes,
// land, facts), each enterprise's clusters (taxonomies/wansheng-231.toml with its override lists) and
// industry name (GB/T 4754-2017 table), and the filters of the contract (q, township, industry,
// cluster, above_scale), always confined to the account's own enterprise for an enterprise account.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/frame.h"
#include "server/http.h"
#include "service/statistics.h"
#include "service/tiers.h"

namespace mujun::server::api {

struct Directory {
  int year = 0;
  Frame frame;
  service::StatsRules rules;                        ///< the taxonomy (clusters) and stats configuration
  std::vector<std::vector<std::string>> clusters;   ///< per enterprise: cluster ids (several, or none)
  std::optional<std::size_t> index(const std::string& uscc) const;
  std::string industry_name(std::size_t i) const;   ///< "" when the code is unknown
  /// The Chinese name of cluster `id` in the year's taxonomy ("agri_food" → "农产品精深加工" style, as
  /// /api/clusters and the XLSX exports name it); `id` itself when the taxonomy has no such cluster.
  std::string cluster_name(const std::string& id) const;
  /// {"uscc","name","industry_code","industry_name","township","cluster","cluster_name","clusters",
  /// "cluster_names","above_scale"}: cluster = the first cluster id (null when none), cluster_name its
  /// name, cluster_names {id: name} of all of them (as the enterprise page's); above_scale true (规上) / false (规下) / null (unknown).
  nlohmann::json row(std::size_t i) const;
};

/// The directory of `year` (cached per database and year until the next import).
std::shared_ptr<const Directory> directory(const Ctx& ctx, int year);

/// The tier rules (tiers/*.toml) and every enterprise's verdicts for `year` at the year's end, as
/// /api/tiers, /api/tiers/{uscc} and the enterprise page use them. Cached per (database, year, latest
/// batch id) like directory(): the verdicts change only with an import (or a restart after the rule
/// files changed). Throws what service::assess_tiers / load_tier_rules throw.
struct TierData {
  service::TierRules rules;
  service::TierAssessment assessment;
};
std::shared_ptr<const TierData> tier_data(const Ctx& ctx, int year);

/// The query's filters over enterprises (the same for the JSON list and its export).
struct EnterpriseFilter {
  std::string own;  ///< own_uscc(ctx): "" = no confinement
  std::string q, township, industry, cluster, uscc;
  /// ?above_scale=1: 规上 (above_scale = 1) only; ?above_scale=0: 规下 (above_scale = 0) only — an
  /// enterprise whose scale is unknown (null) matches neither.
  std::optional<bool> above_scale;
  explicit EnterpriseFilter(const Ctx& ctx);
  bool accepts(const Directory& d, std::size_t i) const;
  /// For rows that are not in the directory (evaluated elsewhere): by uscc/name only.
  bool accepts(const std::string& uscc, const std::string& name) const;
};

}  // namespace mujun::server::api
