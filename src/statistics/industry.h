// mujun statistics — GB/T 4754-2017 industry-code helpers used to scope the zone's figures.
//
// Source: GB/T 4754-2017 《国民经济行业分类》 (../shared/reference/data-standards.md): 工业 = 门类 B 采矿业
// (大类 06–12), C 制造业 (13–43), D 电力、热力、燃气及水生产和供应业 (44–46). The statistics bureau's
// 规上工业 covers all three; "规上制造业" (the per-mu figures of 亩均论英雄) covers C only.
#pragma once
#include <string>
#include <string_view>

namespace mujun::statistics {

/// The 4-digit (or shorter) numeric part of an industry code: "C3841" → "3841", " 3841 " → "3841".
/// Returns "" when the text holds no digits.
std::string numeric_industry_code(std::string_view code);

/// The 2-digit 大类 (division) number of a code, or -1 when unknown / not numeric.
int industry_division(std::string_view code);

/// True for 工业 divisions 06–46 (门类 B, C, D). Unknown codes are not industrial.
bool is_industrial(std::string_view code);

/// True for 制造业 divisions 13–43 (门类 C).
bool is_manufacturing(std::string_view code);

}  // namespace mujun::statistics
