// mujun tiers — 重庆 "双倍增" progress: stock and increments of 高新技术企业 and 科技型企业 against
// targets (《重庆市高新技术企业和科技型企业"双倍增"行动计划（2023—2027年）》渝府办发〔2023〕26号, V).
//
// The plan defines stock targets; it does not define a 完成率. Three readings are offered and labelled
// (tier-criteria.md §11, I): stock = 当前存量 / 目标; plan increment = (当前存量 − 基数) / (目标 − 基数);
// annual increment = 年度新增数 / 年度新增目标 (the reading that matches 渝中区 2023 reporting).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tiers/date.h"
#include "tiers/profile.h"

namespace mujun::tiers {

struct DoublingTarget {
  std::string tier;               ///< "high_tech_enterprise" | "tech_enterprise" (重庆市科技型企业) | "tech_sme"
  std::string area;               ///< e.g. "万盛经开区"
  std::string source, confidence; ///< document and V/S/I
  std::optional<int> baseline;    ///< stock at baseline_year end
  int baseline_year = 2022;
  std::optional<int> target;      ///< stock target at target_year end
  int target_year = 2027;
  std::map<int, int> annual_increment;  ///< year → target of new certificates that year
};

/// Reads `[[target]]` tables (keys: tier, area, source, confidence, baseline, baseline_year, target,
/// target_year, annual_increment = { "2024" = 75 }). Throws RuleError naming the file and line.
std::vector<DoublingTarget> parse_doubling(std::string_view toml_text, const std::string& source);

struct DoublingProgress {
  std::string tier, area;
  int year = 0;
  int stock = 0;         ///< valid certificates at the assessment date
  int new_in_year = 0;   ///< certificates issued in `year`
  std::optional<double> stock_rate, plan_increment_rate, annual_rate;  ///< fractions
  std::string text;      ///< Chinese summary naming which reading each rate is
};

/// Progress of each target over `profiles` on `date` (year = date.y). `validity_years` gives the
/// validity used when a certificate has no expiry date (高新 3).
std::vector<DoublingProgress> doubling_progress(const std::vector<DoublingTarget>& targets,
                                                const std::vector<EnterpriseProfile>& profiles,
                                                const Date& date,
                                                const std::map<std::string, int>& validity_years);

}  // namespace mujun::tiers
