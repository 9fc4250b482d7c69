#include "tiers/verdict.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "tiers/quantity.h"

namespace mujun::tiers {

std::string_view state_label(State s) {
  switch (s) {
    case State::Met: return "达标 met";
    case State::Unmet: return "未达标 unmet";
    case State::Unknown: return "数据缺失 unknown";
    case State::Manual: return "需人工判断 manual";
    case State::NotApplicable: return "不适用 n/a";
  }
  return "";
}

std::string_view state_id(State s) {
  switch (s) {
    case State::Met: return "met";
    case State::Unmet: return "unmet";
    case State::Unknown: return "unknown";
    case State::Manual: return "manual";
    case State::NotApplicable: return "not_applicable";
  }
  return "";
}

std::string tier_label(const std::string& t) {
  static const std::pair<const char*, const char*> k[] = {
      {"tech_sme", "科技型中小企业"},  {"tech_enterprise", "重庆市科技型企业"},       {"innovative_sme", "创新型中小企业"},
      {"specialized_sme", "专精特新中小企业"}, {"little_giant", "专精特新\"小巨人\""},
      {"single_champion", "制造业单项冠军"},   {"high_tech_enterprise", "高新技术企业"},
      {"chain_leader", "链主企业"},           {"smart_factory", "智能工厂"},
      {"digital_workshop", "数字化车间"},      {"green_factory", "绿色工厂"}};
  for (auto& [id, zh] : k)
    if (t == id) return zh;
  return t;
}

std::optional<Date> certificate_expiry(const Certificate& c, int validity_years) {
  if (auto e = Date::parse(c.expires)) return e;
  if (validity_years > 0)
    if (auto i = Date::parse(c.issued)) return i->plus_years(validity_years).minus_day();
  return std::nullopt;
}

bool certificate_valid(const Certificate& c, const Date& on, int validity_years) {
  if (auto i = Date::parse(c.issued); i && on < *i) return false;
  auto e = certificate_expiry(c, validity_years);
  if (e) return !(*e < on);
  return validity_years == 0;
}

int validity_years_of(const std::vector<RuleSet>& sets, const std::string& tier) {
  int v = 0;
  for (auto& r : sets)
    if (r.tier == tier) v = std::max(v, r.validity_years);
  return v;
}

const RuleSet* select_rule_set(const std::vector<RuleSet>& sets, const std::string& tier,
                               const Date& date, bool renewal) {
  const RuleSet* best = nullptr;
  Date best_from;
  for (auto& r : sets) {
    if (r.tier != tier) continue;
    for (auto& a : r.applies) {
      if (a.kind != "any" && a.kind != (renewal ? "renewal" : "new")) continue;
      if (date < a.from || (a.to && *a.to < date)) continue;
      if (!best || best_from < a.from) best = &r, best_from = a.from;
    }
  }
  return best;
}

namespace {

struct Judge {
  const RuleSet& rules;
  const EnterpriseProfile& p;
  Date date;
  bool renewal;
  std::vector<ConditionResult> direct;  // evaluated direct routes

  bool compare(double a, const std::string& op, double t) const {
    if (op == ">=") return ge(a, t);
    if (op == "<=") return le(a, t);
    if (op == ">") return a > t && !le(a, t);
    return a < t && !ge(a, t);
  }

  ConditionResult base(const Condition& c) const {
    ConditionResult r;
    r.id = c.id, r.label = c.label, r.article = c.article, r.confidence = c.confidence;
    r.note = c.note, r.unit = c.unit, r.op = c.op;
    return r;
  }

  void threshold_gap(ConditionResult& r, const Quantity& q, double t) const {
    if (auto l = lever(q, p, t)) {
      r.gap = l->text, r.gap_amount = l->amount, r.gap_unit = l->unit;
    }
    if (r.actual) r.shortfall = std::min(1.0, std::fabs(*r.actual - t) / std::max(std::fabs(t), 1e-9));
  }

  ConditionResult threshold(const Condition& c) const {
    ConditionResult r = base(c);
    r.quantity = quantity_label(c.quantity, p.data_year);
    r.period = period_label(c.quantity.years, p.data_year);
    double t = c.threshold;
    if (c.band_by) {
      auto b = evaluate(*c.band_by, p);
      if (!b.value) {
        r.state = State::Unknown, r.missing = b.missing;
        return r;
      }
      std::string band_text;
      double lower = 0;
      bool has_lower = false, prev_exclusive = false;
      for (auto& tb : c.threshold_bands) {
        bool in = !tb.upto || (tb.exclusive ? (*b.value < *tb.upto && !ge(*b.value, *tb.upto)) : le(*b.value, *tb.upto));
        if (in) {
          t = tb.threshold;
          std::string u = metric_unit(c.band_by->metric);
          std::string incl = tb.exclusive ? "（不含）" : "（含）";
          band_text = tb.upto ? (has_lower ? fmt::format("{}–{}{}", format_value(lower, u), format_value(*tb.upto, u), incl)
                                           : fmt::format("{}{}以下", format_value(*tb.upto, u), incl))
                              : fmt::format("{}{}", format_value(lower, u), has_lower && prev_exclusive ? "及以上" : "以上");
          break;
        }
        prev_exclusive = tb.exclusive;
        lower = *tb.upto, has_lower = true;
      }
      r.note = fmt::format("按{} {} 属于「{}」档，要求 {} {}{}", quantity_label(*c.band_by, p.data_year),
                           format_value(*b.value, metric_unit(c.band_by->metric)), band_text, c.op,
                           format_value(t, c.unit), r.note.empty() ? "" : "；" + r.note);
    }
    r.threshold = t;
    if (c.each_year) {
      r.state = State::Met;
      std::vector<std::string> gaps;
      for (int y : c.quantity.years) {
        Quantity q1 = c.quantity;
        q1.years = {y};
        Condition c1 = c;
        c1.quantity = q1, c1.each_year = false, c1.band_by.reset(), c1.threshold = t;
        c1.label = fmt::format("{}（{}年）", c.label, p.data_year + y);
        ConditionResult part = threshold(c1);
        if (part.state == State::Unmet) {
          r.state = State::Unmet;
          gaps.push_back(fmt::format("{}年：{}", p.data_year + y, part.gap));
          r.shortfall = std::max(r.shortfall, part.shortfall);
        } else if (part.state == State::Unknown && r.state != State::Unmet) {
          r.state = State::Unknown;
        }
        r.missing.insert(r.missing.end(), part.missing.begin(), part.missing.end());
        if (part.actual && (!r.actual || compare(*r.actual, c.op, *part.actual))) r.actual = part.actual;
        r.parts.push_back(std::move(part));
      }
      for (auto& g : gaps) r.gap += (r.gap.empty() ? "" : "；") + g;
      return r;
    }
    auto v = evaluate(c.quantity, p);
    if (!v.note.empty()) r.note += (r.note.empty() ? "" : "；") + v.note;
    if (!v.value) {
      r.state = State::Unknown, r.missing = v.missing;
      return r;
    }
    r.actual = v.value;
    r.state = compare(*v.value, c.op, t) ? State::Met : State::Unmet;
    if (r.state == State::Unmet) threshold_gap(r, c.quantity, t);
    return r;
  }

  ConditionResult holds(const Condition& c, bool list_tag) const {
    ConditionResult r = base(c);
    for (auto& cert : p.certificates) {
      if (std::find(c.tiers.begin(), c.tiers.end(), cert.tier) == c.tiers.end()) continue;
      if (certificate_valid(cert, date, cert.tier == "high_tech_enterprise" ? 3 : 0)) {
        r.state = State::Met;
        r.note = fmt::format("持有{}证书 {}（{}–{}）", tier_label(cert.tier), cert.number, cert.issued,
                             cert.expires.empty() ? "未注明" : cert.expires);
        return r;
      }
    }
    std::string names;
    for (auto& t : c.tiers) names += (names.empty() ? "" : "或") + tier_label(t);
    r.state = list_tag ? State::NotApplicable : State::Unmet;
    r.gap = list_tag ? fmt::format("不在{}名单中（名单制，由主管部门发布）", names)
                     : fmt::format("需先取得有效的{}资格", names);
    r.shortfall = 1;
    return r;
  }

  ConditionResult flags(const Condition& c, bool want) const {
    ConditionResult r = base(c);
    int from = p.data_year + c.flag_years.front(), to = p.data_year + c.flag_years.back();
    r.period = from == to ? fmt::format("{}年", from) : fmt::format("{}–{}年", from, to);
    std::vector<std::string> found;
    for (auto& f : c.flags)
      if (p.has_flag(f, from, to)) found.push_back(f);
    if (want) {
      r.state = found.empty() ? State::Unmet : State::Met;
      r.note = found.empty() ? "已导入记录中未见该项" : fmt::format("记录：{}", fmt::join(found, "、"));
    } else {
      r.state = found.empty() ? State::Met : State::Unmet;
      r.note = found.empty() ? "依据已导入的记录未见否决事项（记录不全时需人工核实）"
                             : fmt::format("记录有否决事项：{}", fmt::join(found, "、"));
      if (!found.empty()) r.shortfall = 1;
    }
    return r;
  }

  ConditionResult score_condition(const Condition& c, const ScoreResult& s) const {
    ConditionResult r = base(c);
    r.actual = s.lo, r.threshold = s.pass, r.op = ">=", r.unit = "分";
    if (s.passes) r.state = State::Met;
    else if (s.cannot_pass) r.state = State::Unmet;
    else {
      bool missing = false;
      for (auto& i : s.indicators)
        if (!i.missing.empty() && i.lo < i.hi) missing = true, r.missing.insert(r.missing.end(), i.missing.begin(), i.missing.end());
      r.state = missing ? State::Unknown : State::Manual;
    }
    r.note = fmt::format("得分 {}–{} 分，及格线 {} 分", s.lo, s.hi, s.pass);
    for (auto& g : s.groups)
      if (g.minimum > 0) r.note += fmt::format("；{} {}–{} 分（最低 {}）", g.label, g.lo, g.hi, g.minimum);
    if (r.state != State::Met) {
      std::vector<std::string> acts;
      for (auto& u : s.upgrades) acts.push_back(u.action);
      r.gap = s.plan_found ? fmt::format("最省的分档提升：{}", fmt::join(acts, "；")) : s.plan_note;
      r.shortfall = std::min(1.0, std::max(0.0, (s.pass - s.lo) / s.pass));
    }
    return r;
  }

  ConditionResult eval(const Condition& c, const std::optional<ScoreResult>& s) const {
    using K = Condition::Kind;
    ConditionResult r;
    if ((c.skip_for_renewal && renewal) || (c.renewal_only && !renewal)) {
      r = base(c);
      r.state = State::NotApplicable;
      r.note = renewal ? "复核（重新认定）时不考核此项" : "仅适用于复核（重新认定）";
      return r;
    }
    for (auto& w : c.when) {
      ConditionResult g = eval(*w, s);
      if (g.state != State::Met) {
        r = base(c);
        r.state = g.state == State::Unknown ? State::Unknown : State::NotApplicable;
        r.missing = g.missing;
        r.note = fmt::format("适用前提「{}」{}", w->label, g.state == State::Unknown ? "无法判断" : "不成立，本项不适用");
        return r;
      }
    }
    switch (c.kind) {
      case K::Threshold: r = threshold(c); break;
      case K::Certificate: r = holds(c, false); break;
      case K::ListTag: r = holds(c, true); break;
      case K::NoFlag: r = flags(c, false); break;
      case K::Flag: r = flags(c, true); break;
      case K::Manual:
        r = base(c);
        r.state = State::Manual;
        break;
      case K::Score: r = score_condition(c, *s); break;
      case K::AnyOf: {
        r = base(c);
        r.state = State::Unmet;
        r.shortfall = 1;
        std::vector<std::string> gaps;
        bool unknown = false, manual = false;
        for (auto& m : c.any) {
          ConditionResult part = eval(*m, s);
          if (part.state == State::Met && r.state != State::Met) r.state = State::Met, r.note = fmt::format("满足：{}", part.label);
          unknown |= part.state == State::Unknown;
          manual |= part.state == State::Manual;
          if (part.state == State::Unmet && !part.gap.empty()) gaps.push_back(part.gap);
          if (part.state == State::Unmet) r.shortfall = std::min(r.shortfall, part.shortfall);
          r.missing.insert(r.missing.end(), part.missing.begin(), part.missing.end());
          r.parts.push_back(std::move(part));
        }
        if (r.state != State::Met) {
          r.state = unknown ? State::Unknown : manual ? State::Manual : State::Unmet;
          r.gap = fmt::format("{}", fmt::join(gaps, "；或 "));
        } else {
          r.missing.clear();
        }
        break;
      }
    }
    if (r.state != State::Met)
      for (auto& d : c.direct)
        for (auto& dr : direct)
          if (dr.id == d && dr.state == State::Met) {
            r.state = State::Met;
            r.via_direct = dr.label;
            r.note += (r.note.empty() ? "" : "；") + fmt::format("经直通条件满足：{}", dr.label);
          }
    return r;
  }
};

State combine(const std::vector<ConditionResult>& rs) {
  if (std::all_of(rs.begin(), rs.end(), [](auto& r) { return r.state == State::NotApplicable; }))
    return State::NotApplicable;
  bool unknown = false, manual = false;
  for (auto& r : rs) {
    if (r.state == State::Unmet) return State::Unmet;
    unknown |= r.state == State::Unknown;
    manual |= r.state == State::Manual;
  }
  return unknown ? State::Unknown : manual ? State::Manual : State::Met;
}

}  // namespace

TierVerdict judge(const RuleSet& rules, const EnterpriseProfile& p, const Date& date, bool renewal) {
  TierVerdict v;
  v.tier = rules.tier, v.tier_label = rules.tier_label, v.version = rules.version;
  v.document = rules.document, v.source = rules.source, v.renewal = renewal;
  v.cannot_judge = rules.cannot_judge;
  for (auto& c : p.certificates)
    if (c.tier == rules.tier && certificate_valid(c, date, rules.validity_years)) {
      v.holds_valid = true;
      v.certificate = c;
    }
  Judge j{rules, p, date, renewal, {}};
  if (rules.score) v.score = score(*rules.score, p);
  for (auto& d : rules.direct) j.direct.push_back(j.eval(d, v.score));
  for (auto& c : rules.conditions) v.conditions.push_back(j.eval(c, v.score));
  v.direct_routes = j.direct;
  v.state = combine(v.conditions);
  bool list_only = !v.conditions.empty() &&
                   std::all_of(rules.conditions.begin(), rules.conditions.end(),
                               [](auto& c) { return c.kind == Condition::Kind::ListTag; });
  if (list_only && v.state != State::Met) {
    v.state = State::NotApplicable;
    v.reason = "名单制标签：不在已导入的名单中 / list-based tag, not on the imported list";
  }
  std::set<std::string> miss;
  for (auto& c : v.conditions) {
    miss.insert(c.missing.begin(), c.missing.end());
    switch (c.state) {
      case State::Unmet: v.closeness += 1 + c.shortfall; break;
      case State::Unknown: v.closeness += std::min(1.0, 0.3 + 0.1 * static_cast<double>(c.missing.size())); break;
      case State::Manual: v.closeness += 0.1; break;
      default: break;
    }
  }
  v.missing.assign(miss.begin(), miss.end());
  return v;
}

std::vector<TierVerdict> judge_all(const std::vector<RuleSet>& sets, const EnterpriseProfile& p,
                                   const Assessment& a) {
  std::vector<std::string> order{"tech_sme",        "innovative_sme",       "specialized_sme",
                                 "little_giant",    "single_champion",      "high_tech_enterprise",
                                 "chain_leader"};
  for (auto& r : sets)
    if (std::find(order.begin(), order.end(), r.tier) == order.end()) order.push_back(r.tier);
  std::vector<TierVerdict> out;
  for (auto& tier : order) {
    if (std::none_of(sets.begin(), sets.end(), [&](auto& r) { return r.tier == tier; })) continue;
    bool renewal = a.renewal.value_or(false);
    if (!a.renewal) {
      for (auto& c : p.certificates)
        if (c.tier == tier) {
          auto i = Date::parse(c.issued);
          if (!i || !(a.date < *i)) renewal = true;
        }
    }
    const RuleSet* r = select_rule_set(sets, tier, a.date, renewal);
    if (!r) {
      TierVerdict v;
      v.tier = tier, v.tier_label = tier_label(tier), v.renewal = renewal;
      v.state = State::NotApplicable;
      v.reason = fmt::format("{} 在 {} 没有适用的规则版本（{}）/ no rule version applies", tier_label(tier),
                             a.date.to_string(), renewal ? "复核" : "新申报");
      for (auto& c : p.certificates)
        if (c.tier == tier && certificate_valid(c, a.date, validity_years_of(sets, tier)))
          v.holds_valid = true, v.certificate = c;
      out.push_back(std::move(v));
      continue;
    }
    out.push_back(judge(*r, p, a.date, renewal));
  }
  return out;
}

}  // namespace mujun::tiers
