#include "tiers/quantity.h"

#include <fmt/format.h>

#include <cmath>

#include "domain/metric.h"

namespace mujun::tiers {

bool ge(double a, double b) { return a >= b - 1e-9 * std::max(1.0, std::fabs(b)); }
bool le(double a, double b) { return a <= b + 1e-9 * std::max(1.0, std::fabs(b)); }

std::string metric_label(const std::string& id) {
  if (id == "net_assets") return "净资产";
  if (id == "ip_class1") return "Ⅰ类知识产权";
  if (id == "ip_class2") return "Ⅱ类知识产权";
  if (auto m = find_metric(id)) return std::string(m->label_zh);
  return id;
}

std::string metric_unit(const std::string& id) {
  if (id == "net_assets") return "万元";
  if (id == "ip_class1" || id == "ip_class2") return "件";
  if (auto m = find_metric(id)) return std::string(m->unit_zh);
  return "";
}

std::string period_label(const std::vector<int>& years, int y) {
  if (years.size() == 1) return fmt::format("{}年", y + years[0]);
  return fmt::format("{}–{}年", y + years.front(), y + years.back());
}

std::string quantity_label(const Quantity& q, int y) {
  using K = Quantity::Kind;
  std::string m = metric_label(q.metric), per = period_label(q.years, y);
  switch (q.kind) {
    case K::Metric: return fmt::format("{}（{}）", m, per);
    case K::Sum: return fmt::format("{}（{}合计）", m, per);
    case K::Average: return fmt::format("{}（{}年均）", m, per);
    case K::Ratio:
      return fmt::format("{}/{}（{}{}）", m, metric_label(q.denominator), per,
                         q.years.size() > 1 ? "合计" : "");
    case K::Growth: return fmt::format("{}增长率（{}）", m, per);
    case K::AvgGrowth: return fmt::format("{}平均增长率（{}）", m, per);
    case K::Cagr: return fmt::format("{}复合增长率（{}）", m, per);
    case K::HnteGrowth: return fmt::format("{}增长率（高新口径，{}）", m, per);
  }
  return m;
}

std::string format_value(double v, const std::string& unit, int decimals) {
  double shown = unit == "%" ? v * 100 : v;
  std::string s = fmt::format("{:.{}f}", shown, decimals);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  if (unit.empty()) return s;
  return unit == "%" ? s + "%" : s + " " + unit;
}

namespace {

struct Series {
  std::vector<std::optional<double>> v;
  std::vector<std::string> missing;
};

Series series(const std::string& metric, const std::vector<int>& years, const EnterpriseProfile& p) {
  Series s;
  for (int off : years) {
    auto x = p.value(metric, p.data_year + off);
    s.v.push_back(x);
    if (!x) s.missing.push_back(fmt::format("{}年 {}({})", p.data_year + off, metric_label(metric), metric));
  }
  return s;
}

double sum(const Series& s) {
  double t = 0;
  for (auto& x : s.v) t += *x;
  return t;
}

}  // namespace

QuantityValue evaluate(const Quantity& q, const EnterpriseProfile& p) {
  using K = Quantity::Kind;
  QuantityValue r;
  r.period = period_label(q.years, p.data_year);
  if (q.kind == K::HnteGrowth) {
    // Enterprises producing for fewer than three years use their actual years (195号).
    std::vector<int> yrs = q.years;
    int first = p.data_year + yrs.front();
    if (p.production_start_year > first) {
      while (!yrs.empty() && p.data_year + yrs.front() < p.production_start_year) yrs.erase(yrs.begin());
      r.note = fmt::format("投产不足三年（{}年投产），按实际经营年度计算", p.production_start_year);
      r.period = yrs.empty() ? r.period : period_label(yrs, p.data_year);
    }
    Series s = series(q.metric, yrs, p);
    if (!s.missing.empty()) { r.missing = s.missing; return r; }
    if (s.v.size() < 2) { r.value = 0.0; return r; }
    if (s.v.size() == 2) {
      r.value = *s.v[0] == 0 ? 0.0 : *s.v[1] / *s.v[0] - 1;
      return r;
    }
    double v1 = *s.v[0], v2 = *s.v[1], v3 = *s.v[2];
    if (v2 == 0) { r.value = 0.0; r.note = "第二年数值为0，增长率按0计（195号）"; return r; }
    if (v1 == 0) { r.value = v3 / v2 - 1; r.note = "第一年数值为0，按后两年计算（195号）"; return r; }
    r.value = 0.5 * (v2 / v1 + v3 / v2) - 1;
    return r;
  }
  Series s = series(q.metric, q.years, p);
  r.missing = s.missing;
  Series d;
  if (q.kind == K::Ratio) {
    d = series(q.denominator, q.years, p);
    r.missing.insert(r.missing.end(), d.missing.begin(), d.missing.end());
  }
  if (!r.missing.empty()) return r;
  switch (q.kind) {
    case K::Metric: r.value = *s.v[0]; break;
    case K::Sum: r.value = sum(s); break;
    case K::Average: r.value = sum(s) / static_cast<double>(s.v.size()); break;
    case K::Ratio: {
      double den = sum(d);
      if (den == 0) r.missing.push_back(fmt::format("{} 为0，比例无法计算", metric_label(q.denominator)));
      else r.value = sum(s) / den;
      break;
    }
    case K::Growth:
    case K::Cagr: {
      double a = *s.v.front(), b = *s.v.back();
      if (a <= 0) { r.missing.push_back(fmt::format("{}年 {} ≤ 0，增长率无法计算", p.data_year + q.years.front(), metric_label(q.metric))); break; }
      double n = q.kind == K::Growth ? 1.0 : static_cast<double>(q.years.back() - q.years.front());
      r.value = q.kind == K::Growth ? b / a - 1 : std::pow(b / a, 1.0 / n) - 1;
      break;
    }
    case K::AvgGrowth: {
      double g = 0;
      for (std::size_t i = 1; i < s.v.size(); ++i) {
        if (*s.v[i - 1] <= 0) { r.missing.push_back(fmt::format("{}年 {} ≤ 0，增长率无法计算", p.data_year + q.years[i - 1], metric_label(q.metric))); return r; }
        g += *s.v[i] / *s.v[i - 1] - 1;
      }
      r.value = g / static_cast<double>(s.v.size() - 1);
      break;
    }
    case K::HnteGrowth: break;
  }
  return r;
}

std::optional<Lever> lever(const Quantity& q, const EnterpriseProfile& p, double target) {
  using K = Quantity::Kind;
  auto now = evaluate(q, p);
  if (!now.value) return std::nullopt;
  int y = p.data_year;
  std::string m = metric_label(q.metric), unit = metric_unit(q.metric);
  auto sentence = [&](double amount, const std::string& what, const std::string& tail) {
    return fmt::format("{}需{} {}{}", what, amount >= 0 ? "增加" : "减少",
                       format_value(std::fabs(amount), unit), tail);
  };
  Lever l;
  l.unit = unit;
  Series s = series(q.metric, q.years, p);
  switch (q.kind) {
    case K::Metric: l.base = *now.value; l.amount = target - *now.value; l.text = sentence(l.amount, fmt::format("{}年{}", y + q.years[0], m), ""); break;
    case K::Sum: l.base = *now.value; l.amount = target - *now.value; l.text = sentence(l.amount, fmt::format("{}（{}合计）", m, now.period), ""); break;
    case K::Average: {
      l.base = sum(s);
      l.amount = target * static_cast<double>(q.years.size()) - sum(s);
      l.text = sentence(l.amount, fmt::format("{}（{}合计）", m, now.period), "");
      break;
    }
    case K::Ratio: {
      Series d = series(q.denominator, q.years, p);
      l.base = sum(s);
      l.amount = target * sum(d) - sum(s);
      l.text = sentence(l.amount, fmt::format("{}（{}{}）", m, now.period, q.years.size() > 1 ? "合计" : ""),
                        fmt::format("（{}不变）", metric_label(q.denominator)));
      break;
    }
    case K::Growth:
    case K::Cagr: {
      double n = q.kind == K::Growth ? 1.0 : static_cast<double>(q.years.back() - q.years.front());
      double need = *s.v.front() * std::pow(1 + target, n);
      l.base = *s.v.back();
      l.amount = need - *s.v.back();
      l.text = sentence(l.amount, fmt::format("{}年{}", y + q.years.back(), m),
                        fmt::format("（即达到 {}）", format_value(need, unit)));
      break;
    }
    case K::AvgGrowth: {
      double others = 0;
      std::size_t k = s.v.size() - 1;
      for (std::size_t i = 1; i < k; ++i) others += *s.v[i] / *s.v[i - 1] - 1;
      double g_last = target * static_cast<double>(k) - others;
      double need = *s.v[k - 1] * (1 + g_last);
      l.base = *s.v[k];
      l.amount = need - *s.v[k];
      l.text = sentence(l.amount, fmt::format("{}年{}", y + q.years.back(), m),
                        fmt::format("（即达到 {}）", format_value(need, unit)));
      break;
    }
    case K::HnteGrowth: {
      if (s.v.size() == 3 && s.v[0] && s.v[1] && s.v[2] && *s.v[0] != 0 && *s.v[1] != 0) {
        double need = *s.v[1] * (2 * (1 + target) - *s.v[1] / *s.v[0]);
        l.base = *s.v[2];
        l.amount = need - *s.v[2];
        l.text = sentence(l.amount, fmt::format("{}年{}", y + q.years.back(), m),
                          fmt::format("（即达到 {}）", format_value(need, unit)));
      } else {
        return std::nullopt;
      }
      break;
    }
  }
  return l;
}

}  // namespace mujun::tiers
