// mujun tiers — verdicts: one enterprise × one tier → met / unmet / unknown / manual / not applicable,
// with every condition's actual value, threshold, period, source document and gap.
//
// Rule-set version follows the assessment date and whether the application is a renewal
// (tier-criteria.md §0 and §12 "Version gate": 63号 for renewals of old certificates in the 2026
// cycle per 工信厅企业函〔2026〕117号; 2号 for new applications from 2026-04-01).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tiers/date.h"
#include "tiers/profile.h"
#include "tiers/rules.h"
#include "tiers/score.h"

namespace mujun::tiers {

enum class State { Met, Unmet, Unknown, Manual, NotApplicable };

/// "达标 met", "未达标 unmet", "数据缺失 unknown", "需人工判断 manual", "不适用 n/a".
std::string_view state_label(State s);
/// Machine id: "met", "unmet", "unknown", "manual", "not_applicable".
std::string_view state_id(State s);
/// Chinese label of a tier id (GLOSSARY.md "梯度培育"), e.g. "高新技术企业"; the id itself if unknown.
std::string tier_label(const std::string& tier);

struct ConditionResult {
  std::string id, label, article, confidence, note;
  State state = State::Unknown;
  std::optional<double> actual;     ///< canonical unit, or fraction when unit == "%"
  std::optional<double> threshold;
  std::string op, unit, period, quantity;
  std::vector<std::string> missing; ///< inputs missing (state Unknown)
  std::string gap;                  ///< what it takes to meet it, in native units
  std::optional<double> gap_amount; ///< the lever's amount (万元, 人, 件 …) when numeric
  std::string gap_unit;
  double shortfall = 0;             ///< |gap| / threshold in [0, 1] (for ordering candidates)
  std::string via_direct;           ///< label of the direct route that satisfied it
  std::vector<ConditionResult> parts;  ///< members of any_of / years of each_year
};

struct TierVerdict {
  std::string tier, tier_label, version, document, source;
  bool renewal = false;
  State state = State::NotApplicable;
  std::string reason;               ///< for NotApplicable (no rule version applies, list tag …)
  std::vector<ConditionResult> conditions;
  std::vector<ConditionResult> direct_routes;  ///< listed separately (gaps section 3 of issue 5)
  std::optional<ScoreResult> score;
  std::vector<std::string> missing; ///< all inputs missing, deduplicated
  std::vector<std::string> cannot_judge;
  bool holds_valid = false;         ///< holds a valid certificate of this tier at the date
  std::optional<Certificate> certificate;
  /// 0 = met; larger = further: each unmet condition counts 1 + shortfall, each unknown one
  /// 0.3 + 0.1 per missing input (at most 1), each manual one 0.1.
  double closeness = 0;
};

/// The certificate's expiry: `expires` when given, else issued + validity_years − 1 day when both
/// are known; nullopt otherwise.
std::optional<Date> certificate_expiry(const Certificate& c, int validity_years);
/// Valid on `on`: issued ≤ on (or issued unknown) and on ≤ expiry (or expiry unknown and
/// validity_years == 0, i.e. open-ended).
bool certificate_valid(const Certificate& c, const Date& on, int validity_years);

/// The rule set of `tier` that judges an application of `kind` ("new"/"renewal") on `date`: the
/// matching [[applies]] entry with the latest `from`; nullptr when none.
const RuleSet* select_rule_set(const std::vector<RuleSet>& sets, const std::string& tier,
                               const Date& date, bool renewal);

/// Judges one rule set. `renewal` marks a re-examination (复核/重新认定) of a held certificate.
TierVerdict judge(const RuleSet& rules, const EnterpriseProfile& p, const Date& date, bool renewal);

/// Assessment options: the date (default Dec 31 of the data year) and, when set, force every tier
/// to be judged as a new application (false) or a renewal (true); unset = renewal when the
/// enterprise holds (or held) a certificate of that tier.
struct Assessment {
  Date date;
  std::optional<bool> renewal;
};

/// Every tier present in `sets`, in the cultivation order tech_sme, innovative_sme,
/// specialized_sme, little_giant, single_champion, high_tech_enterprise, chain_leader (others
/// after), each judged under the rule version selected for the date and renewal status.
std::vector<TierVerdict> judge_all(const std::vector<RuleSet>& sets, const EnterpriseProfile& p,
                                   const Assessment& a);

/// The validity (years) of certificates of `tier` as stated by its rule sets (largest); 0 if none.
int validity_years_of(const std::vector<RuleSet>& sets, const std::string& tier);

}  // namespace mujun::tiers
