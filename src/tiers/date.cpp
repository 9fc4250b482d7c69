#include "tiers/date.h"

#include <fmt/format.h>

#include <charconv>

namespace mujun::tiers {
namespace {
bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in(int y, int m) {
  static constexpr int k[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : k[m - 1];
}
bool to_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}
}  // namespace

std::optional<Date> Date::parse(std::string_view s) {
  if (s.size() != 10 || (s[4] != '-' && s[4] != '/') || s[7] != s[4]) return std::nullopt;
  Date r;
  if (!to_int(s.substr(0, 4), r.y) || !to_int(s.substr(5, 2), r.m) || !to_int(s.substr(8, 2), r.d))
    return std::nullopt;
  if (r.m < 1 || r.m > 12 || r.d < 1 || r.d > days_in(r.y, r.m)) return std::nullopt;
  return r;
}

std::string Date::to_string() const { return fmt::format("{:04}-{:02}-{:02}", y, m, d); }

Date Date::plus_years(int n) const {
  Date r{y + n, m, d};
  if (r.m == 2 && r.d == 29 && !leap(r.y)) r.d = 28;
  return r;
}

Date Date::minus_day() const {
  if (d > 1) return Date{y, m, d - 1};
  if (m > 1) return Date{y, m - 1, days_in(y, m - 1)};
  return Date{y - 1, 12, 31};
}

}  // namespace mujun::tiers
