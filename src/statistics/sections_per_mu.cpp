// 规上制造业亩均产值 / 亩均税收 / 亩均增加值: ratios of sums over 规上 enterprises of GB/T 4754
// divisions 13–43 that have land (owned + leased parcels) and the metric; 1 亩 = 10000/15 m².
// Source of the measure: 亩均论英雄 evaluation practice (../shared/reference/evaluation-methods.md §6.3,
// "aggregate = ratio of sums, not mean of firm ratios"); 万盛 2024 publishes 448 / 22 / 146 万元/亩.
#include <fmt/format.h>

#include "statistics/industry.h"
#include "statistics/sections.h"

namespace mujun::statistics::detail {

namespace {

std::int64_t land_m2_micros(const Frame& f, std::size_t i, bool& any) {
  any = false;
  std::int64_t m = 0;
  if (f.land_owned_m2.has(i)) { m += f.land_owned_m2.micros[i]; any = true; }
  if (f.land_leased_m2.has(i)) { m += f.land_leased_m2.micros[i]; any = true; }
  return m;
}

long double mu_of(std::int64_t m2_micros) { return static_cast<long double>(m2_micros) / Decimal::kScale * 15.0L / 10000.0L; }

}  // namespace

void add_per_mu_figures(Ctx& c) {
  auto scope = [&](std::size_t i) { return c.above(i) && is_manufacturing(c.cur.industry_code[i]); };
  std::int64_t all_land = 0;
  std::size_t with_land = 0, without_land = 0;
  for (std::size_t i = 0; i < c.cur.size(); ++i) {
    if (!scope(i)) continue;
    bool any = false;
    std::int64_t m = land_m2_micros(c.cur, i, any);
    if (any && m > 0) { all_land += m; ++with_land; }
    else ++without_land;
  }
  Figure land;
  land.id = "above_scale_manufacturing_land";
  land.label = "规上制造业用地面积";
  land.unit = "亩";
  land.decimals = 2;
  land.section = "亩均效益";
  land.formula = "Σ(自有 + 租赁)宗地面积（平方米，规上制造业） × 15 ÷ 10000";
  land.inputs = {{"Σ用地面积", exact(all_land), "平方米"},
                 {"有用地的规上制造业企业", fmt::format("{}", with_land), "家"},
                 {"无用地记录的规上制造业企业（不计入亩均）", fmt::format("{}", without_land), "家"}};
  if (with_land > 0) land.value = static_cast<double>(mu_of(all_land));
  c.add(std::move(land));

  struct M { const char* id; const char* label; const char* metric; const char* metric_zh; int decimals; };
  for (const M& m : {M{"above_scale_manufacturing_output_per_mu", "规上制造业亩均产值", "gross_output", "工业总产值", 2},
                     M{"above_scale_manufacturing_tax_per_mu", "规上制造业亩均税收", "tax_paid", "税收", 2},
                     M{"above_scale_manufacturing_value_added_per_mu", "规上制造业亩均增加值", "value_added", "工业增加值", 2}}) {
    const Column* col = c.cur.metric(m.metric);
    std::int64_t amount = 0, land_m2 = 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < c.cur.size(); ++i) {
      if (!scope(i) || !col || !col->has(i)) continue;
      bool any = false;
      std::int64_t a = land_m2_micros(c.cur, i, any);
      if (!any || a <= 0) continue;
      amount += col->micros[i];
      land_m2 += a;
      ++n;
    }
    Figure f;
    f.id = m.id;
    f.label = m.label;
    f.unit = "万元/亩";
    f.decimals = m.decimals;
    f.section = "亩均效益";
    f.formula = fmt::format("Σ{0}（万元） ÷ Σ用地面积（亩），规上制造业（行业 13–43）中有用地且有{0}数据的企业；比值之和，"
                            "非比值平均", m.metric_zh);
    f.inputs = {{fmt::format("Σ{}", m.metric), exact(amount), "万元"},
                {"Σ用地面积", exact(land_m2), "平方米"},
                {"Σ用地面积", fmt::format("{:.4f}", static_cast<double>(mu_of(land_m2))), "亩"},
                {"企业数", fmt::format("{}", n), "家"}};
    if (land_m2 > 0) f.value = static_cast<double>(static_cast<long double>(amount) / Decimal::kScale / mu_of(land_m2));
    else f.note = "没有同时具备用地和数据的规上制造业企业 / no firm with both land and data";
    c.add(std::move(f));
  }
}

}  // namespace mujun::statistics::detail
