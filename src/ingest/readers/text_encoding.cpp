#include "ingest/readers/text_encoding.h"

#include <iconv.h>

#include <cerrno>
#include <stdexcept>

namespace mujun::readers {

bool Utf8Validator::feed(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size(); ++i, ++offset_) {
    auto b = static_cast<unsigned char>(bytes[i]);
    if (need_ > 0) {
      if (b < lo_ || b > hi_) {
        error_offset_ = seq_start_;
        return false;
      }
      lo_ = 0x80;
      hi_ = 0xBF;
      --need_;
      continue;
    }
    if (b < 0x80) continue;
    seq_start_ = offset_;
    if (b >= 0xC2 && b <= 0xDF) {
      need_ = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need_ = 2;
      if (b == 0xE0) lo_ = 0xA0;  // overlong
      if (b == 0xED) hi_ = 0x9F;  // surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      need_ = 3;
      if (b == 0xF0) lo_ = 0x90;  // overlong
      if (b == 0xF4) hi_ = 0x8F;  // > U+10FFFF
    } else {
      error_offset_ = offset_;
      return false;
    }
  }
  return true;
}

Utf8Converter::Utf8Converter(const std::string& from) {
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv_open " + from);
  cd_ = cd;
}

Utf8Converter::~Utf8Converter() { iconv_close(static_cast<iconv_t>(cd_)); }

bool Utf8Converter::convert(std::string_view chunk, std::string& out) {
  std::string in = carry_;
  in.append(chunk);
  carry_.clear();
  char* src = in.data();
  std::size_t left = in.size();
  char buf[16384];
  while (left > 0) {
    char* dst = buf;
    std::size_t room = sizeof buf;
    std::size_t rc = iconv(static_cast<iconv_t>(cd_), &src, &left, &dst, &room);
    out.append(buf, static_cast<std::size_t>(dst - buf));
    if (rc != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) continue;
    if (errno == EINVAL) {  // incomplete sequence at the end of this chunk
      carry_.assign(src, left);
      break;
    }
    error_offset_ = offset_ + static_cast<std::uint64_t>(src - in.data());
    return false;
  }
  offset_ += in.size() - carry_.size();
  return true;
}

}  // namespace mujun::readers
