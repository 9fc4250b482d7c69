// mujun statistics — interval arithmetic over printed (rounded) figures, and a tiny formula language
// (+ − * / parentheses, decimal numbers, identifiers made of letters, digits, '_' and '.') used by the
// published-overview check. Pure.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mujun::statistics {

/// Closed range [lo, hi]; ±infinity for an open side (e.g. "突破290" = [290, +inf]).
struct Interval {
  double lo = 0, hi = 0;
  static Interval point(double v) { return {v, v}; }
  bool contains(double v) const { return lo <= v && v <= hi; }
  bool overlaps(const Interval& o) const { return lo <= o.hi && o.lo <= hi; }
};

Interval operator+(Interval a, Interval b);
Interval operator-(Interval a, Interval b);
Interval operator*(Interval a, Interval b);
/// Division; a divisor range containing 0 gives [-inf, +inf].
Interval operator/(Interval a, Interval b);

/// Evaluates `formula`, looking identifiers up with `lookup`. Throws std::invalid_argument with a
/// Chinese-first message for a syntax error or an identifier that `lookup` does not know.
Interval evaluate(std::string_view formula, const std::function<std::optional<Interval>(std::string_view)>& lookup);

/// Identifiers of `formula`, in order of appearance (repeats kept once).
std::vector<std::string> identifiers(std::string_view formula);

/// `formula` with each identifier replaced by replace(id) (the arithmetic as a reader checks it).
std::string substitute(std::string_view formula, const std::function<std::string(std::string_view)>& replace);

}  // namespace mujun::statistics
