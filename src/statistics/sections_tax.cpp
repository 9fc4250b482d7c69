// 工业税收 (all industrial firms, GB/T 4754 divisions 06–46), 制造业税收 (13–43), share of the zone's
// total tax (configured), and the number of industrial firms paying at least the threshold (1 亿元).
#include <fmt/format.h>

#include "statistics/industry.h"
#include "statistics/sections.h"

namespace mujun::statistics::detail {

namespace {

Figure tax_total(Ctx& c, const std::string& id, const std::string& label, const std::string& scope,
                 const std::function<bool(std::size_t)>& pred, Sum& s) {
  s = c.sum("tax_paid", pred);
  Figure f;
  f.id = id;
  f.label = label;
  f.unit = "亿元";
  f.section = "税收";
  f.formula = fmt::format("Σ税收 tax_paid（{}，万元） ÷ 10000", scope);
  f.inputs = {{fmt::format("Σtax_paid（{}）", scope), exact(s.micros), "万元"},
              {"有税收数据的企业", fmt::format("{}", s.rows), "家"}};
  if (s.rows > 0) f.value = yi(s.micros);
  else f.note = "没有税收数据 / no tax data";
  return f;
}

}  // namespace

void add_tax_figures(Ctx& c) {
  auto industrial = [&](std::size_t i) { return is_industrial(c.cur.industry_code[i]); };
  auto manufacturing = [&](std::size_t i) { return is_manufacturing(c.cur.industry_code[i]); };
  Sum ind, man;
  c.add(tax_total(c, "industrial_tax", "工业税收", "工业企业，行业代码 06–46，不分规模", industrial, ind));
  c.add(tax_total(c, "manufacturing_tax", "制造业税收", "制造业企业，行业代码 13–43，不分规模", manufacturing, man));

  auto zt = c.cfg.zone_total_tax.find(c.cur.year);
  if (zt != c.cfg.zone_total_tax.end()) {
    Figure z;
    z.id = "zone_total_tax";
    z.label = "全区税收总额";
    z.unit = "亿元";
    z.section = "税收";
    z.formula = "配置输入 [zone.total_tax]（万元） ÷ 10000";
    z.value = yi(zt->second.micros);
    z.inputs = {{"全区税收总额（配置）", zt->second.to_string(), "万元"}};
    c.add(std::move(z));
  }
  Figure sh;
  sh.id = "industrial_tax_share";
  sh.label = "工业税收占全区税收比重";
  sh.unit = "%";
  sh.decimals = 1;
  sh.section = "税收";
  sh.formula = "Σ工业税收 ÷ 全区税收总额 × 100%";
  if (zt == c.cfg.zone_total_tax.end()) {
    sh.note = fmt::format("未配置 {} 年全区税收总额（[zone.total_tax]）/ zone total tax not configured", c.cur.year);
  } else {
    sh.inputs = {{"工业税收", exact(ind.micros), "万元"}, {"全区税收总额", zt->second.to_string(), "万元"}};
    sh.value = pct(ind.micros, zt->second.micros);
  }
  c.add(std::move(sh));

  const Column* tax = c.cur.metric("tax_paid");
  std::size_t n = 0;
  for (std::size_t i = 0; i < c.cur.size(); ++i)
    if (industrial(i) && tax && tax->has(i) && tax->micros[i] >= c.cfg.tax_threshold.micros) ++n;
  Figure cnt;
  cnt.id = "industrial_firms_tax_over_threshold";
  cnt.label = fmt::format("纳税超{}亿元工业企业数", Decimal::from_micros(c.cfg.tax_threshold.micros / 10'000).to_string());
  cnt.unit = "家";
  cnt.decimals = 0;
  cnt.section = "税收";
  cnt.formula = fmt::format("工业企业中 tax_paid ≥ {} 万元的企业计数", c.cfg.tax_threshold.to_string());
  cnt.value = static_cast<double>(n);
  c.add(std::move(cnt));
}

}  // namespace mujun::statistics::detail
