#include "ingest/readers/xml_stream.h"

#include <expat.h>
#include <fmt/format.h>

#include <cstring>
#include <vector>

#include "ingest/readers/error.h"
#include "ingest/readers/zip_archive.h"

namespace mujun::readers {

std::string_view local_name(const char* name) {
  std::string_view n(name);
  auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attr(const char** attrs, std::string_view local) {
  for (; attrs && attrs[0]; attrs += 2)
    if (local_name(attrs[0]) == local) return attrs[1];
  return nullptr;
}

XmlStream::XmlStream(XmlHandler& handler, std::string file, std::string part)
    : handler_(handler), file_(std::move(file)), part_(std::move(part)) {
  parser_ = XML_ParserCreate(nullptr);
  if (!parser_) throw std::bad_alloc();
  XML_SetUserData(parser_, this);
  XML_SetElementHandler(parser_, &XmlStream::on_start, &XmlStream::on_end);
  XML_SetCharacterDataHandler(parser_, &XmlStream::on_text);
  XML_SetStartDoctypeDeclHandler(parser_, &XmlStream::on_doctype);
  XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
}

XmlStream::~XmlStream() {
  if (parser_) XML_ParserFree(parser_);
}

void XmlStream::on_start(void* self, const char* name, const char** attrs) {
  auto* s = static_cast<XmlStream*>(self);
  try {
    s->handler_.start(local_name(name), attrs);
  } catch (...) {
    s->failure_ = std::current_exception();
    XML_StopParser(s->parser_, XML_FALSE);
  }
}

void XmlStream::on_end(void* self, const char* name) {
  auto* s = static_cast<XmlStream*>(self);
  try {
    s->handler_.end(local_name(name));
  } catch (...) {
    s->failure_ = std::current_exception();
    XML_StopParser(s->parser_, XML_FALSE);
  }
}

void XmlStream::on_text(void* self, const char* data, int len) {
  auto* s = static_cast<XmlStream*>(self);
  try {
    s->handler_.text(std::string_view(data, static_cast<std::size_t>(len)));
  } catch (...) {
    s->failure_ = std::current_exception();
    XML_StopParser(s->parser_, XML_FALSE);
  }
}

void XmlStream::on_doctype(void* self, const char*, const char*, const char*, int) {
  auto* s = static_cast<XmlStream*>(self);
  s->doctype_ = true;
  XML_StopParser(s->parser_, XML_FALSE);
}

void XmlStream::feed(const char* data, std::size_t n, bool final) {
  if (XML_Parse(parser_, data, static_cast<int>(n), final ? 1 : 0) != XML_STATUS_ERROR) return;
  if (failure_) std::rethrow_exception(failure_);
  if (doctype_)
    throw ReaderError(
        "reader.xml_entity", file_, part_,
        fmt::format("文件 {} 的部件 {} 含有 DOCTYPE/实体声明，Excel 文件不会有这种内容（可能是恶意文件：实体膨胀或"
                    "外部实体），已拒绝读取。请在 Excel/WPS 中打开后另存为 .xlsx。 / Part {} of {} has a "
                    "DOCTYPE (entity declarations), which Excel files never contain (entity expansion or "
                    "external entities): refused. Open it in Excel/WPS and save it as .xlsx.",
                    file_, part_, part_, file_));
  auto line = XML_GetCurrentLineNumber(parser_);
  auto col = XML_GetCurrentColumnNumber(parser_);
  const char* why = XML_ErrorString(XML_GetErrorCode(parser_));
  throw ReaderError(
      "reader.xml", file_, part_,
      fmt::format("文件 {} 的部件 {} 第 {} 行第 {} 列 XML 格式错误（{}），文件已损坏或不完整。请在 Excel/WPS 中"
                  "打开后另存为 .xlsx，或重新导出。 / Part {} of {} is malformed XML at line {}, column {} "
                  "({}): the file is damaged or incomplete. Re-save it as .xlsx in Excel/WPS, or export "
                  "it again.",
                  file_, part_, line, col, why, part_, file_, line, col, why));
}

void parse_part(ZipArchive& archive, std::string_view part, XmlHandler& handler) {
  auto in = archive.open(part);
  XmlStream xml(handler, archive.file(), in->part());
  std::vector<char> buf(64 * 1024);
  for (;;) {
    std::size_t got = in->read(buf.data(), buf.size());
    xml.feed(buf.data(), got, got == 0);
    if (got == 0) break;
  }
}

}  // namespace mujun::readers
