#include "statistics/config.h"

#include <charconv>

#include <fmt/format.h>

#include "statistics/toml_util.h"

namespace mujun::statistics {

using detail::line_of;
using detail::number_text;
using detail::str;
using detail::toml_issue;

std::string_view doubling_formula_id(DoublingFormula f) {
  switch (f) {
    case DoublingFormula::AnnualIncrement: return "annual_increment";
    case DoublingFormula::Stock: return "stock";
    case DoublingFormula::PlanIncrement: return "plan_increment";
  }
  return "";
}

std::string_view doubling_formula_zh(DoublingFormula f) {
  switch (f) {
    case DoublingFormula::AnnualIncrement: return "年度新增数 ÷ 年度新增目标 × 100%";
    case DoublingFormula::Stock: return "当前存量 ÷ 目标年目标存量 × 100%";
    case DoublingFormula::PlanIncrement: return "(当前存量 − 基期存量) ÷ (目标存量 − 基期存量) × 100%";
  }
  return "";
}

namespace {

std::optional<int> year_key(std::string_view k) {
  int y = 0;
  auto r = std::from_chars(k.data(), k.data() + k.size(), y);
  if (r.ec != std::errc() || r.ptr != k.data() + k.size() || y < 1900 || y > 2200) return std::nullopt;
  return y;
}

void read_doubling(const toml::array& arr, std::string_view file, StatsConfig& into, Issues& issues) {
  for (std::size_t k = 0; k < arr.size(); ++k) {
    const toml::table* t = arr[k].as_table();
    if (!t) continue;
    std::string where = fmt::format("double_doubling[{}]", k + 1);
    long line = line_of(&arr[k]);
    DoublingTarget d;
    d.tier = str(*t, "tier").value_or("");
    d.label = str(*t, "label").value_or(d.tier);
    d.source = str(*t, "source").value_or("");
    std::string f = str(*t, "formula").value_or("annual_increment");
    if (f == "annual_increment") d.formula = DoublingFormula::AnnualIncrement;
    else if (f == "stock") d.formula = DoublingFormula::Stock;
    else if (f == "plan_increment") d.formula = DoublingFormula::PlanIncrement;
    else {
      issues.push_back(toml_issue(file, line, where + ".formula", f, "config.bad_formula",
                                  "未知的完成率公式：应为 annual_increment（年度新增÷年度目标）、stock（存量÷目标）"
                                  "或 plan_increment（(存量−基数)÷(目标−基数)） / unknown formula"));
      continue;
    }
    if (d.tier.empty()) {
      issues.push_back(toml_issue(file, line, where + ".tier", "", "config.no_tier",
                                  "双倍增目标缺少 tier：请写 tier = \"high_tech_enterprise\"、\"tech_enterprise\" 或 \"tech_sme\" / "
                                  "missing tier"));
      continue;
    }
    d.baseline_year = static_cast<int>((*t)["baseline_year"].value<int64_t>().value_or(0));
    d.baseline = static_cast<long>((*t)["baseline"].value<int64_t>().value_or(0));
    d.target_year = static_cast<int>((*t)["target_year"].value<int64_t>().value_or(0));
    d.target = static_cast<long>((*t)["target"].value<int64_t>().value_or(0));
    if (const toml::table* at = (*t)["annual_targets"].as_table())
      for (const auto& [key, node] : *at) {
        auto y = year_key(key.str());
        auto v = node.value<int64_t>();
        if (!y || !v || *v <= 0) {
          issues.push_back(toml_issue(file, line_of(&node), where + ".annual_targets." + std::string(key.str()),
                                      std::string(key.str()), "config.bad_annual_target",
                                      "年度新增目标应写成 \"年份\" = 正整数（家），如 \"2024\" = 74 / annual target "
                                      "must be \"YEAR\" = positive integer"));
          continue;
        }
        d.annual_targets[*y] = static_cast<long>(*v);
      }
    bool replaced = false;
    for (auto& e : into.double_doubling)
      if (e.tier == d.tier) { e = d; replaced = true; }
    if (!replaced) into.double_doubling.push_back(std::move(d));
  }
}

}  // namespace

Issues read_stats_config(std::string_view text, std::string_view file, StatsConfig& into) {
  Issues issues;
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    issues.push_back(toml_issue(file, static_cast<long>(e.source().begin.line), "", "", "config.toml_syntax",
                                fmt::format("TOML 语法错误：{}；请修正该行 / TOML syntax error", e.description())));
    return issues;
  }
  if (const toml::table* z = root["zone"].as_table()) {
    if (auto n = str(*z, "name")) into.zone_name = *n;
    if (const toml::table* tt = (*z)["total_tax"].as_table())
      for (const auto& [key, node] : *tt) {
        auto y = year_key(key.str());
        auto txt = number_text(&node);
        auto d = txt ? Decimal::parse_exact(*txt) : std::nullopt;
        if (!y || !d) {
          issues.push_back(toml_issue(file, line_of(&node), "zone.total_tax." + std::string(key.str()),
                                      txt.value_or(""), "config.bad_total_tax",
                                      "全区税收总额应写成 \"年份\" = \"金额\"（万元，最多 6 位小数），如 \"2024\" = "
                                      "\"171375.21\" / zone total tax must be \"YEAR\" = amount in 万元"));
          continue;
        }
        into.zone_total_tax[*y] = *d;
      }
  }
  if (const toml::table* tax = root["tax"].as_table())
    for (const auto& [key, node] : *tax) {
      const toml::table* t = node.as_table();
      auto y = year_key(key.str());
      if (!t || !y || !t->contains("zone_total")) continue;
      auto txt = number_text(t->get("zone_total"));
      auto d = txt ? Decimal::parse_exact(*txt) : std::nullopt;
      if (!d) {
        issues.push_back(toml_issue(file, line_of(t->get("zone_total")), "tax." + std::string(key.str()) + ".zone_total",
                                    txt.value_or(""), "config.bad_total_tax",
                                    "全区税收总额应为万元金额（最多 6 位小数） / zone total tax must be an amount in 万元"));
        continue;
      }
      into.zone_total_tax[*y] = *d;
    }
  if (const toml::table* g = root["growth"].as_table()) {
    std::string s = str(*g, "scope").value_or("current_above_scale");
    if (s == "current_above_scale") into.growth_scope = GrowthScope::CurrentAboveScale;
    else if (s == "above_scale_both_years") into.growth_scope = GrowthScope::AboveScaleBothYears;
    else
      issues.push_back(toml_issue(file, line_of((*g).get("scope")), "growth.scope", s, "config.bad_scope",
                                  "未知的同口径范围：应为 current_above_scale（本年规上企业，统计局口径）或 "
                                  "above_scale_both_years（两年均为规上） / unknown growth scope"));
  }
  if (const toml::table* st = root["stats"].as_table()) {
    if (auto txt = number_text(st->get("tax_threshold"))) {
      if (auto d = Decimal::parse_exact(*txt)) into.tax_threshold = *d;
      else
        issues.push_back(toml_issue(file, line_of(st->get("tax_threshold")), "stats.tax_threshold", *txt,
                                    "config.bad_threshold", "纳税门槛应为万元金额，如 \"10000\" / threshold in 万元"));
    }
  }
  if (const toml::array* dd = root["double_doubling"].as_array()) read_doubling(*dd, file, into, issues);
  if (const toml::array* sp = root["support"].as_array())
    for (const auto& n : *sp)
      if (const toml::table* t = n.as_table()) {
        SupportProgram p{str(*t, "metric").value_or(""), str(*t, "label").value_or("")};
        if (p.metric.empty()) continue;
        if (p.label.empty()) p.label = p.metric;
        into.support.push_back(std::move(p));
      }
  return issues;
}

}  // namespace mujun::statistics
