// Scheme TOML → Scheme (keys: docs/schemes.md). Structural checks live here; cross-checks of the
// parsed scheme (weights, reachability of cohorts, quota shares) in scheme_check.cpp.
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <initializer_list>

#include "evaluation/formula.h"
#include "evaluation/scheme.h"
#include "evaluation/scheme_check.h"

namespace mujun::evaluation {
namespace {

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

class Reader {
 public:
  explicit Reader(std::string_view file) : file_(file) {}
  Issues issues;

  void err(int line, const std::string& key, const std::string& code, const std::string& msg,
           const std::string& raw = "") {
    Issue i;
    i.file = file_;
    i.row = line;
    i.column = key;
    i.raw_value = raw;
    i.code = code;
    i.message = msg;
    issues.push_back(std::move(i));
  }

  void check_keys(const toml::table& t, const std::string& where, std::initializer_list<std::string_view> allowed) {
    for (auto&& [k, v] : t) {
      bool ok = false;
      for (auto a : allowed) ok = ok || k.str() == a;
      if (!ok) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        err(line_of(v), (where.empty() ? "" : where + ".") + std::string(k.str()), "scheme.unknown_key",
            "未知的键，可用的键: " + list + " / unknown key; allowed keys: " + list, std::string(k.str()));
      }
    }
  }

  std::string str(const toml::table& t, std::string_view key, const std::string& where, bool required,
                  std::string fallback = "") {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required)
        err(line_of(t), where + "." + std::string(key), "scheme.missing_key",
            "缺少必填的键，请补上 / required key is missing; add it");
      return fallback;
    }
    if (auto s = n->value<std::string>()) return *s;
    err(line_of(*n), where + "." + std::string(key), "scheme.type", "应为字符串 / must be a string");
    return fallback;
  }

  std::optional<double> num(const toml::table& t, std::string_view key, const std::string& where, bool required) {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required)
        err(line_of(t), where + "." + std::string(key), "scheme.missing_key",
            "缺少必填的键，请补上 / required key is missing; add it");
      return std::nullopt;
    }
    return number(*n, where + "." + std::string(key));
  }

  std::optional<double> number(const toml::node& n, const std::string& key) {
    if (n.is_integer()) return static_cast<double>(*n.value<std::int64_t>());
    if (n.is_floating_point()) {
      double d = *n.value<double>();
      if (std::isfinite(d)) return d;
    }
    err(line_of(n), key, "scheme.type", "应为有限数值 / must be a finite number");
    return std::nullopt;
  }

  std::vector<std::string> strings(const toml::table& t, std::string_view key, const std::string& where) {
    std::vector<std::string> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* a = n->as_array();
    if (!a) {
      err(line_of(*n), where + "." + std::string(key), "scheme.type", "应为字符串数组 / must be an array of strings");
      return out;
    }
    for (const auto& e : *a) {
      if (auto s = e.value<std::string>()) out.push_back(*s);
      else err(line_of(e), where + "." + std::string(key), "scheme.type", "应为字符串 / must be a string");
    }
    return out;
  }

  std::vector<IndustryRange> industry(const toml::table& t, const std::string& where) {
    std::vector<IndustryRange> out;
    const toml::node* n = t.get("industry");
    for (const auto& s : strings(t, "industry", where)) {
      auto dash = s.find('-');
      IndustryRange r{s.substr(0, dash), dash == std::string::npos ? s : s.substr(dash + 1)};
      auto digits = [](const std::string& x) {
        if (x.size() != 2 && x.size() != 4) return false;
        for (char c : x) if (c < '0' || c > '9') return false;
        return true;
      };
      if (!digits(r.lo) || !digits(r.hi) || r.lo.size() != r.hi.size()) {
        err(line_of(*n), where + ".industry", "scheme.industry",
            "行业代码范围应为 2 位或 4 位数字，如 \"13-43\" 或 \"4411\" / industry ranges are 2- or 4-digit "
            "GB/T 4754-2017 codes such as \"13-43\" or \"4411\"", s);
      } else if (r.lo > r.hi) {
        err(line_of(*n), where + ".industry", "scheme.cohort_empty",
            "范围下限大于上限，没有企业能落入 / range start is above its end: no firm can match", s);
      } else {
        out.push_back(r);
      }
    }
    return out;
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

template <class E>
bool pick(Reader& r, const std::string& text, int line, const std::string& key,
          std::initializer_list<std::pair<std::string_view, E>> options, E& out) {
  for (auto& [name, value] : options)
    if (text == name) { out = value; return true; }
  std::string list;
  for (auto& [name, value] : options) list += (list.empty() ? "" : ", ") + std::string(name);
  r.err(line, key, "scheme.value", "取值无效，可选: " + list + " / invalid value; choose one of: " + list, text);
  return false;
}

void read_header(Reader& r, const toml::table& root, Scheme& s) {
  const toml::table* h = root["scheme"].as_table();
  if (!h) {
    r.err(1, "scheme", "scheme.missing_key", "缺少 [scheme] 表（id, name, source …） / the [scheme] table is missing");
    return;
  }
  r.check_keys(*h, "scheme", {"id", "name", "region", "source", "data_year", "assumptions", "land",
                              "weights_total", "bonus_max"});
  s.id = r.str(*h, "id", "scheme", true);
  s.name = r.str(*h, "name", "scheme", true);
  s.region = r.str(*h, "region", "scheme", false);
  s.source = r.str(*h, "source", "scheme", true);
  if (auto y = r.num(*h, "data_year", "scheme", false)) s.data_year = static_cast<int>(*y);
  s.assumptions = r.strings(*h, "assumptions", "scheme");
  if (h->get("land"))
    pick<LandRule>(r, r.str(*h, "land", "scheme", false), line_of(*h->get("land")), "scheme.land",
                   {{"owned_plus_leased", LandRule::OwnedPlusLeased}, {"owned_only", LandRule::OwnedOnly}}, s.land);
  s.weights_total = r.num(*h, "weights_total", "scheme", false);
  s.bonus_max = r.num(*h, "bonus_max", "scheme", false);
}

void check_formula(Reader& r, const std::string& expr, int line, const std::string& key) {
  for (const auto& name : formula_identifiers(expr))
    if (!is_formula_variable(name))
      r.err(line, key, "scheme.unknown_metric",
            "公式中的 \"" + name + "\" 不是已知指标（见 GLOSSARY.md 的 metric id，或 land_mu） / \"" + name +
                "\" in the formula is not a known metric id (see domain/metric.h) nor land_mu",
            expr);
  if (auto e = formula_parse_error(expr); !e.empty())
    r.err(line, key, "scheme.formula", "公式无法解析: " + e + " / the formula does not parse: " + e, expr);
}

void read_indicators(Reader& r, const toml::table& root, Scheme& s) {
  const toml::array* arr = root["indicator"].as_array();
  if (!arr || arr->empty()) {
    r.err(1, "indicator", "scheme.missing_key", "至少需要一个 [[indicator]] / at least one [[indicator]] is needed");
    return;
  }
  for (const auto& node : *arr) {
    const toml::table* t = node.as_table();
    if (!t) continue;
    Indicator ind;
    ind.line = line_of(*t);
    std::string where = "indicator[" + std::to_string(s.indicators.size()) + "]";
    r.check_keys(*t, where, {"id", "label", "unit", "formula", "numerator", "denominator", "direction", "missing",
                             "cap", "floor"});
    ind.id = r.str(*t, "id", where, true);
    if (!ind.id.empty()) where = "indicator[" + ind.id + "]";
    if (s.indicator_index(ind.id) >= 0)
      r.err(ind.line, where + ".id", "scheme.duplicate", "指标 id 重复 / duplicate indicator id", ind.id);
    ind.label = r.str(*t, "label", where, true);
    ind.unit = r.str(*t, "unit", where, true);
    ind.formula = r.str(*t, "formula", where, false);
    ind.numerator = r.str(*t, "numerator", where, false);
    ind.denominator = r.str(*t, "denominator", where, false);
    bool ratio = !ind.numerator.empty() || !ind.denominator.empty();
    if (ratio == !ind.formula.empty() || (ratio && (ind.numerator.empty() || ind.denominator.empty()))) {
      r.err(ind.line, where + ".formula", "scheme.formula",
            "请给出 formula，或同时给出 numerator 与 denominator（二选一） / give either formula or both numerator "
            "and denominator");
    } else if (ratio) {
      check_formula(r, ind.numerator, line_of(*t->get("numerator")), where + ".numerator");
      check_formula(r, ind.denominator, line_of(*t->get("denominator")), where + ".denominator");
      ind.formula = "(" + ind.numerator + ") / (" + ind.denominator + ")";
    } else {
      check_formula(r, ind.formula, line_of(*t->get("formula")), where + ".formula");
    }
    if (const toml::node* d = t->get("direction"))
      pick<Direction>(r, d->value_or(std::string()), line_of(*d), where + ".direction",
                      {{"higher", Direction::Higher}, {"lower", Direction::Lower}}, ind.direction);
    if (const toml::node* m = t->get("missing"))
      pick<MissingRule>(r, m->value_or(std::string()), line_of(*m), where + ".missing",
                        {{"zero", MissingRule::Zero}, {"cohort_average", MissingRule::CohortAverage},
                         {"reweight", MissingRule::Reweight}}, ind.missing);
    ind.cap = r.num(*t, "cap", where, false);
    ind.floor = r.num(*t, "floor", where, false);
    s.indicators.push_back(std::move(ind));
  }
}

Classification read_classification(Reader& r, const toml::table& t, const std::string& where, Classification c) {
  c.line = line_of(t);
  r.check_keys(t, where, {"method", "shares", "thresholds", "a_min_total", "pool"});
  if (const toml::node* m = t.get("method"))
    pick<Classification::Method>(r, m->value_or(std::string()), line_of(*m), where + ".method",
                                 {{"quota", Classification::Method::Quota},
                                  {"threshold", Classification::Method::Threshold}}, c.method);
  static constexpr std::array<std::string_view, 4> kClass{"A", "B", "C", "D"};
  if (const toml::node* n = t.get("shares")) {
    if (const toml::table* sh = n->as_table()) {
      r.check_keys(*sh, where + ".shares", {"A", "B", "C", "D"});
      for (int k = 0; k < 4; ++k)
        if (auto v = r.num(*sh, kClass[k], where + ".shares", true))
          c.share_micros[k] = std::llround(*v * 1e6);
    } else {
      r.err(line_of(*n), where + ".shares", "scheme.type", "应为表 { A = 0.2, B = 0.4, C = 0.35, D = 0.05 } / must be a table");
    }
  }
  if (const toml::node* n = t.get("thresholds")) {
    if (const toml::table* th = n->as_table()) {
      r.check_keys(*th, where + ".thresholds", {"A", "B", "C"});
      for (int k = 0; k < 3; ++k)
        if (auto v = r.num(*th, kClass[k], where + ".thresholds", true)) c.thresholds[k] = *v;
    } else {
      r.err(line_of(*n), where + ".thresholds", "scheme.type", "应为表 { A = 110, B = 90, C = 60 } / must be a table");
    }
  } else if (c.method == Classification::Method::Threshold) {
    r.err(c.line, where + ".thresholds", "scheme.missing_key",
          "method = \"threshold\" 需要 thresholds = { A, B, C } / threshold classification needs thresholds");
  }
  c.a_min_total = r.num(t, "a_min_total", where, false);
  if (const toml::node* p = t.get("pool"))
    pick<Classification::Pool>(r, p->value_or(std::string()), line_of(*p), where + ".pool",
                               {{"cohort", Classification::Pool::Cohort},
                                {"township", Classification::Pool::Township}}, c.pool);
  return c;
}

Benchmark read_benchmark(Reader& r, const toml::node& n, const std::string& key, const Indicator& ind) {
  Benchmark b;
  b.line = line_of(n);
  if (n.is_number()) {
    b.method = BenchmarkMethod::Fixed;
    b.value = r.number(n, key).value_or(0);
  } else if (const toml::table* t = n.as_table()) {
    r.check_keys(*t, key, {"method", "value", "of", "k", "floor"});
    pick<BenchmarkMethod>(r, r.str(*t, "method", key, true), b.line, key + ".method",
                          {{"fixed", BenchmarkMethod::Fixed}, {"mean", BenchmarkMethod::Mean},
                           {"previous_mean", BenchmarkMethod::PreviousMean}, {"max", BenchmarkMethod::Max},
                           {"minmax", BenchmarkMethod::MinMax}}, b.method);
    if (b.method == BenchmarkMethod::Fixed) b.value = r.num(*t, "value", key, true).value_or(0);
    if (const toml::node* of = t->get("of"))
      pick<MeanKind>(r, of->value_or(std::string()), line_of(*of), key + ".of",
                     {{"ratio_of_sums", MeanKind::RatioOfSums}, {"mean_of_ratios", MeanKind::MeanOfRatios}}, b.of);
    else if (b.method == BenchmarkMethod::Mean || b.method == BenchmarkMethod::PreviousMean)
      r.err(b.line, key + ".of", "scheme.missing_key",
            "均值基准须写明 of = \"ratio_of_sums\"（Σ分子/Σ分母）或 \"mean_of_ratios\" / a mean benchmark must say "
            "of = \"ratio_of_sums\" or \"mean_of_ratios\"");
    b.k = r.num(*t, "k", key, false).value_or(1.0);
    b.floor_percent = r.num(*t, "floor", key, false).value_or(20.0);
  } else {
    r.err(b.line, key, "scheme.type", "基准应为数值或表 / a benchmark is a number or a table");
    return b;
  }
  if (b.method == BenchmarkMethod::Fixed && !(b.value > 0))
    r.err(b.line, key, "scheme.benchmark", "固定基准值必须大于 0 / a fixed benchmark must be > 0",
          std::to_string(b.value));
  if (!(b.k > 0)) r.err(b.line, key + ".k", "scheme.benchmark", "k 必须大于 0 / k must be > 0");
  if (b.floor_percent < 0 || b.floor_percent > 100)
    r.err(b.line, key + ".floor", "scheme.benchmark", "floor 应在 0–100 之间（%） / floor is a percentage 0–100");
  bool mean = b.method == BenchmarkMethod::Mean || b.method == BenchmarkMethod::PreviousMean;
  if (mean && b.of == MeanKind::RatioOfSums && ind.numerator.empty())
    r.err(b.line, key + ".of", "scheme.benchmark",
          "ratio_of_sums 需要指标以 numerator / denominator 给出 / ratio_of_sums needs the indicator to be given as "
          "numerator and denominator");
  return b;
}

CohortRule read_rule(Reader& r, const toml::table& t, const std::string& where) {
  CohortRule rule;
  if (const toml::node* a = t.get("above_scale")) {
    if (auto b = a->value<bool>()) rule.above_scale = *b;
    else r.err(line_of(*a), where + ".above_scale", "scheme.type", "应为 true 或 false / must be true or false");
  }
  rule.land_mu_min = r.num(t, "land_mu_min", where, false);
  rule.land_mu_max = r.num(t, "land_mu_max", where, false);
  if (const toml::node* te = t.get("tenure"))
    pick<CohortRule::Tenure>(r, te->value_or(std::string()), line_of(*te), where + ".tenure",
                             {{"any", CohortRule::Tenure::Any}, {"owned", CohortRule::Tenure::Owned},
                              {"leased_only", CohortRule::Tenure::LeasedOnly}}, rule.tenure);
  rule.industry = r.industry(t, where);
  return rule;
}

void read_cohorts(Reader& r, const toml::table& root, Scheme& s, const Classification& base) {
  const toml::array* arr = root["cohort"].as_array();
  if (!arr || arr->empty()) {
    r.err(1, "cohort", "scheme.missing_key", "至少需要一个 [[cohort]] / at least one [[cohort]] is needed");
    return;
  }
  for (const auto& node : *arr) {
    const toml::table* t = node.as_table();
    if (!t) continue;
    Cohort c;
    c.line = line_of(*t);
    std::string where = "cohort[" + std::to_string(s.cohorts.size()) + "]";
    r.check_keys(*t, where, {"id", "label", "above_scale", "land_mu_min", "land_mu_max", "tenure", "industry",
                             "any_of", "weights", "benchmarks", "classification"});
    c.id = r.str(*t, "id", where, true);
    if (!c.id.empty()) where = "cohort[" + c.id + "]";
    for (const auto& o : s.cohorts)
      if (o.id == c.id) r.err(c.line, where + ".id", "scheme.duplicate", "分组 id 重复 / duplicate cohort id", c.id);
    c.label = r.str(*t, "label", where, true);
    if (const toml::node* any = t->get("any_of")) {
      const toml::array* alts = any->as_array();
      if (!alts || alts->empty())
        r.err(line_of(*any), where + ".any_of", "scheme.type",
              "any_of 应为非空的表数组 [{...}, {...}] / any_of must be a non-empty array of tables");
      else
        for (std::size_t a = 0; a < alts->size(); ++a) {
          std::string aw = where + ".any_of[" + std::to_string(a) + "]";
          if (const toml::table* at = (*alts)[a].as_table()) {
            r.check_keys(*at, aw, {"above_scale", "land_mu_min", "land_mu_max", "tenure", "industry"});
            c.rules.push_back(read_rule(r, *at, aw));
          } else {
            r.err(line_of((*alts)[a]), aw, "scheme.type", "应为表 / must be a table");
          }
        }
    } else {
      c.rules.push_back(read_rule(r, *t, where));
    }
    const toml::table* w = (*t)["weights"].as_table();
    if (w) c.weights_line = static_cast<int>(w->source().begin.line);
    if (!w || w->empty()) {
      r.err(c.line, where + ".weights", "scheme.missing_key",
            "缺少权重表 weights = { 指标 id = 分值 } / weights table is missing");
    } else {
      for (auto&& [k, v] : *w) {
        std::string key = where + ".weights." + std::string(k.str());
        int idx = s.indicator_index(k.str());
        if (idx < 0) {
          r.err(line_of(v), key, "scheme.unknown_indicator",
                "权重引用了未定义的指标，请先在 [[indicator]] 中定义 / weight names an indicator that no [[indicator]] "
                "defines", std::string(k.str()));
          continue;
        }
        auto wt = r.number(v, key);
        if (wt && !(*wt > 0)) r.err(line_of(v), key, "scheme.weight", "权重必须大于 0 / a weight must be > 0");
        c.indicators.push_back(idx);
        c.weights.push_back(wt.value_or(0));
      }
    }
    {  // weights in the order the indicators are defined (TOML tables have no order)
      std::vector<std::pair<int, double>> iw;
      for (std::size_t k = 0; k < c.indicators.size(); ++k) iw.emplace_back(c.indicators[k], c.weights[k]);
      std::sort(iw.begin(), iw.end());
      for (std::size_t k = 0; k < iw.size(); ++k) std::tie(c.indicators[k], c.weights[k]) = iw[k];
    }
    const toml::table* b = (*t)["benchmarks"].as_table();
    c.benchmarks.resize(c.indicators.size());
    for (std::size_t k = 0; k < c.indicators.size(); ++k) {
      const auto& ind = s.indicators[c.indicators[k]];
      std::string key = where + ".benchmarks." + ind.id;
      const toml::node* bn = b ? b->get(ind.id) : nullptr;
      if (!bn) {
        r.err(b ? line_of(*b) : c.line, key, "scheme.benchmark_missing",
              "有权重的指标缺少基准值 / a weighted indicator has no benchmark");
        continue;
      }
      c.benchmarks[k] = read_benchmark(r, *bn, key, ind);
    }
    if (b)
      for (auto&& [k, v] : *b) {
        bool weighted = false;
        for (int idx : c.indicators) weighted = weighted || s.indicators[idx].id == k.str();
        if (!weighted)
          r.err(line_of(v), where + ".benchmarks." + std::string(k.str()), "scheme.unknown_indicator",
                "基准值对应的指标在本分组没有权重 / benchmark for an indicator this cohort does not weight",
                std::string(k.str()));
      }
    c.classification = base;
    if (const toml::node* cl = t->get("classification")) {
      if (const toml::table* ct = cl->as_table())
        c.classification = read_classification(r, *ct, where + ".classification", base);
      else
        r.err(line_of(*cl), where + ".classification", "scheme.type", "应为表 / must be a table");
    }
    s.cohorts.push_back(std::move(c));
  }
}

int cohort_index(const Scheme& s, const std::string& id) {
  for (std::size_t k = 0; k < s.cohorts.size(); ++k)
    if (s.cohorts[k].id == id) return static_cast<int>(k);
  return -1;
}

void read_adjustments(Reader& r, const toml::table& root, Scheme& s) {
  const toml::array* arr = root["adjustment"].as_array();
  if (!arr) return;
  for (const auto& node : *arr) {
    const toml::table* t = node.as_table();
    if (!t) continue;
    Adjustment a;
    a.line = line_of(*t);
    std::string where = "adjustment[" + std::to_string(s.adjustments.size()) + "]";
    r.check_keys(*t, where, {"id", "label", "kind", "points", "class", "flag", "certificate", "certificate_level",
                             "cohorts"});
    a.id = r.str(*t, "id", where, true);
    if (!a.id.empty()) where = "adjustment[" + a.id + "]";
    a.label = r.str(*t, "label", where, true);
    pick<Adjustment::Kind>(r, r.str(*t, "kind", where, true), a.line, where + ".kind",
                           {{"bonus", Adjustment::Kind::Bonus}, {"penalty", Adjustment::Kind::Penalty},
                            {"veto", Adjustment::Kind::Veto}}, a.kind);
    if (a.kind == Adjustment::Kind::Veto) {
      std::string cl = r.str(*t, "class", where, true);
      if (cl == "A" || cl == "B" || cl == "C" || cl == "D") a.forced_class = cl[0];
      else r.err(a.line, where + ".class", "scheme.value", "应为 A、B、C 或 D / must be A, B, C or D", cl);
    } else {
      a.points = r.num(*t, "points", where, true).value_or(0);
      if (!(a.points > 0))
        r.err(a.line, where + ".points", "scheme.value",
              "分值必须大于 0（减分用 kind = \"penalty\"） / points must be > 0 (use kind = \"penalty\" to subtract)");
    }
    a.flag = r.str(*t, "flag", where, false);
    a.certificate = r.str(*t, "certificate", where, false);
    a.certificate_level = r.str(*t, "certificate_level", where, false);
    if (a.flag.empty() == a.certificate.empty())
      r.err(a.line, where, "scheme.adjustment",
            "请给出 flag 或 certificate 之一（二选一） / give exactly one of flag or certificate");
    for (const auto& id : r.strings(*t, "cohorts", where)) {
      int idx = cohort_index(s, id);
      if (idx < 0) r.err(line_of(*t->get("cohorts")), where + ".cohorts", "scheme.unknown_cohort",
                         "未定义的分组 / no [[cohort]] has this id", id);
      else a.cohorts.push_back(idx);
    }
    s.adjustments.push_back(std::move(a));
  }
  if (s.adjustments.size() > 64)
    r.err(1, "adjustment", "scheme.adjustment", "加减分项最多 64 项 / at most 64 adjustments");
}

void read_specials(Reader& r, const toml::table& root, Scheme& s) {
  const toml::array* arr = root["special"].as_array();
  if (!arr) return;
  for (const auto& node : *arr) {
    const toml::table* t = node.as_table();
    if (!t) continue;
    Special sp;
    sp.line = line_of(*t);
    std::string where = "special[" + std::to_string(s.specials.size()) + "]";
    r.check_keys(*t, where, {"id", "label", "kind", "industry", "flag", "production_years_below"});
    sp.id = r.str(*t, "id", where, true);
    if (!sp.id.empty()) where = "special[" + sp.id + "]";
    sp.label = r.str(*t, "label", where, true);
    pick<Special::Kind>(r, r.str(*t, "kind", where, true), sp.line, where + ".kind",
                        {{"exempt", Special::Kind::Exempt}, {"deferred", Special::Kind::Deferred}}, sp.kind);
    sp.industry = r.industry(*t, where);
    sp.flag = r.str(*t, "flag", where, false);
    sp.production_years_below = static_cast<int>(r.num(*t, "production_years_below", where, false).value_or(0));
    if (sp.industry.empty() && sp.flag.empty() && sp.production_years_below <= 0)
      r.err(sp.line, where, "scheme.special",
            "特殊类别需要 industry、flag 或 production_years_below 之一 / a special category needs industry, flag or "
            "production_years_below");
    s.specials.push_back(std::move(sp));
  }
}

}  // namespace

Scheme parse_scheme(std::string_view text, std::string_view file_name) {
  Reader r(file_name);
  Scheme s;
  s.file = std::string(file_name);
  toml::table root;
  try {
    root = toml::parse(text, file_name);
  } catch (const toml::parse_error& e) {
    r.err(static_cast<int>(e.source().begin.line), "", "scheme.syntax",
          "TOML 语法错误: " + std::string(e.description()) + " / TOML syntax error");
    throw SchemeError(r.issues);
  }
  r.check_keys(root, "", {"scheme", "indicator", "classification", "cohort", "adjustment", "special"});
  read_header(r, root, s);
  read_indicators(r, root, s);
  Classification base;
  if (const toml::table* c = root["classification"].as_table())
    base = read_classification(r, *c, "classification", base);
  read_cohorts(r, root, s, base);
  read_adjustments(r, root, s);
  read_specials(r, root, s);
  check_scheme(s, r.issues);
  if (!r.issues.empty()) throw SchemeError(r.issues);
  return s;
}

}  // namespace mujun::evaluation
