// mujun statistics — Chinese labels of certificate tiers and levels (GLOSSARY.md "梯度培育",
// "认定 / 证书 / 有效期", "智能工厂 / 数字化车间 / 绿色工厂").
#pragma once
#include <string_view>
#include <vector>

namespace mujun::statistics {

/// Tier ids counted in the overview, in display order.
const std::vector<std::string_view>& counted_tiers();
/// "high_tech_enterprise" → "高新技术企业"; unknown ids are returned as given.
std::string_view tier_label_zh(std::string_view tier);
/// "national" → "国家级", "municipal" → "市级", "district" → "区级"; others as given.
std::string_view level_label_zh(std::string_view level);

}  // namespace mujun::statistics
