#include "ingest/readers/xlsx_reader.h"

#include <fmt/format.h>

#include "ingest/readers/merge_scan.h"
#include "ingest/readers/sheet_rows.h"

namespace mujun::readers {

XlsxReader::XlsxReader(std::string file, const ReaderOptions& options)
    : file_(std::move(file)), options_(options) {
  archive_ = std::make_unique<ZipArchive>(file_, options_.limits);
  workbook_ = read_workbook(*archive_);
  formats_ = read_cell_formats(*archive_, workbook_.styles_part);
  shared_strings_ = read_shared_strings(*archive_, workbook_.shared_strings_part);
}

XlsxReader::~XlsxReader() = default;

void XlsxReader::open_sheet(int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= workbook_.sheets.size())
    throw ReaderError("reader.usage", file_, fmt::format("#{}", index),
                      fmt::format("文件 {} 没有第 {} 个工作表（共 {} 个）。 / {} has no sheet #{} (it has {}).",
                                  file_, index + 1, workbook_.sheets.size(), file_, index + 1,
                                  workbook_.sheets.size()));
  const auto& part = workbook_.sheet_parts[static_cast<std::size_t>(index)];
  const auto& name = workbook_.sheets[static_cast<std::size_t>(index)].name;
  if (part.empty() || !archive_->has(part))
    throw ReaderError(
        "reader.package", file_, name,
        fmt::format("文件 {} 的工作表“{}”找不到内容部件（{}），文件不完整。请在 Excel/WPS 中打开后另存为 .xlsx。 / "
                    "Sheet \"{}\" of {} has no content part ({}): the file is incomplete. Re-save it "
                    "as .xlsx in Excel/WPS.",
                    file_, name, part.empty() ? "无关系" : part, name, file_, part.empty() ? "no relationship" : part));
  xml_.reset();
  rows_.reset();
  stream_.reset();
  merges_ = scan_merges(*archive_, part);
  SheetContext ctx{file_, name, part, &shared_strings_, &formats_, workbook_.date1904, options_.limits};
  rows_ = std::make_unique<SheetRowHandler>(std::move(ctx));
  stream_ = archive_->open(part);
  xml_ = std::make_unique<XmlStream>(*rows_, file_, part);
  buf_.resize(64 * 1024);
  finished_ = false;
  open_ = index;
}

bool XlsxReader::next(Row& row) {
  if (open_ < 0) open_sheet(0);
  while (rows_->ready.empty()) {
    if (finished_) return false;
    std::size_t got = stream_->read(buf_.data(), buf_.size());
    xml_->feed(buf_.data(), got, got == 0);
    if (got == 0) finished_ = true;
  }
  row = std::move(rows_->ready.front());
  rows_->ready.pop_front();
  return true;
}

}  // namespace mujun::readers
