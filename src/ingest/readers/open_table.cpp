#include <fmt/format.h>

#include <cctype>
#include <cstring>
#include <fstream>

#include "ingest/readers/csv_reader.h"
#include "ingest/readers/table_reader.h"
#include "ingest/readers/xlsx_reader.h"

namespace mujun::readers {

std::unique_ptr<TableReader> open_table(const std::filesystem::path& path, const ReaderOptions& options) {
  const std::string file = path.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw ReaderError("reader.not_found", file, "",
                      fmt::format("找不到文件 {}（或它不是普通文件）：请检查路径。 / {} not found (or not a "
                                  "regular file): check the path.",
                                  file, file));
  std::ifstream in(path, std::ios::binary);
  char head[512] = {};
  in.read(head, sizeof head);
  if (!in && !in.eof())
    throw ReaderError("reader.io", file, "",
                      fmt::format("无法读取文件 {}：请确认有读取权限。 / Cannot read {}: check permissions.",
                                  file, file));
  const auto n = static_cast<std::size_t>(in.gcount());
  std::string_view h(head, n);
  if (h.starts_with("PK\x03\x04") || h.starts_with("PK\x05\x06"))
    return std::make_unique<XlsxReader>(file, options);
  if (h.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
    throw ReaderError(
        "reader.unsupported_format", file, "",
        fmt::format("文件 {} 是旧版 Excel 97-2003（.xls）或 WPS（.et）格式，不能直接读取。请在 Excel/WPS 中打开，"
                    "“另存为” Excel 工作簿（.xlsx）后重新导入。 / {} is a legacy Excel 97-2003 (.xls) or WPS "
                    "(.et) file. Open it in Excel/WPS, \"Save As\" an Excel workbook (.xlsx) and import it again.",
                    file, file));
  std::string lower;
  for (char c : h.substr(0, 256)) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  auto first = lower.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos &&
      (lower.compare(first, 5, "<html") == 0 || lower.compare(first, 9, "<!doctype") == 0 ||
       lower.compare(first, 5, "<?xml") == 0 || lower.compare(first, 6, "<table") == 0))
    throw ReaderError(
        "reader.unsupported_format", file, "",
        fmt::format("文件 {} 实际是网页（HTML）或 XML 表格，只是扩展名像 Excel。请在 Excel/WPS 中打开，“另存为” "
                    ".xlsx 后重新导入。 / {} is really an HTML/XML page with a spreadsheet name. Open it in "
                    "Excel/WPS, save it as .xlsx and import it again.",
                    file, file));
  // A file named like a workbook that is not a zip archive is damaged or mislabelled: say so rather
  // than decoding its bytes as CSV text.
  std::string ext = path.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".xlsx" || ext == ".xlsm")
    throw ReaderError(
        "reader.not_xlsx", file, "",
        fmt::format("文件 {} 的扩展名是 {}，但内容不是 Excel 工作簿（不是 zip 压缩包，可能已损坏或被改名）。请用 "
                    "Excel/WPS 打开并另存为 .xlsx，或若是 CSV 请改扩展名为 .csv。 / {} is named {} but is not an "
                    "Excel workbook (not a zip archive): damaged or renamed.",
                    file, ext, file, ext));
  return std::make_unique<CsvReader>(file, options);
}

}  // namespace mujun::readers
