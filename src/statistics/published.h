// mujun statistics — a published overview (数据一览) as data, to be checked against the data and
// against itself. File format (example: examples/wansheng-2024/published.toml; docs/statistics.md):
//
//   [published]  title, source, year
//   [[figure]]   id      — the computed figure it should match (Bulletin ids), or a local name
//                label, unit ("亿元", "万元", "%", "万元/亩", "家", …)
//                value   — as printed, preferably a string ("260.96", "5.30") so trailing zeros count
//                decimals — optional; default = digits after the point in `value`
//                bound   — "about" (default: the true value rounds to the printed one),
//                          "at_least" (突破/超过/跨越: true ≥ printed), "at_most", "exact"
//                text    — the printed wording, e.g. "突破290亿元"
//   [[relation]] figure  — id of a published figure, checked against `formula`
//                formula — arithmetic over published figure ids: + − * / ( ) and numbers,
//                          e.g. "clusters_output / above_scale_gross_output * 100"
//                kind    — "share" | "growth" | "per_mu" | "sum" | other (label only)
//                op      — "=" (default: the ranges overlap), ">=" or "<=" (figure vs formula)
//                solve_for — optional id: the value it would need for the figure to hold
//                note    — assumptions, shown with the result
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/issue.h"

namespace mujun::statistics {

enum class Bound { About, AtLeast, AtMost, Exact };

struct PublishedFigure {
  std::string id, label, unit, text;
  std::string printed;  ///< the value as printed, e.g. "260.96"
  double value = 0;     ///< numeric value of `printed`
  int decimals = 0;     ///< printed precision
  Bound bound = Bound::About;
  long line = 0;        ///< line in the TOML file
};

struct PublishedRelation {
  std::string figure, formula, kind, op = "=", solve_for, note;
  long line = 0;
};

struct Published {
  std::string title, source;
  int year = 0;
  std::vector<PublishedFigure> figures;
  std::vector<PublishedRelation> relations;
  const PublishedFigure* find(std::string_view id) const;
};

struct PublishedParse {
  std::optional<Published> published;  ///< nullopt when any Error issue
  Issues issues;
};

/// Parses a published overview. Errors (file, line, key, value, fix): TOML syntax, a figure without id or
/// value, a value that is not a decimal number, an unknown bound, a relation naming an unknown figure.
PublishedParse parse_published(std::string_view toml_text, std::string_view file_name);

}  // namespace mujun::statistics
