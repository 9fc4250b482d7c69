// mujun — input units and their exact conversion into the canonical unit of a dimension.
//
// Canonical units (GLOSSARY.md "Metrics", domain/metric.h): money 万元, area 平方米 (m²), energy
// 吨标准煤 (tce), electricity 万千瓦时, mass 吨, people 人, fraction (plain ratio), count 个/件/项.
// A conversion is the exact rational factor num/den (canonical = value × num / den). All factors are
// exact in decimal except 亩 → m² (×10000/15 = ×2000/3): values are then rounded half-to-even to the
// micro-m² and the import report says so (`Unit::exact` = false, `describe_conversion`).
// Sources: 1 亩 = 10000/15 m², 1 公顷 = 15 亩 = 10000 m² (GLOSSARY.md "用地面积"); money and energy
// prefixes are the plain Chinese decimal units (千 = 10³, 万 = 10⁴, 亿 = 10⁸).
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/metric.h"

namespace mujun::ingest {

/// One accepted input unit.
struct Unit {
  std::string_view label;  ///< canonical spelling shown in reports, e.g. "千元"
  Dimension dimension;
  std::int64_t num = 1;    ///< canonical = value × num / den
  std::int64_t den = 1;
  bool exact = true;       ///< false when the factor is not a power of ten (亩 only)

  friend bool operator==(const Unit& a, const Unit& b) {
    return a.label == b.label && a.dimension == b.dimension;
  }
};

/// Every accepted unit, canonical unit of each dimension first.
std::span<const Unit> all_units();

/// Finds a unit by its spelling in a header or cell. Accepts the canonical labels and synonyms:
/// 元 千元 万元 亿元 · 平方米 m2 m² ㎡ 亩 公顷 · 千瓦时 kWh 度 万千瓦时 万kWh 亿千瓦时 ·
/// 吨标准煤 吨标煤 tce 千克标准煤 kgce 万吨标准煤 · 吨 t 千克 公斤 kg · 人 · % 百分比 ·
/// 个 件 项 家 年 分 级. Input is compared after full-width → ASCII, removal of spaces and
/// "单位:" prefix, case-insensitive for Latin letters. Returns nullopt for anything else.
std::optional<Unit> find_unit(std::string_view text);

/// The canonical unit of a dimension (factor 1/1).
Unit canonical_unit_of(Dimension d);

/// One line for the import report, Chinese first, e.g.
/// "千元 → 万元：× 1/10（精确） (thousand yuan → 10k yuan: × 1/10, exact)" or for 亩
/// "亩 → 平方米：× 10000/15，四舍六入五成双到 0.000001 平方米（非精确） (mu → m²: × 10000/15, rounded half-even to 1e-6 m²)".
std::string describe_conversion(const Unit& u);

/// Chinese name of a dimension for messages ("金额", "面积", "能耗", "电量", "质量", "人数", "比例", "数量").
std::string_view dimension_name_zh(Dimension d);

}  // namespace mujun::ingest
