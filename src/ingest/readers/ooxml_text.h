// mujun — text of SpreadsheetML string items (<si> of the shared-strings table, <is> of an
// inline-string cell), ECMA-376 Part 1 §18.4.
//
// One item is one string: the <t> of the item plus the <t> of every rich-text run <r>,
// concatenated in order, spaces kept (case 09-rich-text). Text under <rPh> is a phonetic
// (furigana/pinyin) hint and is not cell text (case 01-phonetic-runs). "_xHHHH_" escapes
// (ST_Xstring, §22.9.2.19: Excel writes "_x000D_" for a carriage return) are decoded;
// "_x005F_" stands for a literal "_".
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace mujun::readers {

/// Decodes the "_xHHHH_" escapes of ST_Xstring; text without them is returned unchanged.
std::string decode_xstring(std::string_view text);
/// The same into `out` (replaced; its buffer is reused).
void decode_xstring_into(std::string_view text, std::string& out);

/// Collects the text of one <si> or <is> from the parser's events. Feed it every event between
/// the item's start and end tags (exclusive); read text() after the end tag.
class StringItemCollector {
 public:
  explicit StringItemCollector(std::size_t max_bytes) : max_bytes_(max_bytes) {}
  void reset() { text_.clear(); depth_t_ = 0; depth_rph_ = 0; }
  void start(std::string_view name);
  void end(std::string_view name);
  /// Returns false when the text has grown past `max_bytes` (the caller reports it).
  bool text(std::string_view data);
  std::string take() { return decode_xstring(text_); }
  /// take() into `out` (replaced; its buffer is reused).
  void take_into(std::string& out) { decode_xstring_into(text_, out); }

 private:
  std::string text_;
  int depth_t_ = 0, depth_rph_ = 0;
  std::size_t max_bytes_;
};

}  // namespace mujun::readers
