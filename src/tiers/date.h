// mujun tiers — calendar dates for certificate validity and rule-set version gates.
//
// Pure value type; the assessment date is always an input (DESIGN.md principle 1: no clock).
#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace mujun::tiers {

struct Date {
  int y = 0, m = 0, d = 0;

  /// Parses an ISO date "YYYY-MM-DD" (also "YYYY/MM/DD"); nullopt when malformed or not a real
  /// calendar date (e.g. "2024-02-30").
  static std::optional<Date> parse(std::string_view iso);
  /// "YYYY-MM-DD".
  std::string to_string() const;
  /// Same month/day `n` years later (29 Feb → 28 Feb in a non-leap year).
  Date plus_years(int n) const;
  /// The previous calendar day.
  Date minus_day() const;
  friend auto operator<=>(const Date&, const Date&) = default;
};

/// Dec 31 of `year`.
inline Date year_end(int year) { return Date{year, 12, 31}; }

}  // namespace mujun::tiers
