// Cell value parsing. Expected micros are worked out by hand (shown next to each case).
#include <gtest/gtest.h>

#include <cmath>

#include "ingest/values.h"

using namespace mujun;
using namespace mujun::ingest;

namespace {
const std::optional<Unit> kYuan = find_unit("元");
const std::optional<Unit> kQianYuan = find_unit("千元");
const std::optional<Unit> kWanYuan = find_unit("万元");

bool has(const ParsedValue& p, std::string_view code) {
  for (const auto& i : p.issues)
    if (i.code == code) return true;
  return false;
}
}  // namespace

TEST(Values, MissingIsNotZero) {
  for (std::string_view m : {"", "  ", "-", "--", "—", "——", "–", "/", "N/A", "NULL", "空", "　"}) {
    auto p = parse_value(m, Dimension::Money, kWanYuan);
    EXPECT_TRUE(p.missing()) << m;
    EXPECT_TRUE(p.issues.empty()) << m;
  }
  auto zero = parse_value("0", Dimension::Money, kWanYuan);
  ASSERT_TRUE(zero.has_value());
  EXPECT_EQ(zero.value.micros, 0);
  EXPECT_TRUE(parse_value("-5", Dimension::Money, kWanYuan).has_value());  // a sign is not a marker
}

TEST(Values, ThousandsSeparators) {
  // 1,234,567.89 元 = 123.456789 万元
  EXPECT_EQ(parse_value("1,234,567.89", Dimension::Money, kYuan).value.micros, 123'456'789);
  // full-width comma ，and a space as separators
  EXPECT_EQ(parse_value("1，234", Dimension::Money, kWanYuan).value.micros, 1'234'000'000);
  EXPECT_EQ(parse_value("1 234 567", Dimension::Money, kYuan).value.micros, 123'456'700);
  auto bad = parse_value("1,23", Dimension::Money, kWanYuan);  // European decimal comma?
  EXPECT_EQ(bad.state, ParsedValue::State::Invalid);
  EXPECT_TRUE(has(bad, "value.bad_grouping"));
  EXPECT_TRUE(has(parse_value("1234,567", Dimension::Money, kWanYuan), "value.bad_grouping"));
}

TEST(Values, FullWidthDigitsAndSigns) {
  // "１２３４．５" 万元 = 1234.5 万元
  EXPECT_EQ(parse_value("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94\xEF\xBC\x8E\xEF\xBC\x95",
                        Dimension::Money, kWanYuan).value.micros,
            1'234'500'000);
  EXPECT_EQ(parse_value("－12", Dimension::Money, kWanYuan).value.micros, -12'000'000);  // full-width minus
  EXPECT_EQ(parse_value("−12", Dimension::Money, kWanYuan).value.micros, -12'000'000);   // U+2212
  EXPECT_EQ(parse_value("+7", Dimension::Money, kWanYuan).value.micros, 7'000'000);
  EXPECT_EQ(parse_value("¥1,000", Dimension::Money, kYuan).value.micros, 100'000);       // 0.1 万元
}

TEST(Values, ParenthesesNegative) {
  // (1,234) 千元 = −123.4 万元; full-width parentheses too
  EXPECT_EQ(parse_value("(1,234)", Dimension::Money, kQianYuan).value.micros, -123'400'000);
  EXPECT_EQ(parse_value("（1,234）", Dimension::Money, kQianYuan).value.micros, -123'400'000);
}

TEST(Values, ScientificNotation) {
  // 1.2E+07 元 = 1200 万元
  EXPECT_EQ(parse_value("1.2E+07", Dimension::Money, kYuan).value.micros, 1'200'000'000);
  EXPECT_EQ(parse_value("3e-2", Dimension::Money, kWanYuan).value.micros, 30'000);
  EXPECT_EQ(parse_value("1.5E3", Dimension::Money, kWanYuan).value.micros, 1'500'000'000);
}

TEST(Values, Percentages) {
  auto frac = find_unit("比例");
  EXPECT_EQ(parse_value("3%", Dimension::Fraction, std::nullopt).value.micros, 30'000);   // 0.03
  EXPECT_EQ(parse_value("3.5％", Dimension::Fraction, frac).value.micros, 35'000);       // full-width %
  EXPECT_EQ(parse_value("0.035", Dimension::Fraction, std::nullopt).value.micros, 35'000);
  EXPECT_EQ(parse_value("3.5", Dimension::Fraction, find_unit("%")).value.micros, 35'000);  // header (%)
  auto p = parse_value("5%", Dimension::Money, kWanYuan);
  EXPECT_EQ(p.state, ParsedValue::State::Invalid);
  EXPECT_TRUE(has(p, "value.percent_not_allowed"));
}

TEST(Values, TrailingUnits) {
  auto p = parse_value("12万元", Dimension::Money, kYuan);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p.value.micros, 12'000'000);
  EXPECT_TRUE(has(p, "unit.cell_overrides_header"));
  EXPECT_EQ(p.issues[0].severity, Severity::Warning);
  auto q = parse_value("1200 平方米", Dimension::Area, std::nullopt);
  EXPECT_EQ(q.value.micros, 1'200'000'000);
  EXPECT_TRUE(q.issues.empty());
  EXPECT_EQ(parse_value("35人", Dimension::People, std::nullopt).value.micros, 35'000'000);
  EXPECT_TRUE(has(parse_value("12美元", Dimension::Money, kWanYuan), "unit.unknown"));
  EXPECT_TRUE(has(parse_value("12平方米", Dimension::Money, kWanYuan), "unit.dimension_mismatch"));
}

TEST(Values, UnitNeverGuessed) {
  auto p = parse_value("100", Dimension::Money, std::nullopt);
  EXPECT_EQ(p.state, ParsedValue::State::Invalid);
  ASSERT_TRUE(has(p, "unit.missing"));
  EXPECT_NE(p.issues[0].message.find("不会被猜测"), std::string::npos);
  EXPECT_EQ(parse_value("100", Dimension::People, std::nullopt).value.micros, 100'000'000);
}

TEST(Values, NotANumber) {
  for (std::string_view t : {"abc", "1.2.3", "#", "约100"}) {
    auto p = parse_value(t, Dimension::Money, kWanYuan);
    EXPECT_EQ(p.state, ParsedValue::State::Invalid) << t;
  }
  EXPECT_TRUE(has(parse_value("abc", Dimension::Money, kWanYuan), "value.not_a_number"));
  EXPECT_TRUE(has(parse_value("#DIV/0!", Dimension::Money, kWanYuan), "value.excel_error"));
  auto p = parse_value("abc", Dimension::Money, kWanYuan);
  EXPECT_EQ(p.issues[0].raw_value, "abc");
  EXPECT_EQ(p.issues[0].severity, Severity::Error);
}

TEST(Values, RoundingHalfEvenAndReported) {
  // 0.015 元 = 0.0000015 万元 = 1.5 micro → 2 (half to even); 0.025 元 = 2.5 micro → 2.
  auto a = parse_value("0.015", Dimension::Money, kYuan);
  EXPECT_EQ(a.value.micros, 2);
  EXPECT_TRUE(a.rounded);
  EXPECT_TRUE(has(a, "value.rounded"));
  EXPECT_EQ(parse_value("0.025", Dimension::Money, kYuan).value.micros, 2);
  EXPECT_EQ(parse_value("0.035", Dimension::Money, kYuan).value.micros, 4);
  // Exact to the fen: no rounding.
  auto b = parse_value("0.01", Dimension::Money, kYuan);
  EXPECT_EQ(b.value.micros, 1);
  EXPECT_FALSE(b.rounded);
  EXPECT_TRUE(b.issues.empty());
}

TEST(Values, ExactSumsOfManyRows) {
  // 10000 rows of 0.01 元 sum to exactly 1 元 = 100 micro-万元 (no float drift).
  std::int64_t sum = 0;
  for (int i = 0; i < 10000; ++i) sum += parse_value("0.01", Dimension::Money, kYuan).value.micros;
  EXPECT_EQ(sum, 10'000);
}

TEST(Values, OutOfRange) {
  EXPECT_TRUE(has(parse_value("1e30", Dimension::Money, kWanYuan), "value.out_of_range"));
  EXPECT_TRUE(has(parse_value("99999999999999999999", Dimension::Money, find_unit("亿元")), "value.out_of_range"));
}

TEST(Values, ExcelNumberCells) {
  EXPECT_EQ(number_text(12345.6), "12345.6");
  EXPECT_EQ(number_text(1.2e7), "12000000");
  EXPECT_EQ(number_text(0.1 + 0.2), "0.3");  // 0.30000000000000004 → Excel's 15 digits
  // 12345.6 千元 = 1234.56 万元
  EXPECT_EQ(parse_number(12345.6, Dimension::Money, kQianYuan).value.micros, 1'234'560'000);
  EXPECT_EQ(parse_number(0.1 + 0.2, Dimension::Money, kWanYuan).value.micros, 300'000);
  EXPECT_EQ(parse_number(-42, Dimension::Money, kWanYuan).value.micros, -42'000'000);
  EXPECT_TRUE(has(parse_number(std::nan(""), Dimension::Money, kWanYuan), "value.not_a_number"));
}
