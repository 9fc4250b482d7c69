// 梯度培育: enterprises holding a valid certificate on 31 December, per tier and per level, and the
// 高新技术企业 output share of 规上工业总产值 (万盛 2024 publishes 47 %).
#include <set>

#include <fmt/format.h>

#include "statistics/sections.h"
#include "statistics/tiers_labels.h"

namespace mujun::statistics::detail {

void add_certificate_figures(Ctx& c) {
  const Frame& f = c.cur;
  for (std::string_view tier_sv : counted_tiers()) {
    std::string tier(tier_sv);
    std::set<std::string> levels;
    bool any = false;
    for (std::size_t i = 0; i < f.size(); ++i)
      for (const auto& cert : f.certificates[i])
        if (cert.tier == tier) { any = true; if (!cert.level.empty()) levels.insert(cert.level); }
    if (!any) continue;
    auto count = [&](const std::string& level) {
      std::size_t n = 0;
      for (std::size_t i = 0; i < f.size(); ++i) n += holds(f.certificates[i], tier, level, f.year) ? 1 : 0;
      return n;
    };
    Figure all;
    all.id = "certificates." + tier;
    all.label = fmt::format("{}数", tier_label_zh(tier));
    all.unit = "家";
    all.decimals = 0;
    all.section = "梯度培育";
    all.formula = fmt::format("持有 {}-12-31 有效的{}证书（任一级别）的企业数", f.year, tier_label_zh(tier));
    all.value = static_cast<double>(count(""));
    c.add(std::move(all));
    for (const auto& level : levels) {
      Figure lv;
      lv.id = fmt::format("certificates.{}.{}", tier, level);
      lv.label = fmt::format("{}{}数", level_label_zh(level), tier_label_zh(tier));
      lv.unit = "家";
      lv.decimals = 0;
      lv.section = "梯度培育";
      lv.formula = fmt::format("持有 {}-12-31 有效的{}{}证书的企业数", f.year, level_label_zh(level), tier_label_zh(tier));
      lv.value = static_cast<double>(count(level));
      c.add(std::move(lv));
    }
  }

  std::int64_t total = c.sum("gross_output", [&](std::size_t i) { return c.above(i); }).micros;
  Sum ht = c.sum("gross_output", [&](std::size_t i) {
    return c.above(i) && holds(f.certificates[i], "high_tech_enterprise", "", f.year);
  });
  Figure sh;
  sh.id = "high_tech_output_share";
  sh.label = "高新技术企业产值占规上工业总产值比重";
  sh.unit = "%";
  sh.decimals = 1;
  sh.section = "梯度培育";
  sh.formula = "Σ工业总产值（规上且持有有效高新技术企业证书） ÷ Σ规上工业总产值 × 100%";
  sh.inputs = {{"Σgross_output（规上高新技术企业）", exact(ht.micros), "万元"},
               {"规上高新技术企业数", fmt::format("{}", ht.rows + ht.missing), "家"},
               {"Σgross_output（规上）", exact(total), "万元"}};
  sh.value = pct(ht.micros, total);
  if (!sh.value) sh.note = "规上工业总产值为 0 / total is zero";
  c.add(std::move(sh));
}

}  // namespace mujun::statistics::detail
