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
// Merges: <mergeCells> follows <sheetData> in the file, so open_sheet() first streams the
// decompressed sheet once looking only for the byte pattern of the </sheetData> end tag (no XML
// parsing of the rows), then parses the short tail after it for <mergeCell ref>. The rows are
// parsed on the second pass, in next(). The pre-scan costs one extra inflate of the sheet.
#pragma once
#include <memory>

#include "ingest/readers/table_reader.h"
#include "ingest/readers/workbook.h"
#include "ingest/readers/xml_stream.h"

namespace mujun::readers {

class SheetRowHandler;

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
  const std::vector<MergeRange>& merges() const override { return merges_; }
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
  std::vector<MergeRange> merges_;
  // the open sheet
  int open_ = -1;
  std::unique_ptr<ZipEntryStream> stream_;
  std::unique_ptr<SheetRowHandler> rows_;
  std::unique_ptr<XmlStream> xml_;
  std::vector<char> buf_;
  bool finished_ = false;
};

}  // namespace mujun::readers
