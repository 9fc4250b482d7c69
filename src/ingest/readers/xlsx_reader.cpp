#include "ingest/readers/xlsx_reader.h"

#include <fmt/format.h>

#include "ingest/readers/merge_scan.h"
#include "ingest/readers/sheet_rows.h"
#include "ingest/readers/sheet_scanner.h"

namespace mujun::readers {

namespace {
constexpr std::size_t kChunk = 64 * 1024;
}  // namespace

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
  scanner_.reset();
  rows_.reset();
  stream_.reset();
  merges_.clear();
  merges_known_ = false;
  SheetContext ctx{file_, name, part, &shared_strings_, &formats_, workbook_.date1904, options_.limits};
  rows_ = std::make_unique<SheetRowHandler>(std::move(ctx));
  stream_ = archive_->open(part);
  part_ = part;
  buf_.resize(kChunk);
  // The first chunk decides the tokenizer: the scanner for UTF-8, expat for any other encoding.
  buffered_ = stream_->read(buf_.data(), buf_.size());
  if (SheetScanner::reads(std::string_view(buf_.data(), buffered_)))
    scanner_ = std::make_unique<SheetScanner>(*rows_, file_, part);
  else
    xml_ = std::make_unique<XmlStream>(*rows_, file_, part);
  finished_ = false;
  open_ = index;
}

const std::vector<MergeRange>& XlsxReader::merges() const {
  if (open_ >= 0 && !merges_known_) {
    merges_ = scan_merges(*archive_, part_);
    merges_known_ = true;
  }
  return merges_;
}

void XlsxReader::feed(const char* data, std::size_t n, bool final) {
  if (!scanner_) {
    xml_->feed(data, n, final);
    return;
  }
  try {
    scanner_->feed(data, n, final);
  } catch (const XmlSyntaxError&) {
    explain_malformed(std::current_exception());
  }
}

namespace {
struct IgnoreAll : XmlHandler {
  void start(std::string_view, const char**) override {}
  void end(std::string_view) override {}
  void text(std::string_view) override {}
};
}  // namespace

void XlsxReader::explain_malformed(const std::exception_ptr& scanner_error) {
  // Users have always been told expat's line and column: parse the part again with expat and
  // report its error. When expat finds none (a scanner limit such as kMaxMarkup), the scanner's
  // own message stands.
  IgnoreAll ignore;
  parse_part(*archive_, part_, ignore);
  std::rethrow_exception(scanner_error);
}

bool XlsxReader::next(Row& row) {
  if (open_ < 0) open_sheet(0);
  while (rows_->ready.empty()) {
    if (finished_) return false;
    std::size_t got;
    if (buffered_) {
      got = buffered_;
      buffered_ = 0;
    } else {
      got = stream_->read(buf_.data(), buf_.size());
    }
    feed(buf_.data(), got, got == 0);
    if (got == 0) finished_ = true;
  }
  std::swap(row, rows_->ready.front());
  rows_->recycle(std::move(rows_->ready.front()));
  rows_->ready.pop_front();
  return true;
}

}  // namespace mujun::readers
