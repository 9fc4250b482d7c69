#include "service/tiers.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace mujun::service {

namespace t = tiers;

TierRules load_tier_rules(const std::string& resource_root, const std::string& rules_dir,
                          const std::string& targets_path) {
  TierRules out;
  std::string dir = rules_dir.empty() ? resource_root + "/tiers" : rules_dir;
  out.sets = t::load_rule_dir(dir);
  std::string tpath = targets_path.empty() ? dir + "/double-doubling-wansheng.toml" : targets_path;
  if (std::ifstream in(tpath, std::ios::binary); in) {
    std::stringstream ss;
    ss << in.rdbuf();
    out.targets = t::parse_doubling(ss.str(), tpath);
  } else if (!targets_path.empty()) {
    throw UnreadableFile(targets_path);
  }
  return out;
}

std::optional<std::size_t> TierAssessment::find(const std::string& uscc) const {
  std::string key = uscc;
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  auto it = std::find_if(profiles.begin(), profiles.end(), [&](auto& p) { return p.uscc == key; });
  if (it == profiles.end()) return std::nullopt;
  return static_cast<std::size_t>(it - profiles.begin());
}

TierAssessment assess_tiers(store::Store& store, int year, const TierRules& rules, const t::Date& date,
                            std::optional<bool> renewal) {
  TierAssessment a;
  a.year = year;
  a.date = date;
  std::vector<int> years = store.years();
  if (std::find(years.begin(), years.end(), year) == years.end()) throw MissingYear(year, false, "", years);
  std::vector<Frame> frames;
  for (int y = year - 2; y <= year; ++y)
    if (std::find(years.begin(), years.end(), y) != years.end()) frames.push_back(store.snapshot(y));
  a.profiles = t::build_profiles(frames);
  t::Assessment as{date, renewal};
  a.verdicts.reserve(a.profiles.size());
  for (auto& p : a.profiles) a.verdicts.push_back(t::judge_all(rules.sets, p, as));
  return a;
}

TierReport tier_report(const TierAssessment& a, const TierRules& rules) {
  TierReport r;
  r.pipeline = t::build_pipeline(a.profiles, a.verdicts, rules.sets, a.date);
  std::map<std::string, int> validity;
  for (auto& s : rules.sets) validity[s.tier] = std::max(validity[s.tier], s.validity_years);
  r.doubling = t::doubling_progress(rules.targets, a.profiles, a.date, validity);
  return r;
}

nlohmann::json condition_json(const t::ConditionResult& c) {
  nlohmann::json j = {{"id", c.id}, {"label", c.label}, {"state", t::state_id(c.state)}, {"article", c.article},
                      {"confidence", c.confidence}, {"op", c.op}, {"unit", c.unit}, {"period", c.period},
                      {"missing", c.missing}, {"gap", c.gap}, {"note", c.note}, {"via_direct", c.via_direct}};
  j["actual"] = c.actual ? nlohmann::json(*c.actual) : nlohmann::json(nullptr);
  j["threshold"] = c.threshold ? nlohmann::json(*c.threshold) : nlohmann::json(nullptr);
  j["gap_amount"] = c.gap_amount ? nlohmann::json(*c.gap_amount) : nlohmann::json(nullptr);
  j["gap_unit"] = c.gap_unit;
  if (!c.parts.empty()) {
    j["parts"] = nlohmann::json::array();
    for (auto& p : c.parts) j["parts"].push_back(condition_json(p));
  }
  return j;
}

nlohmann::json verdict_json(const t::TierVerdict& v) {
  nlohmann::json j = {{"tier", v.tier}, {"tier_label", v.tier_label}, {"version", v.version}, {"document", v.document},
                      {"renewal", v.renewal}, {"state", t::state_id(v.state)}, {"reason", v.reason},
                      {"holds_valid_certificate", v.holds_valid}, {"missing", v.missing},
                      {"cannot_judge", v.cannot_judge}, {"closeness", v.closeness}};
  j["conditions"] = nlohmann::json::array();
  for (auto& c : v.conditions) j["conditions"].push_back(condition_json(c));
  j["direct_routes"] = nlohmann::json::array();
  for (auto& c : v.direct_routes) j["direct_routes"].push_back(condition_json(c));
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

nlohmann::json tier_card_json(const t::EnterpriseProfile& p, const std::vector<t::TierVerdict>& vs, const t::Date& date) {
  nlohmann::json j = {{"uscc", p.uscc}, {"name", p.name}, {"date", date.to_string()}, {"data_year", p.data_year}};
  for (auto& v : vs) j["tiers"].push_back(verdict_json(v));
  return j;
}

nlohmann::json tier_report_json(const TierAssessment& a, const TierReport& r, int limit) {
  const auto& pl = r.pipeline;
  nlohmann::json j = {{"year", a.year}, {"date", a.date.to_string()}, {"enterprises", a.profiles.size()}};
  for (auto& c : pl.counts)
    j["counts"].push_back({{"tier", c.tier}, {"label", c.label}, {"version", c.version}, {"met", c.met},
                           {"manual", c.manual}, {"unknown", c.unknown}, {"unmet", c.unmet},
                           {"not_applicable", c.not_applicable}, {"holders", c.holders},
                           {"holders_unmet", c.holders_unmet}, {"holders_unknown", c.holders_unknown}});
  for (auto& [tier, list] : pl.candidates) {
    auto& arr = j["candidates"][tier];
    arr = nlohmann::json::array();
    for (std::size_t i = 0; i < list.size() && static_cast<int>(i) < limit; ++i)
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
  for (auto& d : r.doubling)
    j["double_doubling"].push_back({{"tier", d.tier}, {"area", d.area}, {"stock", d.stock}, {"new_in_year", d.new_in_year},
                                    {"stock_rate", d.stock_rate ? nlohmann::json(*d.stock_rate) : nlohmann::json(nullptr)},
                                    {"plan_increment_rate", d.plan_increment_rate ? nlohmann::json(*d.plan_increment_rate) : nlohmann::json(nullptr)},
                                    {"annual_rate", d.annual_rate ? nlohmann::json(*d.annual_rate) : nlohmann::json(nullptr)},
                                    {"text", d.text}});
  return j;
}

}  // namespace mujun::service
