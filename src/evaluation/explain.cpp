#include "evaluation/explain.h"

#include <cmath>

#include <fmt/format.h>

namespace mujun::evaluation {

std::string_view class_label(char k) {
  switch (k) {
    case 'A': return "A 优先发展类 / A priority";
    case 'B': return "B 鼓励提升类 / B encouraged";
    case 'C': return "C 监管调控类 / C regulated";
    case 'D': return "D 落后整治类 / D rectification";
    case 'T': return "T 只评价不分档 / T evaluated, not classed";
  }
  return "未评价 / not evaluated";
}

std::string_view class_rule_label(ClassRule r) {
  switch (r) {
    case ClassRule::None: return "不在评价范围 / out of scope";
    case ClassRule::Quota: return "按名额 / by quota seat";
    case ClassRule::QuotaTie: return "同分并列取较高档 / tie shares the better class";
    case ClassRule::QuotaFloor: return "A 档名额内但低于 A 档最低分，降为 B / A seat below the A floor: B";
    case ClassRule::Threshold: return "按分数线 / by score threshold";
    case ClassRule::Special: return "特殊类别，只评价不分档 / special category: class T";
    case ClassRule::Veto: return "一票否决 / veto";
  }
  return "";
}

std::string_view treatment_label(Treatment t) {
  switch (t) {
    case Treatment::NotApplicable: return "不适用 / not applicable";
    case Treatment::Scored: return "按基准计分 / scored";
    case Treatment::MissingZero: return "数据缺失，计 0 分 / missing: 0 points";
    case Treatment::MissingAverage: return "数据缺失，按本组平均得分 / missing: cohort average points";
    case Treatment::MissingReweighted: return "数据缺失，剔除该项并按比例调整其他权重 / missing: left out, re-weighted";
    case Treatment::NoBenchmark: return "无法形成基准，计 0 分 / no benchmark: 0 points";
  }
  return "";
}

std::string benchmark_label(const Benchmark& b) {
  std::string of = b.of == MeanKind::RatioOfSums ? "Σ分子/Σ分母 ratio of sums" : "比值平均 mean of ratios";
  switch (b.method) {
    case BenchmarkMethod::Fixed: return fmt::format("固定基准 / fixed {}", b.value);
    case BenchmarkMethod::Mean: return fmt::format("本组均值 × {} / {} × cohort mean ({})", b.k, b.k, of);
    case BenchmarkMethod::PreviousMean:
      return fmt::format("上年本组均值 × {} / {} × previous-year cohort mean ({})", b.k, b.k, of);
    case BenchmarkMethod::Max: return "本组最优值 / cohort best";
    case BenchmarkMethod::MinMax:
      return fmt::format("极值法，保底 {}% / min–max with a {}% floor", b.floor_percent, b.floor_percent);
  }
  return "";
}

std::vector<std::string> explain_lines(const Scheme& s, const Frame& f, const EvaluationResult& r, std::size_t i) {
  std::vector<std::string> out;
  std::string land = std::isnan(r.land_mu[i]) ? "无用地记录 / no parcel" : fmt::format("{:.4f} 亩 / mu", r.land_mu[i]);
  const int ci = r.cohort[i];
  if (ci < 0) {
    out.push_back(fmt::format("{}（{}）：用地 {}；不属于任何评价分组，未评价 / in no cohort of the scheme: not evaluated",
                              f.name[i], f.uscc[i], land));
    return out;
  }
  const Cohort& co = s.cohorts[ci];
  const CohortOutcome& oc = r.cohorts[ci];
  out.push_back(fmt::format("{}（{}）：分组 {}（{}），用地 {} / cohort {}, land {}", f.name[i], f.uscc[i], co.label,
                            co.id, land, co.id, land));
  for (std::size_t j = 0; j < co.indicators.size(); ++j) {
    const int k = co.indicators[j];
    const Indicator& ind = s.indicators[k];
    const Treatment t = r.treatment[k][i];
    const double v = r.value[k][i];
    std::string bench;
    if (co.benchmarks[j].method == BenchmarkMethod::MinMax)
      bench = fmt::format("最小 {:.6g}，最大 {:.6g}（{}） / min {:.6g}, max {:.6g}", oc.low[j], oc.high[j],
                          benchmark_label(co.benchmarks[j]), oc.low[j], oc.high[j]);
    else
      bench = fmt::format("基准 {:.6g}（{}，{} 家） / benchmark {:.6g}", oc.benchmark[j],
                          benchmark_label(co.benchmarks[j]), oc.benchmark_firms[j], oc.benchmark[j]);
    std::string value = std::isnan(v) ? "缺失 / missing" : fmt::format("{:.6g} {}", v, ind.unit);
    out.push_back(fmt::format("  {}（{}）= {}；{}；权重 {}；得分 {:.3f}；{} / weight {}, points {:.3f}", ind.label,
                              ind.id, value, bench, co.weights[j], r.points[k][i], treatment_label(t), co.weights[j],
                              r.points[k][i]));
  }
  for (std::size_t a = 0; a < s.adjustments.size(); ++a) {
    if (!(r.adjustments[i] >> a & 1)) continue;
    const Adjustment& adj = s.adjustments[a];
    if (adj.kind == Adjustment::Kind::Veto)
      out.push_back(fmt::format("  一票否决：{} → {} 档 / veto: {} → class {}", adj.label, adj.forced_class, adj.id,
                                adj.forced_class));
    else
      out.push_back(fmt::format("  {}：{} {}{} 分 / {} {}{}", adj.kind == Adjustment::Kind::Bonus ? "加分" : "减分",
                                adj.label, adj.kind == Adjustment::Kind::Bonus ? "+" : "−", adj.points, adj.id,
                                adj.kind == Adjustment::Kind::Bonus ? "+" : "−", adj.points));
  }
  if (s.bonus_max) out.push_back(fmt::format("  加分合计上限 {} 分 / bonus capped at {}", *s.bonus_max, *s.bonus_max));
  out.push_back(fmt::format("  指标得分 {:.3f} + 加减分 {:.3f} = 总分 {:.3f}；本组 {} 家中排第 {} / total {:.3f}, rank {} of {}",
                            r.indicator_total[i], r.adjustment_total[i], r.total[i], oc.members, r.rank[i],
                            r.total[i], r.rank[i], oc.members));
  std::string rule(class_rule_label(r.class_rule[i]));
  if (r.class_rule[i] == ClassRule::Special) rule += "：" + s.specials[r.special[i]].label;
  const bool by_township = s.cohorts[r.cohort[i]].classification.pool == Classification::Pool::Township;
  if (by_township && (r.class_rule[i] == ClassRule::Quota || r.class_rule[i] == ClassRule::QuotaTie ||
                      r.class_rule[i] == ClassRule::QuotaFloor))
    rule += fmt::format("（名额在本组每个镇街内分配，按本镇街“{}”的排位；全组合计 N = {}，A/B/C/D 名额合计 {}/{}/{}/{} / "
                        "seats per township, by the rank within \"{}\"; cohort total N = {}, seats {}/{}/{}/{}）",
                        f.township[i], oc.pool, oc.seats[0], oc.seats[1], oc.seats[2], oc.seats[3], f.township[i],
                        oc.pool, oc.seats[0], oc.seats[1], oc.seats[2], oc.seats[3]);
  else if (r.class_rule[i] == ClassRule::Quota || r.class_rule[i] == ClassRule::QuotaTie ||
      r.class_rule[i] == ClassRule::QuotaFloor)
    rule += fmt::format("（分档名额基数 N = {}，A/B/C/D 名额 {}/{}/{}/{} / pool N = {}, seats {}/{}/{}/{}）", oc.pool,
                        oc.seats[0], oc.seats[1], oc.seats[2], oc.seats[3], oc.pool, oc.seats[0], oc.seats[1],
                        oc.seats[2], oc.seats[3]);
  out.push_back(fmt::format("  档次 / class: {}；{}", class_label(r.klass[i]), rule));
  return out;
}

std::string explain(const Scheme& s, const Frame& f, const EvaluationResult& r, std::size_t i) {
  std::string text;
  for (const auto& l : explain_lines(s, f, r, i)) {
    if (!text.empty()) text += "\n";
    text += l;
  }
  return text;
}

}  // namespace mujun::evaluation
