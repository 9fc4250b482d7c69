#include "tiers/pipeline.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "tiers/quantity.h"

namespace mujun::tiers {
namespace {
long days_from_civil(int y, int m, int d) {  // H. Hinnant's algorithm
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}
int rank(State s) {
  switch (s) {
    case State::Met: return 0;
    case State::Manual: return 1;
    case State::Unknown:
    case State::Unmet: return 2;  // ordered together by closeness
    default: return 4;
  }
}
std::string reason(const ConditionResult& c) {
  std::string s = "条件「" + c.label + "」未满足";
  if (c.actual && c.threshold) {
    int dec = format_value(*c.actual, c.unit) == format_value(*c.threshold, c.unit) ? 4 : 2;
    s += fmt::format("：实际 {}，要求 {} {}", format_value(*c.actual, c.unit, dec), c.op, format_value(*c.threshold, c.unit));
  }
  if (!c.period.empty()) s += fmt::format("（{}）", c.period);
  if (!c.gap.empty()) s += "；" + c.gap;
  return s;
}
}  // namespace

int days_between(const Date& a, const Date& b) {
  return static_cast<int>(days_from_civil(b.y, b.m, b.d) - days_from_civil(a.y, a.m, a.d));
}

Pipeline build_pipeline(const std::vector<EnterpriseProfile>& profiles,
                        const std::vector<std::vector<TierVerdict>>& verdicts,
                        const std::vector<RuleSet>& sets, const Date& date) {
  Pipeline pl;
  pl.date = date;
  std::map<std::string, std::size_t> idx;
  std::map<std::string, std::map<std::string, int>> versions;
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    for (auto& v : verdicts[i]) {
      if (!idx.count(v.tier)) {
        idx[v.tier] = pl.counts.size();
        TierCount tc;
        tc.tier = v.tier, tc.label = tier_label(v.tier);
        pl.counts.push_back(tc);
      }
      TierCount& c = pl.counts[idx[v.tier]];
      if (!v.version.empty()) versions[v.tier][v.version]++;
      switch (v.state) {
        case State::Met: c.met++; break;
        case State::Manual: c.manual++; break;
        case State::Unknown: c.unknown++; break;
        case State::Unmet: c.unmet++; break;
        case State::NotApplicable: c.not_applicable++; break;
      }
      if (v.holds_valid) {
        c.holders++;
        if (v.state == State::Unknown) c.holders_unknown++;
        if (v.state == State::Unmet) {
          c.holders_unmet++;
          FlaggedHolder f;
          f.uscc = profiles[i].uscc, f.name = profiles[i].name, f.tier = v.tier;
          f.number = v.certificate ? v.certificate->number : "";
          for (auto& cr : v.conditions)
            if (cr.state == State::Unmet) f.reasons.push_back(reason(cr));
          pl.flagged.push_back(std::move(f));
        }
        continue;
      }
      if (v.state == State::NotApplicable) continue;
      Candidate cand;
      cand.uscc = profiles[i].uscc, cand.name = profiles[i].name, cand.state = v.state, cand.closeness = v.closeness;
      for (auto& cr : v.conditions)
        if (cr.state == State::Unmet) cand.gaps.push_back(reason(cr));
      cand.missing = v.missing;
      for (auto& d : v.direct_routes)
        if (d.state == State::Met) cand.direct.push_back(d.label);
      pl.candidates[v.tier].push_back(std::move(cand));
    }
  }
  for (auto& c : pl.counts) {
    int best = 0;
    for (auto& [ver, n] : versions[c.tier])
      if (n > best) best = n, c.version = ver;
  }
  for (auto& [tier, list] : pl.candidates)
    std::sort(list.begin(), list.end(), [](const Candidate& a, const Candidate& b) {
      if (rank(a.state) != rank(b.state)) return rank(a.state) < rank(b.state);
      if (a.closeness != b.closeness) return a.closeness < b.closeness;
      return a.uscc < b.uscc;
    });
  Date horizon = date.plus_years(1);
  for (std::size_t i = 0; i < profiles.size(); ++i)
    for (auto& cert : profiles[i].certificates) {
      int vy = validity_years_of(sets, cert.tier);
      auto e = certificate_expiry(cert, vy);
      if (!e || !(date < *e) || horizon < *e) continue;
      Expiring x{profiles[i].uscc, profiles[i].name, cert.tier, cert.level, cert.number, *e,
                 Date::parse(cert.expires) == std::nullopt, days_between(date, *e)};
      for (auto& v : verdicts[i])
        if (v.tier == cert.tier) x.state = v.state;
      pl.expiring.push_back(std::move(x));
    }
  std::sort(pl.expiring.begin(), pl.expiring.end(), [](auto& a, auto& b) {
    return a.expires != b.expires ? a.expires < b.expires : a.uscc < b.uscc;
  });
  return pl;
}

}  // namespace mujun::tiers
