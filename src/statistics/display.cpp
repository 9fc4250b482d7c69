#include "statistics/display.h"

#include <algorithm>

#include <fmt/format.h>

namespace mujun::statistics {

std::string display_value(const Figure& f) {
  if (!f.value) return "—";
  return fmt::format("{:.{}f}", *f.value, f.decimals);
}

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    int len;
    if (c < 0x80) { cp = c; len = 1; }
    else if ((c >> 5) == 6) { cp = c & 0x1F; len = 2; }
    else if ((c >> 4) == 14) { cp = c & 0x0F; len = 3; }
    else { cp = c & 0x07; len = 4; }
    for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    w += wide ? 2 : 1;
  }
  return w;
}

std::string pad(std::string_view s, std::size_t width, bool right_align) {
  std::size_t w = display_width(s);
  std::string fill(w < width ? width - w : 0, ' ');
  return right_align ? fill + std::string(s) : std::string(s) + fill;
}

}  // namespace mujun::statistics

namespace mujun::statistics {

std::vector<std::string> sections(const Bulletin& b) {
  std::vector<std::string> out;
  for (const auto& f : b.figures)
    if (std::find(out.begin(), out.end(), f.section) == out.end()) out.push_back(f.section);
  return out;
}

std::string bulletin_title(const Bulletin& b) {
  return fmt::format("{}年{}数据一览", b.year, b.zone_name.empty() ? "" : " " + b.zone_name + " ");
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string o;
  for (const auto& s : v) {
    if (!o.empty()) o += sep;
    o += s;
  }
  return o;
}

}  // namespace mujun::statistics
