// mujun tiers — computing rule quantities from a profile, and the "lever" that closes a gap.
//
// Periods are relative to the profile's data_year Y (tier-criteria.md §12). A missing input makes
// the quantity unknown and is named in `missing` (never read as zero).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "tiers/profile.h"
#include "tiers/rules.h"

namespace mujun::tiers {

struct QuantityValue {
  std::optional<double> value;        ///< canonical unit (万元, 人, 件) or fraction (0.03 = 3 %)
  std::vector<std::string> missing;   ///< e.g. "2023年 营业收入(revenue)"
  std::string period;                 ///< e.g. "2024年", "2022–2024年"
  std::string note;                   ///< special case applied (高新 成长性), if any
};

/// Evaluates `q` on `p`. Kinds (rules.h): Metric, Sum, Average, Ratio (ratio of sums over the
/// years, e.g. 高新 R&D / 销售收入 over 3 years), Growth, AvgGrowth, Cagr, HnteGrowth.
/// HnteGrowth follows 国科发火〔2016〕195号 《高新技术企业认定管理工作指引》 (V):
///   rate = ½ × (V₂/V₁ + V₃/V₂) − 1 over Y−2, Y−1, Y; if V₁ = 0 the rate is V₃/V₂ − 1 (last two
///   years); if V₂ = 0 the rate is 0; an enterprise producing for < 3 years (production_start_year
///   > Y−2) uses its actual years (started Y−1: V₃/V₂ − 1; started Y: 0). A negative rate stays
///   negative here and scores 0 in the bands.
/// A zero denominator makes Ratio/Growth unknown with the reason in `missing`.
QuantityValue evaluate(const Quantity& q, const EnterpriseProfile& p);

/// Chinese label of a metric id (domain/metric.h or a derived id of EnterpriseProfile::value).
std::string metric_label(const std::string& id);
/// Canonical unit of a metric id ("万元", "人", "件" …).
std::string metric_unit(const std::string& id);
/// Human label of a quantity, e.g. "R&D经费支出/营业收入（2022–2024年合计）".
std::string quantity_label(const Quantity& q, int data_year);
/// "2024年" or "2022–2024年".
std::string period_label(const std::vector<int>& years, int data_year);

/// What to change to bring `q` to `target`: the amount in the lever metric's native unit
/// (positive = more, negative = less) and a sentence, e.g. "R&D经费支出需增加 136 万元（营业收入不变）".
/// nullopt when the quantity itself is unknown.
struct Lever {
  double amount = 0;
  double base = 0;  ///< current value of what changes (Σ numerator, last year's value …): effort = |amount|/|base|
  std::string unit;
  std::string text;
};
std::optional<Lever> lever(const Quantity& q, const EnterpriseProfile& p, double target);

/// Value for display: unit "%" shows a fraction ×100 with up to 2 decimals ("2.1%"), other units
/// show up to 2 decimals without trailing zeros ("136 万元"); `decimals` overrides the 2.
std::string format_value(double v, const std::string& unit, int decimals = 2);

/// a ≥ b with a relative tolerance of 1e-9 (band edges "含" survive binary rounding of sums).
bool ge(double a, double b);
bool le(double a, double b);

}  // namespace mujun::tiers
