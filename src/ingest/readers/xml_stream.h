// mujun — a push XML parser (expat) for OOXML parts, with the XML limits built in.
//
// Names are delivered without their namespace prefix ("x:row" → "row", "r:id" → "id"): SpreadsheetML
// writers use different prefixes for the same namespaces, and no two elements or attributes we
// read share a local name across namespaces. A document type declaration is refused
// ("reader.xml_entity"): OOXML never has one, and refusing it refuses internal entity expansion
// (billion laughs) and external entities (XXE) together. Malformed XML and invalid UTF-8 are
// "reader.xml" errors naming the part, line and column.
#pragma once
#include <cstddef>
#include <exception>
#include <string>
#include <string_view>

struct XML_ParserStruct;

namespace mujun::readers {

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  /// `attrs` is expat's NULL-terminated name/value array (names still prefixed; use attr()).
  virtual void start(std::string_view name, const char** attrs) = 0;
  virtual void end(std::string_view name) = 0;
  /// Character data, possibly in several pieces for one text node.
  virtual void text(std::string_view data) = 0;
};

/// Local name: the part after the last ':'.
std::string_view local_name(const char* name);
/// The value of the attribute whose local name is `local`, or nullptr.
const char* attr(const char** attrs, std::string_view local);

class XmlStream {
 public:
  XmlStream(XmlHandler& handler, std::string file, std::string part);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;
  /// Feeds the next bytes; `final` after the last chunk. Throws ReaderError on malformed XML, a
  /// DOCTYPE, or any exception the handler threw (rethrown unchanged).
  void feed(const char* data, std::size_t n, bool final);

 private:
  static void on_start(void*, const char*, const char**);
  static void on_end(void*, const char*);
  static void on_text(void*, const char*, int);
  static void on_doctype(void*, const char*, const char*, const char*, int);
  XmlHandler& handler_;
  std::string file_, part_;
  XML_ParserStruct* parser_ = nullptr;
  bool doctype_ = false;
  std::exception_ptr failure_;
};

class ZipArchive;
/// Parses a whole part of `archive` into `handler`, 64 KiB at a time.
void parse_part(ZipArchive& archive, std::string_view part, XmlHandler& handler);

}  // namespace mujun::readers
