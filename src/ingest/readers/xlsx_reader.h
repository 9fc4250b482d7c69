// mujun — streaming XLSX (Office Open XML SpreadsheetML) reader on libzip + expat.
//
// Cells (ECMA-376 Part 1 §18.3.1.4 <c>, §18.18.11 ST_CellType):
//   t="s" shared string → Text          t="inlineStr" <is> → Text (a <c/> without <is> is Empty)
//   t="str" formula text → Text ("" kept) t="b" → Bool        t="e" → Error ("#N/A" as shown)
//   t="n"/absent → Number, or Date when the cell's style has a date/time number format
//   t="d" ISO date → Date               a formula without cached <v> → FormulaNoValue (never 0)
// A cached formula value is the value (no recalculation: case 11-formula-cached). A <c> without
// r follows the previous cell, a <row> without r the previous row (case 04-missing-r);
// <dimension> is ignored — the cells read decide the extent (case 03-wrong-dimension).
//
// Rows: worksheet parts in UTF-8 (all that Excel, WPS, LibreOffice and libxlsxwriter write) are
// tokenized by SheetScanner (sheet_scanner.h); a part in another encoding goes through expat. On
// malformed XML the part is parsed again by expat so that the message names expat's line and
// column, as it always has.
//
// Merges: <mergeCells> follows <sheetData> in the file, so they are found by a separate pass:
// merges() streams the decompressed sheet once looking only for the byte pattern of the
// </sheetData> end tag (no XML parsing of the rows), then parses the short tail after it for
// <mergeCell ref>. That pass costs one extra inflate of the sheet; it runs on the first call of
// merges() for the open sheet (before or after reading rows; readers that never ask for merges do
// not pay for it) and its result is kept until the next open_sheet().
#pragma once
#include <memory>

#include "ingest/readers/table_reader.h"
#include "ingest/readers/workbook.h"
#include "ingest/readers/xml_stream.h"

namespace mujun::readers {

class SheetRowHandler;
class SheetScanner;

class XlsxReader : public TableReader {
 public:
  /// Opens the package and reads its workbook, styles and shared strings. Throws ReaderError.
  XlsxReader(std::string file, const ReaderOptions& options);
  ~XlsxReader() override;

  TableFormat format() const override { return TableFormat::Xlsx; }
  const std::string& file() const override { return file_; }
  const std::vector<SheetInfo>& sheets() const override { return workbook_.sheets; }
  void open_sheet(int index) override;
  bool next(Row& row) override;
  /// Computed on the first call for the open sheet (one extra pass over the part; may throw
  /// ReaderError like next()). Empty before any sheet is opened.
  const std::vector<MergeRange>& merges() const override;
  const std::string& encoding() const override { return encoding_; }
  bool date1904() const { return workbook_.date1904; }

 private:
  std::string file_;
  ReaderOptions options_;
  std::string encoding_ = "utf-8";
  std::unique_ptr<ZipArchive> archive_;
  Workbook workbook_;
  std::vector<FormatClass> formats_;
  std::vector<std::string> shared_strings_;
  mutable std::vector<MergeRange> merges_;
  mutable bool merges_known_ = false;
  // the open sheet
  int open_ = -1;
  std::unique_ptr<ZipEntryStream> stream_;
  std::string part_;
  std::unique_ptr<SheetRowHandler> rows_;
  std::unique_ptr<SheetScanner> scanner_;  // UTF-8 parts (SheetScanner::reads)
  std::unique_ptr<XmlStream> xml_;         // other encodings
  std::vector<char> buf_;
  std::size_t buffered_ = 0;  // bytes of the first chunk read by open_sheet, not yet parsed
  bool finished_ = false;
  void feed(const char* data, std::size_t n, bool final);
  [[noreturn]] void explain_malformed(const std::exception_ptr& scanner_error);
};

}  // namespace mujun::readers
