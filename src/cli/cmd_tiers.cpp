// mujun tiers — enterprise tier cultivation (梯度培育): the zone's pipeline, or one enterprise's card.
// Rules: tiers/*.toml (docs/tiers.md). Data: snapshots of --year and the two years before it.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "service/tiers.h"
#include "reports/tiers_workbook.h"
#include "tiers/quantity.h"

namespace mujun::cli {
namespace {

namespace t = tiers;

struct Options {
  int year = 0;
  std::string enterprise, date, rules_dir, targets, out, mode = "auto";
  int limit = 10;
};

void print_condition(const t::ConditionResult& c, const std::string& indent) {
  std::string val;
  if (c.actual) val += "实际 " + t::format_value(*c.actual, c.unit);
  if (c.threshold) val += fmt::format("{}要求 {} {}", val.empty() ? "" : "，", c.op, t::format_value(*c.threshold, c.unit));
  if (!c.period.empty()) val += fmt::format("（{}）", c.period);
  std::cout << fmt::format("{}[{}] {}{}{}\n", indent, t::state_label(c.state), c.label,
                           val.empty() ? "" : " — " + val,
                           c.article.empty() ? "" : fmt::format("  〔{}，{}〕", c.article, c.confidence));
  if (!c.note.empty()) std::cout << indent << "    说明: " << c.note << "\n";
  if (!c.gap.empty() && c.state != t::State::Met) std::cout << indent << "    差距: " << c.gap << "\n";
  if (!c.missing.empty()) std::cout << indent << "    缺失: " << fmt::format("{}", fmt::join(c.missing, "、")) << "\n";
}

void print_card(const t::EnterpriseProfile& p, const std::vector<t::TierVerdict>& vs, const t::Date& date) {
  std::cout << fmt::format("{} {}  — 梯度培育卡片 / tier card（评估日 {}，数据年度 {}）\n", p.uscc, p.name,
                           date.to_string(), p.data_year);
  for (auto& v : vs) {
    std::cout << fmt::format("\n■ {} — {}{}\n", v.tier_label, t::state_label(v.state),
                             v.holds_valid ? fmt::format("（持有有效证书 {}，至 {}）", v.certificate->number,
                                                         v.certificate->expires.empty() ? "未注明" : v.certificate->expires)
                                           : "");
    if (!v.reason.empty()) { std::cout << "  " << v.reason << "\n"; continue; }
    std::cout << fmt::format("  规则 {}（{}）{}\n", v.version, v.document, v.renewal ? "，按复核判断" : "，按新申报判断");
    for (auto& c : v.conditions)
      if (c.state != t::State::NotApplicable || !c.note.empty()) print_condition(c, "  ");
    if (v.score) {
      auto& s = *v.score;
      std::cout << fmt::format("  评分 {}–{} 分（及格 {}）:\n", s.lo, s.hi, s.pass);
      for (auto& i : s.indicators)
        std::cout << fmt::format("    {} {}{}: {}{}\n", i.label,
                                 i.value ? t::format_value(*i.value, i.unit) : (i.manual ? "人工/专家评分" : "缺数据"),
                                 i.quantity.empty() ? "" : "（" + i.quantity + "）",
                                 i.lo == i.hi ? fmt::format("{}", i.lo) : fmt::format("{}–{}", i.lo, i.hi), " 分");
      for (auto& u : s.upgrades) std::cout << "    ↑ " << u.action << "\n";
    }
    bool any_direct = false;
    for (auto& d : v.direct_routes)
      if (d.state == t::State::Met) any_direct = true;
    if (!v.direct_routes.empty()) {
      std::cout << "  直通条件 / direct routes" << (any_direct ? "（已满足其一）" : "") << ":\n";
      for (auto& d : v.direct_routes) print_condition(d, "    ");
    }
    for (auto& c : v.cannot_judge) std::cout << "  · 无法自动判断: " << c << "\n";
  }
}

void print_pipeline(const t::Pipeline& pl, const std::vector<t::DoublingProgress>& dbl, int limit) {
  std::cout << fmt::format("梯度培育 / tier pipeline（评估日 {}）\n\n", pl.date.to_string());
  std::cout << fmt::format("{:<18}{:<18}{:>6}{:>8}{:>8}{:>8}{:>8}{:>14}\n", "梯度", "规则版本", "达标", "需人工", "缺数据",
                           "未达标", "持证", "持证已不达标");
  for (auto& c : pl.counts)
    std::cout << fmt::format("{:<18}{:<18}{:>6}{:>8}{:>8}{:>8}{:>8}{:>14}\n", c.label, c.version, c.met, c.manual,
                             c.unknown, c.unmet, c.holders, c.holders_unmet);
  std::cout << "（达标 = 全部条件可自动判定且满足；需人工 = 可计算条件均满足，尚有定性/专家项；持证 = 评估日有效证书）\n";
  for (auto& c : pl.counts) {
    auto it = pl.candidates.find(c.tier);
    if (it == pl.candidates.end() || it->second.empty()) continue;
    std::cout << fmt::format("\n▶ {} 候选（前 {} 名，按接近程度）/ candidates:\n", c.label,
                             std::min<std::size_t>(limit, it->second.size()));
    int n = 0;
    for (auto& cand : it->second) {
      if (n++ >= limit) break;
      std::cout << fmt::format("  {:>2}. {} {} — {}\n", n, cand.uscc, cand.name, t::state_label(cand.state));
      for (auto& g : cand.gaps) std::cout << "      差距: " << g << "\n";
      if (!cand.missing.empty())
        std::cout << "      缺失: " << fmt::format("{}", fmt::join(cand.missing, "、")) << "\n";
      for (auto& d : cand.direct) std::cout << "      直通: " << d << "\n";
    }
  }
  if (!pl.flagged.empty()) {
    std::cout << fmt::format("\n⚠ 持证但已不满足条件 / holders that no longer meet the criteria（{} 家）:\n", pl.flagged.size());
    for (auto& f : pl.flagged)
      std::cout << fmt::format("  {} {} {}（{}）: {}\n", f.uscc, f.name, t::tier_label(f.tier), f.number,
                               fmt::join(f.reasons, "；"));
  }
  std::cout << fmt::format("\n证书 12 个月内到期 / certificates expiring within 12 months（{} 张）:\n", pl.expiring.size());
  for (auto& e : pl.expiring)
    std::cout << fmt::format("  {} {} {} {} 至 {}{}（剩 {} 天；当前判断 {}）\n", e.expires.to_string(), e.uscc, e.name,
                             t::tier_label(e.tier), e.expires.to_string(), e.computed ? "（按认定日推算）" : "",
                             e.days_left, t::state_label(e.state));
  if (!dbl.empty()) {
    std::cout << "\n双倍增 / double-doubling:\n";
    for (auto& d : dbl) std::cout << "  " << d.text << "\n";
  }
}

int run_tiers(const Options& o, Context& ctx) {
  t::Date date = t::year_end(o.year);
  if (!o.date.empty()) {
    auto d = t::Date::parse(o.date);
    if (!d) {
      std::cerr << fmt::format("错误 / error: --date “{}” 不是有效日期，请写成 YYYY-MM-DD / invalid date\n", o.date);
      return kUsage;
    }
    date = *d;
  }
  service::TierRules rules;
  try {
    rules = service::load_tier_rules(resource_root(), o.rules_dir, o.targets);
  } catch (const service::UnreadableFile&) {
    std::cerr << fmt::format("错误 / error: 无法读取 --targets 文件 {} / cannot read\n", o.targets);
    return kRejected;
  }

  auto store = ctx.open_store();
  std::optional<bool> renewal;
  if (o.mode == "new") renewal = false;
  if (o.mode == "renewal") renewal = true;
  service::TierAssessment as;
  try {
    as = service::assess_tiers(*store, o.year, rules, date, renewal);
  } catch (const service::MissingYear& m) {
    std::cerr << fmt::format("错误 / error: 数据库 {} 中没有 {} 年的数据（已有年份：{}）。请先用 mujun import 导入 "
                             "/ no data for {} in the database\n",
                             ctx.db_path, o.year, fmt::join(m.years, "、"), o.year);
    return kRejected;
  }
  const auto& profiles = as.profiles;
  const auto& verdicts = as.verdicts;

  if (!o.enterprise.empty()) {
    auto idx = as.find(o.enterprise);
    if (!idx) {
      std::cerr << fmt::format("错误 / error: 数据库中没有统一社会信用代码为 {} 的企业（{}–{} 年）。请检查代码或先导入 "
                               "/ no enterprise {}\n", o.enterprise, o.year - 2, o.year, o.enterprise);
      return kRejected;
    }
    auto& vs = verdicts[*idx];
    if (ctx.json) std::cout << service::tier_card_json(profiles[*idx], vs, date).dump(2) << "\n";
    else print_card(profiles[*idx], vs, date);
    return kOk;
  }

  auto report = service::tier_report(as, rules);
  const auto& pl = report.pipeline;
  const auto& dbl = report.doubling;
  if (!o.out.empty())
    reports::write_tiers_xlsx(o.out, {o.year, &pl, &profiles, &verdicts, &dbl});
  if (ctx.json) {
    nlohmann::json j = service::tier_report_json(as, report, o.limit);
    if (!o.out.empty()) j["out"] = o.out;
    std::cout << j.dump(2) << "\n";
  } else {
    print_pipeline(pl, dbl, o.limit);
    if (!o.out.empty()) std::cout << fmt::format("\n已写入 / written: {}\n", o.out);
  }
  return kOk;
}

}  // namespace

void add_tiers(CLI::App& app, Context& ctx, int* exit_code) {
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("tiers", "企业梯度培育：各梯度达标判断、差距、候选名单、证书到期、双倍增 / tier cultivation");
  cmd->add_option("--year", opts->year, "数据年度（最近一个会计年度）/ latest fiscal year of the data")->required();
  cmd->add_option("--enterprise", opts->enterprise, "只看一家企业（统一社会信用代码）/ one enterprise's card");
  cmd->add_option("--date", opts->date, "评估日 YYYY-MM-DD（默认 --year 的 12 月 31 日）/ assessment date");
  cmd->add_option("--mode", opts->mode, "auto（持证即按复核）| new | renewal / judge as new application or renewal")
      ->check(CLI::IsMember({"auto", "new", "renewal"}));
  cmd->add_option("--rules", opts->rules_dir, "规则目录（默认 tiers/）/ rule directory");
  cmd->add_option("--targets", opts->targets, "双倍增目标 TOML（默认 tiers/double-doubling-wansheng.toml）");
  cmd->add_option("--limit", opts->limit, "每个梯度显示的候选数（默认 10）/ candidates shown per tier");
  cmd->add_option("--out", opts->out, "写出工作簿 / write workbook: tiers.xlsx")->check(kXlsxPath);
  cmd->footer("例 / example:  mujun tiers --year 2024 --out tiers.xlsx");
  cmd->callback([opts, &ctx, exit_code] {
    try {
      *exit_code = run_tiers(*opts, ctx);
    } catch (const std::runtime_error& e) {
      std::cerr << "错误 / error: " << e.what() << "\n";
      *exit_code = kRejected;
    }
  });
}

}  // namespace mujun::cli
