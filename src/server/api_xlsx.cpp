#include "server/api_xlsx.h"

#include <ctime>
#include <stdexcept>

#include <fmt/format.h>
#include <xlsxwriter.h>

namespace mujun::server::api {

Cell cell_number(const nlohmann::json& v) {
  if (v.is_number()) return v.get<double>();
  return std::monostate{};
}

Cell cell_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return std::string(v.get<bool>() ? "是" : "否");
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return v.dump();
  return std::monostate{};
}

std::string class_label(const std::string& k) {
  if (k == "A") return "A 优先发展";
  if (k == "B") return "B 鼓励提升";
  if (k == "C") return "C 监管调控";
  if (k == "D") return "D 落后整治";
  if (k == "T") return "T 只评价不分档";
  return k;
}

std::string beijing_time(const std::string& iso) {
  std::tm tm{};
  const char* end = strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (!end || (*end != 'Z' && *end != '.')) return iso;
  std::time_t t = timegm(&tm) + 8 * 3600;
  std::tm bj{};
  gmtime_r(&t, &bj);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &bj);
  return buf;
}

std::string publication_label(const std::string& s) {
  if (s == "open") return "公示中";
  if (s == "closed") return "公示结束";
  if (s == "frozen") return "已定稿";
  if (s.empty()) return "未公示";
  return s;
}

std::string objection_label(const std::string& s) {
  if (s == "open") return "待处理";
  if (s == "rejected") return "已驳回";
  if (s == "upheld") return "已采纳";
  return s;
}

void write_tables_xlsx(const std::string& path, const std::vector<Table>& tables) {
  lxw_workbook_options opt{};
  opt.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &opt);
  if (!wb) throw std::runtime_error(fmt::format("无法创建工作簿 {} / cannot create the workbook", path));
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xDDEBF7);
  format_set_text_wrap(head);
  for (const auto& t : tables) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, t.sheet.c_str());
    if (!ws) {
      workbook_close(wb);
      throw std::runtime_error(fmt::format("工作表名无效：{} / invalid sheet name", t.sheet));
    }
    for (std::size_t c = 0; c < t.headers.size(); ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           c < t.widths.size() ? t.widths[c] : 14, nullptr);
    for (std::size_t c = 0; c < t.headers.size(); ++c)
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.headers[c].c_str(), head);
    worksheet_freeze_panes(ws, 1, 0);
    lxw_row_t r = 1;
    for (const auto& row : t.rows) {
      for (std::size_t c = 0; c < row.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        if (auto* s = std::get_if<std::string>(&row[c])) worksheet_write_string(ws, r, col, s->c_str(), nullptr);
        else if (auto* d = std::get_if<double>(&row[c])) worksheet_write_number(ws, r, col, *d, nullptr);
      }
      ++r;
    }
    if (!t.headers.empty())
      worksheet_autofilter(ws, 0, 0, t.rows.empty() ? 0 : static_cast<lxw_row_t>(t.rows.size()),
                           static_cast<lxw_col_t>(t.headers.size() - 1));
  }
  if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR)
    throw std::runtime_error(fmt::format("无法写出工作簿 {}：{} / cannot write the workbook", path, lxw_strerror(e)));
}

}  // namespace mujun::server::api
