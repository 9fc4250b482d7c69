// mujun service — the zone's yearly overview (数据一览): the use case behind `mujun stats` and
// GET /api/overview, /api/stats, /api/clusters. Reads the cluster taxonomy (default
// taxonomies/wansheng-231.toml, source: the 2025 newspaper feature "万盛 挺起工业'硬脊梁'") with its
// override lists and configuration files, optional --config/--check files, and computes the overview
// (statistics/bulletin.h) from the year's snapshot and the year before.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/issue.h"
#include "service/errors.h"
#include "statistics/check.h"
#include "statistics/config.h"
#include "statistics/figure.h"
#include "statistics/published.h"
#include "statistics/taxonomy.h"
#include "store/store.h"

namespace mujun::service {

/// Which rule files to read. Empty `taxonomy` = <resource_root>/taxonomies/wansheng-231.toml.
struct StatsInputs {
  std::string taxonomy;
  std::vector<std::string> overrides;  ///< extra cluster override CSVs (after the taxonomy's own)
  std::string config;                  ///< extra configuration TOML (zone total tax, 双倍增 targets)
  std::string check;                   ///< a published overview TOML to check against (also read as config)
};

/// The rule data of the overview, read and validated.
struct StatsRules {
  std::string taxonomy_path;
  statistics::ClusterTaxonomy taxonomy;
  statistics::StatsConfig config;
  std::optional<statistics::Published> published;  ///< when StatsInputs::check was given
};

/// Where issues and warnings go while the rule files are read, in file order.
struct StatsReporter {
  std::function<void(const Issues&)> issues;         ///< every batch of issues of one file (warnings too)
  std::function<void(const std::string&)> warning;  ///< a free-text warning (published year ≠ --year)
};

/// Thrown when a rule file had an Error issue (all issues went to StatsReporter::issues first).
struct StatsRulesRejected : std::runtime_error {
  StatsRulesRejected();
};

/// Reads the taxonomy, its override lists and configuration files, then `config` and `check`.
/// `year` is only compared with the published file's year (StatsReporter::warning).
/// Throws UnreadableFile, StatsRulesRejected.
StatsRules load_stats_rules(const StatsInputs& in, const std::string& resource_root, int year,
                            const StatsReporter& reporter = {});

/// The overview of one year.
struct YearStatistics {
  statistics::Bulletin bulletin;
  std::optional<statistics::CheckReport> check;  ///< when rules.published is set
  std::vector<int> years;                         ///< years present in the database
};

/// The overview of `year` (with the check against rules.published when given). Throws MissingYear
/// (year absent), store::StoreError.
YearStatistics year_statistics(store::Store& store, int year, const StatsRules& rules);

/// The overview of `year` alone (growth figures use year − 1 when it is in `years`).
statistics::Bulletin bulletin_of(store::Store& store, int year, const StatsRules& rules, const std::vector<int>& years);

/// Class counts {"A": n, …} of the latest stored evaluation run of `year` (largest id), with
/// `run_id` set to it (0 and an empty map when the year has no run). `source` gets
/// "评价运行 #id（scheme）".
std::map<std::string, long> class_counts(store::Store& store, int year, std::string& source, long long* run_id = nullptr);

/// JSON of one figure: {id,label,unit,formula,inputs[{name,value,unit}],section,decimals,note,value|null}.
nlohmann::json figure_json(const statistics::Figure& f);
/// {overridden, unmatched[…], multiple[…], overrides_not_found[…]}
nlohmann::json membership_json(const statistics::MembershipReport& m);
/// {title, failures, reproduction[…], consistency[…]}
nlohmann::json check_json(const statistics::CheckReport& c);
/// The document of `mujun stats --json`: {year, zone, taxonomy, figures, membership, check?}.
nlohmann::json statistics_json(const YearStatistics& s);

}  // namespace mujun::service
