// mujun statistics — text helpers shared by the terminal table and the bulletin writers.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "statistics/figure.h"

namespace mujun::statistics {

/// The figure's value with its display precision ("290.00", "5.3", "743"), or "—" when it has none.
std::string display_value(const Figure& f);

/// Columns a UTF-8 string takes in a terminal (CJK and full-width characters count 2).
std::size_t display_width(std::string_view utf8);

/// `s` padded with spaces on the right (left when `right_align`) to `width` terminal columns.
std::string pad(std::string_view s, std::size_t width, bool right_align = false);

}  // namespace mujun::statistics

namespace mujun::statistics {

/// Section names of the bulletin's figures, in order of first appearance.
std::vector<std::string> sections(const Bulletin& b);
/// "2024年 万盛经开区 数据一览" (zone name omitted when unknown).
std::string bulletin_title(const Bulletin& b);
/// Strings joined with `sep`.
std::string join(const std::vector<std::string>& v, std::string_view sep = "、");

}  // namespace mujun::statistics
