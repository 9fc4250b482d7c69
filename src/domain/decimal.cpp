#include "domain/decimal.h"

#include <cmath>
#include <cstdlib>

namespace mujun {

Decimal Decimal::from_double(double v) {
  return Decimal{static_cast<std::int64_t>(std::llround(v * static_cast<double>(kScale)))};
}

std::optional<Decimal> Decimal::parse_exact(std::string_view t) {
  if (t.empty()) return std::nullopt;
  bool neg = false;
  std::size_t i = 0;
  if (t[0] == '-' || t[0] == '+') { neg = t[0] == '-'; i = 1; }
  std::int64_t whole = 0, frac = 0;
  int frac_digits = 0, digits = 0;
  bool dot = false;
  for (; i < t.size(); ++i) {
    char c = t[i];
    if (c == '.') { if (dot) return std::nullopt; dot = true; continue; }
    if (c < '0' || c > '9') return std::nullopt;
    ++digits;
    if (!dot) {
      if (whole > 9'000'000'000'000LL / 10) return std::nullopt;  // overflow guard (±9e12)
      whole = whole * 10 + (c - '0');
    } else {
      if (frac_digits == 6) { if (c != '0') return std::nullopt; continue; }
      frac = frac * 10 + (c - '0');
      ++frac_digits;
    }
  }
  if (digits == 0) return std::nullopt;
  while (frac_digits < 6) { frac *= 10; ++frac_digits; }
  std::int64_t m = whole * kScale + frac;
  return Decimal{neg ? -m : m};
}

std::string Decimal::to_string() const {
  std::int64_t m = micros;
  bool neg = m < 0;
  std::uint64_t a = neg ? static_cast<std::uint64_t>(-(m + 1)) + 1 : static_cast<std::uint64_t>(m);
  std::string s = std::to_string(a / kScale);
  std::uint64_t f = a % kScale;
  if (f) {
    std::string fs = std::to_string(f);
    fs.insert(0, 6 - fs.size(), '0');
    while (!fs.empty() && fs.back() == '0') fs.pop_back();
    s += "." + fs;
  }
  return neg ? "-" + s : s;
}

}  // namespace mujun
