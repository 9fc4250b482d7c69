// mujun — small UTF-8 text helpers shared by the standards and ingest modules (no I/O).
#pragma once
#include <string>
#include <string_view>

namespace mujun::standards {

/// Converts full-width ASCII variants (U+FF01–U+FF5E) to ASCII, the ideographic space U+3000 and
/// NBSP U+00A0 to ' ', and leaves every other character untouched. Example: "９１５０ＡＢ" → "9150AB".
std::string fullwidth_to_ascii(std::string_view s);

/// Removes leading/trailing ASCII whitespace (space, \t, \r, \n, \v, \f) from `s`.
std::string_view trim_ascii(std::string_view s);

/// ASCII upper-casing; non-ASCII bytes are kept.
std::string to_upper_ascii(std::string_view s);

/// Number of UTF-8 code points in `s` (bytes 10xxxxxx are continuation bytes).
std::size_t utf8_length(std::string_view s);

}  // namespace mujun::standards
