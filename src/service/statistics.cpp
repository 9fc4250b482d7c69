#include "service/statistics.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "statistics/bulletin.h"

namespace mujun::service {

namespace fs = std::filesystem;
namespace st = statistics;

StatsRulesRejected::StatsRulesRejected()
    : std::runtime_error("规则文件有错误，见上 / the rule files have errors (see above)") {}

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UnreadableFile(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void report(const StatsReporter& r, const Issues& issues) {
  if (r.issues) r.issues(issues);
  for (const auto& i : issues)
    if (i.severity == Severity::Error) throw StatsRulesRejected();
}

}  // namespace

StatsRules load_stats_rules(const StatsInputs& in, const std::string& resource_root, int year,
                            const StatsReporter& reporter) {
  StatsRules rules;
  rules.taxonomy_path = in.taxonomy.empty() ? resource_root + "/taxonomies/wansheng-231.toml" : in.taxonomy;
  const std::string& tx_path = rules.taxonomy_path;
  std::string text = read_file(tx_path);
  auto parsed = st::parse_taxonomy(text, tx_path);
  report(reporter, parsed.issues);
  rules.taxonomy = std::move(*parsed.taxonomy);
  report(reporter, st::read_stats_config(text, tx_path, rules.config));

  std::vector<std::string> overrides;
  for (const auto& f : rules.taxonomy.overrides_files) overrides.push_back((fs::path(tx_path).parent_path() / f).string());
  overrides.insert(overrides.end(), in.overrides.begin(), in.overrides.end());
  for (const auto& f : overrides) report(reporter, st::add_overrides_csv(rules.taxonomy, read_file(f), f));
  for (const auto& f : rules.taxonomy.config_files) {
    std::string p = (fs::path(tx_path).parent_path() / f).string();
    report(reporter, st::read_stats_config(read_file(p), p, rules.config));
  }
  for (const std::string* f : {&in.config, &in.check}) {
    if (f->empty()) continue;
    std::string t = read_file(*f);
    report(reporter, st::read_stats_config(t, *f, rules.config));
    if (f == &in.check) {
      auto p = st::parse_published(t, *f);
      report(reporter, p.issues);
      rules.published = std::move(p.published);
      if (rules.published->year && rules.published->year != year && reporter.warning)
        reporter.warning(fmt::format("警告 / warning: {} 是 {} 年的公布数据，而 --year 为 {}", *f,
                                     rules.published->year, year));
    }
  }
  return rules;
}

st::Bulletin bulletin_of(store::Store& store, int year, const StatsRules& rules, const std::vector<int>& years) {
  Frame cur = store.snapshot(year);
  bool has_prev = std::find(years.begin(), years.end(), year - 1) != years.end();
  std::optional<Frame> prev;
  if (has_prev) prev = store.snapshot(year - 1);
  return st::compute_bulletin(cur, prev ? &*prev : nullptr, rules.taxonomy, rules.config);
}

YearStatistics year_statistics(store::Store& store, int year, const StatsRules& rules) {
  YearStatistics out;
  out.years = store.years();
  if (std::find(out.years.begin(), out.years.end(), year) == out.years.end())
    throw MissingYear(year, false, "", out.years);
  out.bulletin = bulletin_of(store, year, rules, out.years);
  if (rules.published) out.check = st::check_published(*rules.published, out.bulletin);
  return out;
}

std::map<std::string, long> class_counts(store::Store& s, int year, std::string& source, long long* run_id) {
  std::map<std::string, long> out;
  if (run_id) *run_id = 0;
  std::optional<store::RunRecord> best;
  for (auto& r : s.runs("evaluation"))
    if (r.year == year && (!best || r.id > best->id)) best = r;
  if (!best) return out;
  try {
    auto j = nlohmann::json::parse(best->result_json);
    for (const auto& e : j.value("enterprises", nlohmann::json::array()))
      if (e.contains("class") && e["class"].is_string()) ++out[e["class"].get<std::string>()];
    source = fmt::format("评价运行 #{}（{}）", best->id, best->scheme_name);
    if (run_id) *run_id = best->id;
  } catch (const nlohmann::json::exception&) {
    out.clear();
  }
  return out;
}

nlohmann::json figure_json(const st::Figure& f) {
  nlohmann::json inputs = nlohmann::json::array();
  for (const auto& x : f.inputs) inputs.push_back({{"name", x.name}, {"value", x.value}, {"unit", x.unit}});
  nlohmann::json j = {{"id", f.id},           {"label", f.label},     {"unit", f.unit},
                      {"formula", f.formula}, {"inputs", inputs},     {"section", f.section},
                      {"decimals", f.decimals}, {"note", f.note}};
  j["value"] = f.value ? nlohmann::json(*f.value) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json membership_json(const st::MembershipReport& m) {
  auto rows = [](const std::vector<st::MembershipRow>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& r : v)
      a.push_back({{"uscc", r.uscc}, {"name", r.name}, {"industry_code", r.industry_code},
                   {"above_scale", r.above_scale}, {"clusters", r.clusters}, {"overridden", r.overridden}});
    return a;
  };
  return {{"overridden", m.overridden}, {"unmatched", rows(m.unmatched)}, {"multiple", rows(m.multiple)},
          {"overrides_not_found", m.overrides_not_found}};
}

nlohmann::json check_json(const st::CheckReport& c) {
  auto lines = [](const std::vector<st::CheckLine>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& l : v)
      a.push_back({{"id", l.id}, {"label", l.label}, {"kind", l.kind},
                   {"verdict", l.verdict == st::Verdict::Pass ? "pass" : l.verdict == st::Verdict::Fail ? "fail" : "not_checked"},
                   {"arithmetic", l.arithmetic}, {"message", l.message}});
    return a;
  };
  return {{"title", c.title}, {"failures", c.failures()}, {"reproduction", lines(c.reproduction)},
          {"consistency", lines(c.consistency)}};
}

nlohmann::json statistics_json(const YearStatistics& s) {
  const auto& b = s.bulletin;
  nlohmann::json j = {{"year", b.year}, {"zone", b.zone_name}, {"taxonomy", b.taxonomy_id}};
  j["figures"] = nlohmann::json::array();
  for (const auto& f : b.figures) j["figures"].push_back(figure_json(f));
  j["membership"] = membership_json(b.membership);
  if (s.check) j["check"] = check_json(*s.check);
  return j;
}

}  // namespace mujun::service
