// mujun — `mujun import --rejects FILE`: the rejected rows as they were, plus the reasons, so the
// analyst can fix them in Excel and import the file again.
#pragma once
#include <string>
#include <vector>

#include "ingest/import_report.h"

namespace mujun::reports {

/// Writes every rejected row of `files` to `path`: .xlsx (one sheet "被拒绝的行", columns 文件, 工作表,
/// 行号, the original cells under their original headers, then 错误列, 错误值, 错误代码, 原因) or .csv
/// (UTF-8 with BOM so Excel shows Chinese; cells that look like formulas are prefixed with "'"
/// so they are never evaluated — OWASP CSV injection). Files with different headers get their own
/// header line (CSV) or block (XLSX). Throws std::runtime_error with a Chinese-first message when
/// the extension is neither .xlsx nor .csv or the file cannot be written.
void write_rejects(const std::string& path, const std::vector<ingest::FileReport>& files);

/// Why `path` cannot take the rejects (extension not .xlsx/.csv, folder missing), Chinese first;
/// "" when it can. `mujun import` checks this before importing anything.
std::string rejects_path_problem(const std::string& path);

}  // namespace mujun::reports
