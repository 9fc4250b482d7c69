// 创新投入 (R&D), 政策支持 (policy support totals) and 双倍增 progress.
// 双倍增: 渝府办发〔2023〕26号; completion-rate formula configurable (../shared/reference/tier-criteria.md §11).
#include <algorithm>

#include <fmt/format.h>

#include "domain/metric.h"
#include "statistics/sections.h"
#include "statistics/tiers_labels.h"

namespace mujun::statistics::detail {

namespace {

void add_rd(Ctx& c) {
  Sum rd = c.sum("rd_expense", [](std::size_t) { return true; });
  Figure f;
  f.id = "rd_expense_total";
  f.label = "R&D经费支出合计";
  f.unit = "亿元";
  f.section = "科技创新";
  f.formula = "Σ R&D经费支出 rd_expense（全部企业，万元） ÷ 10000";
  f.inputs = {{"Σrd_expense", exact(rd.micros), "万元"}, {"有数据的企业", fmt::format("{}", rd.rows), "家"}};
  if (rd.rows > 0) f.value = yi(rd.micros);
  else f.note = "没有 R&D 数据 / no R&D data";
  c.add(std::move(f));

  const Column* col = c.cur.metric("rd_expense");
  std::size_t above = 0, active = 0, missing = 0;
  for (std::size_t i = 0; i < c.cur.size(); ++i) {
    if (!c.above(i)) continue;
    ++above;
    if (!col || !col->has(i)) ++missing;
    else if (col->micros[i] > 0) ++active;
  }
  Figure s;
  s.id = "above_scale_rd_active_share";
  s.label = "有研发活动的规上工业企业占比";
  s.unit = "%";
  s.decimals = 1;
  s.section = "科技创新";
  s.formula = "规上企业中 rd_expense > 0 的企业数 ÷ 规上企业数 × 100%（无 R&D 数据视为无研发活动，见输入）";
  s.inputs = {{"rd_expense > 0 的规上企业", fmt::format("{}", active), "家"},
              {"规上企业", fmt::format("{}", above), "家"},
              {"其中无 R&D 数据", fmt::format("{}", missing), "家"}};
  s.value = pct(active, above);
  c.add(std::move(s));
}

void add_support(Ctx& c) {
  std::vector<SupportProgram> programs = c.cfg.support;
  if (programs.empty())
    for (const auto& [id, col] : c.cur.metrics)
      if (id.starts_with("support")) {
        const MetricInfo* m = find_metric(id);
        programs.push_back({id, m ? std::string(m->label_zh) : id});
      }
  for (const auto& p : programs) {
    Sum s = c.sum(p.metric, [](std::size_t) { return true; });
    if (s.rows == 0) continue;  // not imported for this year
    Figure f;
    f.id = "support." + p.metric;
    f.label = p.label;
    f.unit = "万元";
    f.section = "政策支持";
    f.formula = fmt::format("Σ{}（本年导入的支持记录，万元）", p.metric);
    f.value = static_cast<double>(static_cast<long double>(s.micros) / Decimal::kScale);
    f.inputs = {{"Σ" + p.metric, exact(s.micros), "万元"}, {"获支持企业数", fmt::format("{}", s.rows), "家"}};
    c.add(std::move(f));
    Figure n;
    n.id = "support_firms." + p.metric;
    n.label = p.label + "企业数";
    n.unit = "家";
    n.decimals = 0;
    n.section = "政策支持";
    n.formula = fmt::format("{} 有记录的企业计数", p.metric);
    n.value = static_cast<double>(s.rows);
    c.add(std::move(n));
  }
}

void add_doubling(Ctx& c) {
  const Frame& f = c.cur;
  for (const auto& d : c.cfg.double_doubling) {
    std::size_t stock = 0, fresh = 0;
    for (std::size_t i = 0; i < f.size(); ++i) {
      bool now = holds(f.certificates[i], d.tier, "", f.year);
      stock += now ? 1 : 0;
      fresh += now && !holds(f.certificates[i], d.tier, "", f.year - 1) ? 1 : 0;
    }
    Figure n;
    n.id = "certificates_new." + d.tier;
    n.label = fmt::format("新增{}数", d.label);
    n.unit = "家";
    n.decimals = 0;
    n.section = "双倍增";
    n.formula = fmt::format("{0}-12-31 持有有效证书、{1}-12-31 未持有的企业数", f.year, f.year - 1);
    n.value = static_cast<double>(fresh);
    c.add(std::move(n));

    Figure p;
    p.id = "double_doubling." + d.tier;
    p.label = fmt::format("{}“双倍增”完成率", d.label);
    p.unit = "%";
    p.decimals = 1;
    p.section = "双倍增";
    p.formula = std::string(doubling_formula_zh(d.formula)) + "（公式 " + std::string(doubling_formula_id(d.formula)) + "）";
    p.note = d.source;
    switch (d.formula) {
      case DoublingFormula::AnnualIncrement: {
        auto t = d.annual_targets.find(f.year);
        p.inputs = {{"年度新增数", fmt::format("{}", fresh), "家"}};
        if (t == d.annual_targets.end()) {
          p.note = fmt::format("未配置 {} 年新增目标 / no annual target configured", f.year);
        } else {
          p.inputs.push_back({"年度新增目标", fmt::format("{}", t->second), "家"});
          p.value = pct(fresh, t->second);
        }
        break;
      }
      case DoublingFormula::Stock:
        p.inputs = {{"当前存量", fmt::format("{}", stock), "家"},
                    {fmt::format("{} 年目标存量", d.target_year), fmt::format("{}", d.target), "家"}};
        p.value = pct(stock, d.target);
        break;
      case DoublingFormula::PlanIncrement:
        p.inputs = {{"当前存量", fmt::format("{}", stock), "家"},
                    {fmt::format("{} 年基期存量", d.baseline_year), fmt::format("{}", d.baseline), "家"},
                    {fmt::format("{} 年目标存量", d.target_year), fmt::format("{}", d.target), "家"}};
        p.value = pct(static_cast<long double>(stock) - d.baseline, static_cast<long double>(d.target) - d.baseline);
        break;
    }
    if (!p.value && p.note.empty()) p.note = "目标为 0 或未配置 / target missing";
    c.add(std::move(p));
  }
}

}  // namespace

void add_innovation_figures(Ctx& c) {
  add_rd(c);
  add_support(c);
  add_doubling(c);
}

}  // namespace mujun::statistics::detail
