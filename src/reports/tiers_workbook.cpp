#include "statistics/tiers_labels.h"
#include "reports/tiers_workbook.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <stdexcept>

#include "tiers/quantity.h"

namespace mujun::reports {
namespace {

struct Sheet {
  lxw_worksheet* ws;
  lxw_format* head;
  lxw_row_t row = 0;
  void header(std::initializer_list<const char*> cols, std::initializer_list<double> widths) {
    lxw_col_t c = 0;
    for (auto* h : cols) worksheet_write_string(ws, 0, c++, h, head);
    c = 0;
    for (double w : widths) worksheet_set_column(ws, c, c, w, nullptr), ++c;
    row = 1;
  }
  void str(lxw_col_t c, const std::string& s) { if (!s.empty()) worksheet_write_string(ws, row, c, s.c_str(), nullptr); }
  void num(lxw_col_t c, double v) { worksheet_write_number(ws, row, c, v, nullptr); }
  void next() { ++row; }
};

std::string join(const std::vector<std::string>& v, const char* sep) { return fmt::format("{}", fmt::join(v, sep)); }

}  // namespace

void write_tiers_xlsx(const std::string& path, const TiersWorkbookInput& in) {
  lxw_workbook_options opt{};
  opt.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &opt);
  if (!wb) throw std::runtime_error(fmt::format("无法创建文件 {}：请检查目录与权限 / cannot create {}", path, path));
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  const auto& pl = *in.pipeline;

  Sheet s{workbook_add_worksheet(wb, "汇总"), head};
  s.header({"梯度 tier", "名称", "规则版本", "达标 met", "需人工判断 manual", "数据缺失 unknown", "未达标 unmet",
            "不适用 n/a", "持证（有效）", "持证但已不达标", "持证但数据缺失"},
           {22, 18, 18, 10, 14, 14, 10, 10, 12, 14, 14});
  for (auto& c : pl.counts) {
    s.str(0, c.tier), s.str(1, c.label), s.str(2, c.version);
    s.num(3, c.met), s.num(4, c.manual), s.num(5, c.unknown), s.num(6, c.unmet), s.num(7, c.not_applicable);
    s.num(8, c.holders), s.num(9, c.holders_unmet), s.num(10, c.holders_unknown);
    s.next();
  }

  Sheet cs{workbook_add_worksheet(wb, "候选名单"), head};
  cs.header({"梯度", "序号", "统一社会信用代码", "企业名称", "状态", "接近度（越小越近）", "差距", "缺失数据", "已满足的直通条件"},
            {20, 6, 22, 30, 16, 12, 80, 40, 30});
  for (auto& [tier, list] : pl.candidates) {
    int n = 0;
    for (auto& c : list) {
      cs.str(0, tiers::tier_label(tier)), cs.num(1, ++n), cs.str(2, c.uscc), cs.str(3, c.name);
      cs.str(4, std::string(tiers::state_label(c.state))), cs.num(5, c.closeness);
      cs.str(6, join(c.gaps, "；")), cs.str(7, join(c.missing, "、")), cs.str(8, join(c.direct, "；"));
      cs.next();
    }
  }

  Sheet fs{workbook_add_worksheet(wb, "复核预警"), head};
  fs.header({"统一社会信用代码", "企业名称", "梯度", "证书编号", "不再满足的条件"}, {22, 30, 20, 22, 100});
  for (auto& f : pl.flagged) {
    fs.str(0, f.uscc), fs.str(1, f.name), fs.str(2, tiers::tier_label(f.tier)), fs.str(3, f.number);
    fs.str(4, join(f.reasons, "；"));
    fs.next();
  }

  Sheet es{workbook_add_worksheet(wb, "证书到期"), head};
  es.header({"统一社会信用代码", "企业名称", "梯度", "级别", "证书编号", "有效期至", "剩余天数", "有效期来源", "当前判断"},
            {22, 30, 20, 10, 22, 12, 10, 22, 18});
  for (auto& e : pl.expiring) {
    es.str(0, e.uscc), es.str(1, e.name), es.str(2, tiers::tier_label(e.tier)), es.str(3, std::string(statistics::level_label_zh(e.level)));
    es.str(4, e.number), es.str(5, e.expires.to_string()), es.num(6, e.days_left);
    es.str(7, e.computed ? "按认定日期+有效期推算" : "证书载明"), es.str(8, std::string(tiers::state_label(e.state)));
    es.next();
  }

  Sheet ds{workbook_add_worksheet(wb, "双倍增"), head};
  ds.header({"梯度", "区域", "年份", "存量", "当年新增", "存量完成率", "增量完成率", "年度新增完成率", "说明"},
            {20, 14, 8, 8, 10, 12, 12, 14, 100});
  if (in.doubling)
    for (auto& d : *in.doubling) {
      ds.str(0, tiers::tier_label(d.tier)), ds.str(1, d.area), ds.num(2, d.year), ds.num(3, d.stock), ds.num(4, d.new_in_year);
      if (d.stock_rate) ds.num(5, *d.stock_rate);
      if (d.plan_increment_rate) ds.num(6, *d.plan_increment_rate);
      if (d.annual_rate) ds.num(7, *d.annual_rate);
      ds.str(8, d.text);
      ds.next();
    }

  Sheet dt{workbook_add_worksheet(wb, "条件明细"), head};
  dt.header({"统一社会信用代码", "企业名称", "梯度", "规则版本", "申报类型", "总体判断", "条件", "判断", "实际值", "要求",
             "期间", "差距", "缺失数据", "说明", "条款", "可信度", "依据文件"},
            {22, 30, 18, 16, 8, 16, 50, 16, 14, 14, 14, 60, 30, 50, 20, 6, 60});
  for (std::size_t i = 0; i < in.profiles->size(); ++i)
    for (auto& v : (*in.verdicts)[i]) {
      auto row = [&](const tiers::ConditionResult& c, const std::string& prefix) {
        dt.str(0, (*in.profiles)[i].uscc), dt.str(1, (*in.profiles)[i].name), dt.str(2, v.tier_label);
        dt.str(3, v.version), dt.str(4, v.renewal ? "复核" : "新申报"), dt.str(5, std::string(tiers::state_label(v.state)));
        dt.str(6, prefix + c.label), dt.str(7, std::string(tiers::state_label(c.state)));
        if (c.actual) dt.str(8, tiers::format_value(*c.actual, c.unit));
        if (c.threshold) dt.str(9, c.op + " " + tiers::format_value(*c.threshold, c.unit));
        dt.str(10, c.period), dt.str(11, c.gap), dt.str(12, join(c.missing, "、")), dt.str(13, c.note);
        dt.str(14, c.article), dt.str(15, c.confidence), dt.str(16, v.document);
        dt.next();
      };
      if (v.state == tiers::State::NotApplicable && v.conditions.empty()) continue;
      for (auto& c : v.conditions) row(c, "");
      for (auto& c : v.direct_routes) row(c, "[直通] ");
    }

  if (workbook_close(wb) != LXW_NO_ERROR)
    throw std::runtime_error(fmt::format("写入 {} 失败：请检查目录与权限 / cannot write {}", path, path));
}

}  // namespace mujun::reports
