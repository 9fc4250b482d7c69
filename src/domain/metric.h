// mujun — the metric registry: input quantities and their canonical units (GLOSSARY.md "Metrics").
//
// A metric id is the field's standard English term (`tax_paid`, `value_added`, …). Facts are stored
// per enterprise × period × metric × source in the canonical unit given here; importers convert into
// it and say so in the import report.
#pragma once
#include <span>
#include <string_view>

namespace mujun {

/// The physical dimension of a metric; it decides which input units may be converted into it.
enum class Dimension {
  Money,        ///< canonical 万元 (accepts 元, 千元, 万元, 亿元)
  Area,         ///< canonical 平方米 m² (accepts 平方米, 亩, 公顷)
  Energy,       ///< canonical 吨标准煤 tce (accepts 吨标准煤, 千克标准煤, 万吨标准煤)
  Electricity,  ///< canonical 万千瓦时 (accepts 千瓦时/度, 万千瓦时, 亿千瓦时)
  Mass,         ///< canonical 吨 (accepts 吨, 千克)
  People,       ///< canonical 人
  Fraction,     ///< canonical plain fraction (0.03 = 3 %; accepts "3%" and "3" under a （%） header)
  Count,        ///< canonical 个/项/家
};

struct MetricInfo {
  std::string_view id;        ///< standard identifier, e.g. "tax_paid"
  std::string_view label_zh;  ///< Chinese label used on screens, e.g. "税收"
  Dimension dimension;
  std::string_view unit_zh;   ///< canonical unit as shown in headers, e.g. "万元"
  std::string_view source;    ///< usual source agency (GLOSSARY.md), e.g. "tax"
};

/// All metrics, in glossary order.
std::span<const MetricInfo> all_metrics();
/// The metric with this id, or nullptr.
const MetricInfo* find_metric(std::string_view id);
/// Canonical unit label of a dimension ("万元", "平方米", …).
std::string_view canonical_unit(Dimension d);

}  // namespace mujun
