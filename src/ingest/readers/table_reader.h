// mujun — streaming table readers: one interface for XLSX workbooks and CSV/TSV text files.
//
//   auto t = mujun::readers::open_table("统计局2024.xlsx");   // format chosen by content
//   for (const auto& s : t->sheets()) if (!s.hidden) { t->open_sheet(s.index); ... }
//   t->open_sheet(0);
//   header = detect_header(first rows, t->merges(), known);  // see header.h
//   Row row; while (t->next(row)) { ... }                     // one row at a time
//
// Memory: a reader holds one decompressed/decoded chunk (64 KiB), the rows parsed from it, the
// XLSX shared-strings table and styles, and the merges of the open sheet — never the sheet.
// A 1,048,576-row sheet reads in a few MB beyond its shared strings (tests/unit/ingest/
// readers_stream_test.cpp measures it).
//
// Errors: every function may throw ReaderError (error.h) naming the file, the sheet or part and
// what to do; nothing is skipped silently.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ingest/readers/cell.h"
#include "ingest/readers/error.h"

namespace mujun::readers {

enum class TableFormat { Xlsx, Csv };

struct SheetInfo {
  std::string name;     ///< as in the workbook; a CSV file's one sheet is named after the file stem
  bool hidden = false;  ///< XLSX state="hidden" or "veryHidden" (importers skip these unless asked)
  int index = 0;        ///< 0-based position in the workbook's <sheets> order
};

/// A merged range of the open sheet. Rows are 1-based (as Row::number), columns 0-based (as the
/// index into Row::cells), both inclusive: "B1:D1" = {1, 1, 1, 3}.
struct MergeRange {
  long first_row = 0;
  long last_row = 0;
  int first_col = 0;
  int last_col = 0;
  bool contains(long row, int col) const {
    return row >= first_row && row <= last_row && col >= first_col && col <= last_col;
  }
  friend bool operator==(const MergeRange&, const MergeRange&) = default;
};

struct ReaderOptions {
  ReaderLimits limits;
  /// CSV only: force the delimiter (',', '\t', ';', '|') instead of detecting it; 0 = detect.
  char csv_delimiter = 0;
};

class TableReader {
 public:
  virtual ~TableReader() = default;
  virtual TableFormat format() const = 0;
  /// The file as given to open_table (for messages).
  virtual const std::string& file() const = 0;
  /// Every sheet in workbook order (hidden ones included, flagged). CSV: exactly one.
  virtual const std::vector<SheetInfo>& sheets() const = 0;
  /// Starts (or restarts) reading sheet `index` from its first row.
  /// Throws ReaderError("reader.usage") for an index out of range.
  virtual void open_sheet(int index) = 0;
  /// The next stored row of the open sheet, in file order; false at the end. Rows absent from an
  /// XLSX sheet are not delivered (Row::number tells where a row is). Opens sheet 0 if none is open.
  virtual bool next(Row& row) = 0;
  /// The merged ranges of the open sheet (empty for CSV), available at any time after open_sheet
  /// (before the first row too). XLSX computes them on the first call, in a separate pass over
  /// the sheet (xlsx_reader.h), so this may throw ReaderError.
  virtual const std::vector<MergeRange>& merges() const = 0;
  /// How the text was decoded: "utf-8" (XLSX parts, and CSV without BOM), "utf-8-bom",
  /// "gb18030" (CSV that is not valid UTF-8 but is valid GB18030, which includes GBK and GB2312),
  /// "utf-16le"/"utf-16be" (CSV with a UTF-16 BOM, e.g. Excel's "Unicode 文本").
  virtual const std::string& encoding() const = 0;
  /// CSV: the delimiter used (detected after decoding, or forced); XLSX: 0.
  virtual char delimiter() const { return 0; }
};

/// Opens `path` as a table. The format is chosen by content: a zip archive ("PK\3\4") is read as
/// XLSX whatever its extension; an OLE2 file (legacy .xls/.et) and an HTML page saved as ".xls"
/// are refused with a message saying to save as .xlsx; anything else is read as CSV/TSV text.
/// Throws ReaderError ("reader.not_found", "reader.io", "reader.unsupported_format", or any
/// code of the chosen reader).
std::unique_ptr<TableReader> open_table(const std::filesystem::path& path,
                                        const ReaderOptions& options = {});

}  // namespace mujun::readers
