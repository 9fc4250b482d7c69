#include <cmath>

#include <fmt/format.h>

#include "statistics/sections.h"

namespace mujun::statistics::detail {

Sum Ctx::sum(const std::string& metric, const std::function<bool(std::size_t)>& pred) const {
  Sum s;
  const Column* col = cur.metric(metric);
  for (std::size_t i = 0; i < cur.size(); ++i) {
    if (!pred(i)) continue;
    if (col && col->has(i)) { s.micros += col->micros[i]; ++s.rows; }
    else ++s.missing;
  }
  return s;
}

std::string exact(std::int64_t micros) { return Decimal::from_micros(micros).to_string(); }

double yi(std::int64_t micros_wan) {
  return static_cast<double>(static_cast<long double>(micros_wan) / (10'000.0L * Decimal::kScale));
}

std::optional<double> pct(long double a, long double b) {
  if (b == 0) return std::nullopt;
  return static_cast<double>(a / b * 100.0L);
}

bool holds(const std::vector<Certificate>& certs, const std::string& tier, const std::string& level, int year) {
  std::string end = fmt::format("{:04d}-12-31", year);
  for (const auto& c : certs) {
    if (c.tier != tier) continue;
    if (!level.empty() && c.level != level) continue;
    if (!c.issued.empty() && c.issued > end) continue;
    if (!c.expires.empty() && c.expires < end) continue;
    return true;
  }
  return false;
}

void add_growth(Ctx& c, const std::string& id, const std::string& label, const std::string& metric,
                const std::function<bool(std::size_t)>& in_group, const std::string& section) {
  Figure f;
  f.id = id;
  f.label = label;
  f.unit = "%";
  f.decimals = 1;
  f.section = section;
  bool both = c.cfg.growth_scope == GrowthScope::AboveScaleBothYears;
  f.formula = fmt::format("(Σ{0}本年 ÷ Σ{0}上年 − 1) × 100%，同口径：{1}，现价", metric,
                          both ? "两年均为规上且两年均有数据的企业" : "本年规上且两年均有数据的企业（统计局口径）");
  if (!c.prev) {
    f.note = fmt::format("缺少 {} 年数据，无法计算增速 / no data for the previous year", c.cur.year - 1);
    c.add(std::move(f));
    return;
  }
  const Column* cc = c.cur.metric(metric);
  const Column* pc = c.prev->metric(metric);
  std::int64_t sc = 0, sp = 0;
  std::size_t n = 0, no_prev = 0, entered = 0;
  for (std::size_t i = 0; i < c.cur.size(); ++i) {
    if (!c.above(i) || !in_group(i) || !cc || !cc->has(i)) continue;
    auto it = c.prev_row.find(c.cur.uscc[i]);
    bool prev_has = it != c.prev_row.end() && pc && pc->has(it->second);
    if (!prev_has) { ++no_prev; continue; }
    bool prev_above = c.prev->above_scale[it->second] == 1;
    if (!prev_above) ++entered;
    if (both && !prev_above) continue;
    sc += cc->micros[i];
    sp += pc->micros[it->second];
    ++n;
  }
  f.inputs = {{fmt::format("Σ{}（同口径，{}年）", metric, c.cur.year), exact(sc), "万元"},
              {fmt::format("Σ{}（同口径，{}年）", metric, c.cur.year - 1), exact(sp), "万元"},
              {"同口径企业数", fmt::format("{}", n), "家"},
              {both ? "本年新进规上企业（不计入）" : "其中本年新进规上企业（计入，按上年数据）", fmt::format("{}", entered), "家"},
              {"本年规上但上年无数据（不计入）", fmt::format("{}", no_prev), "家"}};
  if (sp == 0) {
    f.note = "上年同口径合计为 0，无法计算增速 / previous-year base is zero";
  } else {
    f.value = static_cast<double>((static_cast<long double>(sc) / sp - 1.0L) * 100.0L);
    f.note = "现价口径（名义增速） / nominal, current prices";
  }
  c.add(std::move(f));
}

}  // namespace mujun::statistics::detail
