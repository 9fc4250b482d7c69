// Unit conversions: every accepted unit, with the exact expected micro-units worked out by hand
// from the factors in GLOSSARY.md (1 亩 = 10000/15 m², 1 公顷 = 15 亩 = 10000 m²) and the Chinese
// decimal prefixes (千 10³, 万 10⁴, 亿 10⁸).
#include <gtest/gtest.h>

#include "ingest/units.h"
#include "ingest/values.h"

using namespace mujun;
using namespace mujun::ingest;

namespace {
std::int64_t micros_of(std::string_view text, Dimension d, std::string_view unit_label) {
  auto u = find_unit(unit_label);
  EXPECT_TRUE(u.has_value()) << unit_label;
  auto p = parse_value(text, d, u);
  EXPECT_TRUE(p.has_value()) << text << " " << unit_label;
  return p.value.micros;
}
}  // namespace

TEST(Units, MoneyIntoWanYuan) {
  EXPECT_EQ(micros_of("1", Dimension::Money, "元"), 100);                 // 1 元 = 0.0001 万元
  EXPECT_EQ(micros_of("1234.56", Dimension::Money, "元"), 123'456);       // 0.123456 万元
  EXPECT_EQ(micros_of("1", Dimension::Money, "千元"), 100'000);           // 0.1 万元
  EXPECT_EQ(micros_of("1", Dimension::Money, "万元"), 1'000'000);
  EXPECT_EQ(micros_of("1", Dimension::Money, "亿元"), 10'000'000'000);    // 10000 万元
  EXPECT_EQ(micros_of("2.5", Dimension::Money, "亿元"), 25'000'000'000);
}

TEST(Units, AreaIntoSquareMetres) {
  EXPECT_EQ(micros_of("1", Dimension::Area, "平方米"), 1'000'000);
  EXPECT_EQ(micros_of("1", Dimension::Area, "㎡"), 1'000'000);
  EXPECT_EQ(micros_of("1", Dimension::Area, "m2"), 1'000'000);
  EXPECT_EQ(micros_of("1", Dimension::Area, "公顷"), 10'000'000'000);     // 10000 m²
  EXPECT_EQ(micros_of("3", Dimension::Area, "亩"), 2'000'000'000);        // 3 亩 = 2000 m² exactly
  EXPECT_EQ(micros_of("1.5", Dimension::Area, "亩"), 1'000'000'000);      // 1000 m² exactly
  // 1 亩 = 666.666666666… m² → 666666666.67 micro-m² → rounds to 666666667.
  auto one = parse_value("1", Dimension::Area, find_unit("亩"));
  EXPECT_EQ(one.value.micros, 666'666'667);
  EXPECT_TRUE(one.rounded);
  EXPECT_TRUE(one.issues.empty());  // 亩 rounding is stated once per column, not per cell
  // 0.5 亩 = 333.333333333… m² → 333333333.33 → 333333333.
  EXPECT_EQ(micros_of("0.5", Dimension::Area, "亩"), 333'333'333);
  EXPECT_FALSE(parse_value("3", Dimension::Area, find_unit("亩")).rounded);
}

TEST(Units, ElectricityIntoWanKwh) {
  EXPECT_EQ(micros_of("1", Dimension::Electricity, "千瓦时"), 100);        // 0.0001 万千瓦时
  EXPECT_EQ(micros_of("1", Dimension::Electricity, "度"), 100);
  EXPECT_EQ(micros_of("1", Dimension::Electricity, "kWh"), 100);
  EXPECT_EQ(micros_of("1", Dimension::Electricity, "万千瓦时"), 1'000'000);
  EXPECT_EQ(micros_of("1", Dimension::Electricity, "亿千瓦时"), 10'000'000'000);
  EXPECT_EQ(micros_of("1,234,567", Dimension::Electricity, "千瓦时"), 123'456'700);  // 123.4567
}

TEST(Units, EnergyIntoTce) {
  EXPECT_EQ(micros_of("1", Dimension::Energy, "吨标准煤"), 1'000'000);
  EXPECT_EQ(micros_of("1", Dimension::Energy, "tce"), 1'000'000);
  EXPECT_EQ(micros_of("1", Dimension::Energy, "千克标准煤"), 1'000);       // 0.001 tce
  EXPECT_EQ(micros_of("1", Dimension::Energy, "kgce"), 1'000);
  EXPECT_EQ(micros_of("1", Dimension::Energy, "万吨标准煤"), 10'000'000'000);
}

TEST(Units, MassPeopleFraction) {
  EXPECT_EQ(micros_of("1", Dimension::Mass, "吨"), 1'000'000);
  EXPECT_EQ(micros_of("1", Dimension::Mass, "千克"), 1'000);
  EXPECT_EQ(micros_of("1", Dimension::Mass, "公斤"), 1'000);
  EXPECT_EQ(micros_of("120", Dimension::People, "人"), 120'000'000);
  EXPECT_EQ(micros_of("12.5", Dimension::Fraction, "%"), 125'000);        // 0.125
}

TEST(Units, UnknownAndSpellings) {
  EXPECT_FALSE(find_unit("美元").has_value());
  EXPECT_FALSE(find_unit("万元/亩").has_value());
  ASSERT_TRUE(find_unit(" 单位：万元 ").has_value());
  EXPECT_EQ(find_unit("单位:万元")->label, "万元");
  EXPECT_EQ(find_unit("ＫＷＨ")->label, "千瓦时");  // full-width letters
}

TEST(Units, Descriptions) {
  EXPECT_EQ(describe_conversion(*find_unit("千元")),
            "千元 → 万元：× 1/10（精确） (千元 → 万元: × 1/10, exact)");
  EXPECT_EQ(describe_conversion(*find_unit("亿元")),
            "亿元 → 万元：× 10000（精确） (亿元 → 万元: × 10000, exact)");
  EXPECT_NE(describe_conversion(*find_unit("亩")).find("四舍六入五成双"), std::string::npos);
  EXPECT_NE(describe_conversion(*find_unit("万元")).find("不换算"), std::string::npos);
}
