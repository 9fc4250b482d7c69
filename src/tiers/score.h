// mujun tiers — score tables (科技型 115号 第七条; 创新型 63号附件1; 专精特新 63号附件2; 高新 195号
// 创新能力评价): points per indicator as a range, and the cheapest band upgrades to pass.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "tiers/profile.h"
#include "tiers/rules.h"

namespace mujun::tiers {

struct IndicatorScore {
  std::string id, label, group, confidence, note;
  double max = 0;
  double lo = 0, hi = 0;          ///< points: a range for expert-scored or unknown indicators
  std::optional<double> value;    ///< the best option's value (canonical unit or fraction)
  std::string unit;               ///< display unit of value ("%" for fractions)
  std::string quantity;           ///< label of the best option's quantity, with its period
  std::vector<std::string> missing;  ///< inputs missing for some option
  bool manual = false;            ///< qualitative / expert-scored (never auto-scored)
};

struct GroupScore {
  std::string id, label;
  double max = 0, minimum = 0, lo = 0, hi = 0;
};

/// One band upgrade of the cheapest plan, with what it takes in native units.
struct Upgrade {
  std::string indicator, label;
  double from_points = 0, to_points = 0;
  std::string action;  ///< e.g. "R&D经费支出（2024年）需增加 45 万元（营业收入不变）"
};

struct ScoreResult {
  double pass = 0, lo = 0, hi = 0;  ///< total as a range [lo, hi]
  std::vector<GroupScore> groups;
  std::vector<IndicatorScore> indicators;
  bool passes = false;        ///< lo ≥ pass and every group lo ≥ its minimum (certain pass)
  bool cannot_pass = false;   ///< hi < pass or some group hi < its minimum (certain fail)
  /// Cheapest plan (fewest indicators changed, then fewest band steps, then least relative change
  /// |amount|/|base| of the levers) reaching pass and every
  /// sub-minimum from the lower-bound points, using only computed indicators. Empty when passes.
  std::vector<Upgrade> upgrades;
  bool plan_found = false;
  std::string plan_note;      ///< why no plan (e.g. needs expert items or missing data)
};

/// Scores `t` on `p`. Bands: value ≥ bound (≤ bound when lower_is_better) scores [lo, hi], the
/// first matching band counts ("含" lower bound, tier-criteria.md §2 boundary convention); no band
/// ⇒ 0. Of several options the one with the highest points counts; an option with missing data
/// widens hi to the indicator max (the missing inputs are listed).
ScoreResult score(const ScoreTable& t, const EnterpriseProfile& p);

}  // namespace mujun::tiers
