#include "ingest/readers/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace mujun::readers {

namespace {

constexpr std::size_t kChunk = 64 * 1024;

[[noreturn]] void io_error(const std::string& file) {
  throw ReaderError("reader.io", file, "",
                    fmt::format("无法读取文件 {}：请确认文件存在且有读取权限。 / Cannot read {}: check that "
                                "it exists and is readable.",
                                file, file));
}

bool numeric_after_sign(std::string_view s) {
  if (s.size() < 2) return false;
  bool digit = false;
  for (char c : s.substr(1)) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != '.' && c != ',' && c != ' ' && c != '%' && c != 'e' && c != 'E') return false;
  }
  return digit;
}

[[noreturn]] void record_error(const char* code, const std::string& file, long line, long record_no,
                               const std::string& zh, const std::string& en) {
  throw ReaderError(code, file, fmt::format("第 {} 行", line),
                    fmt::format("文件 {} 第 {} 行（第 {} 条记录）：{} / {}, line {} (record {}): {}", file, line,
                                record_no, zh, file, line, record_no, en));
}

}  // namespace

/// Reads the file in chunks, skips the BOM, converts to UTF-8 when needed; reports undecodable
/// bytes with the line they are on.
// Non-ASCII UTF-8 characters before the first invalid byte from which a file counts as mixing
// encodings rather than being GB18030 (see the constructor).
constexpr long kMixedUtf8Chars = 8;

class CsvReader::Source {
 public:
  Source(const std::string& file, std::size_t skip, const std::string& from, long utf8_line = 0,
         std::uint64_t utf8_offset = 0)
      : file_(file), in_(file, std::ios::binary), skip_(skip), utf8_line_(utf8_line), utf8_offset_(utf8_offset) {
    if (!in_) io_error(file);
    in_.seekg(static_cast<std::streamoff>(skip));
    if (!from.empty()) conv_ = std::make_unique<Utf8Converter>(from);
    from_ = from;
  }
  bool refill(std::string& out) {
    std::string raw(kChunk, '\0');
    in_.read(raw.data(), static_cast<std::streamsize>(raw.size()));
    raw.resize(static_cast<std::size_t>(in_.gcount()));
    if (in_.bad()) io_error(file_);
    if (raw.empty()) {
      // An incomplete sequence at the very end: its last byte is the file's last byte.
      if (conv_ && !conv_->finish()) bad(fed_ > 0 ? fed_ - 1 : 0);
      return false;
    }
    fed_ += raw.size();
    if (!conv_) {
      out += raw;
    } else {
      std::size_t before = out.size();
      if (!conv_->convert(raw, out)) {
        lines_ += static_cast<long>(std::count(out.begin() + static_cast<long>(before), out.end(), '\n'));
        bad(conv_->error_offset());
      }
      lines_ += static_cast<long>(std::count(out.begin() + static_cast<long>(before), out.end(), '\n'));
    }
    return true;
  }

 private:
  // `offset` counts from after the BOM; messages give offsets in the file.
  [[noreturn]] void bad(std::uint64_t offset) {
    offset += skip_;
    if (utf8_line_ > 0) {
      // Neither decoding works: name both failures, and first the one further into the file (a
      // UTF-8 file with pasted GBK text fails late as UTF-8 and at once as GB18030).
      const long line = utf8_offset_ > offset ? utf8_line_ : lines_ + 1;
      throw ReaderError(
          "reader.encoding", file_, fmt::format("第 {} 行", line),
          fmt::format("文件 {} 既不是有效的 UTF-8，也不是有效的 {}：按 UTF-8 解码在第 {} 行（字节偏移 {}）出错，按 {} "
                      "解码在第 {} 行（字节偏移 {}）出错。文件可能混用了两种编码（例如 UTF-8 文件中粘贴了 GBK 文字）"
                      "或含有损坏的字节，请先检查第 {} 行，再用 Excel/WPS 或记事本将它另存为“CSV UTF-8”后重新导入。 / "
                      "{} is neither valid UTF-8 nor valid {}: as UTF-8 it fails on line {} (byte offset {}), as {} "
                      "on line {} (byte offset {}). It may mix two encodings or hold damaged bytes: check line {} "
                      "first, then save it as \"CSV UTF-8\" in Excel/WPS or a text editor and import it again.",
                      file_, from_, utf8_line_, utf8_offset_, from_, lines_ + 1, offset, line, file_, from_,
                      utf8_line_, utf8_offset_, from_, lines_ + 1, offset, line));
    }
    throw ReaderError(
        "reader.encoding", file_, fmt::format("第 {} 行", lines_ + 1),
        fmt::format("文件 {} 既不是有效的 UTF-8，也不是有效的 {}：第 {} 行（字节偏移 {}）有无法解码的字节。请用 "
                    "Excel/WPS 或记事本将它另存为“CSV UTF-8”后重新导入。 / {} is neither valid UTF-8 nor "
                    "valid {}: undecodable bytes on line {} (byte offset {}). Save it as \"CSV UTF-8\" in "
                    "Excel/WPS or a text editor and import it again.",
                    file_, from_, lines_ + 1, offset, file_, from_, lines_ + 1, offset));
  }
  std::string file_;
  std::ifstream in_;
  std::unique_ptr<Utf8Converter> conv_;
  std::string from_;
  long lines_ = 0;
  std::size_t skip_ = 0;
  std::uint64_t fed_ = 0;  // bytes read after the BOM
  long utf8_line_ = 0;     // > 0: where strict UTF-8 failed (see CsvReader::utf8_error_line_)
  std::uint64_t utf8_offset_ = 0;
};

CsvReader::CsvReader(std::string file, const ReaderOptions& options)
    : file_(std::move(file)), options_(options) {
  sheets_.push_back({std::filesystem::path(file_).stem().string(), false, 0});
  std::ifstream in(file_, std::ios::binary);
  if (!in) io_error(file_);
  unsigned char bom[3] = {0, 0, 0};
  in.read(reinterpret_cast<char*>(bom), 3);
  auto got = in.gcount();
  if (got >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF) {
    encoding_ = "utf-8-bom";
    skip_ = 3;
  } else if (got >= 2 && bom[0] == 0xFF && bom[1] == 0xFE) {
    encoding_ = "utf-16le";
    iconv_from_ = "UTF-16LE";
    skip_ = 2;
  } else if (got >= 2 && bom[0] == 0xFE && bom[1] == 0xFF) {
    encoding_ = "utf-16be";
    iconv_from_ = "UTF-16BE";
    skip_ = 2;
  }
  if (iconv_from_.empty()) {
    // Pass 1: strict UTF-8 over the whole file — also after a UTF-8 BOM, which promises UTF-8 but
    // does not make the bytes after it valid (found by fuzzing: such bytes reached cell texts).
    in.clear();
    in.seekg(static_cast<std::streamoff>(skip_));
    Utf8Validator v;
    std::string raw(kChunk, '\0');
    bool ok = true;
    std::uint64_t read = 0;
    long newlines = 0, multibyte = 0;  // in the valid UTF-8 prefix: line ends, non-ASCII characters
    while (ok && in) {
      in.read(raw.data(), static_cast<std::streamsize>(raw.size()));
      const auto got_now = static_cast<std::size_t>(in.gcount());
      ok = v.feed(std::string_view(raw.data(), got_now));
      // The bad sequence may have started in the previous chunk.
      const std::size_t upto = ok ? got_now : static_cast<std::size_t>(std::max(v.error_offset(), read) - read);
      newlines += static_cast<long>(std::count(raw.data(), raw.data() + upto, '\n'));
      multibyte += static_cast<long>(std::count_if(raw.data(), raw.data() + upto, [](char c) {
        return static_cast<unsigned char>(c) >= 0xC2 && static_cast<unsigned char>(c) <= 0xF4;  // lead bytes
      }));
      read += got_now;
    }
    if (!ok && skip_ == 0 && multibyte >= kMixedUtf8Chars) {
      // Valid UTF-8 Chinese text first, then bytes that are not UTF-8: a file mixing encodings (GBK
      // lines pasted into a UTF-8 file) or a damaged one. Decoding it all as GB18030 would turn the
      // UTF-8 part into wrong characters silently, so it is refused (GBK text passes as UTF-8 for
      // 8 characters in a row only by a very rare accident).
      const long line = newlines + 1;
      throw ReaderError(
          "reader.encoding", file_, fmt::format("第 {} 行", line),
          fmt::format("文件 {} 混用了编码：前面的内容是 UTF-8，第 {} 行（字节偏移 {}）起出现不是 UTF-8 的字节（可能是 GBK "
                      "文字或损坏的字节）。按任何一种编码读取都会把一部分文字读错，已拒绝。请检查第 {} 行，用 Excel/WPS "
                      "或记事本统一另存为“CSV UTF-8”后重新导入。 / {} mixes encodings: it starts as UTF-8 but line {} "
                      "(byte offset {}) has bytes that are not UTF-8 (GBK text or damaged bytes). Read either way, "
                      "part of the text would be wrong, so it is refused. Check line {}, save the whole file as "
                      "\"CSV UTF-8\" in Excel/WPS or a text editor and import it again.",
                      file_, line, v.error_offset(), line, file_, line, v.error_offset(), line));
    }
    if (ok && v.finish()) {
      if (skip_ == 0) encoding_ = "utf-8";
    } else if (skip_ > 0) {
      const std::uint64_t at = skip_ + (ok ? (read > 0 ? read - 1 : 0) : v.error_offset());
      const long line = newlines + 1;
      throw ReaderError(
          "reader.encoding", file_, fmt::format("第 {} 行", line),
          fmt::format("文件 {} 以 UTF-8 BOM 开头（声明为 UTF-8），但第 {} 行（字节偏移 {}）有不是 UTF-8 的字节（损坏的字节或"
                      "混入的 GBK 文字），已拒绝。请检查第 {} 行，用 Excel/WPS 或记事本另存为“CSV UTF-8”后重新导入。 / "
                      "{} starts with a UTF-8 BOM but line {} (byte offset {}) has bytes that are not UTF-8 (damaged "
                      "bytes or GBK text): refused. Check line {}, save it as \"CSV UTF-8\" in Excel/WPS or a text "
                      "editor and import it again.",
                      file_, line, at, line, file_, line, at, line));
    } else {
      encoding_ = "gb18030";
      iconv_from_ = "GB18030";
      utf8_error_offset_ = ok ? (read > 0 ? read - 1 : 0) : v.error_offset();
      utf8_error_line_ = newlines + 1;
    }
  }
  // Delimiter from a decoded sample of the start.
  if (options_.csv_delimiter) {
    delimiter_ = options_.csv_delimiter;
  } else {
    Source s(file_, skip_, iconv_from_, utf8_error_line_, utf8_error_offset_);
    std::string sample;
    bool more = true;
    while (more && sample.size() < kChunk) more = s.refill(sample);
    delimiter_ = detect_delimiter(sample, !more);
  }
  // Pass 2: validate the encoding and structure of every record, and learn the trailing-field
  // habit (case 20b).
  std::unique_ptr<Source> src;
  auto parser = make_parser(src);
  std::vector<CsvField> fields;
  long n = 0, data_records = 0, trailing_empty = 0;
  while (read_record(*parser, fields, n + 1)) {
    ++n;
    if (n == 1 || (fields.size() == 1 && fields[0].text.empty() && !fields[0].quoted)) continue;
    ++data_records;
    if (fields.size() >= 2 && fields.back().text.empty() && !fields.back().quoted) ++trailing_empty;
  }
  drop_trailing_ = data_records > 0 && trailing_empty == data_records;
}

CsvReader::~CsvReader() = default;

std::unique_ptr<CsvParser> CsvReader::make_parser(std::unique_ptr<Source>& holder) {
  holder = std::make_unique<Source>(file_, skip_, iconv_from_, utf8_error_line_, utf8_error_offset_);
  Source* s = holder.get();
  return std::make_unique<CsvParser>([s](std::string& out) { return s->refill(out); }, delimiter_,
                                     options_.limits.max_cell_bytes,
                                     static_cast<std::size_t>(options_.limits.max_columns));
}

bool CsvReader::read_record(CsvParser& parser, std::vector<CsvField>& fields, long record_no) {
  auto st = parser.next(fields);
  const long line = parser.record_line();
  auto fail = [&](const char* code, const std::string& zh, const std::string& en) {
    record_error(code, file_, line, record_no, zh, en);
  };
  switch (st) {
    case CsvParser::Status::End: return false;
    case CsvParser::Status::Record: break;
    case CsvParser::Status::OpenQuote:
      record_error("reader.csv_quote", file_, line, record_no, "此处开始的双引号直到文件末尾都没有闭合，请检查该行的引号（字段内的引号应写成两个 \"\"）",
           "a quote opened here is never closed before the end of the file; check the quotes on "
           "this line (a quote inside a field is written \"\")");
    case CsvParser::Status::FieldTooLong:
      record_error("reader.cell_too_long", file_, line, record_no,
           fmt::format("某个字段超过 {} 字节，文件异常（可能是引号未闭合），已拒绝读取", options_.limits.max_cell_bytes),
           fmt::format("a field is longer than {} bytes (an unclosed quote?): refused",
                       options_.limits.max_cell_bytes));
    case CsvParser::Status::TooManyFields:
      record_error("reader.too_many_columns", file_, line, record_no,
           fmt::format("字段数超过 {} 列的上限，请检查分隔符", options_.limits.max_columns),
           fmt::format("more than {} fields; check the delimiter", options_.limits.max_columns));
  }
  if (record_no > options_.limits.max_rows)
    fail("reader.too_many_rows", fmt::format("记录数超过 {} 条的上限，请拆分文件", options_.limits.max_rows),
         fmt::format("more than {} records; split the file", options_.limits.max_rows));
  return true;
}

void CsvReader::open_sheet(int index) {
  if (index != 0)
    throw ReaderError("reader.usage", file_, fmt::format("#{}", index),
                      fmt::format("CSV 文件 {} 只有一个表（第 1 个），没有第 {} 个。 / The CSV file {} has one "
                                  "table only, not #{}.",
                                  file_, index + 1, file_, index + 1));
  parser_ = make_parser(source_);
  record_ = 0;
}

bool CsvReader::next(Row& row) {
  if (!parser_) open_sheet(0);
  if (!read_record(*parser_, fields_, record_ + 1)) return false;
  ++record_;
  row.number = record_;
  row.cells.clear();
  if (fields_.size() == 1 && fields_[0].text.empty() && !fields_[0].quoted) return true;  // blank
  if (drop_trailing_ && fields_.size() >= 2 && fields_.back().text.empty() && !fields_.back().quoted)
    fields_.pop_back();
  row.cells.resize(fields_.size());
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    auto& f = fields_[i];
    Cell& c = row.cells[i];
    if (f.text.empty() && !f.quoted) continue;  // Empty
    c.kind = CellKind::Text;
    std::string_view t = f.text;
    if (!f.quoted && t.size() >= 3 && t.substr(0, 2) == "=\"" && t.back() == '"') {
      // ="00123": Excel's way to keep a text literal; the inner quotes are doubled.
      std::string inner;
      std::string_view body = t.substr(2, t.size() - 3);
      for (std::size_t k = 0; k < body.size(); ++k) {
        inner.push_back(body[k]);
        if (body[k] == '"' && k + 1 < body.size() && body[k + 1] == '"') ++k;
      }
      c.text = std::move(inner);
      continue;
    }
    char first = t.empty() ? '\0' : t[0];
    // "-" and "--" (no data) and "-12.5" are not formulas; "+A1", "-2+3*cmd" may be.
    c.formula_like = first == '=' || first == '@' ||
                     ((first == '+' || first == '-') && t.size() >= 2 && t[1] != '-' &&
                      t[1] != ' ' && !numeric_after_sign(t));
    c.text = std::move(f.text);
  }
  return true;
}

}  // namespace mujun::readers
