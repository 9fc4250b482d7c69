// gen-zone — XLSX output through libxlsxwriter, byte-reproducible.
// Every workbook gets the same document properties (created = 2025-01-15T00:00:00Z), so two runs with the same
// seed give identical files (libxlsxwriter stamps zip entries with a fixed date of its own).
#pragma once
#include <string>
#include <vector>

#include "table.h"

struct lxw_workbook;
struct lxw_worksheet;

namespace genzone {

/// Writes a whole (small) workbook: one worksheet per Sheet, in order; merges and hidden flags applied.
/// Throws std::runtime_error naming the path when libxlsxwriter fails.
void write_xlsx(const std::string& path, const std::vector<Sheet>& sheets);

/// Row-by-row workbook for large outputs (libxlsxwriter constant_memory mode: rows are flushed to a temp file
/// as they are written, memory stays constant). The first row written is the header; past Excel's limit of
/// 1,048,576 rows the stream continues on a new sheet "<name>(2)", "<name>(3)" … starting with the same header.
class XlsxStream {
 public:
  XlsxStream(const std::string& path, const std::string& sheet_name);
  ~XlsxStream();
  XlsxStream(const XlsxStream&) = delete;
  XlsxStream& operator=(const XlsxStream&) = delete;
  void write_row(const Row& row);
  /// Closes the workbook (writes the zip). Throws std::runtime_error on failure.
  void close();

 private:
  lxw_workbook* wb_ = nullptr;
  lxw_worksheet* ws_ = nullptr;
  std::string path_;
  std::string sheet_name_;
  Row header_;
  unsigned row_ = 0;
  int sheets_ = 1;
};

}  // namespace genzone
