#include "reports/bulletin_xlsx.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "statistics/display.h"

namespace mujun::reports {

void write_bulletin_xlsx(const std::string& path, const statistics::Bulletin& b, const statistics::CheckReport* check) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error(fmt::format("无法创建文件 {}：请检查目录与写权限 / cannot create {}", path, path));
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xEEEEEE);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format* num[7];
  for (int d = 0; d < 7; ++d) {
    num[d] = workbook_add_format(wb);
    std::string f = d == 0 ? "#,##0" : "#,##0." + std::string(d, '0');
    format_set_num_format(num[d], f.c_str());
  }
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);

  auto header = [&](lxw_worksheet* ws, std::initializer_list<const char*> cols) {
    lxw_col_t c = 0;
    for (const char* h : cols) worksheet_write_string(ws, 0, c++, h, head);
    worksheet_freeze_panes(ws, 1, 0);
  };

  lxw_worksheet* ws = workbook_add_worksheet(wb, "数据一览");
  header(ws, {"分组", "id", "指标", "数值", "单位", "计算方法", "说明"});
  worksheet_set_column(ws, 0, 0, 12, nullptr);
  worksheet_set_column(ws, 1, 1, 36, nullptr);
  worksheet_set_column(ws, 2, 2, 34, nullptr);
  worksheet_set_column(ws, 3, 3, 14, nullptr);
  worksheet_set_column(ws, 5, 6, 60, wrap);
  lxw_row_t r = 1;
  for (const auto& f : b.figures) {
    worksheet_write_string(ws, r, 0, f.section.c_str(), nullptr);
    worksheet_write_string(ws, r, 1, f.id.c_str(), nullptr);
    worksheet_write_string(ws, r, 2, f.label.c_str(), nullptr);
    if (f.value) worksheet_write_number(ws, r, 3, *f.value, num[std::clamp(f.decimals, 0, 6)]);
    else worksheet_write_string(ws, r, 3, "—", nullptr);
    worksheet_write_string(ws, r, 4, f.unit.c_str(), nullptr);
    worksheet_write_string(ws, r, 5, f.formula.c_str(), nullptr);
    worksheet_write_string(ws, r, 6, f.note.c_str(), nullptr);
    ++r;
  }

  lxw_worksheet* in = workbook_add_worksheet(wb, "计算输入");
  header(in, {"id", "输入", "值", "单位"});
  worksheet_set_column(in, 0, 1, 40, nullptr);
  worksheet_set_column(in, 2, 2, 22, nullptr);
  r = 1;
  for (const auto& f : b.figures)
    for (const auto& x : f.inputs) {
      worksheet_write_string(in, r, 0, f.id.c_str(), nullptr);
      worksheet_write_string(in, r, 1, x.name.c_str(), nullptr);
      worksheet_write_string(in, r, 2, x.value.c_str(), nullptr);  // exact text, not a double
      worksheet_write_string(in, r, 3, x.unit.c_str(), nullptr);
      ++r;
    }

  lxw_worksheet* ms = workbook_add_worksheet(wb, "集群归属核对");
  header(ms, {"问题", "统一社会信用代码", "企业名称", "行业代码", "规上", "集群"});
  worksheet_set_column(ms, 0, 2, 24, nullptr);
  r = 1;
  auto rows = [&](const char* what, const std::vector<statistics::MembershipRow>& v) {
    for (const auto& m : v) {
      worksheet_write_string(ms, r, 0, what, nullptr);
      worksheet_write_string(ms, r, 1, m.uscc.c_str(), nullptr);
      worksheet_write_string(ms, r, 2, m.name.c_str(), nullptr);
      worksheet_write_string(ms, r, 3, m.industry_code.c_str(), nullptr);
      worksheet_write_string(ms, r, 4, m.above_scale == 1 ? "是" : m.above_scale == 0 ? "否" : "未知", nullptr);
      worksheet_write_string(ms, r, 5, statistics::join(m.clusters).c_str(), nullptr);
      ++r;
    }
  };
  rows("不属于任何集群", b.membership.unmatched);
  rows("属于多个集群", b.membership.multiple);
  for (const auto& u : b.membership.overrides_not_found) {
    worksheet_write_string(ms, r, 0, "调整表中的企业不在本年数据中", nullptr);
    worksheet_write_string(ms, r, 1, u.c_str(), nullptr);
    ++r;
  }

  if (check) {
    lxw_worksheet* cs = workbook_add_worksheet(wb, "公布核对");
    header(cs, {"核对", "id", "数字", "类型", "结论", "计算过程", "说明"});
    worksheet_set_column(cs, 5, 6, 70, wrap);
    r = 1;
    auto lines = [&](const char* what, const std::vector<statistics::CheckLine>& v) {
      for (const auto& l : v) {
        worksheet_write_string(cs, r, 0, what, nullptr);
        worksheet_write_string(cs, r, 1, l.id.c_str(), nullptr);
        worksheet_write_string(cs, r, 2, l.label.c_str(), nullptr);
        worksheet_write_string(cs, r, 3, l.kind.c_str(), nullptr);
        worksheet_write_string(cs, r, 4, std::string(statistics::verdict_zh(l.verdict)).c_str(), nullptr);
        worksheet_write_string(cs, r, 5, l.arithmetic.c_str(), nullptr);
        worksheet_write_string(cs, r, 6, l.message.c_str(), nullptr);
        ++r;
      }
    };
    lines("数据复现", check->reproduction);
    lines("内部一致", check->consistency);
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR)
    throw std::runtime_error(fmt::format("写入 {} 失败：{} / cannot write the workbook", path, lxw_strerror(err)));
}

}  // namespace mujun::reports
