// mujun — `mujun import --rejects FILE`: the rejected rows as they were, plus the reasons, so the
// analyst can fix them in Excel and import the file again.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "ingest/import_report.h"

namespace mujun::reports {

/// Writes rejected rows to `path` as they come (`mujun import --rejects FILE`, fed by
/// ingest::ImportOptions::rejected_row): .xlsx (one sheet "被拒绝的行", columns 文件, 工作表, 行号,
/// the original cells under their original headers, then 错误列, 错误值, 错误代码, 原因) or .csv
/// (UTF-8 with BOM so Excel shows Chinese; cells that look like formulas are prefixed with "'"
/// so they are never evaluated — OWASP CSV injection). Rows with different headers get their own
/// header line (CSV) or block (XLSX). Memory is bounded whatever the number of rows: CSV rows go
/// straight to the file, the XLSX is written in libxlsxwriter's constant-memory mode.
/// Errors throw std::runtime_error with a Chinese-first message: the constructor when the extension
/// is neither .xlsx nor .csv or the file cannot be created; finish() when it cannot be written, or
/// when more rows were given than an .xlsx sheet holds (1,048,576: those are counted, not written).
class RejectsWriter {
 public:
  explicit RejectsWriter(const std::string& path);
  ~RejectsWriter();
  RejectsWriter(const RejectsWriter&) = delete;
  RejectsWriter& operator=(const RejectsWriter&) = delete;
  /// One rejected row of `file` (the path as given).
  void add(const std::string& file, const ingest::RejectedRow& row);
  /// Completes the file (a file without rows says so). Without it the file is left incomplete.
  void finish();
  std::size_t rows() const { return rows_; }

  /// The format behind the writer (internal).
  struct Sink {
    virtual ~Sink() = default;
    virtual void add(const std::string& file, const ingest::RejectedRow& row) = 0;
    virtual void finish(std::size_t rows) = 0;
  };

 private:
  std::unique_ptr<Sink> sink_;
  std::size_t rows_ = 0;
};

/// Why `path` cannot take the rejects (extension not .xlsx/.csv, folder missing), Chinese first;
/// "" when it can. `mujun import` checks this before importing anything.
std::string rejects_path_problem(const std::string& path);

}  // namespace mujun::reports
