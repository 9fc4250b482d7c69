// mujun — a streaming tokenizer for worksheet parts (xl/worksheets/sheetN.xml), in place of expat.
//
// A worksheet is millions of tiny elements (<row>, <c r= t= s=>, <v>, <f>, <is><t>); a general
// XML parser spends most of its time on callbacks, attribute arrays and copies. This scanner finds
// markup with memchr, reads start tags straight into a small attribute array of string_views
// (decoding a value only when it holds '&' or a tab/newline), and hands text to SheetRowHandler
// only inside <v>, <f> and <is>; everything else is checked and skipped.
//
// It checks well-formedness as expat does for what a worksheet can contain: names, attribute
// syntax (either quote, any order, no '<' in a value, no duplicate attribute), matching end tags,
// one root element, comments ("--" refused inside), processing instructions (an XML declaration
// only at the start), CDATA sections, UTF-8 (overlong forms, surrogates, U+FFFE/U+FFFF refused),
// control characters, "]]>" in text, and references: the five predefined entities and character
// references (&#…; / &#x…; to an XML Char) anywhere; any other entity is refused. A document type
// declaration is refused as XmlStream refuses it: from "<!DOCTYPE" on, the rest of the part goes to
// an expat parser (XmlStream) whose verdict is the scanner's — "reader.xml_entity" (entity expansion,
// external entities) once expat has read the declaration's header up to its '[' or '>', and
// "reader.xml" when the header is malformed first (e.g. "<!DOCTYPE" followed by a NUL; fuzz finding
// tests/fuzz/regressions/sheet_diff-doctype-malformed). Line ends are normalised (CR LF and CR → LF in text, and TAB/CR/LF → space in
// attribute values, XML 1.0 §2.11, §3.3.3) so the text delivered equals expat's. Namespace
// prefixes are dropped from names as local_name() does ("x:c" → "c").
//
// Input arrives in chunks of any size; a token split between chunks is kept until it is complete.
// Memory is bounded: one markup construct (a tag with its attributes, a comment, a processing
// instruction or a CDATA section) may be at most kMaxMarkup bytes, and the open-element stack at
// most kMaxStackBytes of names; text is streamed. Malformed input throws XmlSyntaxError
// ("reader.xml", with the byte offset); the XLSX reader then asks expat for its line/column
// message so users see the same text as before (xlsx_reader.cpp).
//
// Parts that are not UTF-8 (a UTF-16 byte-order mark, or an XML declaration naming another
// encoding) are left to expat: see reads().
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/readers/error.h"
#include "ingest/readers/sheet_rows.h"
#include "ingest/readers/xml_stream.h"

namespace mujun::readers {

/// Malformed XML found by the scanner: code "reader.xml"; `offset` is the byte of the part where
/// the scanner stopped.
class XmlSyntaxError : public ReaderError {
 public:
  XmlSyntaxError(std::string file, std::string part, std::uint64_t offset, const std::string& why);
  std::uint64_t offset() const { return offset_; }

 private:
  std::uint64_t offset_;
};

class SheetScanner {
 public:
  /// Longest tag, comment, processing instruction or CDATA section (bytes).
  static constexpr std::size_t kMaxMarkup = 4u << 20;
  /// Most bytes of element names on the open-element stack (100,000 nested <x> need 100 KB).
  static constexpr std::size_t kMaxStackBytes = 16u << 20;

  SheetScanner(SheetRowHandler& handler, std::string file, std::string part);

  /// Whether the scanner reads a part that starts with `head` (its first bytes; the XLSX reader
  /// passes its first 64 KiB chunk): false for a UTF-16 byte-order mark or UTF-16 text, for an XML
  /// declaration whose encoding is not "UTF-8" (any case), and for a declaration not closed within
  /// `head` (those go to expat, which knows UTF-16, ISO-8859-1 and US-ASCII and refuses the rest).
  static bool reads(std::string_view head);

  /// Feeds the next bytes of the part; `final` with the last (possibly empty) chunk. Throws
  /// XmlSyntaxError, ReaderError("reader.xml_entity") for a DOCTYPE, or what the handler throws.
  void feed(const char* data, std::size_t n, bool final);

 private:
  struct RawAttr {
    const char* name;
    std::size_t name_len;
    const char* value;     // raw bytes, or nullptr when decoded into attr_buf_ at `offset`
    std::size_t offset, len;
  };
  std::size_t scan(const char* begin, const char* end, bool final);
  const char* markup(const char* p, const char* e);
  const char* start_tag(const char* p, const char* e);
  const char* end_tag(const char* p, const char* e);
  const char* comment(const char* p, const char* e);
  const char* pi(const char* p, const char* e);
  const char* cdata(const char* p, const char* e);
  void text(const char* p, const char* e);
  const char* text_cut(const char* p, const char* e) const;
  void check_chars(const char* p, const char* e);
  const char* reference(const char* p, const char* e, std::string* out);
  void attr_value(const char* p, const char* e, RawAttr& a);
  void doctype_feed(const char* p, const char* e, bool final);
  [[noreturn]] void fail(const char* at, const char* why) const;

  SheetRowHandler& handler_;
  std::string file_, part_;
  std::string pending_;          // bytes of an incomplete token carried to the next feed
  std::uint64_t base_ = 0;       // offset in the part of the buffer being scanned
  const char* buf_ = nullptr;    // start of that buffer
  bool started_ = false;         // past the BOM / first byte (an XML declaration allowed only before)
  bool root_open_ = false, root_closed_ = false;
  std::string stack_;            // qualified names of the open elements, back to back
  std::vector<std::uint32_t> stack_len_;
  std::vector<RawAttr> raw_;
  std::vector<XmlAttr> attrs_;
  std::string attr_buf_;         // decoded attribute values of the current tag
  std::string text_buf_;         // decoded text of the current run
  struct NoXml : XmlHandler {
    void start(std::string_view, const char**) override {}
    void end(std::string_view) override {}
    void text(std::string_view) override {}
  } no_xml_;
  std::unique_ptr<XmlStream> doctype_;  // from "<!DOCTYPE" on: expat decides (see the header)
  std::uint64_t doctype_at_ = 0;        // offset of that "<!DOCTYPE" in the part
};

}  // namespace mujun::readers
