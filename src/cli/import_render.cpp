#include "cli/import_render.h"

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "ingest/importer.h"
#include "service/imports.h"
#include "statistics/display.h"

namespace mujun::cli {
namespace {

std::string base_name(const std::string& p) { return std::filesystem::path(p).filename().string(); }

// Terminal columns: the statistics module's display helpers (CJK counts two columns).
std::string pad(const std::string& s, std::size_t w) { return statistics::pad(s, w); }
std::string rpad(const std::string& s, std::size_t w) { return statistics::pad(s, w, true); }
template <class... T>
std::string counts(T... v) {
  std::string s;
  ((s += rpad(std::to_string(v), 8)), ...);
  return s;
}

struct Group {
  long count = 0;                                           // all issues of the code, kept or not
  std::vector<std::pair<std::string, const Issue*>> items;  // (file, issue): the kept ones
};

void render_groups(std::ostream& out, const std::map<std::string, Group>& groups, int examples) {
  for (auto& [code, g] : groups) {
    out << fmt::format("  {:<40} {:>6} 处\n", code, g.count);
    long shown = 0;
    for (auto& [file, is] : g.items) {
      if (shown == examples) break;
      ++shown;
      std::string where = base_name(file);
      if (!is->sheet.empty()) where += " [" + is->sheet + "]";
      if (is->row) where += fmt::format(" 第{}行", is->row);
      if (!is->column.empty()) where += " 列「" + is->column + "」";
      if (!is->raw_value.empty()) where += " 值「" + is->raw_value + "」";
      out << "      " << where << "：" << is->message << "\n";
    }
    if (g.count > shown) out << fmt::format("      … 另有 {} 处 / {} more\n", g.count - shown, g.count - shown);
  }
}

}  // namespace

void render_import_text(std::ostream& out, const std::vector<ingest::FileReport>& reports, bool partial,
                        int examples) {
  out << "导入报告 / import report\n";
  out << pad("文件 file", 34) << pad("来源 source", 14) << pad("年份", 6) << pad("编码", 11)
      << rpad("行数", 8) << rpad("接受", 8) << rpad("拒绝", 8) << rpad("警告", 8) << "\n";
  long total = 0, accepted = 0, rejected = 0, warnings = 0;
  for (auto& r : reports) {
    std::string name = base_name(r.file);
    if (r.already_imported) {
      out << pad(name, 34) << "已导入过（批次 " << r.previous_batch
          << "，SHA-256 相同），跳过 / already imported, skipped\n";
      continue;
    }
    out << pad(name, 34) << pad(r.source.empty() ? "-" : r.source, 14)
        << pad(r.year ? std::to_string(r.year) : "-", 6) << pad(r.encoding.empty() ? "-" : r.encoding, 11)
        << counts(r.rows_total, r.rows_accepted, r.rows_rejected, r.warnings_total) << "\n";
    total += r.rows_total;
    accepted += r.rows_accepted;
    rejected += r.rows_rejected;
    warnings += r.warnings_total;
  }
  out << pad("合计 total", 65) << counts(total, accepted, rejected, warnings) << "\n";

  bool any_conv = false;
  for (auto& r : reports)
    for (auto& c : r.conversions) {
      if (!any_conv) out << "\n单位换算 / unit conversions\n";
      any_conv = true;
      out << "  " << base_name(r.file) << "：" << c << "\n";
    }
  bool any_unknown = false;
  for (auto& r : reports)
    for (auto& c : r.unknown_columns) {
      if (!any_unknown) out << "\n未识别的列（未导入，可在 data/header-aliases.toml 添加别名）/ unknown columns, not imported\n";
      any_unknown = true;
      out << "  " << base_name(r.file) << "：" << c << "\n";
    }
  bool any_skip = false;
  for (auto& r : reports)
    for (auto& s : r.skipped_sheets) {
      if (!any_skip) out << "\n跳过的工作表 / skipped sheets\n";
      any_skip = true;
      out << "  " << base_name(r.file) << "：" << s << "\n";
    }

  std::map<std::string, Group> errs, warns;
  for (auto& r : reports) {
    for (auto& e : r.errors) errs[e.code].items.emplace_back(r.file, &e);
    for (auto& w : r.warnings) warns[w.code].items.emplace_back(r.file, &w);
    for (auto& [code, n] : r.error_codes) errs[code].count += n;
    for (auto& [code, n] : r.warning_codes) warns[code].count += n;
  }
  if (!errs.empty()) {
    out << "\n错误（按原因）/ errors by reason\n";
    render_groups(out, errs, examples);
  }
  if (!warns.empty()) {
    out << "\n警告（按原因，数据已接受）/ warnings by reason (rows accepted)\n";
    render_groups(out, warns, examples);
  }
  out << "\n";
  int written_files = 0;
  for (auto& r : reports) written_files += r.written;
  if (ingest::import_failed(reports, partial) && written_files == 0) {
    out << "结果：未写入任何数据（默认全部成功才导入）。修正上面的错误后重新导入，或用 --partial 只导入有效行；"
           "用 --rejects 文件.xlsx 导出被拒绝的行。\n"
           "result: nothing was written (all-or-nothing). Fix the errors and import again, or use --partial; "
           "--rejects FILE.xlsx exports the rejected rows.\n";
  } else {
    int written = 0;
    for (auto& r : reports) written += r.written;
    out << fmt::format("结果：已导入 {} 个文件，{} 行；{} 行被拒绝{}。\nresult: {} file(s) imported, {} rows accepted, {} rejected.\n",
                       written, accepted, rejected, rejected ? "（见上，可用 --rejects 导出）" : "", written, accepted,
                       rejected);
    int unreadable = 0;
    for (auto& r : reports) unreadable += r.file_error;
    if (unreadable)
      out << fmt::format("注意：{} 个文件无法读取或无法识别，未导入（见上面的错误）。\nnote: {} file(s) could not be read "
                         "or mapped and were skipped.\n", unreadable, unreadable);
  }
}

std::string render_import_json(const std::vector<ingest::FileReport>& reports, bool partial) {
  // The same report as the web API's uploads (service::import_report_json): one shape, one writer.
  return service::import_report_json(reports, partial).dump(1);
}

}  // namespace mujun::cli
