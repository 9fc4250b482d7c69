// Unit table and conversion descriptions (see units.h).
#include "ingest/units.h"

#include <array>

#include <fmt/format.h>

#include "standards/text.h"

namespace mujun::ingest {
namespace {

using D = Dimension;

struct Spelling {
  std::string_view text;  // normalised spelling (ASCII upper case for Latin letters)
  Unit unit;
};

constexpr Unit kYuan{"元", D::Money, 1, 10'000};
constexpr Unit kQianYuan{"千元", D::Money, 1, 10};
constexpr Unit kWanYuan{"万元", D::Money, 1, 1};
constexpr Unit kYiYuan{"亿元", D::Money, 10'000, 1};
constexpr Unit kM2{"平方米", D::Area, 1, 1};
constexpr Unit kMu{"亩", D::Area, 2'000, 3, false};  // 10000/15 reduced
constexpr Unit kHectare{"公顷", D::Area, 10'000, 1};
constexpr Unit kKwh{"千瓦时", D::Electricity, 1, 10'000};
constexpr Unit kWanKwh{"万千瓦时", D::Electricity, 1, 1};
constexpr Unit kYiKwh{"亿千瓦时", D::Electricity, 10'000, 1};
constexpr Unit kTce{"吨标准煤", D::Energy, 1, 1};
constexpr Unit kKgce{"千克标准煤", D::Energy, 1, 1'000};
constexpr Unit kWanTce{"万吨标准煤", D::Energy, 10'000, 1};
constexpr Unit kTon{"吨", D::Mass, 1, 1};
constexpr Unit kKg{"千克", D::Mass, 1, 1'000};
constexpr Unit kPerson{"人", D::People, 1, 1};
constexpr Unit kRatio{"比例", D::Fraction, 1, 1};
constexpr Unit kPercent{"%", D::Fraction, 1, 100};
constexpr Unit kGe{"个", D::Count, 1, 1};

constexpr std::array kUnits{kWanYuan, kYuan, kQianYuan, kYiYuan, kM2, kMu, kHectare,
                            kTce, kKgce, kWanTce, kWanKwh, kKwh, kYiKwh, kTon, kKg,
                            kPerson, kRatio, kPercent, kGe};

constexpr std::array kSpellings{
    Spelling{"元", kYuan}, Spelling{"人民币元", kYuan}, Spelling{"千元", kQianYuan},
    Spelling{"万元", kWanYuan}, Spelling{"亿元", kYiYuan},
    Spelling{"平方米", kM2}, Spelling{"M2", kM2}, Spelling{"M²", kM2}, Spelling{"㎡", kM2},
    Spelling{"平米", kM2}, Spelling{"亩", kMu}, Spelling{"公顷", kHectare}, Spelling{"HA", kHectare},
    Spelling{"千瓦时", kKwh}, Spelling{"KWH", kKwh}, Spelling{"KW·H", kKwh}, Spelling{"度", kKwh},
    Spelling{"万千瓦时", kWanKwh}, Spelling{"万KWH", kWanKwh}, Spelling{"万度", kWanKwh},
    Spelling{"亿千瓦时", kYiKwh},
    Spelling{"吨标准煤", kTce}, Spelling{"吨标煤", kTce}, Spelling{"TCE", kTce},
    Spelling{"千克标准煤", kKgce}, Spelling{"KGCE", kKgce}, Spelling{"公斤标准煤", kKgce},
    Spelling{"万吨标准煤", kWanTce}, Spelling{"万吨标煤", kWanTce},
    Spelling{"吨", kTon}, Spelling{"T", kTon}, Spelling{"千克", kKg}, Spelling{"公斤", kKg},
    Spelling{"KG", kKg},
    Spelling{"人", kPerson}, Spelling{"%", kPercent}, Spelling{"百分比", kPercent},
    Spelling{"比例", kRatio},
    Spelling{"个", kGe}, Spelling{"件", Unit{"件", D::Count, 1, 1}},
    Spelling{"项", Unit{"项", D::Count, 1, 1}}, Spelling{"家", Unit{"家", D::Count, 1, 1}},
    Spelling{"年", Unit{"年", D::Count, 1, 1}}, Spelling{"分", Unit{"分", D::Count, 1, 1}},
    Spelling{"级", Unit{"级", D::Count, 1, 1}},
};

std::string normalise(std::string_view text) {
  std::string a = standards::fullwidth_to_ascii(text);
  std::string out;
  for (char c : a)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') out.push_back(c);
  constexpr std::string_view kPrefixes[] = {"单位:", "单位：", "单位"};
  for (auto p : kPrefixes)
    if (out.rfind(p, 0) == 0 && out.size() > p.size()) {
      out.erase(0, p.size());
      break;
    }
  return standards::to_upper_ascii(out);
}

}  // namespace

std::span<const Unit> all_units() { return kUnits; }

std::optional<Unit> find_unit(std::string_view text) {
  const std::string key = normalise(text);
  for (const auto& s : kSpellings)
    if (s.text == key) return s.unit;
  return std::nullopt;
}

Unit canonical_unit_of(Dimension d) {
  switch (d) {
    case D::Money: return kWanYuan;
    case D::Area: return kM2;
    case D::Energy: return kTce;
    case D::Electricity: return kWanKwh;
    case D::Mass: return kTon;
    case D::People: return kPerson;
    case D::Fraction: return kRatio;
    case D::Count: return kGe;
  }
  return kGe;
}

std::string_view dimension_name_zh(Dimension d) {
  switch (d) {
    case D::Money: return "金额";
    case D::Area: return "面积";
    case D::Energy: return "能耗";
    case D::Electricity: return "电量";
    case D::Mass: return "质量";
    case D::People: return "人数";
    case D::Fraction: return "比例";
    case D::Count: return "数量";
  }
  return "";
}

std::string describe_conversion(const Unit& u) {
  const Unit c = canonical_unit_of(u.dimension);
  std::string_view to = u.dimension == D::Fraction ? std::string_view("比例") : c.label;
  if (u.label == to || (u.num == 1 && u.den == 1))
    return fmt::format("{} → {}：不换算 ({} → {}: unchanged)", u.label, to, u.label, to);
  if (!u.exact)
    return fmt::format(
        "{} → {}：× 10000/15，四舍六入五成双到 0.000001 {}（非精确） ({} → {}: × 10000/15, rounded "
        "half-to-even to 0.000001, not exact)",
        u.label, to, to, u.label, to);
  std::string factor = u.den == 1 ? fmt::format("{}", u.num) : fmt::format("1/{}", u.den);
  return fmt::format("{} → {}：× {}（精确） ({} → {}: × {}, exact)", u.label, to, factor, u.label, to,
                     factor);
}

}  // namespace mujun::ingest
