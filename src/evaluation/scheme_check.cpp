#include "evaluation/scheme_check.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace mujun::evaluation {
namespace {
void add(Issues& out, const Scheme& s, int line, std::string key, std::string code, std::string msg) {
  for (const auto& o : out)
    if (o.row == line && o.code == code && o.column == key) return;  // one report per place
  Issue i;
  i.file = s.file;
  i.row = line;
  i.column = std::move(key);
  i.code = std::move(code);
  i.message = std::move(msg);
  out.push_back(std::move(i));
}

void check_classification(const Scheme& s, const Classification& c, const std::string& where, Issues& out) {
  if (c.method == Classification::Method::Quota) {
    std::int64_t sum = 0;
    bool negative = false;
    for (auto v : c.share_micros) { sum += v; negative = negative || v < 0; }
    if (sum != 1'000'000 || negative)
      add(out, s, c.line, where + ".shares", "scheme.quota_sum",
          fmt::format("A/B/C/D 比例之和为 {:.6f}，应为 1（且均不小于 0） / quota shares sum to {:.6f}, must be 1 "
                      "(none negative)", sum / 1e6, sum / 1e6));
  } else if (!(c.thresholds[0] >= c.thresholds[1] && c.thresholds[1] >= c.thresholds[2])) {
    add(out, s, c.line, where + ".thresholds", "scheme.thresholds",
        "分数线应满足 A ≥ B ≥ C / thresholds must satisfy A ≥ B ≥ C");
  }
}
}  // namespace

bool cohort_covers(const CohortRule& e, const CohortRule& l) {
  if (e.above_scale && (!l.above_scale || *l.above_scale != *e.above_scale)) return false;
  if (e.land_mu_min && (!l.land_mu_min || *l.land_mu_min < *e.land_mu_min)) return false;
  if (e.land_mu_max && (!l.land_mu_max || *l.land_mu_max > *e.land_mu_max)) return false;
  if (e.tenure != CohortRule::Tenure::Any && e.tenure != l.tenure) return false;
  if (!e.industry.empty()) {
    if (l.industry.empty()) return false;
    for (const auto& lr : l.industry) {
      bool inside = false;
      for (const auto& er : e.industry) inside = inside || er.covers(lr);
      if (!inside) return false;
    }
  }
  return true;
}

void check_scheme(const Scheme& s, Issues& out) {
  for (std::size_t j = 0; j < s.cohorts.size(); ++j) {
    const Cohort& c = s.cohorts[j];
    std::string where = "cohort[" + c.id + "]";
    if (s.weights_total && !c.weights.empty() && std::fabs(c.weight_total() - *s.weights_total) > 1e-9)
      add(out, s, c.weights_line ? c.weights_line : c.line, where + ".weights", "scheme.weights_sum",
          fmt::format("权重合计为 {}，应为 {}（scheme.weights_total） / weights sum to {}, must be {}",
                      c.weight_total(), *s.weights_total, c.weight_total(), *s.weights_total));
    for (const auto& rule : c.rules)
      if (rule.land_mu_min && rule.land_mu_max && *rule.land_mu_min >= *rule.land_mu_max)
        add(out, s, c.line, where + ".land_mu_min", "scheme.cohort_empty",
            fmt::format("land_mu_min ({}) 不小于 land_mu_max ({})，没有企业能落入该分组 / land_mu_min is not below "
                        "land_mu_max: no firm can fall in this cohort", *rule.land_mu_min, *rule.land_mu_max));
    // Shadowed: each of its rules is covered by one rule of an earlier cohort.
    std::size_t by = j;
    bool all_covered = !c.rules.empty();
    for (const auto& rule : c.rules) {
      bool covered = false;
      for (std::size_t i = 0; i < j && !covered; ++i)
        for (const auto& er : s.cohorts[i].rules)
          if (cohort_covers(er, rule)) { covered = true; by = i; break; }
      all_covered = all_covered && covered;
    }
    if (all_covered)
        add(out, s, c.line, where, "scheme.cohort_empty",
            "该分组的企业都已被前面的分组 " + s.cohorts[by].id +
                " 收走（按文件顺序先匹配先得），没有企业能落入；请收窄前面的分组或调整顺序 / every firm this cohort "
                "accepts is taken by the earlier cohort " + s.cohorts[by].id +
                " (first match wins): no firm can fall in it; narrow the earlier cohort or reorder");
    check_classification(s, c.classification, where + ".classification", out);
  }
}

}  // namespace mujun::evaluation
