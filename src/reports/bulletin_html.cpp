#include "reports/bulletin_html.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "statistics/display.h"

namespace mujun::reports {

namespace {

using statistics::Bulletin;
using statistics::Figure;

std::string esc(std::string_view s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

struct Bar { std::string label; double value; std::string text; };

// Horizontal bars, one row each; values ≥ 0.
std::string hbars(const std::string& title, const std::vector<Bar>& bars, const std::string& unit) {
  if (bars.empty()) return "";
  double mx = 0;
  for (const auto& b : bars) mx = std::max(mx, b.value);
  const int left = 200, width = 420, row = 28, top = 34;
  int h = top + row * static_cast<int>(bars.size()) + 10;
  std::string o = fmt::format(R"(<figure><svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" role="img">)"
                              R"(<text x="0" y="18" class="t">{}（{}）</text>)",
                              left + width + 90, h, esc(title), esc(unit));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    int y = top + row * static_cast<int>(i);
    double w = mx > 0 ? bars[i].value / mx * width : 0;
    o += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", left - 8, y + 17, esc(bars[i].label));
    o += fmt::format(R"(<rect x="{}" y="{}" width="{:.1f}" height="20" class="b{}"/>)", left, y + 3, w, i % 6);
    o += fmt::format(R"(<text x="{:.1f}" y="{}">{}</text>)", left + w + 6, y + 17, esc(bars[i].text));
  }
  return o + "</svg></figure>\n";
}

struct Series { std::string name; std::vector<std::pair<int, double>> points; };

std::string lines(const std::string& title, const std::string& unit, const std::vector<Series>& series) {
  std::vector<int> years;
  double mx = 0;
  for (const auto& s : series)
    for (const auto& [y, v] : s.points) {
      if (std::find(years.begin(), years.end(), y) == years.end()) years.push_back(y);
      mx = std::max(mx, v);
    }
  std::sort(years.begin(), years.end());
  if (years.size() < 2 || mx <= 0) return "";
  const int left = 60, top = 40, w = 480, h = 200;
  std::string o = fmt::format(R"(<figure><svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" role="img">)"
                              R"(<text x="0" y="18" class="t">{}（{}）</text>)",
                              left + w + 160, top + h + 40, esc(title), esc(unit));
  o += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" class="ax"/><line x1="{0}" y1="{2}" x2="{3}" y2="{2}" class="ax"/>)",
                   left, top, top + h, left + w);
  auto x_of = [&](int y) {
    auto k = std::find(years.begin(), years.end(), y) - years.begin();
    return left + 20 + static_cast<double>(k) * (w - 40) / (years.size() - 1);
  };
  auto y_of = [&](double v) { return top + h - v / (mx * 1.1) * h; };
  for (int y : years)
    o += fmt::format(R"(<text x="{:.1f}" y="{}" text-anchor="middle">{}</text>)", x_of(y), top + h + 18, y);
  o += fmt::format(R"(<text x="{}" y="{:.1f}" text-anchor="end">{:.2f}</text>)", left - 4, y_of(mx) + 4, mx);
  o += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">0</text>)", left - 4, top + h + 4);
  for (std::size_t s = 0; s < series.size(); ++s) {
    std::string pts;
    for (const auto& [y, v] : series[s].points) pts += fmt::format("{:.1f},{:.1f} ", x_of(y), y_of(v));
    o += fmt::format(R"(<polyline points="{}" class="l{}"/>)", pts, s % 6);
    for (const auto& [y, v] : series[s].points)
      o += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="3" class="p{}"><title>{} {}：{:.2f}</title></circle>)",
                       x_of(y), y_of(v), s % 6, y, esc(series[s].name), v);
    o += fmt::format(R"(<rect x="{}" y="{}" width="12" height="12" class="b{}"/><text x="{}" y="{}">{}</text>)",
                     left + w + 10, top + 20 * static_cast<int>(s), s % 6, left + w + 28, top + 20 * static_cast<int>(s) + 11,
                     esc(series[s].name));
  }
  return o + "</svg></figure>\n";
}

std::string cluster_chart(const Bulletin& b) {
  std::vector<Bar> bars;
  for (const auto& f : b.figures) {
    if (!f.id.starts_with("cluster_output.")) continue;
    std::string key = f.id.substr(15);
    if (key == "pillar" || key == "featured" || key == "emerging") continue;
    std::string name = f.label.ends_with("产值") ? f.label.substr(0, f.label.size() - 6) : f.label;
    bars.push_back({name, f.value.value_or(0), statistics::display_value(f)});
  }
  if (const Figure* all = b.find("clusters_output"))
    bars.push_back({b.group_label + "合计", all->value.value_or(0), statistics::display_value(*all)});
  if (const Figure* t = b.find("above_scale_gross_output"))
    bars.push_back({"规上工业总产值", t->value.value_or(0), statistics::display_value(*t)});
  return hbars("产业集群产值", bars, "亿元");
}

std::string class_chart(const BulletinHtmlInput& in) {
  if (in.class_counts.empty())
    return "<p class=\"n\">本年没有已保存的亩均效益评价结果，未画分类分布（先运行 mujun evaluate）。</p>\n";
  std::vector<Bar> bars;
  long total = 0;
  for (const auto& [k, v] : in.class_counts) total += v;
  for (const auto& [k, v] : in.class_counts)
    bars.push_back({k + " 类", static_cast<double>(v),
                    fmt::format("{} 家（{:.1f}%）", v, total ? 100.0 * v / total : 0.0)});
  return hbars("亩均效益评价分类分布 — " + in.class_source, bars, "家");
}

std::string trend_charts(const BulletinHtmlInput& in) {
  std::vector<const Bulletin*> all = in.trend;
  all.push_back(in.bulletin);
  std::sort(all.begin(), all.end(), [](auto* a, auto* b) { return a->year < b->year; });
  all.erase(std::unique(all.begin(), all.end(), [](auto* a, auto* b) { return a->year == b->year; }), all.end());
  while (all.size() > 5) all.erase(all.begin());
  if (all.size() < 2)
    return fmt::format("<p class=\"n\">只有 {} 年的数据，未画趋势图（有两年及以上数据时显示近 5 年趋势）。</p>\n",
                       all.size());
  auto series = [&](const std::string& id, const std::string& name) {
    Series s{name, {}};
    for (const Bulletin* b : all)
      if (const Figure* f = b->find(id); f && f->value) s.points.emplace_back(b->year, *f->value);
    return s;
  };
  std::string o = lines("近年产值", "亿元",
                        {series("above_scale_gross_output", "规上工业总产值"),
                         series("clusters_output", in.bulletin->group_label)});
  o += lines("规上制造业亩均效益", "万元/亩",
             {series("above_scale_manufacturing_output_per_mu", "亩均产值"),
              series("above_scale_manufacturing_value_added_per_mu", "亩均增加值"),
              series("above_scale_manufacturing_tax_per_mu", "亩均税收")});
  return o;
}

const char* kCss = R"(body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:1100px;margin:2em auto;color:#222}
h1{font-size:1.6em}h2{border-bottom:2px solid #c33;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top}
th{background:#f4f4f4}td.v{text-align:right;font-weight:bold;white-space:nowrap}td.f{color:#555;font-size:.9em}
.pass{color:#1a7f37}.fail{color:#c00;font-weight:bold}.n{color:#666}details{font-size:.85em;color:#444}
svg text{font-size:12px}svg .t{font-size:14px;font-weight:bold}.ax{stroke:#999}
.b0,.p0{fill:#c0392b}.b1,.p1{fill:#2e86c1}.b2,.p2{fill:#27ae60}.b3,.p3{fill:#d68910}.b4,.p4{fill:#7d3c98}.b5,.p5{fill:#566573}
.l0,.l1,.l2,.l3,.l4,.l5{fill:none;stroke-width:2}.l0{stroke:#c0392b}.l1{stroke:#2e86c1}.l2{stroke:#27ae60}.l3{stroke:#d68910}.l4{stroke:#7d3c98}.l5{stroke:#566573}
figure{margin:1em 0})";

}  // namespace

std::string bulletin_html(const BulletinHtmlInput& in) {
  const Bulletin& b = *in.bulletin;
  std::string title = statistics::bulletin_title(b);
  std::string o = fmt::format("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title>"
                              "<style>{}</style></head><body>\n<h1>{}</h1>\n",
                              esc(title), kCss, esc(title));
  o += fmt::format("<p class=\"n\">分类体系 {}（{}）。金额按万元精确求和后一次换算；亩均为比值之和（Σ金额 ÷ Σ亩）；"
                   "增速为同口径现价。</p>\n",
                   esc(b.taxonomy_id), esc(b.group_label));
  o += "<h2>图表</h2>\n" + cluster_chart(b) + class_chart(in) + trend_charts(in);
  for (const auto& sec : statistics::sections(b)) {
    o += fmt::format("<h2>{}</h2>\n<table><tr><th>指标</th><th>数值</th><th>单位</th><th>计算方法与输入</th></tr>\n",
                     esc(sec));
    for (const auto& f : b.figures) {
      if (f.section != sec) continue;
      std::string inputs;
      for (const auto& x : f.inputs) inputs += fmt::format("{} = {} {}<br>", esc(x.name), esc(x.value), esc(x.unit));
      o += fmt::format("<tr id=\"{}\"><td>{}</td><td class=\"v\">{}</td><td>{}</td><td class=\"f\">{}{}{}</td></tr>\n",
                       esc(f.id), esc(f.label), statistics::display_value(f), esc(f.unit), esc(f.formula),
                       f.note.empty() ? "" : "<br><em>" + esc(f.note) + "</em>",
                       inputs.empty() ? "" : "<details><summary>输入</summary>" + inputs + "</details>");
    }
    o += "</table>\n";
  }
  const auto& m = b.membership;
  o += fmt::format("<h2>集群归属核对</h2>\n<p>由调整表决定归属的企业 {} 家；不属于任何集群的工业企业 {} 家；"
                   "同时属于多个集群的企业 {} 家（集群合计只计一次）。</p>\n",
                   m.overridden, m.unmatched.size(), m.multiple.size());
  auto rows = [&](const std::vector<statistics::MembershipRow>& v) {
    if (v.empty()) return;
    o += "<table><tr><th>统一社会信用代码</th><th>企业名称</th><th>行业代码</th><th>规上</th><th>集群</th></tr>\n";
    for (const auto& r : v)
      o += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", esc(r.uscc), esc(r.name),
                       esc(r.industry_code), r.above_scale == 1 ? "是" : r.above_scale == 0 ? "否" : "未知",
                       esc(statistics::join(r.clusters)));
    o += "</table>\n";
  };
  rows(m.unmatched);
  rows(m.multiple);
  if (in.check) {
    o += fmt::format("<h2>与公布数据核对</h2>\n<p>{}</p>\n", esc(in.check->title));
    auto lines_tbl = [&](const char* t, const std::vector<statistics::CheckLine>& v) {
      o += fmt::format("<h3>{}</h3><table><tr><th>数字</th><th>类型</th><th>结论</th><th>计算过程与说明</th></tr>\n", t);
      for (const auto& l : v)
        o += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td class=\"f\">{}<br>{}</td></tr>\n",
                         esc(l.label), esc(l.kind),
                         l.verdict == statistics::Verdict::Pass ? "pass" : l.verdict == statistics::Verdict::Fail ? "fail" : "n",
                         statistics::verdict_zh(l.verdict), esc(l.arithmetic), esc(l.message));
      o += "</table>\n";
    };
    lines_tbl("数据能否复现公布值", in.check->reproduction);
    lines_tbl("公布数字之间是否一致", in.check->consistency);
  }
  return o + "</body></html>\n";
}

void write_bulletin_html(const std::string& path, const BulletinHtmlInput& in) {
  std::ofstream out(path, std::ios::binary);
  out << bulletin_html(in);
  out.close();
  if (!out) throw std::runtime_error(fmt::format("无法写入文件 {}：请检查目录是否存在、是否有写权限 / cannot write {}", path, path));
}

}  // namespace mujun::reports
