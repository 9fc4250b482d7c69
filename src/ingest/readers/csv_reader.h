// mujun — streaming CSV/TSV reader (RFC 4180, csv_parser.h) with encoding detection.
//
// Encoding (text_encoding.h): a UTF-8 BOM → "utf-8-bom" (BOM stripped before the header is
// matched, case 20a-bom); a UTF-16 BOM → "utf-16le"/"utf-16be"; otherwise the whole file is
// checked as strict UTF-8 → "utf-8"; if that fails it is decoded as strict GB18030 → "gb18030"
// (GBK and GB2312 are subsets; cases 06a, 06b). A file valid in neither is refused with the line
// of the first bad byte. The delimiter is detected after decoding (case 06c-gbk-pipe).
//
// Cells: every field is Text ("00123" keeps its zeros; the importer parses numbers); an unquoted
// empty field is Empty (missing), a quoted "" is Text "". Excel's text idiom ="00123" is unwrapped
// to the text 00123 (case 20e). A field starting with "=", "@", or "+"/"-" not followed by a number
// is kept as text and marked Cell::formula_like, never evaluated (OWASP "CSV injection").
// Trailing delimiter (case 20b): when every record after the first ends with an unquoted empty
// field, that field is dropped from every record that has one — an exporter's habit, not a column.
// Reading costs three sequential passes over the file (UTF-8 check, statistics, delivery); memory
// stays at one 64 KiB chunk plus one record.
#pragma once
#include <fstream>
#include <memory>

#include "ingest/readers/csv_parser.h"
#include "ingest/readers/table_reader.h"
#include "ingest/readers/text_encoding.h"

namespace mujun::readers {

class CsvReader : public TableReader {
 public:
  /// Detects the encoding and delimiter and pre-scans the records. Throws ReaderError
  /// ("reader.io", "reader.encoding", "reader.csv_quote", "reader.cell_too_long",
  /// "reader.too_many_columns", "reader.too_many_rows").
  CsvReader(std::string file, const ReaderOptions& options);
  ~CsvReader() override;

  TableFormat format() const override { return TableFormat::Csv; }
  const std::string& file() const override { return file_; }
  const std::vector<SheetInfo>& sheets() const override { return sheets_; }
  void open_sheet(int index) override;
  bool next(Row& row) override;
  const std::vector<MergeRange>& merges() const override { return merges_; }
  const std::string& encoding() const override { return encoding_; }
  char delimiter() const override { return delimiter_; }
  /// Whether the trailing empty field of the records is being dropped (case 20b).
  bool drops_trailing_field() const { return drop_trailing_; }

 private:
  class Source;
  std::unique_ptr<CsvParser> make_parser(std::unique_ptr<Source>& holder);
  bool read_record(CsvParser& parser, std::vector<CsvField>& fields, long record_no);
  std::string file_;
  ReaderOptions options_;
  std::vector<SheetInfo> sheets_;
  std::vector<MergeRange> merges_;
  std::string encoding_;
  std::string iconv_from_;  // "" = already UTF-8
  std::size_t skip_ = 0;    // BOM bytes
  // Where strict UTF-8 failed (files decoded as GB18030): reported with the GB18030 failure when
  // that fails too, so a mixed-encoding file names both places.
  std::uint64_t utf8_error_offset_ = 0;
  long utf8_error_line_ = 0;
  char delimiter_ = ',';
  bool drop_trailing_ = false;
  std::unique_ptr<Source> source_;
  std::unique_ptr<CsvParser> parser_;
  std::vector<CsvField> fields_;
  long record_ = 0;
};

}  // namespace mujun::readers
