// mujun tiers — the zone's pipeline: candidates per tier ordered by closeness, holders that no
// longer meet their tier, certificates expiring within 12 months (高新 valid 3 years, 国科发火〔2016〕32号
// 第十六条), counts per tier.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "tiers/date.h"
#include "tiers/profile.h"
#include "tiers/rules.h"
#include "tiers/verdict.h"

namespace mujun::tiers {

struct Candidate {
  std::string uscc, name;
  State state = State::Unmet;
  double closeness = 0;
  std::vector<std::string> gaps;     ///< "条件: 差距" for each unmet condition
  std::vector<std::string> missing;  ///< inputs missing
  std::vector<std::string> direct;   ///< direct routes met
};

struct TierCount {
  std::string tier, label, version;  ///< version: the most used rule version
  int met = 0, manual = 0, unknown = 0, unmet = 0, not_applicable = 0;
  int holders = 0;          ///< hold a valid certificate at the date
  int holders_unmet = 0;    ///< of which the criteria are definitely no longer met (flagged)
  int holders_unknown = 0;  ///< of which data are missing to confirm
};

struct FlaggedHolder {
  std::string uscc, name, tier, number;
  std::vector<std::string> reasons;  ///< unmet conditions with actual vs threshold
};

struct Expiring {
  std::string uscc, name, tier, level, number;
  Date expires;
  bool computed = false;  ///< expiry computed from issued + validity (no date on file)
  int days_left = 0;
  State state = State::Unknown;  ///< current verdict for the tier (renewal outlook)
};

struct Pipeline {
  Date date;
  std::vector<TierCount> counts;
  std::map<std::string, std::vector<Candidate>> candidates;  ///< tier → non-holders, closest first
  std::vector<FlaggedHolder> flagged;
  std::vector<Expiring> expiring;  ///< sorted by expiry date
};

/// Days from `a` to `b` (b − a).
int days_between(const Date& a, const Date& b);

/// `verdicts[i]` are judge_all(sets, profiles[i], …). Candidates of a tier are enterprises without a
/// valid certificate of it and with a state other than not applicable, ordered met, manual, then
/// unknown and unmet together by closeness (TierVerdict::closeness), then USCC. Expiring: certificates with expiry in
/// (date, date + 1 year].
Pipeline build_pipeline(const std::vector<EnterpriseProfile>& profiles,
                        const std::vector<std::vector<TierVerdict>>& verdicts,
                        const std::vector<RuleSet>& sets, const Date& date);

}  // namespace mujun::tiers
