// mujun tiers — enterprise tier cultivation (梯度培育): the zone's pipeline, or one enterprise's card.
// Rules: tiers/*.toml (docs/tiers.md). Data: snapshots of --year and the two years before it.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "reports/tiers_workbook.h"
#include "tiers/doubling.h"
#include "tiers/pipeline.h"
#include "tiers/quantity.h"
#include "tiers/verdict.h"

namespace mujun::cli {
namespace {

namespace t = tiers;

struct Options {
  int year = 0;
  std::string enterprise, date, rules_dir, targets, out, mode = "auto";
  int limit = 10;
};

nlohmann::json cond_json(const t::ConditionResult& c) {
  nlohmann::json j = {{"id", c.id}, {"label", c.label}, {"state", t::state_id(c.state)}, {"article", c.article},
                      {"confidence", c.confidence}, {"op", c.op}, {"unit", c.unit}, {"period", c.period},
                      {"missing", c.missing}, {"gap", c.gap}, {"note", c.note}, {"via_direct", c.via_direct}};
  j["actual"] = c.actual ? nlohmann::json(*c.actual) : nlohmann::json(nullptr);
  j["threshold"] = c.threshold ? nlohmann::json(*c.threshold) : nlohmann::json(nullptr);
  j["gap_amount"] = c.gap_amount ? nlohmann::json(*c.gap_amount) : nlohmann::json(nullptr);
  j["gap_unit"] = c.gap_unit;
  if (!c.parts.empty()) {
    j["parts"] = nlohmann::json::array();
    for (auto& p : c.parts) j["parts"].push_back(cond_json(p));
  }
  return j;
}

nlohmann::json verdict_json(const t::TierVerdict& v) {
  nlohmann::json j = {{"tier", v.tier}, {"tier_label", v.tier_label}, {"version", v.version}, {"document", v.document},
                      {"renewal", v.renewal}, {"state", t::state_id(v.state)}, {"reason", v.reason},
                      {"holds_valid_certificate", v.holds_valid}, {"missing", v.missing},
                      {"cannot_judge", v.cannot_judge}, {"closeness", v.closeness}};
  j["conditions"] = nlohmann::json::array();
  for (auto& c : v.conditions) j["conditions"].push_back(cond_json(c));
  j["direct_routes"] = nlohmann::json::array();
  for (auto& c : v.direct_routes) j["direct_routes"].push_back(cond_json(c));
  if (v.score) {
    auto& s = *v.score;
    nlohmann::json sj = {{"lo", s.lo}, {"hi", s.hi}, {"pass", s.pass}, {"passes", s.passes},
                         {"cannot_pass", s.cannot_pass}, {"plan_found", s.plan_found}, {"plan_note", s.plan_note}};
    for (auto& i : s.indicators)
      sj["indicators"].push_back({{"id", i.id}, {"label", i.label}, {"group", i.group}, {"lo", i.lo}, {"hi", i.hi},
                                  {"max", i.max}, {"value", i.value ? nlohmann::json(*i.value) : nlohmann::json(nullptr)},
                                  {"unit", i.unit}, {"quantity", i.quantity}, {"manual", i.manual}, {"missing", i.missing}});
    for (auto& g : s.groups)
      sj["groups"].push_back({{"id", g.id}, {"label", g.label}, {"lo", g.lo}, {"hi", g.hi}, {"minimum", g.minimum}, {"max", g.max}});
    for (auto& u : s.upgrades)
      sj["upgrades"].push_back({{"indicator", u.indicator}, {"from", u.from_points}, {"to", u.to_points}, {"action", u.action}});
    j["score"] = sj;
  }
  if (v.certificate)
    j["certificate"] = {{"level", v.certificate->level}, {"number", v.certificate->number},
                        {"issued", v.certificate->issued}, {"expires", v.certificate->expires}};
  return j;
}

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
  std::string dir = o.rules_dir.empty() ? resource_root() + "/tiers" : o.rules_dir;
  auto sets = t::load_rule_dir(dir);
  std::vector<t::DoublingTarget> targets;
  std::string tpath = o.targets.empty() ? dir + "/double-doubling-wansheng.toml" : o.targets;
  if (std::ifstream in(tpath, std::ios::binary); in) {
    std::stringstream ss;
    ss << in.rdbuf();
    targets = t::parse_doubling(ss.str(), tpath);
  } else if (!o.targets.empty()) {
    std::cerr << fmt::format("错误 / error: 无法读取 --targets 文件 {} / cannot read\n", o.targets);
    return kRejected;
  }

  auto store = ctx.open_store();
  std::vector<int> years = store->years();
  if (std::find(years.begin(), years.end(), o.year) == years.end()) {
    std::cerr << fmt::format("错误 / error: 数据库 {} 中没有 {} 年的数据（已有年份：{}）。请先用 mujun import 导入 "
                             "/ no data for {} in the database\n",
                             ctx.db_path, o.year, fmt::join(years, "、"), o.year);
    return kRejected;
  }
  std::vector<Frame> frames;
  for (int y = o.year - 2; y <= o.year; ++y)
    if (std::find(years.begin(), years.end(), y) != years.end()) frames.push_back(store->snapshot(y));
  auto profiles = t::build_profiles(frames);
  t::Assessment a{date, std::nullopt};
  if (o.mode == "new") a.renewal = false;
  if (o.mode == "renewal") a.renewal = true;
  std::vector<std::vector<t::TierVerdict>> verdicts;
  verdicts.reserve(profiles.size());
  for (auto& p : profiles) verdicts.push_back(t::judge_all(sets, p, a));

  if (!o.enterprise.empty()) {
    std::string key = o.enterprise;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    auto it = std::find_if(profiles.begin(), profiles.end(), [&](auto& p) { return p.uscc == key; });
    if (it == profiles.end()) {
      std::cerr << fmt::format("错误 / error: 数据库中没有统一社会信用代码为 {} 的企业（{}–{} 年）。请检查代码或先导入 "
                               "/ no enterprise {}\n", o.enterprise, o.year - 2, o.year, o.enterprise);
      return kRejected;
    }
    auto& vs = verdicts[static_cast<std::size_t>(it - profiles.begin())];
    if (ctx.json) {
      nlohmann::json j = {{"uscc", it->uscc}, {"name", it->name}, {"date", date.to_string()}, {"data_year", it->data_year}};
      for (auto& v : vs) j["tiers"].push_back(verdict_json(v));
      std::cout << j.dump(2) << "\n";
    } else {
      print_card(*it, vs, date);
    }
    return kOk;
  }

  auto pl = t::build_pipeline(profiles, verdicts, sets, date);
  std::map<std::string, int> validity;
  for (auto& s : sets) validity[s.tier] = std::max(validity[s.tier], s.validity_years);
  auto dbl = t::doubling_progress(targets, profiles, date, validity);
  if (!o.out.empty())
    reports::write_tiers_xlsx(o.out, {o.year, &pl, &profiles, &verdicts, &dbl});
  if (ctx.json) {
    nlohmann::json j = {{"year", o.year}, {"date", date.to_string()}, {"enterprises", profiles.size()}};
    for (auto& c : pl.counts)
      j["counts"].push_back({{"tier", c.tier}, {"label", c.label}, {"version", c.version}, {"met", c.met},
                             {"manual", c.manual}, {"unknown", c.unknown}, {"unmet", c.unmet},
                             {"not_applicable", c.not_applicable}, {"holders", c.holders},
                             {"holders_unmet", c.holders_unmet}, {"holders_unknown", c.holders_unknown}});
    for (auto& [tier, list] : pl.candidates) {
      auto& arr = j["candidates"][tier];
      arr = nlohmann::json::array();
      for (std::size_t i = 0; i < list.size() && static_cast<int>(i) < o.limit; ++i)
        arr.push_back({{"uscc", list[i].uscc}, {"name", list[i].name}, {"state", t::state_id(list[i].state)},
                       {"closeness", list[i].closeness}, {"gaps", list[i].gaps}, {"missing", list[i].missing},
                       {"direct", list[i].direct}});
    }
    j["flagged"] = nlohmann::json::array();
    for (auto& f : pl.flagged)
      j["flagged"].push_back({{"uscc", f.uscc}, {"name", f.name}, {"tier", f.tier}, {"number", f.number}, {"reasons", f.reasons}});
    j["expiring"] = nlohmann::json::array();
    for (auto& e : pl.expiring)
      j["expiring"].push_back({{"uscc", e.uscc}, {"name", e.name}, {"tier", e.tier}, {"number", e.number},
                               {"expires", e.expires.to_string()}, {"computed", e.computed}, {"days_left", e.days_left},
                               {"state", t::state_id(e.state)}});
    for (auto& d : dbl)
      j["double_doubling"].push_back({{"tier", d.tier}, {"area", d.area}, {"stock", d.stock}, {"new_in_year", d.new_in_year},
                                      {"stock_rate", d.stock_rate ? nlohmann::json(*d.stock_rate) : nlohmann::json(nullptr)},
                                      {"plan_increment_rate", d.plan_increment_rate ? nlohmann::json(*d.plan_increment_rate) : nlohmann::json(nullptr)},
                                      {"annual_rate", d.annual_rate ? nlohmann::json(*d.annual_rate) : nlohmann::json(nullptr)},
                                      {"text", d.text}});
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
