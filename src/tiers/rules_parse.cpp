// Parsing of tier rule files (tiers/*.toml) into RuleSet; format in docs/tiers.md.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "tiers/rules.h"

namespace mujun::tiers {
namespace {

struct Ctx {
  const std::string& source;
  [[noreturn]] void fail(const toml::node* n, const std::string& what, const std::string& fix) const {
    std::string where = source;
    if (n && n->source().begin.line) where += fmt::format(" 第{}行", n->source().begin.line);
    throw RuleError(fmt::format("规则文件错误 {}：{}；{} / rule file error in {}: {}", where, what, fix,
                                where, what));
  }
};

std::string str(const Ctx& c, const toml::table& t, std::string_view key, bool required = false) {
  auto n = t.get(key);
  if (!n) {
    if (required) c.fail(&t, fmt::format("缺少键 \"{}\"", key), fmt::format("请添加 {} = \"…\"", key));
    return {};
  }
  if (auto s = n->value<std::string>()) return *s;
  c.fail(n, fmt::format("键 \"{}\" 应为字符串", key), "请用双引号括起");
}

double num(const Ctx& c, const toml::node* n, std::string_view key) {
  if (n) {
    if (auto d = n->value<double>()) return *d;  // toml++ converts integers too
  }
  c.fail(n, fmt::format("键 \"{}\" 应为数值", key), "请填写数字，例如 60 或 0.03");
}

double num_or(const Ctx& c, const toml::table& t, std::string_view key, double dflt) {
  auto n = t.get(key);
  return n ? num(c, n, key) : dflt;
}

std::vector<std::string> strings(const Ctx& c, const toml::table& t, std::string_view key) {
  std::vector<std::string> out;
  auto n = t.get(key);
  if (!n) return out;
  auto a = n->as_array();
  if (!a) c.fail(n, fmt::format("键 \"{}\" 应为字符串数组", key), "例如 [\"high_tech_enterprise\"]");
  for (auto& e : *a) {
    auto s = e.value<std::string>();
    if (!s) c.fail(&e, fmt::format("\"{}\" 的元素应为字符串", key), "请用双引号括起");
    out.push_back(*s);
  }
  return out;
}

std::vector<int> ints(const Ctx& c, const toml::node* n, std::string_view key) {
  std::vector<int> out;
  auto a = n ? n->as_array() : nullptr;
  if (!a || a->empty()) c.fail(n, fmt::format("键 \"{}\" 应为非空整数数组", key), "例如 [-2, -1, 0]");
  for (auto& e : *a) {
    auto v = e.value<int64_t>();
    if (!v || *v > 0 || *v < -10)
      c.fail(&e, fmt::format("\"{}\" 的元素应为 −10…0 的整数（相对最新年度的年份偏移）", key), "例如 -1 表示上一年");
    out.push_back(static_cast<int>(*v));
  }
  if (!std::is_sorted(out.begin(), out.end()))
    c.fail(n, fmt::format("\"{}\" 应按升序排列", key), "例如 [-2, -1, 0]");
  return out;
}

Quantity quantity(const Ctx& c, const toml::node* n) {
  auto t = n ? n->as_table() : nullptr;
  if (!t) c.fail(n, "quantity 应为内联表", "例如 quantity = { metric = \"revenue\", year = 0 }");
  Quantity q;
  static const std::pair<const char*, Quantity::Kind> kinds[] = {
      {"metric", Quantity::Kind::Metric},         {"sum", Quantity::Kind::Sum},
      {"average", Quantity::Kind::Average},       {"growth", Quantity::Kind::Growth},
      {"avg_growth", Quantity::Kind::AvgGrowth},  {"cagr", Quantity::Kind::Cagr},
      {"hnte_growth", Quantity::Kind::HnteGrowth}};
  bool found = false;
  for (auto& [k, kind] : kinds)
    if (auto s = t->get(k)) {
      q.kind = kind;
      q.metric = str(c, *t, k);
      found = true;
      (void)s;
    }
  if (auto r = t->get("ratio")) {
    auto a = r->as_array();
    if (!a || a->size() != 2 || !(*a)[0].is_string() || !(*a)[1].is_string())
      c.fail(r, "ratio 应为 [分子, 分母] 两个指标", "例如 ratio = [\"rd_expense\", \"revenue\"]");
    q.kind = Quantity::Kind::Ratio;
    q.metric = *(*a)[0].value<std::string>();
    q.denominator = *(*a)[1].value<std::string>();
    found = true;
  }
  if (!found)
    c.fail(n, "quantity 缺少计算方式",
           "请用 metric / sum / average / ratio / growth / avg_growth / cagr / hnte_growth 之一");
  if (auto y = t->get("year")) q.years = {static_cast<int>(num(c, y, "year"))};
  if (auto y = t->get("years")) q.years = ints(c, y, "years");
  bool needs_two = q.kind == Quantity::Kind::Growth || q.kind == Quantity::Kind::AvgGrowth ||
                   q.kind == Quantity::Kind::Cagr || q.kind == Quantity::Kind::HnteGrowth;
  if (needs_two && q.years.size() < 2)
    c.fail(n, "增长率至少需要两个年度", "例如 years = [-1, 0]");
  return q;
}

std::vector<Band> bands(const Ctx& c, const toml::node* n) {
  std::vector<Band> out;
  auto a = n ? n->as_array() : nullptr;
  if (!a || a->empty()) c.fail(n, "bands 应为非空数组", "例如 bands = [[0.3, 20], [0.25, 16]]");
  for (auto& e : *a) {
    auto b = e.as_array();
    if (!b || b->size() < 2 || b->size() > 3)
      c.fail(&e, "每个分档应为 [界值, 分数] 或 [界值, 最低分, 最高分]", "例如 [0.35, 9, 10]");
    Band band{num(c, b->get(0), "bands"), num(c, b->get(1), "bands"), 0};
    band.hi = b->size() == 3 ? num(c, b->get(2), "bands") : band.lo;
    out.push_back(band);
  }
  return out;
}

Condition condition(const Ctx& c, const toml::table& t);

std::vector<std::shared_ptr<Condition>> subconditions(const Ctx& c, const toml::table& t,
                                                       std::string_view key) {
  std::vector<std::shared_ptr<Condition>> out;
  auto n = t.get(key);
  if (!n) return out;
  auto a = n->as_array();
  if (!a) c.fail(n, fmt::format("\"{}\" 应为表数组", key), fmt::format("请写成 [[condition.{}]]", key));
  for (auto& e : *a) {
    auto st = e.as_table();
    if (!st) c.fail(&e, fmt::format("\"{}\" 的元素应为表", key), "请写成内联表或 [[…]]");
    out.push_back(std::make_shared<Condition>(condition(c, *st)));
  }
  return out;
}

Condition condition(const Ctx& c, const toml::table& t) {
  Condition k;
  k.id = str(c, t, "id", true);
  k.label = str(c, t, "label", true);
  k.article = str(c, t, "article");
  k.confidence = str(c, t, "confidence");
  k.note = str(c, t, "note");
  k.unit = str(c, t, "unit");
  std::string kind = str(c, t, "kind");
  using K = Condition::Kind;
  static const std::pair<const char*, K> kinds[] = {
      {"threshold", K::Threshold}, {"any_of", K::AnyOf},   {"score", K::Score},
      {"certificate", K::Certificate}, {"no_flag", K::NoFlag}, {"flag", K::Flag},
      {"manual", K::Manual},       {"list", K::ListTag}};
  if (kind.empty()) kind = "threshold";
  auto it = std::find_if(std::begin(kinds), std::end(kinds), [&](auto& p) { return kind == p.first; });
  if (it == std::end(kinds))
    c.fail(t.get("kind"), fmt::format("未知的条件类型 \"{}\"", kind),
           "可用: threshold any_of score certificate no_flag flag manual list");
  k.kind = it->second;
  if (!k.confidence.empty() && k.confidence != "V" && k.confidence != "S" && k.confidence != "I")
    c.fail(t.get("confidence"), fmt::format("可信度 \"{}\" 无效", k.confidence), "请填写 V、S 或 I");
  k.direct = strings(c, t, "direct");
  k.skip_for_renewal = t["skip_for_renewal"].value_or(false);
  k.renewal_only = t["renewal_only"].value_or(false);
  k.when = subconditions(c, t, "when");
  if (k.kind == K::Threshold) {
    k.quantity = quantity(c, t.get("quantity"));
    k.op = str(c, t, "op");
    if (k.op.empty()) k.op = ">=";
    if (k.op != ">=" && k.op != ">" && k.op != "<=" && k.op != "<")
      c.fail(t.get("op"), fmt::format("比较符 \"{}\" 无效", k.op), "请用 >= > <= <");
    k.each_year = t["each_year"].value_or(false);
    if (auto b = t.get("band_by")) {
      k.band_by = quantity(c, b);
      auto a = t.get("threshold_bands") ? t.get("threshold_bands")->as_array() : nullptr;
      if (!a || a->empty())
        c.fail(b, "有 band_by 时需要 threshold_bands", "例如 [{ upto = 5000, threshold = 0.05 }, { threshold = 0.03 }]");
      for (auto& e : *a) {
        auto bt = e.as_table();
        if (!bt) c.fail(&e, "threshold_bands 的元素应为表", "例如 { upto = 5000, threshold = 0.05 }");
        ThresholdBand tb;
        if (auto u = bt->get("upto")) tb.upto = num(c, u, "upto");
        if (auto u = bt->get("below")) tb.upto = num(c, u, "below"), tb.exclusive = true;
        tb.threshold = num(c, bt->get("threshold"), "threshold");
        k.threshold_bands.push_back(tb);
      }
    } else {
      k.threshold = num(c, t.get("threshold"), "threshold");
    }
  } else if (k.kind == K::AnyOf) {
    k.any = subconditions(c, t, "any");
    if (k.any.empty()) c.fail(&t, "any_of 条件需要至少一个 [[…any]] 成员", "请添加 any = [ {…}, {…} ]");
  } else if (k.kind == K::Certificate || k.kind == K::ListTag) {
    k.tiers = strings(c, t, "tiers");
    if (k.tiers.empty()) c.fail(&t, "证书条件需要 tiers", "例如 tiers = [\"high_tech_enterprise\"]");
  } else if (k.kind == K::NoFlag || k.kind == K::Flag) {
    k.flags = strings(c, t, "flags");
    if (k.flags.empty()) c.fail(&t, "标记条件需要 flags", "例如 flags = [\"major_safety_accident\"]");
    if (auto y = t.get("years")) k.flag_years = ints(c, y, "years");
  }
  return k;
}

ScoreTable score_table(const Ctx& c, const toml::table& t) {
  ScoreTable s;
  s.pass = num(c, t.get("pass"), "pass");
  if (auto g = t.get("group"); g && g->as_array())
    for (auto& e : *g->as_array()) {
      auto gt = e.as_table();
      if (!gt) c.fail(&e, "score.group 的元素应为表", "请写成 [[score.group]]");
      s.groups.push_back({str(c, *gt, "id", true), str(c, *gt, "label", true),
                          num(c, gt->get("max"), "max"), num_or(c, *gt, "minimum", 0)});
    }
  auto ind = t.get("indicator");
  if (!ind || !ind->as_array()) c.fail(&t, "评分表缺少指标", "请添加 [[score.indicator]]");
  for (auto& e : *ind->as_array()) {
    auto it = e.as_table();
    if (!it) c.fail(&e, "score.indicator 的元素应为表", "请写成 [[score.indicator]]");
    Indicator i;
    i.id = str(c, *it, "id", true);
    i.label = str(c, *it, "label", true);
    i.group = str(c, *it, "group", true);
    i.confidence = str(c, *it, "confidence");
    i.note = str(c, *it, "note");
    i.max = num(c, it->get("max"), "max");
    i.manual = (*it)["manual"].value_or(false);
    i.min_points = num_or(c, *it, "min_points", 0);
    if (std::none_of(s.groups.begin(), s.groups.end(), [&](auto& g) { return g.id == i.group; }))
      c.fail(it->get("group"), fmt::format("指标 {} 的分组 \"{}\" 未定义", i.id, i.group),
             "请先在 [[score.group]] 中定义该分组");
    if (auto o = it->get("option"); o && o->as_array())
      for (auto& oe : *o->as_array()) {
        auto ot = oe.as_table();
        if (!ot) c.fail(&oe, "option 的元素应为表", "请写成 [[score.indicator.option]]");
        ScoreOption op;
        op.quantity = quantity(c, ot->get("quantity"));
        op.bands = bands(c, ot->get("bands"));
        op.lower_is_better = (*ot)["lower_is_better"].value_or(false);
        op.unit = str(c, *ot, "unit");
        i.options.push_back(std::move(op));
      }
    if (!i.manual && i.options.empty())
      c.fail(it, fmt::format("指标 {} 既非 manual 也没有 option", i.id), "请添加 [[score.indicator.option]] 或 manual = true");
    s.indicators.push_back(std::move(i));
  }
  return s;
}

Date date(const Ctx& c, const toml::table& t, std::string_view key) {
  auto n = t.get(key);
  std::string s;
  if (n && n->is_date()) {
    auto d = *n->value<toml::date>();
    return Date{d.year, d.month, d.day};
  }
  s = str(c, t, key, true);
  auto d = Date::parse(s);
  if (!d) c.fail(n, fmt::format("日期 \"{}\" 无效", s), "请写成 YYYY-MM-DD");
  return *d;
}

}  // namespace

RuleSet parse_rule_set(std::string_view text, const std::string& source) {
  Ctx c{source};
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw RuleError(fmt::format("规则文件 {} 第{}行第{}列 TOML 语法错误：{}；请修正该处语法 / TOML syntax error",
                                source, e.source().begin.line, e.source().begin.column, e.description()));
  }
  RuleSet r;
  r.source = source;
  r.tier = str(c, root, "tier", true);
  r.tier_label = str(c, root, "tier_label", true);
  r.version = str(c, root, "version", true);
  r.document = str(c, root, "document", true);
  r.confidence = str(c, root, "confidence", true);
  r.validity_years = static_cast<int>(num_or(c, root, "validity_years", 0));
  r.next = strings(c, root, "next");
  r.cannot_judge = strings(c, root, "cannot_judge");
  if (auto a = root.get("applies"); a && a->as_array())
    for (auto& e : *a->as_array()) {
      auto t = e.as_table();
      if (!t) c.fail(&e, "applies 的元素应为表", "请写成 [[applies]]");
      Applies ap;
      ap.kind = str(c, *t, "kind");
      if (ap.kind.empty()) ap.kind = "any";
      if (ap.kind != "new" && ap.kind != "renewal" && ap.kind != "any")
        c.fail(t->get("kind"), fmt::format("applies.kind \"{}\" 无效", ap.kind), "请用 new、renewal 或 any");
      ap.from = date(c, *t, "from");
      if (t->get("to")) ap.to = date(c, *t, "to");
      ap.note = str(c, *t, "note");
      r.applies.push_back(ap);
    }
  if (r.applies.empty()) c.fail(&root, "缺少 [[applies]]（适用的申报类型与日期）", "请添加 [[applies]] kind/from/to");
  if (auto a = root.get("condition"); a && a->as_array())
    for (auto& e : *a->as_array()) r.conditions.push_back(condition(c, *e.as_table()));
  if (auto a = root.get("direct"); a && a->as_array())
    for (auto& e : *a->as_array()) r.direct.push_back(condition(c, *e.as_table()));
  if (auto s = root.get("score"); s && s->as_table()) r.score = score_table(c, *s->as_table());
  for (auto& k : r.conditions) {
    if (k.kind == Condition::Kind::Score && !r.score)
      c.fail(&root, fmt::format("条件 {} 引用评分表，但文件中没有 [score]", k.id), "请添加 [score] 表");
    for (auto& d : k.direct)
      if (std::none_of(r.direct.begin(), r.direct.end(), [&](auto& x) { return x.id == d; }))
        c.fail(&root, fmt::format("条件 {} 引用了未定义的直通条件 \"{}\"", k.id, d), "请在 [[direct]] 中定义它");
  }
  return r;
}

RuleSet load_rule_set(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RuleError(fmt::format("无法读取规则文件 {}；请检查路径与权限 / cannot read rule file", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_rule_set(ss.str(), path);
}

std::vector<RuleSet> load_rule_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code ec;
  for (auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".toml") files.push_back(e.path().string());
  if (ec) throw RuleError(fmt::format("无法读取规则目录 {}：{} / cannot read rule directory", dir, ec.message()));
  std::sort(files.begin(), files.end());
  std::vector<RuleSet> out;
  for (auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    toml::table root;
    try {
      root = toml::parse(text, f);
    } catch (const toml::parse_error&) {
      out.push_back(parse_rule_set(text, f));  // reports the syntax error with file and line
    }
    if (!root["tier"].is_string()) continue;  // other files (e.g. 双倍增 targets)
    out.push_back(parse_rule_set(text, f));
  }
  return out;
}

}  // namespace mujun::tiers
