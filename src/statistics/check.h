// mujun statistics — checks a published overview (published.h) two ways, with the arithmetic shown:
//  1. reproduction: does the figure computed from the data (Bulletin) fall in the range the printed
//     value stands for (its rounding, or its "突破/超过" bound)?
//  2. consistency: do the published figures agree with each other (share vs part/total, growth vs the
//     two years, per-mu vs totals, sums)? Each relation is evaluated with interval arithmetic over
//     the printed ranges; a relation fails when the ranges cannot overlap.
// Source of the need: ../shared/reference/wansheng-2024.md "Figures that cannot all be true"
// (260.96 / 290 = 90.0 %, not the printed 92 %).
#pragma once
#include <string>
#include <vector>

#include "statistics/figure.h"
#include "statistics/interval.h"
#include "statistics/published.h"

namespace mujun::statistics {

enum class Verdict { Pass, Fail, NotChecked };
std::string_view verdict_zh(Verdict v);  ///< "符合" / "不符" / "未检查"

struct CheckLine {
  std::string id;          ///< published figure id
  std::string label;
  std::string kind;        ///< "reproduce" or the relation kind ("share", "growth", "per_mu", "sum", …)
  Verdict verdict = Verdict::NotChecked;
  std::string arithmetic;  ///< the computation, with numbers (Chinese)
  std::string message;     ///< the conclusion (Chinese first)
};

struct CheckReport {
  std::string title;
  std::vector<CheckLine> reproduction;
  std::vector<CheckLine> consistency;
  std::size_t failures() const;
};

/// The range a printed figure stands for: about → value ± half a unit of its last digit; at_least →
/// [value, +inf]; at_most → [-inf, value]; exact → [value, value].
Interval printed_range(const PublishedFigure& f);

/// Factor converting a value in unit `from` into unit `to` (万元↔亿元↔元, "%"↔"fraction"); nullopt when
/// the units are not convertible.
std::optional<double> unit_factor(std::string_view from, std::string_view to);

/// Runs both checks. Figures whose id has no computed counterpart are "未检查" in reproduction.
CheckReport check_published(const Published& published, const Bulletin& bulletin);

}  // namespace mujun::statistics
