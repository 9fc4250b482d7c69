// mujun service — enterprise tier cultivation (梯度培育): the use case behind `mujun tiers` and
// GET /api/tiers, /api/tiers/{uscc}, /api/enterprises/{uscc} (tier gaps). Rules: tiers/*.toml, one file
// per tier and document version (e.g. 工信部企业〔2022〕63号 for 专精特新; docs/tiers.md), and the
// 双倍增 targets (渝府办发〔2023〕26号) in tiers/double-doubling-wansheng.toml. Data: the snapshots of
// the year and the two years before it ("近三个会计年度", tier-criteria.md §12).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/errors.h"
#include "store/store.h"
#include "tiers/date.h"
#include "tiers/doubling.h"
#include "tiers/pipeline.h"
#include "tiers/profile.h"
#include "tiers/rules.h"
#include "tiers/verdict.h"

namespace mujun::service {

struct TierRules {
  std::vector<tiers::RuleSet> sets;
  std::vector<tiers::DoublingTarget> targets;  ///< empty when the default targets file is absent
};

/// Reads the rule directory (`rules_dir`, "" = <resource_root>/tiers) and the 双倍增 targets
/// (`targets_path`, "" = <rules dir>/double-doubling-wansheng.toml, skipped when absent).
/// Throws UnreadableFile (an explicit targets file that cannot be read), std::runtime_error (a rule
/// file with errors: file, line, key).
TierRules load_tier_rules(const std::string& resource_root, const std::string& rules_dir = "",
                          const std::string& targets_path = "");

/// Every enterprise's verdicts for every tier at `date`.
struct TierAssessment {
  int year = 0;
  tiers::Date date;
  std::vector<tiers::EnterpriseProfile> profiles;         ///< by USCC
  std::vector<std::vector<tiers::TierVerdict>> verdicts;  ///< parallel to profiles
  /// Index of `uscc` in profiles (upper-cased first); nullopt when absent.
  std::optional<std::size_t> find(const std::string& uscc) const;
};

/// Judges the enterprises of `year` (profiles from years year−2 … year) at `date`; `renewal`: nullopt =
/// judge holders of a certificate as renewals (auto), true/false force it. Throws MissingYear.
TierAssessment assess_tiers(store::Store& store, int year, const TierRules& rules, const tiers::Date& date,
                            std::optional<bool> renewal = std::nullopt);

/// The zone's pipeline and 双倍增 progress.
struct TierReport {
  tiers::Pipeline pipeline;
  std::vector<tiers::DoublingProgress> doubling;
};
TierReport tier_report(const TierAssessment& a, const TierRules& rules);

/// JSON of one condition / verdict (as `mujun tiers --enterprise X --json` prints them).
nlohmann::json condition_json(const tiers::ConditionResult& c);
nlohmann::json verdict_json(const tiers::TierVerdict& v);
/// One enterprise's card: {uscc, name, date, data_year, tiers[verdict…]}.
nlohmann::json tier_card_json(const tiers::EnterpriseProfile& p, const std::vector<tiers::TierVerdict>& vs,
                              const tiers::Date& date);
/// The pipeline as `mujun tiers --json` prints it: {year, date, enterprises, counts[…],
/// candidates {tier: [first `limit`…]}, flagged[…], expiring[…], double_doubling[…]}.
nlohmann::json tier_report_json(const TierAssessment& a, const TierReport& r, int limit);

}  // namespace mujun::service
