// mujun — the text encodings of CSV files: strict UTF-8 validation and streaming conversion to
// UTF-8 through iconv (glibc).
//
// DESIGN.md: "strict UTF-8 check first, then strict GB18030 decoding (iconv), and say which was
// used — uchardet alone misreads short GBK text". GB18030 (GB 18030-2005) is a superset of GBK and
// GB2312, so one decoder covers all three, including its 4-byte sequences that GBK lacks (case
// 06b: U+34B2 㒲 = 0x82 0x30 0x82 0x35).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mujun::readers {

/// Validates UTF-8 fed in chunks of any size (a sequence may straddle chunks). Rejects overlong
/// forms, surrogates and code points past U+10FFFF.
class Utf8Validator {
 public:
  /// False at the first invalid byte (then `error_offset()` is the offset from the start of the
  /// invalid sequence's first byte, as Python's UnicodeDecodeError.start).
  bool feed(std::string_view bytes);
  /// False when the input ended inside a sequence.
  bool finish() const { return need_ == 0; }
  std::uint64_t error_offset() const { return error_offset_; }

 private:
  int need_ = 0;
  unsigned char lo_ = 0x80, hi_ = 0xBF;  // allowed range of the next continuation byte
  std::uint64_t offset_ = 0, error_offset_ = 0;
  std::uint64_t seq_start_ = 0;  // offset of the lead byte of the sequence being read
};

/// Streaming converter from `from` ("GB18030", "UTF-16LE", "UTF-16BE") to UTF-8. Strict: an
/// invalid or incomplete sequence fails (never replaced, never skipped).
class Utf8Converter {
 public:
  explicit Utf8Converter(const std::string& from);  ///< throws std::runtime_error if unknown
  ~Utf8Converter();
  Utf8Converter(const Utf8Converter&) = delete;
  Utf8Converter& operator=(const Utf8Converter&) = delete;
  /// Appends the UTF-8 of `in` to `out`; a sequence cut at the chunk's end is kept for the next
  /// call. Returns false at an invalid sequence (its input offset in `error_offset()`).
  bool convert(std::string_view in, std::string& out);
  /// False when bytes of an incomplete sequence are left at the end of the input.
  bool finish() const { return carry_.empty(); }
  std::uint64_t error_offset() const { return error_offset_; }

 private:
  void* cd_;
  std::string carry_;
  std::uint64_t offset_ = 0, error_offset_ = 0;
};

}  // namespace mujun::readers
