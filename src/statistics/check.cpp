#include "statistics/check.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace mujun::statistics {

std::string_view verdict_zh(Verdict v) {
  switch (v) {
    case Verdict::Pass: return "符合";
    case Verdict::Fail: return "不符";
    case Verdict::NotChecked: return "未检查";
  }
  return "";
}

std::size_t CheckReport::failures() const {
  std::size_t n = 0;
  for (const auto& l : reproduction) n += l.verdict == Verdict::Fail;
  for (const auto& l : consistency) n += l.verdict == Verdict::Fail;
  return n;
}

Interval printed_range(const PublishedFigure& f) {
  double inf = std::numeric_limits<double>::infinity();
  double half = 0.5 * std::pow(10.0, -f.decimals);
  switch (f.bound) {
    case Bound::About: return {f.value - half, f.value + half};
    case Bound::AtLeast: return {f.value, inf};
    case Bound::AtMost: return {-inf, f.value};
    case Bound::Exact: return Interval::point(f.value);
  }
  return Interval::point(f.value);
}

std::optional<double> unit_factor(std::string_view from, std::string_view to) {
  if (from == to) return 1.0;
  auto money = [](std::string_view u) -> std::optional<double> {
    if (u == "元") return 1.0;
    if (u == "万元") return 1e4;
    if (u == "亿元") return 1e8;
    return std::nullopt;
  };
  if (auto a = money(from), b = money(to); a && b) return *a / *b;
  if (from == "fraction" && to == "%") return 100.0;
  if (from == "%" && to == "fraction") return 0.01;
  return std::nullopt;
}

namespace {

std::string num(double v, int decimals) {
  if (std::isinf(v)) return v > 0 ? "+∞" : "−∞";
  return fmt::format("{:.{}f}", v, std::max(0, decimals));
}

std::string range_text(const Interval& r, int decimals) {
  return fmt::format("[{}, {}]", num(r.lo, decimals), num(r.hi, decimals));
}

std::string bound_zh(Bound b) {
  switch (b) {
    case Bound::About: return "按印刷舍入";
    case Bound::AtLeast: return "“突破/超过”，不低于";
    case Bound::AtMost: return "不高于";
    case Bound::Exact: return "精确值";
  }
  return "";
}

CheckLine reproduce(const PublishedFigure& p, const Bulletin& b) {
  CheckLine l{p.id, p.label, "reproduce", Verdict::NotChecked, "", ""};
  const Figure* f = b.find(p.id);
  Interval r = printed_range(p);
  std::string pub = fmt::format("公布 {}{}{}（{} → {}）", p.text.empty() ? "" : "“" + p.text + "” ", p.printed, p.unit,
                                bound_zh(p.bound), range_text(r, p.decimals + 1));
  if (!f) {
    l.arithmetic = pub;
    l.message = "数据中没有对应的计算指标 / no computed figure with this id";
    return l;
  }
  if (!f->value) {
    l.arithmetic = pub;
    l.message = fmt::format("无法从数据计算：{} / cannot be computed from the data", f->note);
    return l;
  }
  auto k = unit_factor(f->unit, p.unit);
  if (!k) {
    l.arithmetic = pub;
    l.message = fmt::format("单位不一致：计算值为 {}，公布值为 {} / unit mismatch", f->unit, p.unit);
    return l;
  }
  double v = *f->value * *k;
  std::string inputs;
  for (const auto& in : f->inputs) {
    if (!inputs.empty()) inputs += "；";
    inputs += fmt::format("{} = {} {}", in.name, in.value, in.unit);
  }
  int shown = f->decimals == 0 && *k == 1.0 ? 0 : p.decimals + 4;
  l.arithmetic = fmt::format("{}：{}{}= {} {}；{}", f->formula, inputs, inputs.empty() ? "" : " → ", num(v, shown),
                             p.unit, pub);
  bool ok = r.contains(v) || (p.bound == Bound::About && std::fabs(v - r.hi) < 1e-9);
  l.verdict = ok ? Verdict::Pass : Verdict::Fail;
  std::string why = p.bound == Bound::AtLeast  ? fmt::format("{} ≥ {}", num(v, p.decimals + 2), p.printed)
                    : p.bound == Bound::AtMost ? fmt::format("{} ≤ {}", num(v, p.decimals + 2), p.printed)
                    : p.bound == Bound::Exact  ? fmt::format("{} = {}", num(v, shown), p.printed)
                                               : fmt::format("{} 舍入为 {}", num(v, p.decimals + 2), num(v, p.decimals));
  l.message = ok ? fmt::format("数据复现公布值（{}） / reproduced", why)
                 : fmt::format("数据不能复现公布值：计算得 {} {}，不在 {} 内 / not reproduced", num(v, p.decimals + 2),
                               p.unit, range_text(r, p.decimals + 1));
  return l;
}

// Solves formula(x) = target for one identifier by bisection on point values over a wide bracket
// (the relations used are monotonic in each figure).
std::optional<double> solve(const PublishedRelation& rel, const Published& pub, double target) {
  const PublishedFigure* var = pub.find(rel.solve_for);
  if (!var) return std::nullopt;
  auto f = [&](double x) {
    return evaluate(rel.formula, [&](std::string_view id) -> std::optional<Interval> {
             if (id == rel.solve_for) return Interval::point(x);
             if (const PublishedFigure* q = pub.find(id)) return Interval::point(q->value);
             return std::nullopt;
           }).lo - target;
  };
  double lo = var->value / 100, hi = var->value * 100;
  if (var->value <= 0) return std::nullopt;
  double flo = f(lo), fhi = f(hi);
  if (std::isnan(flo) || std::isnan(fhi) || (flo > 0) == (fhi > 0)) return std::nullopt;
  for (int i = 0; i < 200; ++i) {
    double mid = 0.5 * (lo + hi), fm = f(mid);
    if ((fm > 0) == (flo > 0)) { lo = mid; flo = fm; } else hi = mid;
  }
  return 0.5 * (lo + hi);
}

CheckLine relate(const PublishedRelation& rel, const Published& pub) {
  const PublishedFigure& fig = *pub.find(rel.figure);
  CheckLine l{fig.id, fig.label, rel.kind.empty() ? "relation" : rel.kind, Verdict::NotChecked, "", ""};
  Interval got{}, point{};
  try {
    got = evaluate(rel.formula, [&](std::string_view id) -> std::optional<Interval> {
      if (const PublishedFigure* q = pub.find(id)) return printed_range(*q);
      return std::nullopt;
    });
    point = evaluate(rel.formula, [&](std::string_view id) -> std::optional<Interval> {
      if (const PublishedFigure* q = pub.find(id)) return Interval::point(q->value);
      return std::nullopt;
    });
  } catch (const std::invalid_argument& e) {
    l.message = e.what();
    return l;
  }
  Interval want = printed_range(fig);
  int d = std::max(fig.decimals + 2, 4);
  std::string subst = substitute(rel.formula, [&](std::string_view id) {
    const PublishedFigure* q = pub.find(id);
    return q ? q->printed : std::string(id);
  });
  l.arithmetic = fmt::format("{} {} {} = {} = {} {}；各数按公布精度的可能范围 {}；公布 {} {}{}（{}）", fig.id, rel.op,
                             rel.formula, subst, num(point.lo, d), fig.unit, range_text(got, d), fig.printed, fig.unit,
                             fig.text.empty() ? "" : "“" + fig.text + "”", range_text(want, fig.decimals + 1));
  bool ok = rel.op == "=" ? want.overlaps(got) : rel.op == ">=" ? want.hi >= got.lo : want.lo <= got.hi;
  l.verdict = ok ? Verdict::Pass : Verdict::Fail;
  if (ok) {
    l.message = "公布数字之间一致 / consistent";
  } else {
    l.message = fmt::format("公布数字之间不一致：{} 按公式应为 {} {}，公布为 {} {} / inconsistent", fig.label,
                            num(point.lo, d), fig.unit, fig.printed, fig.unit);
    if (!rel.solve_for.empty())
      if (auto x = solve(rel, pub, fig.value)) {
        const PublishedFigure* v = pub.find(rel.solve_for);
        l.message += fmt::format("；若 {} {} 成立，{} 应约为 {} {}（公布 {}）", fig.printed, fig.unit, v->label,
                                 num(*x, v->decimals + 2), v->unit, v->printed);
      }
  }
  if (!rel.note.empty()) l.message += "。注：" + rel.note;
  return l;
}

}  // namespace

CheckReport check_published(const Published& published, const Bulletin& bulletin) {
  CheckReport r;
  r.title = published.title;
  for (const auto& f : published.figures) r.reproduction.push_back(reproduce(f, bulletin));
  for (const auto& rel : published.relations) r.consistency.push_back(relate(rel, published));
  return r;
}

}  // namespace mujun::statistics
