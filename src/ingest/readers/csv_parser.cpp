#include "ingest/readers/csv_parser.h"

#include <map>

namespace mujun::readers {

CsvParser::CsvParser(std::function<bool(std::string&)> refill, char delimiter,
                     std::size_t max_field_bytes, std::size_t max_fields)
    : refill_(std::move(refill)), delim_(delimiter), max_field_(max_field_bytes), max_fields_(max_fields) {}

int CsvParser::get() {
  while (pos_ >= buf_.size()) {
    if (eof_) return -1;
    buf_.clear();
    pos_ = 0;
    if (!refill_(buf_)) eof_ = true;
  }
  return static_cast<unsigned char>(buf_[pos_++]);
}

CsvParser::Status CsvParser::next(std::vector<CsvField>& fields) {
  fields.clear();
  int c = get();
  if (c < 0) return Status::End;
  record_line_ = line_;
  fields.emplace_back();
  CsvField* f = &fields.back();
  bool in_quotes = false;
  for (;; c = get()) {
    if (c < 0) {
      if (in_quotes) return Status::OpenQuote;
      return Status::Record;
    }
    if (in_quotes) {
      if (c == '"') {
        int d = get();
        if (d == '"') {
          f->text.push_back('"');
          continue;
        }
        in_quotes = false;
        if (d < 0) return Status::Record;
        c = d;  // fall through to the unquoted handling of the byte after the closing quote
      } else {
        if (c == '\n') ++line_;
        else if (c == '\r') {
          // a CR inside quotes counts as a line break unless a LF follows (counted then)
          if (pos_ < buf_.size() ? buf_[pos_] != '\n' : true) ++line_;
        }
        f->text.push_back(static_cast<char>(c));
        if (f->text.size() > max_field_) return Status::FieldTooLong;
        continue;
      }
    }
    if (c == delim_) {
      if (fields.size() >= max_fields_) return Status::TooManyFields;
      fields.emplace_back();
      f = &fields.back();
    } else if (c == '\n') {
      ++line_;
      return Status::Record;
    } else if (c == '\r') {
      ++line_;
      int d = get();
      if (d != '\n' && d >= 0) --pos_;  // CR alone ends the record; keep the next byte
      return Status::Record;
    } else if (c == '"' && f->text.empty() && !f->quoted) {
      in_quotes = true;
      f->quoted = true;
    } else {
      f->text.push_back(static_cast<char>(c));
      if (f->text.size() > max_field_) return Status::FieldTooLong;
    }
  }
}

char detect_delimiter(std::string_view sample, bool whole) {
  if (!whole) {  // drop the last line: it may be cut in the middle
    auto nl = sample.find_last_of("\r\n");
    if (nl != std::string_view::npos) sample = sample.substr(0, nl + 1);
  }
  const char candidates[] = {',', '\t', ';', '|'};
  char best = ',';
  std::size_t best_agree = 0, best_fields = 1;
  for (char d : candidates) {
    std::string copy(sample);
    bool given = false;
    CsvParser p([&](std::string& out) {
      if (given) return false;
      given = true;
      out = copy;
      return true;
    }, d, copy.size() + 1, 1u << 20);
    std::vector<CsvField> fields;
    std::map<std::size_t, std::size_t> counts;  // fields per record → records
    int records = 0;
    while (records < 200) {
      auto st = p.next(fields);
      if (st != CsvParser::Status::Record) break;
      if (fields.size() == 1 && fields[0].text.empty() && !fields[0].quoted) continue;  // blank
      ++counts[fields.size()];
      ++records;
    }
    for (auto [n, agree] : counts) {
      if (n < 2) continue;
      if (agree > best_agree || (agree == best_agree && n > best_fields)) {
        best = d;
        best_agree = agree;
        best_fields = n;
      }
    }
  }
  return best;
}

}  // namespace mujun::readers
