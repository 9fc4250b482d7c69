#include "reports/rejects_export.h"

#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace mujun::reports {
namespace {

bool ends_with(const std::string& s, const std::string& suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return s;
}

std::string join_field(const std::vector<Issue>& errs, std::string Issue::*field) {
  std::string s;
  for (std::size_t i = 0; i < errs.size(); ++i) {
    if (i) s += "；";
    s += errs[i].*field;
  }
  return s;
}

std::string csv_quote(std::string v) {
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v.insert(0, "'");
  bool need = v.find_first_of(",\"\r\n") != std::string::npos;
  if (!need) return v;
  std::string q = "\"";
  for (char c : v) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

std::vector<std::string> header_of(const ingest::RejectedRow& r) {
  std::vector<std::string> h{"文件", "工作表", "行号"};
  h.insert(h.end(), r.header.begin(), r.header.end());
  for (const char* x : {"错误列", "错误值", "错误代码", "原因"}) h.emplace_back(x);
  return h;
}

std::vector<std::string> cells_of(const std::string& file, const ingest::RejectedRow& r) {
  std::vector<std::string> c{file, r.sheet, std::to_string(r.row)};
  for (std::size_t i = 0; i < r.header.size(); ++i) c.push_back(i < r.cells.size() ? r.cells[i] : "");
  c.push_back(join_field(r.errors, &Issue::column));
  c.push_back(join_field(r.errors, &Issue::raw_value));
  c.push_back(join_field(r.errors, &Issue::code));
  c.push_back(join_field(r.errors, &Issue::message));
  return c;
}

void write_csv(const std::string& path, const std::vector<ingest::FileReport>& files) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("无法写入 / cannot write: " + path);
  out << "\xEF\xBB\xBF";
  std::size_t n = 0;
  for (auto& f : files) n += f.rejected.size();
  if (n == 0) out << "文件,工作表,行号,错误列,错误值,错误代码,原因\r\n";  // no rejects: the columns, no rows
  std::vector<std::string> last_header;
  for (auto& f : files)
    for (auto& r : f.rejected) {
      auto h = header_of(r);
      if (h != last_header) {
        for (std::size_t i = 0; i < h.size(); ++i) out << (i ? "," : "") << csv_quote(h[i]);
        out << "\r\n";
        last_header = h;
      }
      auto c = cells_of(f.file, r);
      for (std::size_t i = 0; i < c.size(); ++i) out << (i ? "," : "") << csv_quote(c[i]);
      out << "\r\n";
    }
  if (!out) throw std::runtime_error("写入失败 / write failed: " + path);
}

void write_xlsx(const std::string& path, const std::vector<ingest::FileReport>& files) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("无法创建 / cannot create: " + path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "被拒绝的行");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xDDEBF7);
  lxw_format* reason = workbook_add_format(wb);
  format_set_font_color(reason, 0xC00000);
  lxw_row_t row = 0;
  std::size_t n = 0;
  for (auto& f : files) n += f.rejected.size();
  if (n == 0) worksheet_write_string(ws, 0, 0, "没有被拒绝的行 / no rejected rows", bold);
  std::vector<std::string> last_header;
  for (auto& f : files)
    for (auto& r : f.rejected) {
      auto h = header_of(r);
      if (h != last_header) {
        if (row) ++row;  // a blank line between blocks of different layouts
        for (std::size_t i = 0; i < h.size(); ++i)
          worksheet_write_string(ws, row, static_cast<lxw_col_t>(i), h[i].c_str(), bold);
        ++row;
        last_header = h;
      }
      auto c = cells_of(f.file, r);
      for (std::size_t i = 0; i < c.size(); ++i) {
        bool is_reason = i + 4 >= c.size();
        if (i == 2)  // 行号: a number, so the analyst can sort and filter by it
          worksheet_write_number(ws, row, 2, static_cast<double>(r.row), nullptr);
        else
          worksheet_write_string(ws, row, static_cast<lxw_col_t>(i), c[i].c_str(), is_reason ? reason : nullptr);
      }
      ++row;
    }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_set_column(ws, 0, 0, 28, nullptr);
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("写入失败 / write failed: " + path);
}

}  // namespace

std::string rejects_path_problem(const std::string& path) {
  std::string p = lower(path);
  if (!ends_with(p, ".xlsx") && !ends_with(p, ".csv"))
    return "--rejects 只接受 .xlsx 或 .csv 文件：" + path + " / --rejects takes a .xlsx or .csv file";
  auto dir = std::filesystem::path(path).parent_path();
  if (!dir.empty() && !std::filesystem::is_directory(dir))
    return "--rejects 的目录不存在：" + dir.string() + " / directory does not exist";
  return "";
}

void write_rejects(const std::string& path, const std::vector<ingest::FileReport>& files) {
  if (auto problem = rejects_path_problem(path); !problem.empty()) throw std::runtime_error(problem);
  if (ends_with(lower(path), ".xlsx")) return write_xlsx(path, files);
  return write_csv(path, files);
}

}  // namespace mujun::reports
