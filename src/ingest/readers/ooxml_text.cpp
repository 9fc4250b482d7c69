#include "ingest/readers/ooxml_text.h"

namespace mujun::readers {

namespace {

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

std::string decode_xstring(std::string_view text) {
  std::string out;
  decode_xstring_into(text, out);
  return out;
}

void decode_xstring_into(std::string_view text, std::string& out) {
  if (text.find("_x") == std::string_view::npos) {
    out.assign(text);
    return;
  }
  out.clear();
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      int h[4] = {hex(text[i + 2]), hex(text[i + 3]), hex(text[i + 4]), hex(text[i + 5])};
      if (h[0] >= 0 && h[1] >= 0 && h[2] >= 0 && h[3] >= 0) {
        unsigned cp = static_cast<unsigned>((h[0] << 12) | (h[1] << 8) | (h[2] << 4) | h[3]);
        // Surrogate halves cannot stand alone in UTF-8: keep the escape text as written.
        if (cp < 0xD800 || cp > 0xDFFF) {
          append_utf8(out, cp);
          i += 6;
          continue;
        }
      }
    }
    out.push_back(text[i]);
  }
}

void StringItemCollector::start(std::string_view name) {
  if (name == "rPh") ++depth_rph_;
  else if (name == "t") ++depth_t_;
}

void StringItemCollector::end(std::string_view name) {
  if (name == "rPh" && depth_rph_ > 0) --depth_rph_;
  else if (name == "t" && depth_t_ > 0) --depth_t_;
}

bool StringItemCollector::text(std::string_view data) {
  if (depth_t_ == 0 || depth_rph_ > 0) return true;
  text_.append(data);
  return text_.size() <= max_bytes_;
}

}  // namespace mujun::readers
