// mujun — RFC 4180 record splitting of UTF-8 text, and delimiter detection.
//
// RFC 4180 §2 with the leniencies real exports need: line ends CRLF, LF or CR alone (case
// 20c-cr-only); a quoted field may hold delimiters, doubled quotes and line breaks (case
// 20d-quoted-newline); a quote inside an unquoted field is kept as a literal character; text
// after a closing quote is appended to the field. A quote left open at the end of the input is
// an error (it would swallow the rest of the file): CsvParser reports the line it opened on.
// Splitting runs on decoded UTF-8, never on GBK bytes (case 06c-gbk-pipe: a GBK trail byte may
// be 0x7C '|').
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace mujun::readers {

struct CsvField {
  std::string text;
  bool quoted = false;
};

class CsvParser {
 public:
  /// `refill` appends the next decoded UTF-8 chunk to its argument and returns false at the end.
  CsvParser(std::function<bool(std::string&)> refill, char delimiter, std::size_t max_field_bytes,
            std::size_t max_fields);
  enum class Status { Record, End, OpenQuote, FieldTooLong, TooManyFields };
  /// Next record into `fields` (cleared first). A blank line is a record of one empty field.
  Status next(std::vector<CsvField>& fields);
  /// 1-based physical line where the last record (or the open quote) began.
  long record_line() const { return record_line_; }

 private:
  int get();  // next byte, or -1 at the end
  std::function<bool(std::string&)> refill_;
  char delim_;
  std::size_t max_field_, max_fields_;
  std::string buf_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  long line_ = 1, record_line_ = 1;
};

/// Chooses among ',', '\t', ';', '|' from a decoded sample of the file's first records (the last,
/// possibly cut, line of the sample is ignored): the candidate that splits the most records into
/// the same number (> 1) of fields, then the one giving more fields, then the order above.
/// ',' when no candidate splits anything.
char detect_delimiter(std::string_view sample, bool sample_is_whole_file);

}  // namespace mujun::readers
