// 规上工业: number of firms, 工业总产值, 工业增加值 and their same-scope growth.
#include <fmt/format.h>

#include "statistics/sections.h"

namespace mujun::statistics::detail {

namespace {

void add_total(Ctx& c, const std::string& id, const std::string& label, const std::string& metric,
               const std::string& metric_zh) {
  Sum s = c.sum(metric, [&](std::size_t i) { return c.above(i); });
  Figure f;
  f.id = id;
  f.label = label;
  f.unit = "亿元";
  f.decimals = 2;
  f.section = "规上工业";
  f.formula = fmt::format("Σ{}（{}，万元，规上企业） ÷ 10000", metric_zh, metric);
  f.inputs = {{fmt::format("Σ{}（规上，{}年）", metric, c.cur.year), exact(s.micros), "万元"},
              {"有数据的规上企业", fmt::format("{}", s.rows), "家"},
              {"缺数据的规上企业（不计入）", fmt::format("{}", s.missing), "家"}};
  if (s.rows > 0) f.value = yi(s.micros);
  else f.note = "没有规上企业的数据 / no 规上 enterprise has this metric";
  c.add(std::move(f));
}

}  // namespace

void add_output_figures(Ctx& c) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < c.cur.size(); ++i) n += c.above(i) ? 1 : 0;
  Figure firms;
  firms.id = "above_scale_firms";
  firms.label = "规上工业企业数";
  firms.unit = "家";
  firms.decimals = 0;
  firms.section = "规上工业";
  firms.formula = "本年规上（above_scale = 1）企业计数";
  firms.value = static_cast<double>(n);
  c.add(std::move(firms));

  add_total(c, "above_scale_gross_output", "规上工业总产值", "gross_output", "工业总产值（现价）");
  add_growth(c, "above_scale_gross_output_growth", "规上工业总产值增速", "gross_output",
             [](std::size_t) { return true; }, "规上工业");
  add_total(c, "above_scale_value_added", "规上工业增加值", "value_added", "工业增加值");
  add_growth(c, "above_scale_value_added_growth", "规上工业增加值增速", "value_added",
             [](std::size_t) { return true; }, "规上工业");
  if (Figure* g = &c.out.figures.back(); g->value)
    g->note = "现价口径（名义增速）；统计局公布的增加值增速按可比价计算，需价格指数 / nominal; the bureau "
              "publishes comparable-price growth";
}

}  // namespace mujun::statistics::detail
