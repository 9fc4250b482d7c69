#include "server/api_xlsx.h"

#include <cstdint>
#include <ctime>
#include <stdexcept>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "server/api_common.h"

namespace mujun::server::api {

std::string xml_safe_text(const std::string& s) {
  static const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      // XML 1.0 Char: #x9 | #xA | #xD | [#x20-…]; other C0 controls and DEL are replaced.
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) out += kReplacement;
      else out += static_cast<char>(c);
      ++i;
      continue;
    }
    std::size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || i + len > n || !valid_utf8(std::string_view(s).substr(i, len))) {
      out += kReplacement;  // one invalid byte → one U+FFFD, then resynchronise on the next byte
      ++i;
      continue;
    }
    std::uint32_t cp = len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    if ((cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF) out += kReplacement;  // C1 controls, non-characters
    else out.append(s, i, len);
    i += len;
  }
  return out;
}

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
    lxw_worksheet* ws = workbook_add_worksheet(wb, xml_safe_text(t.sheet).c_str());
    if (!ws) {
      workbook_close(wb);
      throw std::runtime_error(fmt::format("工作表名无效：{} / invalid sheet name", t.sheet));
    }
    for (std::size_t c = 0; c < t.headers.size(); ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           c < t.widths.size() ? t.widths[c] : 14, nullptr);
    for (std::size_t c = 0; c < t.headers.size(); ++c)
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), xml_safe_text(t.headers[c]).c_str(), head);
    worksheet_freeze_panes(ws, 1, 0);
    lxw_row_t r = 1;
    for (const auto& row : t.rows) {
      for (std::size_t c = 0; c < row.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        if (auto* s = std::get_if<std::string>(&row[c]))
          worksheet_write_string(ws, r, col, xml_safe_text(*s).c_str(), nullptr);
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
