#include "reports/rejects_export.h"

#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <memory>
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

// Bounded memory whatever the number of rows: a CSV row goes straight to the stream; the XLSX is
// written in libxlsxwriter's constant-memory mode (one row in memory, the sheet in a temp file).
class CsvSink final : public RejectsWriter::Sink {
 public:
  explicit CsvSink(const std::string& path) : path_(path), out_(path, std::ios::binary) {
    if (!out_) throw std::runtime_error("无法写入 / cannot write: " + path);
    out_ << "\xEF\xBB\xBF";
  }
  void add(const std::string& file, const ingest::RejectedRow& r) override {
    auto h = header_of(r);
    if (h != last_header_) {
      line(h);
      last_header_ = std::move(h);
    }
    line(cells_of(file, r));
  }
  void finish(std::size_t rows) override {
    if (rows == 0) out_ << "文件,工作表,行号,错误列,错误值,错误代码,原因\r\n";  // no rejects: the columns, no rows
    out_.close();
    if (!out_) throw std::runtime_error("写入失败 / write failed: " + path_);
  }

 private:
  void line(const std::vector<std::string>& c) {
    for (std::size_t i = 0; i < c.size(); ++i) out_ << (i ? "," : "") << csv_quote(c[i]);
    out_ << "\r\n";
  }
  std::string path_;
  std::ofstream out_;
  std::vector<std::string> last_header_;
};

class XlsxSink final : public RejectsWriter::Sink {
 public:
  explicit XlsxSink(const std::string& path) : path_(path) {
    lxw_workbook_options opt{};
    opt.constant_memory = LXW_TRUE;
    wb_ = workbook_new_opt(path.c_str(), &opt);
    if (!wb_) throw std::runtime_error("无法创建 / cannot create: " + path);
    ws_ = workbook_add_worksheet(wb_, "被拒绝的行");
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);
    format_set_bg_color(bold_, 0xDDEBF7);
    reason_ = workbook_add_format(wb_);
    format_set_font_color(reason_, 0xC00000);
    worksheet_freeze_panes(ws_, 1, 0);
    worksheet_set_column(ws_, 0, 0, 28, nullptr);
  }
  ~XlsxSink() override {
    if (wb_) workbook_close(wb_);  // an abandoned export still releases its temp files
  }
  void add(const std::string& file, const ingest::RejectedRow& r) override {
    auto h = header_of(r);
    bool new_block = h != last_header_;
    // A sheet holds 1,048,576 rows: beyond that the rows are counted, and finish() says so.
    if (row_ + (new_block ? 3 : 1) > LXW_ROW_MAX) {
      ++omitted_;
      return;
    }
    if (new_block) {
      if (row_) ++row_;  // a blank line between blocks of different layouts
      for (std::size_t i = 0; i < h.size(); ++i)
        worksheet_write_string(ws_, row_, static_cast<lxw_col_t>(i), h[i].c_str(), bold_);
      ++row_;
      last_header_ = std::move(h);
    }
    auto c = cells_of(file, r);
    for (std::size_t i = 0; i < c.size(); ++i) {
      bool is_reason = i + 4 >= c.size();
      if (i == 2)  // 行号: a number, so the analyst can sort and filter by it
        worksheet_write_number(ws_, row_, 2, static_cast<double>(r.row), nullptr);
      else
        worksheet_write_string(ws_, row_, static_cast<lxw_col_t>(i), c[i].c_str(), is_reason ? reason_ : nullptr);
    }
    ++row_;
  }
  void finish(std::size_t rows) override {
    if (rows == 0) worksheet_write_string(ws_, 0, 0, "没有被拒绝的行 / no rejected rows", bold_);
    auto rc = workbook_close(wb_);
    wb_ = nullptr;
    if (rc != LXW_NO_ERROR) throw std::runtime_error("写入失败 / write failed: " + path_);
    if (omitted_)
      throw std::runtime_error(std::to_string(omitted_) + " 行被拒绝的行超出 .xlsx 工作表的 1,048,576 行上限，未写入 " + path_ +
                               "；请改用 .csv 文件 / " + std::to_string(omitted_) +
                               " rejected rows did not fit in one .xlsx sheet: use a .csv file");
  }

 private:
  std::string path_;
  lxw_workbook* wb_ = nullptr;
  lxw_worksheet* ws_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* reason_ = nullptr;
  lxw_row_t row_ = 0;
  std::size_t omitted_ = 0;
  std::vector<std::string> last_header_;
};

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

RejectsWriter::RejectsWriter(const std::string& path) {
  if (auto problem = rejects_path_problem(path); !problem.empty()) throw std::runtime_error(problem);
  if (ends_with(lower(path), ".xlsx")) sink_ = std::make_unique<XlsxSink>(path);
  else sink_ = std::make_unique<CsvSink>(path);
}

RejectsWriter::~RejectsWriter() = default;

void RejectsWriter::add(const std::string& file, const ingest::RejectedRow& row) {
  if (!sink_) throw std::runtime_error("内部错误：导出已结束 / internal error: the export has finished");
  sink_->add(file, row);
  ++rows_;
}

void RejectsWriter::finish() {
  if (!sink_) return;
  auto sink = std::move(sink_);
  sink->finish(rows_);
}

}  // namespace mujun::reports
