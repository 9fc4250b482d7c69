// mujun — exact fixed-point quantities.
//
// Every stored quantity (money in 万元, area in m², energy in tce, electricity in 万千瓦时, people)
// is kept as an integer count of micro-units (1e-6) of its canonical unit (GLOSSARY.md, "Metrics").
// 1e-6 万元 = 0.01 元 = 1 分, so any amount given to the fen in any money unit is exact, and sums of
// any number of rows reconcile exactly with the input (DESIGN.md principle 4, "Exact money").
// Range: ±9.2e12 canonical units (9.2e12 万元), far beyond any enterprise or province.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mujun {

/// Fixed-point value: `micros` = value × 1,000,000 in the canonical unit of its metric.
struct Decimal {
  std::int64_t micros = 0;

  static constexpr std::int64_t kScale = 1'000'000;

  /// From a whole number of micro-units.
  static constexpr Decimal from_micros(std::int64_t m) { return Decimal{m}; }
  /// From a double, rounded half away from zero to the nearest micro-unit (use only for values
  /// that are not money read from files: generated data, test fixtures).
  static Decimal from_double(double v);
  /// Parses a plain ASCII decimal ("-123.456789", "1e3" is NOT accepted). Returns nullopt when the
  /// text is not a decimal or has more than 6 fractional digits that are not zeros after rounding
  /// would be needed (see `parse_rounded`).
  static std::optional<Decimal> parse_exact(std::string_view text);

  double to_double() const { return static_cast<double>(micros) / kScale; }
  /// Canonical text: no exponent, trailing zeros removed ("12.5", "-0.000001", "300").
  std::string to_string() const;

  friend constexpr Decimal operator+(Decimal a, Decimal b) { return Decimal{a.micros + b.micros}; }
  friend constexpr Decimal operator-(Decimal a, Decimal b) { return Decimal{a.micros - b.micros}; }
  constexpr Decimal& operator+=(Decimal b) { micros += b.micros; return *this; }
  friend constexpr auto operator<=>(Decimal, Decimal) = default;
};

}  // namespace mujun
