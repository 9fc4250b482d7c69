// 创新型中小企业 (工信部企业〔2022〕63号 附件1): six indicators, pass 60 with sub-minimums
// 创新能力 20 / 成长性 15 / 专业化 15, four direct conditions. Hand-worked from tier-criteria.md §4 (V).
#include "helpers.h"

namespace mujun::tiers::test {
namespace {

EnterpriseProfile base() {
  auto p = profile();
  p.set("employees_avg", 2024, 200);
  p.set("revenue", 2024, 10000);
  p.set("main_revenue", 2024, 10000);  // 100 % → 20
  p.set("main_revenue", 2023, 9100);   // growth 9.89 % → 10
  p.set("rd_expense", 2024, 500);      // 5 % exactly → 20
  p.set("ip_invention", 2024, 1);      // Ⅰ类 → 10 (high-value unknown: up to 20)
  p.set("ip_utility_model", 2024, 0);
  p.set("ip_software_copyright", 2024, 0);
  p.set("total_assets", 2024, 10000);
  p.set("total_liabilities", 2024, 8000);  // 80 % → 0
  return p;
}

TEST(InnovativeSme, SubMinimumBlocksTotalAbove60) {
  auto p = base();
  auto v = judge(rules("innovative_sme-MIIT-2022-63.toml"), p, D("2024-12-31"), false);
  EXPECT_EQ(ind(v, "rd_ratio").lo, 20);
  EXPECT_EQ(ind(v, "main_revenue_growth").lo, 10);
  EXPECT_EQ(ind(v, "debt_ratio").lo, 0);
  EXPECT_EQ(ind(v, "field").lo, 5);   // manual, at least 5
  EXPECT_EQ(ind(v, "main_share").lo, 20);
  // total lo = 10 + 20 + 10 + 0 + 5 + 20 = 65 ≥ 60, but 成长性 = 10 < 15 and cannot exceed 10.
  EXPECT_EQ(v.score->lo, 65);
  EXPECT_TRUE(v.score->cannot_pass);
  EXPECT_EQ(v.state, State::Unmet);
  // Cheapest: growth to 10 % (one band step): 2024 主营 needs 9100 × 1.10 = 10010, i.e. +10 万元.
  ASSERT_EQ(v.score->upgrades.size(), 1u);
  EXPECT_EQ(v.score->upgrades[0].indicator, "main_revenue_growth");
  EXPECT_NE(v.score->upgrades[0].action.find("需增加 10 万元"), std::string::npos) << v.score->upgrades[0].action;
}

TEST(InnovativeSme, EdgesAndDebtRatioUpperInclusive) {
  auto p = base();
  p.set("main_revenue", 2023, 10000 / 1.10);  // growth exactly 10 % → 15
  p.set("total_liabilities", 2024, 5500);     // 55 % exactly → 10 (≤ 55 %)
  auto v = judge(rules("innovative_sme-MIIT-2022-63.toml"), p, D("2024-12-31"), false);
  EXPECT_EQ(ind(v, "main_revenue_growth").lo, 15);
  EXPECT_EQ(ind(v, "debt_ratio").lo, 10);
  EXPECT_EQ(v.state, State::Met);  // 10+20 / 15+10 / 5+20 = 80
}

TEST(InnovativeSme, DirectRouteEquity500Inclusive) {
  auto p = base();
  p.set("equity_financing", 2022, 200);
  p.set("equity_financing", 2023, 0);
  p.set("equity_financing", 2024, 300);  // 500 万元 over 2022–2024: 直接条件(四)
  auto v = judge(rules("innovative_sme-MIIT-2022-63.toml"), p, D("2024-12-31"), false);
  EXPECT_EQ(cond(v, "score").state, State::Met);
  EXPECT_NE(cond(v, "score").via_direct.find("500万元"), std::string::npos);
  EXPECT_EQ(v.state, State::Met);
  p.set("equity_financing", 2024, 299.99);
  auto u = judge(rules("innovative_sme-MIIT-2022-63.toml"), p, D("2024-12-31"), false);
  EXPECT_EQ(u.state, State::Unmet);
}

TEST(InnovativeSme, ExclusionFlagIsUnmet) {
  auto p = base();
  p.set("main_revenue", 2023, 8000);
  p.flags[2023] = {"major_safety_accident"};
  auto v = judge(rules("innovative_sme-MIIT-2022-63.toml"), p, D("2024-12-31"), false);
  EXPECT_EQ(cond(v, "exclusions").state, State::Unmet);
  EXPECT_EQ(v.state, State::Unmet);
}

}  // namespace
}  // namespace mujun::tiers::test
