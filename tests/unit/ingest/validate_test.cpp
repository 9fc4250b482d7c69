// Categorical cells and plausibility rules. Excel serials: 45292 = 2024-01-01 and 61 = 1900-03-01
// (Excel 1900 date system, which counts the fictitious 1900-02-29 as serial 60). The 2000 万元
// threshold of 规上 is GLOSSARY.md "above_scale".
#include <gtest/gtest.h>

#include "ingest/validate.h"

using namespace mujun;
using namespace mujun::ingest;

namespace {
bool has(const Issues& is, std::string_view code, Severity sev) {
  for (const auto& i : is)
    if (i.code == code && i.severity == sev) return true;
  return false;
}
Decimal wan(std::int64_t v) { return Decimal::from_micros(v * Decimal::kScale); }
}  // namespace

TEST(Validate, Flags) {
  Issues is;
  EXPECT_EQ(parse_flag("是", is), true);
  EXPECT_EQ(parse_flag(" 否 ", is), false);
  EXPECT_EQ(parse_flag("ｙ", is), true);
  EXPECT_EQ(parse_flag("0", is), false);
  EXPECT_EQ(parse_flag("规上", is), true);
  EXPECT_TRUE(is.empty());
  EXPECT_FALSE(parse_flag("", is).has_value());
  EXPECT_TRUE(is.empty());
  EXPECT_FALSE(parse_flag("可能", is).has_value());
  EXPECT_TRUE(has(is, "flag.invalid", Severity::Error));
}

TEST(Validate, TenureLevelType) {
  Issues is;
  EXPECT_EQ(parse_tenure("自有", is), "owned");
  EXPECT_EQ(parse_tenure("出让", is), "owned");
  EXPECT_EQ(parse_tenure("划拨", is), "owned");
  EXPECT_EQ(parse_tenure("租赁", is), "leased");
  EXPECT_EQ(parse_cert_level("国家级", is), "national");
  EXPECT_EQ(parse_cert_level("市级", is), "municipal");
  EXPECT_EQ(parse_cert_level("区级", is), "district");
  EXPECT_EQ(parse_cert_type("专精特新“小巨人”企业", is), "little_giant");
  EXPECT_EQ(parse_cert_type("高新技术企业", is), "high_tech_enterprise");
  EXPECT_EQ(parse_cert_type("科技型中小企业", is), "tech_sme");
  // 重庆市科技型企业 (入库) is not the national tier (tier-criteria.md §11).
  EXPECT_EQ(parse_cert_type("科技型企业", is), "tech_enterprise");
  EXPECT_EQ(parse_cert_type("市级智能工厂", is), "smart_factory");
  EXPECT_EQ(parse_cert_type("绿色工厂", is), "green_factory");
  EXPECT_TRUE(is.empty());
  EXPECT_FALSE(parse_tenure("借用", is));
  EXPECT_FALSE(parse_cert_level("乡级", is));
  EXPECT_FALSE(parse_cert_type("优秀企业", is));
  EXPECT_TRUE(has(is, "tenure.invalid", Severity::Error));
  EXPECT_TRUE(has(is, "cert_level.invalid", Severity::Error));
  EXPECT_TRUE(has(is, "cert_type.unknown", Severity::Error));
}

TEST(Validate, Dates) {
  Issues is;
  EXPECT_EQ(parse_date("2024-01-01", is), "2024-01-01");
  EXPECT_EQ(parse_date("2024/1/1", is), "2024-01-01");
  EXPECT_EQ(parse_date("2024年1月1日", is), "2024-01-01");
  EXPECT_EQ(parse_date("20240101", is), "2024-01-01");
  EXPECT_EQ(parse_date("2024.12.31", is), "2024-12-31");
  EXPECT_EQ(parse_date("45292", is), "2024-01-01");
  EXPECT_EQ(excel_serial_to_date(1), "1900-01-01");
  EXPECT_EQ(excel_serial_to_date(59), "1900-02-28");
  EXPECT_EQ(excel_serial_to_date(61), "1900-03-01");
  EXPECT_FALSE(excel_serial_to_date(60));
  EXPECT_TRUE(is.empty());
  EXPECT_FALSE(parse_date("2023-02-29", is));
  EXPECT_TRUE(has(is, "date.invalid", Severity::Error));
}

TEST(Validate, Years) {
  Issues is;
  EXPECT_EQ(parse_year("2024", is), 2024);
  EXPECT_EQ(parse_year("2024年度", is), 2024);
  EXPECT_EQ(parse_year("202401", is), 2024);
  EXPECT_EQ(parse_year("2024-01至2024-12", is), 2024);
  EXPECT_EQ(parse_year("2024年1-12月", is), 2024);
  EXPECT_TRUE(is.empty());
  EXPECT_FALSE(parse_year("2023-07至2024-06", is));
  EXPECT_TRUE(has(is, "year.ambiguous", Severity::Error));
  Issues is2;
  EXPECT_FALSE(parse_year("去年", is2));
  EXPECT_TRUE(has(is2, "year.invalid", Severity::Error));
}

TEST(Validate, PlausibilityClean) {
  RowFacts r;
  r.metrics = {{"gross_output", wan(5000)}, {"value_added", wan(1200)}, {"revenue", wan(5200)},
               {"main_revenue", wan(5100)}, {"tax_paid", wan(180)}, {"rd_expense", wan(150)},
               {"total_profit", wan(-30)}};
  r.above_scale = true;
  r.land_area_m2 = wan(20000);
  EXPECT_TRUE(check_plausibility(r).empty());  // negative profit is allowed
}

TEST(Validate, PlausibilityRules) {
  RowFacts r;
  r.metrics = {{"gross_output", wan(1000)}, {"value_added", wan(1500)}, {"revenue", wan(1800)},
               {"main_revenue", wan(1900)}, {"rd_expense", wan(2000)}, {"tax_paid", wan(5000)},
               {"employees_avg", wan(-3)}, {"total_assets", wan(100)}, {"total_liabilities", wan(150)}};
  r.above_scale = true;
  r.land_area_m2 = Decimal::from_micros(-1);
  Issues is = check_plausibility(r);
  EXPECT_TRUE(has(is, "plausibility.value_added_above_output", Severity::Error));
  EXPECT_TRUE(has(is, "plausibility.negative", Severity::Error));
  EXPECT_TRUE(has(is, "plausibility.rd_above_revenue", Severity::Warning));
  EXPECT_TRUE(has(is, "plausibility.main_above_revenue", Severity::Warning));
  EXPECT_TRUE(has(is, "plausibility.tax_above_revenue", Severity::Warning));
  EXPECT_TRUE(has(is, "plausibility.above_scale_small", Severity::Warning));  // 1900 < 2000
  EXPECT_TRUE(has(is, "plausibility.liabilities_above_assets", Severity::Warning));
  EXPECT_EQ(is.size(), 8u);  // two negatives (employees, area) + six rules above
  RowFacts s;
  s.metrics = {{"main_revenue", wan(2000)}, {"tax_paid", Decimal::from_micros(-1)}};
  s.above_scale = false;
  s.land_area_m2 = Decimal::from_micros(10'000'001LL * Decimal::kScale);
  Issues t = check_plausibility(s);
  EXPECT_TRUE(has(t, "plausibility.below_scale_large", Severity::Warning));  // exactly 2000 counts
  EXPECT_TRUE(has(t, "plausibility.negative_tax", Severity::Warning));
  EXPECT_TRUE(has(t, "plausibility.area_large", Severity::Warning));
  EXPECT_EQ(t.size(), 3u);
}
