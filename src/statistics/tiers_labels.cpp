#include "statistics/tiers_labels.h"

#include <utility>

namespace mujun::statistics {

namespace {
constexpr std::pair<std::string_view, std::string_view> kTiers[] = {
    {"tech_enterprise", "科技型企业"},
    {"tech_sme", "科技型中小企业"},
    {"innovative_sme", "创新型中小企业"},
    {"high_tech_enterprise", "高新技术企业"},
    {"specialized_sme", "专精特新中小企业"},
    {"little_giant", "专精特新“小巨人”企业"},
    {"single_champion", "制造业单项冠军"},
    {"chain_leader", "链主企业"},
    {"smart_factory", "智能工厂"},
    {"digital_workshop", "数字化车间"},
    {"green_factory", "绿色工厂"},
};
}  // namespace

const std::vector<std::string_view>& counted_tiers() {
  static const std::vector<std::string_view> v = [] {
    std::vector<std::string_view> out;
    for (const auto& [id, label] : kTiers) out.push_back(id);
    return out;
  }();
  return v;
}

std::string_view tier_label_zh(std::string_view tier) {
  for (const auto& [id, label] : kTiers)
    if (id == tier) return label;
  return tier;
}

std::string_view level_label_zh(std::string_view level) {
  if (level == "national") return "国家级";
  if (level == "municipal") return "市级";
  if (level == "district") return "区级";
  return level;
}

}  // namespace mujun::statistics
