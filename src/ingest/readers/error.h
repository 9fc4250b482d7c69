// mujun — the readers' error and their resource limits.
//
// A ReaderError means the file as a whole cannot be read (not a spreadsheet, damaged archive,
// refused by a limit, undecodable text). Problems with single values are not errors here: the
// readers deliver what the file says and the importer turns bad values into Issue records.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

namespace mujun::readers {

/// Resource limits, each enforced with its own ReaderError code (see docs/readers.md). The
/// defaults admit every real agency file we know of (a 1,048,576-row Excel sheet included) and
/// refuse zip bombs, entity bombs and runaway inputs long before memory runs out.
struct ReaderLimits {
  /// Sum of the uncompressed bytes the XLSX reader may inflate, over all parts and passes of
  /// one workbook part; counted as bytes are produced (a size field that lies does not help).
  std::uint64_t max_uncompressed_bytes = 4ull << 30;  // 4 GiB
  /// Largest uncompressed/compressed ratio of one zip entry; checked only for entries larger
  /// than `ratio_floor_bytes` (tiny parts compress far better than 100:1 legitimately).
  double max_compression_ratio = 200.0;
  std::uint64_t ratio_floor_bytes = 1u << 20;  // 1 MiB
  /// Longest cell text in bytes of UTF-8 (Excel's own limit is 32,767 characters ≤ 131,068 bytes).
  std::size_t max_cell_bytes = 131'072;
  /// Most columns in a row (Excel: 16,384 = "XFD").
  int max_columns = 16'384;
  /// Most rows in a sheet or CSV file (Excel: 1,048,576; CSV may be longer).
  long max_rows = 10'000'000;
  /// Most sheets in a workbook.
  int max_sheets = 1'000;
  /// Total bytes of the shared-strings table kept in memory.
  std::uint64_t max_shared_strings_bytes = 512ull << 20;  // 512 MiB
};

/// Codes: "reader.not_found", "reader.io", "reader.unsupported_format", "reader.zip",
/// "reader.zip_bomb", "reader.too_large", "reader.xml", "reader.xml_entity", "reader.package",
/// "reader.cell_too_long", "reader.too_many_columns", "reader.too_many_rows",
/// "reader.too_many_sheets", "reader.encoding", "reader.csv_quote", "reader.usage".
class ReaderError : public std::runtime_error {
 public:
  /// `message` is the whole user-facing text: Chinese first, then English, naming the file,
  /// the sheet or part (when any), what is wrong and what to do.
  ReaderError(std::string code, std::string file, std::string where, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)), file_(std::move(file)),
        where_(std::move(where)) {}
  const std::string& code() const { return code_; }
  const std::string& file() const { return file_; }
  /// The sheet, zip part or line concerned ("工作表 Sheet1", "xl/worksheets/sheet1.xml", "第 12 行").
  const std::string& where() const { return where_; }

 private:
  std::string code_, file_, where_;
};

}  // namespace mujun::readers
