// gen-zone — CSV output (RFC 4180 quoting) in UTF-8, UTF-8 with BOM, or GBK (as the tax bureau's exports).
#pragma once
#include <cstdio>
#include <string>
#include <vector>

#include "table.h"

namespace genzone {

enum class Encoding { Utf8, Utf8Bom, Gbk };

/// Renders one row: cells joined by ',', a field quoted when it holds ',', '"', CR or LF.
/// Numbers are plain decimal text (no grouping); text cells are written as given.
std::string csv_line(const Row& row);

/// Row-by-row CSV writer. Lines end with CRLF when `crlf`. GBK conversion uses iconv and throws
/// std::runtime_error naming the text when a character has no GBK code.
class CsvStream {
 public:
  CsvStream(const std::string& path, Encoding enc, bool crlf);
  ~CsvStream();
  CsvStream(const CsvStream&) = delete;
  CsvStream& operator=(const CsvStream&) = delete;
  void write_row(const Row& row);
  void close();

 private:
  std::FILE* f_ = nullptr;
  std::string path_;
  Encoding enc_;
  bool crlf_;
  void* iconv_ = nullptr;
};

/// Writes a whole sheet's rows as one CSV file.
void write_csv(const std::string& path, const Sheet& sheet, Encoding enc, bool crlf);

}  // namespace genzone
