// Shared fixtures for the tiers tests: the shipped rule files and hand-built profiles.
#pragma once
#include <gtest/gtest.h>

#include <string>

#include "tiers/profile.h"
#include "tiers/rules.h"
#include "tiers/verdict.h"

namespace mujun::tiers::test {

inline std::string rule_path(const std::string& file) { return std::string(MUJUN_SOURCE_ROOT) + "/tiers/" + file; }
inline const std::vector<RuleSet>& all_rules() {
  static const std::vector<RuleSet> r = load_rule_dir(std::string(MUJUN_SOURCE_ROOT) + "/tiers");
  return r;
}
inline const RuleSet& rules(const std::string& file) {
  for (auto& r : all_rules())
    if (r.source.ends_with("/" + file)) return r;
  throw std::runtime_error("rule file not loaded: " + file);
}

/// A profile with data_year 2024.
inline EnterpriseProfile profile(const std::string& uscc = "91500110MA5U000001") {
  EnterpriseProfile p;
  p.uscc = uscc;
  p.name = "测试企业";
  p.data_year = 2024;
  return p;
}

inline const ConditionResult& cond(const TierVerdict& v, const std::string& id) {
  for (auto& c : v.conditions)
    if (c.id == id) return c;
  throw std::runtime_error("no condition " + id);
}
inline const IndicatorScore& ind(const TierVerdict& v, const std::string& id) {
  for (auto& i : v.score->indicators)
    if (i.id == id) return i;
  throw std::runtime_error("no indicator " + id);
}
inline Date D(const char* s) { return *Date::parse(s); }

}  // namespace mujun::tiers::test
