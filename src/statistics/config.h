// mujun statistics — configuration inputs of the yearly overview that are not in the enterprise data:
// the zone's total tax (for 工业税收占全区税收比重), the "双倍增" targets, the same-scope growth rule,
// and the labels of policy-support metrics.
//
// Given as TOML: either inside the taxonomy file (taxonomies/wansheng-231.toml) or in a separate file
// passed by `mujun stats --config FILE` (read after the taxonomy; its values win). Keys:
//   [zone]             name = "万盛经开区"
//   [zone.total_tax]   "2024" = "171375.21"          # 全区税收总额, 万元 (string or number)
//   [tax.2024]         zone_total = 171375.21          # same, as written by tools/gen-zone (zone-totals.toml)
//   [growth]           scope = "current_above_scale" | "above_scale_both_years"
//   [stats]            tax_threshold = "10000"        # 万元; "纳税超亿元" = tax_paid ≥ this
//   [[double_doubling]] tier, label, formula = "annual_increment"|"stock"|"plan_increment",
//                       baseline_year, baseline, target_year, target, source
//   [double_doubling.annual_targets] "2024" = 74      # 年度新增目标 (家)
//   [[support]]        metric = "support_amount", label = "政策支持金额"
// Sources: 双倍增 — 渝府办发〔2023〕26号 《重庆市高新技术企业和科技型企业"双倍增"行动计划（2023—2027年）》;
// the completion-rate formula is not defined there (../shared/reference/tier-criteria.md §11), so it
// is configurable and every figure states which one it shows.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/decimal.h"
#include "domain/issue.h"

namespace mujun::statistics {

/// Which firms form the comparison base of a growth rate (同口径).
enum class GrowthScope {
  /// Statistics-bureau practice: the firms that are 规上 in the current year and reported the metric
  /// in both years; both years' values of exactly those firms (a firm that entered 规上 this year counts
  /// with its last-year value; a firm that left 规上 counts in neither year).
  CurrentAboveScale,
  /// Firms that are 规上 in both years and reported the metric in both.
  AboveScaleBothYears,
};

enum class DoublingFormula {
  AnnualIncrement,  ///< 年度新增数 ÷ 年度新增目标 (渝中区 2023 reporting, inferred; tier-criteria.md §11)
  Stock,            ///< 当前存量 ÷ 目标年目标存量
  PlanIncrement,    ///< (当前存量 − 基期存量) ÷ (目标存量 − 基期存量)
};
std::string_view doubling_formula_id(DoublingFormula f);
/// Chinese formula text, e.g. "年度新增数 ÷ 年度新增目标 × 100%".
std::string_view doubling_formula_zh(DoublingFormula f);

struct DoublingTarget {
  std::string tier;   ///< certificate tier id: "high_tech_enterprise" or "tech_sme"
  std::string label;  ///< e.g. "高新技术企业"
  DoublingFormula formula = DoublingFormula::AnnualIncrement;
  int baseline_year = 0;
  long baseline = 0;   ///< 基期存量 (家)
  int target_year = 0;
  long target = 0;     ///< 目标存量 (家)
  std::map<int, long> annual_targets;  ///< year → 年度新增目标 (家)
  std::string source;
};

struct SupportProgram {
  std::string metric;  ///< Frame metric id, e.g. "support_amount"
  std::string label;   ///< e.g. "政策支持金额"
};

struct StatsConfig {
  std::string zone_name;
  std::map<int, Decimal> zone_total_tax;  ///< year → 全区税收总额, 万元
  GrowthScope growth_scope = GrowthScope::CurrentAboveScale;
  Decimal tax_threshold = Decimal::from_micros(10'000LL * Decimal::kScale);  ///< 1 亿元 = 10000 万元
  std::vector<DoublingTarget> double_doubling;
  std::vector<SupportProgram> support;  ///< empty: every metric whose id starts with "support"
};

/// Reads the configuration keys above from a TOML text into `into` (keys absent leave `into`
/// unchanged; a [[double_doubling]] for a tier already present replaces it). Other keys are ignored,
/// so the taxonomy file may carry them. Returns issues (file, line, key, value, fix).
Issues read_stats_config(std::string_view toml_text, std::string_view file_name, StatsConfig& into);

}  // namespace mujun::statistics
