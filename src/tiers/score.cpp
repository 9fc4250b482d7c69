#include "tiers/score.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "tiers/quantity.h"

namespace mujun::tiers {
namespace {

struct BandHit {
  int index = -1;  ///< band index, -1 = none (0 points)
  double lo = 0, hi = 0;
};

BandHit band_of(const ScoreOption& o, double v) {
  for (std::size_t i = 0; i < o.bands.size(); ++i) {
    const Band& b = o.bands[i];
    if (o.lower_is_better ? le(v, b.bound) : ge(v, b.bound)) return {static_cast<int>(i), b.lo, b.hi};
  }
  return {};
}

// One way to raise an indicator: option `opt` to band `band`.
struct Step {
  int indicator = -1;
  double points = 0;  ///< lower-bound points after the change
  int steps = 0;
  double effort = 0;  ///< |amount| / |base| of the lever (relative change), tie-breaker
  std::string action;
};

struct Cost {
  int changed = 0, steps = 0;
  double effort = 0;
  std::vector<Step> chosen;
  bool better(const Cost& o) const {
    if (changed != o.changed) return changed < o.changed;
    if (steps != o.steps) return steps < o.steps;
    return effort < o.effort - 1e-12;
  }
};

}  // namespace

ScoreResult score(const ScoreTable& t, const EnterpriseProfile& p) {
  ScoreResult r;
  r.pass = t.pass;
  std::vector<std::vector<Step>> choices(t.indicators.size());
  for (std::size_t k = 0; k < t.indicators.size(); ++k) {
    const Indicator& ind = t.indicators[k];
    IndicatorScore s;
    s.id = ind.id, s.label = ind.label, s.group = ind.group, s.confidence = ind.confidence;
    s.note = ind.note, s.max = ind.max;
    s.manual = ind.manual;
    if (ind.manual) {
      s.lo = ind.min_points;
      s.hi = ind.max;
    } else {
      bool any_known = false, any_unknown = false;
      int best_opt = -1;
      BandHit best;
      for (std::size_t o = 0; o < ind.options.size(); ++o) {
        const ScoreOption& opt = ind.options[o];
        auto qv = evaluate(opt.quantity, p);
        if (!qv.value) {
          any_unknown = true;
          s.missing.insert(s.missing.end(), qv.missing.begin(), qv.missing.end());
          continue;
        }
        BandHit h = band_of(opt, *qv.value);
        if (!any_known || h.lo > best.lo || (h.lo == best.lo && h.hi > best.hi)) {
          best = h;
          best_opt = static_cast<int>(o);
          s.value = qv.value;
          s.unit = opt.unit;
          s.quantity = quantity_label(opt.quantity, p.data_year);
          if (!qv.note.empty()) s.note = qv.note;
        }
        any_known = true;
      }
      s.lo = any_known ? best.lo : 0;
      s.hi = any_unknown ? ind.max : (any_known ? best.hi : 0);
      // Upgrade steps: every better band of every computed option.
      for (std::size_t o = 0; o < ind.options.size(); ++o) {
        const ScoreOption& opt = ind.options[o];
        auto qv = evaluate(opt.quantity, p);
        if (!qv.value) continue;
        BandHit cur = band_of(opt, *qv.value);
        int cur_idx = cur.index < 0 ? static_cast<int>(opt.bands.size()) : cur.index;
        for (int b = cur_idx - 1; b >= 0; --b) {
          if (opt.bands[b].lo <= s.lo) continue;
          auto lv = lever(opt.quantity, p, opt.bands[b].bound);
          if (!lv) continue;
          std::string act = fmt::format("{}：{} → 需达到 {}；{}（{} → {} 分）", ind.label,
                                        format_value(*qv.value, opt.unit),
                                        format_value(opt.bands[b].bound, opt.unit), lv->text,
                                        s.lo, opt.bands[b].lo);
          double effort = std::fabs(lv->amount) / std::max(std::fabs(lv->base), 1.0);
          choices[k].push_back({static_cast<int>(k), opt.bands[b].lo, cur_idx - b, effort, act});
        }
      }
      (void)best_opt;
    }
    r.lo += s.lo;
    r.hi += s.hi;
    r.indicators.push_back(std::move(s));
  }
  r.lo = r.hi = 0;
  for (auto& g : t.groups) {
    GroupScore gs;
    gs.id = g.id, gs.label = g.label, gs.max = g.max, gs.minimum = g.minimum;
    for (auto& s : r.indicators)
      if (s.group == g.id) gs.lo += s.lo, gs.hi += s.hi;
    gs.lo = std::min(gs.lo, g.max), gs.hi = std::min(gs.hi, g.max);  // section caps (高新 知识产权 ≤ 30)
    r.lo += gs.lo, r.hi += gs.hi;
    r.groups.push_back(gs);
  }
  r.passes = ge(r.lo, t.pass) && std::all_of(r.groups.begin(), r.groups.end(), [](auto& g) { return ge(g.lo, g.minimum); });
  r.cannot_pass = !ge(r.hi, t.pass) || std::any_of(r.groups.begin(), r.groups.end(), [](auto& g) { return !ge(g.hi, g.minimum); });
  if (r.passes) return r;

  // Cheapest plan: DP over indicators; state = (total capped at pass, each group capped at its
  // minimum), points in tenths to stay integral.
  auto tenths = [](double v) { return static_cast<int>(std::llround(v * 10)); };
  const int pass = tenths(t.pass);
  std::vector<int> gmin;
  for (auto& g : t.groups) gmin.push_back(tenths(g.minimum));
  auto gidx = [&](const std::string& id) {
    for (std::size_t i = 0; i < t.groups.size(); ++i)
      if (t.groups[i].id == id) return static_cast<int>(i);
    return -1;
  };
  using State = std::vector<int>;  // [total, g0, g1, …]
  std::map<State, Cost> dp{{State(1 + t.groups.size(), 0), Cost{}}};
  for (std::size_t k = 0; k < t.indicators.size(); ++k) {
    int gi = gidx(t.indicators[k].group);
    std::map<State, Cost> next;
    auto add = [&](const State& s, const Cost& c, double pts, const Step* step) {
      State n = s;
      n[0] = std::min(pass, n[0] + tenths(pts));
      if (gi >= 0) n[1 + gi] = std::min(gmin[gi], n[1 + gi] + tenths(pts));
      Cost nc = c;
      if (step) nc.changed++, nc.steps += step->steps, nc.effort += step->effort, nc.chosen.push_back(*step);
      auto it = next.find(n);
      if (it == next.end() || nc.better(it->second)) next[n] = std::move(nc);
    };
    for (auto& [s, c] : dp) {
      add(s, c, r.indicators[k].lo, nullptr);
      for (auto& st : choices[k]) add(s, c, st.points, &st);
    }
    dp = std::move(next);
  }
  State goal(1 + t.groups.size());
  goal[0] = pass;
  for (std::size_t i = 0; i < gmin.size(); ++i) goal[1 + i] = gmin[i];
  auto it = dp.find(goal);
  if (it == dp.end()) {
    r.plan_note = "仅靠可计算指标的分档提升无法达到及格线或分项最低分（需定性/专家评分项或补充缺失数据） / "
                  "computed indicators alone cannot reach the pass mark";
    return r;
  }
  r.plan_found = true;
  for (auto& st : it->second.chosen) {
    auto& ind = r.indicators[st.indicator];
    r.upgrades.push_back({ind.id, ind.label, ind.lo, st.points, st.action});
  }
  return r;
}

}  // namespace mujun::tiers
