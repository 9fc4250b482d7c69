#include "tiers/doubling.h"

#include <fmt/format.h>

#include <toml++/toml.h>

#include "tiers/rules.h"
#include "tiers/verdict.h"

namespace mujun::tiers {

std::vector<DoublingTarget> parse_doubling(std::string_view text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw RuleError(fmt::format("双倍增目标文件 {} 第{}行 TOML 语法错误：{} / TOML syntax error", source,
                                e.source().begin.line, e.description()));
  }
  std::vector<DoublingTarget> out;
  auto arr = root["target"].as_array();
  if (!arr) return out;
  for (auto& e : *arr) {
    auto t = e.as_table();
    auto line = e.source().begin.line;
    if (!t) throw RuleError(fmt::format("{} 第{}行：target 应为表，请写成 [[target]]", source, line));
    DoublingTarget d;
    d.tier = (*t)["tier"].value_or(std::string{});
    if (d.tier != "high_tech_enterprise" && d.tier != "tech_sme" && d.tier != "tech_enterprise")
      throw RuleError(fmt::format("{} 第{}行：tier \"{}\" 无效，请填写 high_tech_enterprise、tech_enterprise（重庆市科技型企业）或 tech_sme", source, line, d.tier));
    d.area = (*t)["area"].value_or(std::string{});
    d.source = (*t)["source"].value_or(std::string{});
    d.confidence = (*t)["confidence"].value_or(std::string{});
    if (auto v = (*t)["baseline"].value<int64_t>()) d.baseline = static_cast<int>(*v);
    if (auto v = (*t)["target"].value<int64_t>()) d.target = static_cast<int>(*v);
    d.baseline_year = static_cast<int>((*t)["baseline_year"].value_or(int64_t{2022}));
    d.target_year = static_cast<int>((*t)["target_year"].value_or(int64_t{2027}));
    if (auto inc = (*t)["annual_increment"].as_table())
      for (auto& [k, v] : *inc) {
        auto n = v.value<int64_t>();
        int year = 0;
        try { year = std::stoi(std::string(k.str())); } catch (...) {}
        if (!n || year < 2000)
          throw RuleError(fmt::format("{} 第{}行：annual_increment 应写成 {{ \"2024\" = 75 }}", source, line));
        d.annual_increment[year] = static_cast<int>(*n);
      }
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<DoublingProgress> doubling_progress(const std::vector<DoublingTarget>& targets,
                                                const std::vector<EnterpriseProfile>& profiles,
                                                const Date& date,
                                                const std::map<std::string, int>& validity) {
  std::vector<DoublingProgress> out;
  for (auto& t : targets) {
    DoublingProgress g;
    g.tier = t.tier, g.area = t.area, g.year = date.y;
    int vy = validity.count(t.tier) ? validity.at(t.tier) : 0;
    for (auto& p : profiles) {
      bool counted = false, fresh = false;
      for (auto& c : p.certificates) {
        if (c.tier != t.tier) continue;
        if (certificate_valid(c, date, vy)) counted = true;
        if (auto i = Date::parse(c.issued); i && i->y == date.y && !(date < *i)) fresh = true;
      }
      g.stock += counted, g.new_in_year += fresh;
    }
    std::vector<std::string> parts{fmt::format("{}{}：{}年末存量 {} 家，当年新认定/入库 {} 家", t.area,
                                               tier_label(t.tier), date.y, g.stock, g.new_in_year)};
    if (t.target && *t.target > 0) {
      g.stock_rate = static_cast<double>(g.stock) / *t.target;
      parts.push_back(fmt::format("存量口径 {}/{}（{}年目标）= {:.1f}%", g.stock, *t.target, t.target_year, *g.stock_rate * 100));
      if (t.baseline && *t.target > *t.baseline) {
        g.plan_increment_rate = static_cast<double>(g.stock - *t.baseline) / (*t.target - *t.baseline);
        parts.push_back(fmt::format("增量口径 ({}−{})/({}−{}) = {:.1f}%", g.stock, *t.baseline, *t.target,
                                    *t.baseline, *g.plan_increment_rate * 100));
      }
    }
    if (auto it = t.annual_increment.find(date.y); it != t.annual_increment.end() && it->second > 0) {
      g.annual_rate = static_cast<double>(g.new_in_year) / it->second;
      parts.push_back(fmt::format("年度新增口径 {}/{} = {:.1f}%", g.new_in_year, it->second, *g.annual_rate * 100));
    }
    if (!g.stock_rate && !g.annual_rate) parts.push_back("未配置目标，无法计算完成率");
    g.text = fmt::format("{}", fmt::join(parts, "；"));
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace mujun::tiers
