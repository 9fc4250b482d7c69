#include "statistics/published.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "statistics/toml_util.h"

namespace mujun::statistics {

using detail::line_of;
using detail::number_text;
using detail::str;
using detail::toml_issue;

const PublishedFigure* Published::find(std::string_view id) const {
  for (const auto& f : figures)
    if (f.id == id) return &f;
  return nullptr;
}

namespace {

bool parse_number(const std::string& s, double& v, int& decimals) {
  if (s.empty()) return false;
  std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  bool digit = false, point = false;
  int d = 0;
  for (std::size_t k = i; k < s.size(); ++k) {
    if (s[k] >= '0' && s[k] <= '9') { digit = true; if (point) ++d; }
    else if (s[k] == '.' && !point) point = true;
    else return false;
  }
  if (!digit) return false;
  const char* b = s.data() + (s[0] == '+' ? 1 : 0);
  auto r = std::from_chars(b, s.data() + s.size(), v);
  if (r.ec != std::errc()) return false;
  decimals = d;
  return true;
}

}  // namespace

PublishedParse parse_published(std::string_view text, std::string_view file) {
  PublishedParse out;
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    out.issues.push_back(toml_issue(file, static_cast<long>(e.source().begin.line), "", "", "published.toml_syntax",
                                    fmt::format("TOML 语法错误：{}；请修正该行 / TOML syntax error", e.description())));
    return out;
  }
  Published p;
  if (const toml::table* h = root["published"].as_table()) {
    p.title = str(*h, "title").value_or("");
    p.source = str(*h, "source").value_or("");
    p.year = static_cast<int>((*h)["year"].value<int64_t>().value_or(0));
  }
  if (const toml::array* figs = root["figure"].as_array())
    for (std::size_t k = 0; k < figs->size(); ++k) {
      const toml::table* t = (*figs)[k].as_table();
      if (!t) continue;
      std::string where = fmt::format("figure[{}]", k + 1);
      PublishedFigure f;
      f.line = line_of(&(*figs)[k]);
      f.id = str(*t, "id").value_or("");
      f.label = str(*t, "label").value_or(f.id);
      f.unit = str(*t, "unit").value_or("");
      f.text = str(*t, "text").value_or("");
      auto v = number_text(t->get("value"));
      if (f.id.empty() || !v) {
        out.issues.push_back(toml_issue(file, f.line, where, f.id, "published.incomplete",
                                        "已公布数字缺少 id 或 value：请写 id = \"…\" 和 value = \"290\" / figure needs id "
                                        "and value"));
        continue;
      }
      f.printed = *v;
      if (!parse_number(f.printed, f.value, f.decimals)) {
        out.issues.push_back(toml_issue(file, f.line, where + ".value", f.printed, "published.bad_value",
                                        "value 应为印刷的十进制数字（如 \"260.96\"），不带单位或文字；措辞写在 text / "
                                        "value must be a plain decimal number"));
        continue;
      }
      if (auto d = (*t)["decimals"].value<int64_t>()) f.decimals = static_cast<int>(*d);
      std::string b = str(*t, "bound").value_or("about");
      if (b == "about") f.bound = Bound::About;
      else if (b == "at_least") f.bound = Bound::AtLeast;
      else if (b == "at_most") f.bound = Bound::AtMost;
      else if (b == "exact") f.bound = Bound::Exact;
      else {
        out.issues.push_back(toml_issue(file, f.line, where + ".bound", b, "published.bad_bound",
                                        "bound 应为 about（四舍五入）、at_least（突破/超过）、at_most 或 exact / unknown "
                                        "bound"));
        continue;
      }
      if (p.find(f.id))
        out.issues.push_back(toml_issue(file, f.line, where + ".id", f.id, "published.duplicate",
                                        "同一 id 出现两次：请为每个已公布数字使用唯一 id / duplicate id"));
      p.figures.push_back(std::move(f));
    }
  if (const toml::array* rels = root["relation"].as_array())
    for (std::size_t k = 0; k < rels->size(); ++k) {
      const toml::table* t = (*rels)[k].as_table();
      if (!t) continue;
      PublishedRelation r;
      r.line = line_of(&(*rels)[k]);
      r.figure = str(*t, "figure").value_or("");
      r.formula = str(*t, "formula").value_or("");
      r.kind = str(*t, "kind").value_or("");
      r.op = str(*t, "op").value_or("=");
      r.solve_for = str(*t, "solve_for").value_or("");
      r.note = str(*t, "note").value_or("");
      std::string where = fmt::format("relation[{}]", k + 1);
      if (!p.find(r.figure) || r.formula.empty()) {
        out.issues.push_back(toml_issue(file, r.line, where + ".figure", r.figure, "published.bad_relation",
                                        "关系必须指向一个已公布数字（figure = 某个 [[figure]] 的 id）并给出 formula / "
                                        "relation needs a known figure and a formula"));
        continue;
      }
      if (r.op != "=" && r.op != ">=" && r.op != "<=") {
        out.issues.push_back(toml_issue(file, r.line, where + ".op", r.op, "published.bad_op",
                                        "op 应为 \"=\"、\">=\" 或 \"<=\" / op must be =, >= or <="));
        continue;
      }
      p.relations.push_back(std::move(r));
    }
  bool error = std::any_of(out.issues.begin(), out.issues.end(),
                           [](const Issue& i) { return i.severity == Severity::Error; });
  if (!error) out.published = std::move(p);
  return out;
}

}  // namespace mujun::statistics
