#include "reports/evaluation_workbook.h"

#include <xlsxwriter.h>

#include <cmath>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "evaluation/explain.h"

namespace mujun::reports {
namespace {
namespace ev = evaluation;

/// A sheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the workbook.
std::string sheet_name(std::string want, std::set<std::string>& used) {
  for (char& c : want)
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < want.size() && chars < 28;) {  // keep room for a " 2" suffix
    unsigned char c = want[i];
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out += want.substr(i, len);
    i += len;
    ++chars;
  }
  std::string name = out;
  for (int k = 2; used.count(name); ++k) name = out + " " + std::to_string(k);
  used.insert(name);
  return name;
}

void num(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, double v, lxw_format* fmt) {
  if (std::isfinite(v)) worksheet_write_number(ws, r, c, v, fmt);
}

void print_setup(lxw_worksheet* ws, const std::string& header) {
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, 0, 0);
  worksheet_set_header(ws, ("&C" + header).c_str());
  worksheet_set_footer(ws, "&C第 &P 页 / 共 &N 页");
}

std::string joined(const std::vector<std::string>& lines) {
  std::string t;
  for (const auto& l : lines) t += (t.empty() ? "" : "\n") + l;
  return t;
}
}  // namespace

void write_evaluation_workbook(const std::string& path, const ev::Scheme& s, const Frame& f,
                               const ev::EvaluationResult& r, const EvaluationProvenance& p) {
  lxw_workbook_options opt{};
  opt.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &opt);
  if (!wb) throw std::runtime_error("无法创建工作簿文件 " + path + " / cannot create the workbook");
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_text_wrap(head);
  format_set_bg_color(head, 0xDDEBF7);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format* f2 = workbook_add_format(wb);
  format_set_num_format(f2, "0.00");
  lxw_format* f3 = workbook_add_format(wb);
  format_set_num_format(f3, "0.000");
  lxw_format* f4 = workbook_add_format(wb);
  format_set_num_format(f4, "0.0000");
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  std::set<std::string> used;
  const std::string title = s.name + fmt::format("（{} 年数据）", r.year);

  // 汇总 / summary
  lxw_worksheet* sum = workbook_add_worksheet(wb, sheet_name("汇总", used).c_str());
  const char* sh[] = {"分组 id", "分组", "参评企业数（家）", "分档基数 N（家）", "A 名额", "B 名额", "C 名额", "D 名额",
                      "A（家）", "B（家）", "C（家）", "D（家）", "T 只评价不分档（家）", "一票否决（家）"};
  for (lxw_col_t c = 0; c < 14; ++c) worksheet_write_string(sum, 0, c, sh[c], head);
  for (std::size_t c = 0; c < s.cohorts.size(); ++c) {
    const auto& oc = r.cohorts[c];
    lxw_row_t row = static_cast<lxw_row_t>(c + 1);
    worksheet_write_string(sum, row, 0, s.cohorts[c].id.c_str(), nullptr);
    worksheet_write_string(sum, row, 1, s.cohorts[c].label.c_str(), nullptr);
    worksheet_write_number(sum, row, 2, oc.members, nullptr);
    worksheet_write_number(sum, row, 3, oc.pool, nullptr);
    for (int k = 0; k < 4; ++k) worksheet_write_number(sum, row, 4 + k, oc.seats[k], nullptr);
    for (int k = 0; k < 5; ++k) worksheet_write_number(sum, row, 8 + k, oc.counts[k], nullptr);
    worksheet_write_number(sum, row, 13, oc.vetoed, nullptr);
  }
  lxw_row_t brow = static_cast<lxw_row_t>(s.cohorts.size() + 2);
  const char* bh[] = {"分组 id", "指标 id", "指标", "单位", "权重（分）", "基准方法", "基准值", "最小值", "最大值", "基准数据企业数（家）"};
  for (lxw_col_t c = 0; c < 10; ++c) worksheet_write_string(sum, brow, c, bh[c], head);
  for (std::size_t c = 0; c < s.cohorts.size(); ++c)
    for (std::size_t j = 0; j < s.cohorts[c].indicators.size(); ++j) {
      const auto& ind = s.indicators[s.cohorts[c].indicators[j]];
      const auto& oc = r.cohorts[c];
      ++brow;
      worksheet_write_string(sum, brow, 0, s.cohorts[c].id.c_str(), nullptr);
      worksheet_write_string(sum, brow, 1, ind.id.c_str(), nullptr);
      worksheet_write_string(sum, brow, 2, ind.label.c_str(), nullptr);
      worksheet_write_string(sum, brow, 3, ind.unit.c_str(), nullptr);
      worksheet_write_number(sum, brow, 4, s.cohorts[c].weights[j], nullptr);
      worksheet_write_string(sum, brow, 5, ev::benchmark_label(s.cohorts[c].benchmarks[j]).c_str(), nullptr);
      num(sum, brow, 6, oc.benchmark[j], f4);
      num(sum, brow, 7, oc.low[j], f4);
      num(sum, brow, 8, oc.high[j], f4);
      worksheet_write_number(sum, brow, 9, oc.benchmark_firms[j], nullptr);
    }
  worksheet_set_column(sum, 0, 1, 22, nullptr);
  worksheet_set_column(sum, 2, 13, 12, nullptr);
  print_setup(sum, title);

  // One sheet per cohort.
  std::size_t pos = 0;
  for (std::size_t c = 0; c < s.cohorts.size(); ++c) {
    const auto& co = s.cohorts[c];
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(co.label.empty() ? co.id : co.label, used).c_str());
    std::vector<std::string> hdr{"排名", "统一社会信用代码", "企业名称", "行业代码", "用地面积（亩）"};
    for (int k : co.indicators) hdr.push_back(s.indicators[k].label + "（" + s.indicators[k].unit + "）");
    for (int k : co.indicators) hdr.push_back(s.indicators[k].label + "得分（分）");
    for (const char* h : {"指标得分合计（分）", "加减分（分）", "总分（分）", "档次", "分档依据", "特殊类别"}) hdr.push_back(h);
    for (std::size_t k = 0; k < hdr.size(); ++k) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(k), hdr[k].c_str(), head);
    worksheet_freeze_panes(ws, 1, 3);
    const lxw_row_t rows = static_cast<lxw_row_t>(r.cohorts[c].members);
    worksheet_autofilter(ws, 0, 0, rows, static_cast<lxw_col_t>(hdr.size() - 1));
    worksheet_set_column(ws, 1, 1, 20, nullptr);
    worksheet_set_column(ws, 2, 2, 28, nullptr);
    worksheet_set_column(ws, 4, static_cast<lxw_col_t>(hdr.size() - 1), 12, nullptr);
    for (lxw_row_t row = 1; row <= rows; ++row, ++pos) {
      const std::size_t i = r.order[pos];
      lxw_col_t col = 0;
      worksheet_write_number(ws, row, col++, r.rank[i], nullptr);
      worksheet_write_string(ws, row, col++, f.uscc[i].c_str(), nullptr);
      worksheet_write_string(ws, row, col++, f.name[i].c_str(), nullptr);
      worksheet_write_string(ws, row, col++, f.industry_code[i].c_str(), nullptr);
      num(ws, row, col++, r.land_mu[i], f4);
      for (int k : co.indicators) num(ws, row, col++, r.value[k][i], f4);
      for (int k : co.indicators) num(ws, row, col++, r.points[k][i], f3);
      num(ws, row, col++, r.indicator_total[i], f3);
      num(ws, row, col++, r.adjustment_total[i], f3);
      num(ws, row, col++, r.total[i], f3);
      worksheet_write_string(ws, row, col++, std::string(1, r.klass[i]).c_str(), nullptr);
      worksheet_write_string(ws, row, col++, std::string(ev::class_rule_label(r.class_rule[i])).c_str(), nullptr);
      if (r.special[i] >= 0) worksheet_write_string(ws, row, col, s.specials[r.special[i]].label.c_str(), nullptr);
    }
    print_setup(ws, title + " — " + co.label);
  }

  // 评价说明 / explanations
  lxw_worksheet* ex = workbook_add_worksheet(wb, sheet_name("评价说明", used).c_str());
  const char* eh[] = {"统一社会信用代码", "企业名称", "分组", "档次", "评价说明（指标值、基准、得分、加减分、排名、分档规则、缺失数据处理）"};
  for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(ex, 0, c, eh[c], head);
  worksheet_freeze_panes(ex, 1, 0);
  worksheet_autofilter(ex, 0, 0, static_cast<lxw_row_t>(r.order.size()), 4);
  worksheet_set_column(ex, 0, 1, 22, nullptr);
  worksheet_set_column(ex, 4, 4, 120, wrap);
  lxw_row_t row = 1;
  for (std::size_t i : r.order) {
    worksheet_write_string(ex, row, 0, f.uscc[i].c_str(), nullptr);
    worksheet_write_string(ex, row, 1, f.name[i].c_str(), nullptr);
    worksheet_write_string(ex, row, 2, s.cohorts[r.cohort[i]].id.c_str(), nullptr);
    worksheet_write_string(ex, row, 3, std::string(1, r.klass[i]).c_str(), nullptr);
    worksheet_write_string(ex, row, 4, joined(ev::explain_lines(s, f, r, i)).c_str(), wrap);
    ++row;
  }
  print_setup(ex, title + " — 评价说明");

  // 来源 / provenance
  lxw_worksheet* pv = workbook_add_worksheet(wb, sheet_name("来源", used).c_str());
  worksheet_write_string(pv, 0, 0, "项目", head);
  worksheet_write_string(pv, 0, 1, "内容", head);
  std::vector<std::pair<std::string, std::string>> kv{
      {"评价办法 id", s.id}, {"评价办法", s.name}, {"地区", s.region}, {"来源文件", s.source},
      {"数据年份", std::to_string(r.year)}, {"评价办法文件", p.scheme_path},
      {"评价办法 SHA-256", p.scheme_sha256}, {"数据快照 SHA-256", p.snapshot_sha256},
      {"上年数据快照 SHA-256", p.previous_snapshot_sha256},
      {"评价记录 id", p.run_id ? std::to_string(p.run_id) : std::string("未保存")}};
  for (const auto& a : s.assumptions) kv.emplace_back("假设（非来源文件规定）", a);
  for (const auto& w : r.warnings) kv.emplace_back("提示", w);
  row = 1;
  for (const auto& [k, v] : kv) {
    worksheet_write_string(pv, row, 0, k.c_str(), nullptr);
    worksheet_write_string(pv, row++, 1, v.c_str(), wrap);
  }
  worksheet_write_string(pv, ++row, 0, "评价办法全文（逐行）", head);
  std::size_t start = 0;
  ++row;
  while (start <= p.scheme_text.size() && !p.scheme_text.empty()) {
    std::size_t end = p.scheme_text.find('\n', start);
    std::string line = p.scheme_text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty()) worksheet_write_string(pv, row, 1, line.c_str(), nullptr);
    ++row;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  worksheet_set_column(pv, 0, 0, 24, nullptr);
  worksheet_set_column(pv, 1, 1, 110, nullptr);
  print_setup(pv, title + " — 来源");

  lxw_error e = workbook_close(wb);
  if (e != LXW_NO_ERROR)
    throw std::runtime_error(fmt::format("无法写入工作簿 {}：{} / cannot write the workbook", path, lxw_strerror(e)));
}

}  // namespace mujun::reports
