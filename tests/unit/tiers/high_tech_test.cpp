// 高新技术企业 (国科发火〔2016〕32号 第十一条; 国科发火〔2016〕195号 指引), V. Hand-worked values.
#include <cmath>

#include "helpers.h"
#include "tiers/quantity.h"

namespace mujun::tiers::test {
namespace {

EnterpriseProfile base() {
  auto p = profile();
  p.set("employees_avg", 2024, 100);
  p.set("st_staff", 2024, 10);  // 10 % exactly
  p.set("revenue", 2022, 4000);
  p.set("revenue", 2023, 4500);
  p.set("revenue", 2024, 5500);
  p.set("rd_expense", 2022, 200);
  p.set("rd_expense", 2023, 180);
  p.set("rd_expense", 2024, 210);
  p.set("rd_expense_domestic", 2022, 200);
  p.set("rd_expense_domestic", 2023, 180);
  p.set("rd_expense_domestic", 2024, 210);
  p.set("high_tech_revenue", 2024, 3300);  // 60 % exactly
  p.set("ip_invention", 2024, 1);
  p.set("ip_utility_model", 2024, 0);
  p.set("ip_software_copyright", 2024, 0);
  for (int y : {2022, 2023, 2024}) {
    p.set("tech_conversions", y, 2);  // average 2 → 7–12
    p.set("total_assets", y, 1000 + 100 * (y - 2022));
    p.set("total_liabilities", y, 500);
  }
  return p;
}

TEST(HighTech, BandByLatestYearRatioOverThreeYears) {
  auto p = base();
  auto v = judge(rules("high_tech_enterprise-MOST-2016-32.toml"), p, D("2024-12-31"), false);
  const auto& rd = cond(v, "rd_ratio");
  // Latest revenue 5500 万元 → band 5000万–2亿 → 4 %; 3-year ratio 590 / 14000 = 4.214 %.
  EXPECT_DOUBLE_EQ(*rd.threshold, 0.04);
  EXPECT_NEAR(*rd.actual, 590.0 / 14000.0, 1e-12);
  EXPECT_EQ(rd.state, State::Met);
  // 2022 alone (4000 ≤ 5000) would have asked 5 %, and 2023's own ratio is 4 %: neither decides.
  EXPECT_EQ(cond(v, "st_ratio").state, State::Met);
  EXPECT_EQ(cond(v, "high_tech_revenue").state, State::Met);
  EXPECT_EQ(cond(v, "field").state, State::Manual);
  EXPECT_EQ(v.state, State::Manual);  // expert items are never auto-met
}

TEST(HighTech, LatestRevenueExactly5000IsTheLowBand) {
  auto p = base();
  p.set("revenue", 2024, 5000);  // "5000万元（含）以下" → 5 %
  p.set("rd_expense", 2024, 250);  // total 630 / 13500 = 4.667 %
  auto v = judge(rules("high_tech_enterprise-MOST-2016-32.toml"), p, D("2024-12-31"), false);
  const auto& rd = cond(v, "rd_ratio");
  EXPECT_DOUBLE_EQ(*rd.threshold, 0.05);
  EXPECT_EQ(rd.state, State::Unmet);
  // Gap: 0.05 × 13500 − 630 = 45 万元 more R&D over 2022–2024 on the same revenue.
  EXPECT_NEAR(*rd.gap_amount, 45, 1e-9);
  EXPECT_NE(rd.gap.find("需增加 45 万元"), std::string::npos) << rd.gap;
  EXPECT_EQ(v.state, State::Unmet);
}

TEST(HighTech, GrowthFormulaAndSpecialCases) {
  Quantity q{Quantity::Kind::HnteGrowth, "revenue", "", {-2, -1, 0}};
  auto p = profile();
  p.set("revenue", 2022, 1000);
  p.set("revenue", 2023, 1200);
  p.set("revenue", 2024, 1500);
  EXPECT_NEAR(*evaluate(q, p).value, 0.225, 1e-12);  // ½(1.2 + 1.25) − 1
  p.set("revenue", 2022, 0);  // first year 0 → last two years: 1500/1200 − 1 = 25 %
  EXPECT_NEAR(*evaluate(q, p).value, 0.25, 1e-12);
  p.set("revenue", 2022, 1000);
  p.set("revenue", 2023, 0);  // second year 0 → 0
  EXPECT_EQ(*evaluate(q, p).value, 0.0);
  auto young = profile();
  young.production_start_year = 2023;  // < 3 years: actual years 2023–2024
  young.set("revenue", 2023, 800);
  young.set("revenue", 2024, 1000);
  EXPECT_NEAR(*evaluate(q, young).value, 0.25, 1e-12);
  auto missing = profile();
  missing.set("revenue", 2024, 1000);
  EXPECT_FALSE(evaluate(q, missing).value.has_value());
  EXPECT_EQ(evaluate(q, missing).missing.size(), 2u);
}

TEST(HighTech, GrowthPointsAreRangesAndNegativeScoresZero) {
  auto p = base();
  p.set("revenue", 2022, 1000);
  p.set("revenue", 2023, 1200);
  p.set("revenue", 2024, 1500);  // 22.5 % → 5–6
  p.set("total_assets", 2022, 1000), p.set("total_liabilities", 2022, 500);  // NA 500
  p.set("total_assets", 2023, 1000), p.set("total_liabilities", 2023, 550);  // NA 450
  p.set("total_assets", 2024, 1000), p.set("total_liabilities", 2024, 600);  // NA 400
  auto v = judge(rules("high_tech_enterprise-MOST-2016-32.toml"), p, D("2024-12-31"), false);
  EXPECT_EQ(ind(v, "sales_growth").lo, 5);
  EXPECT_EQ(ind(v, "sales_growth").hi, 6);
  EXPECT_EQ(ind(v, "net_asset_growth").lo, 0);  // ½(0.9 + 0.8889) − 1 < 0 → 0
  EXPECT_EQ(ind(v, "net_asset_growth").hi, 0);
  EXPECT_EQ(ind(v, "ip_count").lo, 7);
  EXPECT_EQ(ind(v, "ip_count").hi, 8);
  // Even with full expert marks: 知识产权 30 (capped) + 转化 12 + 组织管理 20 + 成长性 6 = 68 < 71.
  EXPECT_EQ(v.score->hi, 68);
  EXPECT_EQ(cond(v, "score").state, State::Unmet);
}

}  // namespace
}  // namespace mujun::tiers::test
