// 科技型中小企业 (国科发政〔2017〕115号 第六–八条). All expected values worked by hand from the
// scoring table in tier-criteria.md §3.2 (V).
#include "helpers.h"

namespace mujun::tiers::test {
namespace {

// Small firm, all conditions of 第六条 met; Y = 2024.
EnterpriseProfile base() {
  auto p = profile();
  p.set("employees_avg", 2024, 100);
  p.set("revenue", 2024, 5000);
  p.set("total_assets", 2024, 8000);
  p.set("total_cost", 2024, 4000);
  return p;
}

TEST(TechSme, BandLowerBoundsAreInclusive) {
  auto p = base();
  p.set("st_staff", 2024, 30);     // 30/100 = 30 % exactly → 20 (≥30 % "含")
  p.set("rd_expense", 2024, 300);  // 300/5000 = 6 % exactly → 50; 300/4000 = 7.5 % by cost → 0
  p.set("ip_invention", 2024, 0);
  p.set("ip_utility_model", 2024, 3);
  p.set("ip_software_copyright", 2024, 1);  // Ⅱ类 4 → 24
  auto v = judge(rules("tech_sme-MOST-2017-115.toml"), p, D("2024-12-31"), false);
  EXPECT_EQ(ind(v, "st_ratio").lo, 20);
  EXPECT_EQ(ind(v, "rd_ratio").lo, 50);
  EXPECT_EQ(ind(v, "ip").lo, 24);
  EXPECT_EQ(v.score->lo, 94);
  EXPECT_EQ(v.state, State::Met);
}

TEST(TechSme, JustBelowEdgesDropABand) {
  auto p = base();
  p.set("st_staff", 2024, 29.99);  // 29.99 % → 16
  p.set("rd_expense", 2024, 299.99);  // 5.9998 % → 40
  p.set("ip_invention", 2024, 1);     // Ⅰ类 → 30
  auto v = judge(rules("tech_sme-MOST-2017-115.toml"), p, D("2024-12-31"), false);
  EXPECT_EQ(ind(v, "st_ratio").lo, 16);
  EXPECT_EQ(ind(v, "rd_ratio").lo, 40);
  EXPECT_EQ(ind(v, "ip").lo, 30);  // ip_class2 missing widens hi only
  EXPECT_EQ(v.state, State::Met);
}

TEST(TechSme, ZeroStaffScoreFailsEvenAbove60UnlessDirectRoute) {
  auto p = base();
  p.set("st_staff", 2024, 9);       // 9 % → 0 points: 科技人员 score must not be 0
  p.set("rd_expense", 2024, 300);   // 50
  p.set("ip_invention", 2024, 1);   // 30 → total 80
  p.set("ip_utility_model", 2024, 0);
  p.set("ip_software_copyright", 2024, 0);
  const auto& r = rules("tech_sme-MOST-2017-115.toml");
  auto v = judge(r, p, D("2024-12-31"), false);
  EXPECT_EQ(v.score->lo, 80);
  EXPECT_TRUE(v.score->cannot_pass);
  EXPECT_EQ(cond(v, "score").state, State::Unmet);
  EXPECT_EQ(v.state, State::Unmet);
  // Plan: 科技人员 to 10 % (4 points) = 1 more person on 100 employees.
  ASSERT_TRUE(v.score->plan_found);
  ASSERT_EQ(v.score->upgrades.size(), 1u);
  EXPECT_EQ(v.score->upgrades[0].indicator, "st_ratio");
  EXPECT_EQ(v.score->upgrades[0].to_points, 4);
  EXPECT_NE(v.score->upgrades[0].action.find("增加 1 人"), std::string::npos) << v.score->upgrades[0].action;

  // Direct route 第八条(一): a valid 高新技术企业 certificate.
  p.certificates.push_back({"high_tech_enterprise", "national", "GR202251000123", "2022-11-28", "2025-11-27"});
  auto d = judge(r, p, D("2024-12-31"), false);
  EXPECT_EQ(cond(d, "score").state, State::Met);
  EXPECT_EQ(cond(d, "score").via_direct, "拥有有效期内高新技术企业资格证书");
  EXPECT_EQ(d.state, State::Met);
  // Expired certificate: the route is closed again.
  auto e = judge(r, p, D("2025-11-28"), false);
  EXPECT_EQ(cond(e, "score").state, State::Unmet);
}

TEST(TechSme, CheapestUpgradeIsOneIndicatorWithAmount) {
  auto p = base();
  p.set("st_staff", 2024, 10);      // 10 % → 4
  p.set("rd_expense", 2024, 100);   // 2 % of 5000 → 10; 2.5 % of cost → 0
  p.set("ip_invention", 2024, 0);
  p.set("ip_utility_model", 2024, 1);
  p.set("ip_software_copyright", 2024, 0);  // Ⅱ类 1 → 6; total 20
  auto v = judge(rules("tech_sme-MOST-2017-115.toml"), p, D("2024-12-31"), false);
  EXPECT_EQ(v.score->lo, 20);
  EXPECT_EQ(v.state, State::Unmet);
  // R&D to 6 % (50 points) alone reaches 4 + 50 + 6 = 60: 0.06 × 5000 − 100 = 200 万元 more.
  ASSERT_EQ(v.score->upgrades.size(), 1u);
  EXPECT_EQ(v.score->upgrades[0].indicator, "rd_ratio");
  EXPECT_NE(v.score->upgrades[0].action.find("需增加 200 万元"), std::string::npos) << v.score->upgrades[0].action;
}

TEST(TechSme, SizeLimitsAndMissingData) {
  auto p = base();
  p.set("employees_avg", 2024, 501);
  p.set("st_staff", 2024, 200);
  p.set("rd_expense", 2024, 400);
  p.set("ip_invention", 2024, 2);
  auto v = judge(rules("tech_sme-MOST-2017-115.toml"), p, D("2024-12-31"), false);
  EXPECT_EQ(cond(v, "staff_limit").state, State::Unmet);
  EXPECT_EQ(*cond(v, "staff_limit").gap_amount, -1);
  EXPECT_EQ(v.state, State::Unmet);

  auto q = profile();  // nothing recorded
  auto u = judge(rules("tech_sme-MOST-2017-115.toml"), q, D("2024-12-31"), false);
  EXPECT_EQ(cond(u, "revenue_limit").state, State::Unknown);
  EXPECT_EQ(cond(u, "revenue_limit").missing.at(0), "2024年 营业收入(revenue)");
  EXPECT_EQ(u.state, State::Unknown);
}

}  // namespace
}  // namespace mujun::tiers::test
