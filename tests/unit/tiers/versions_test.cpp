// Version gate (tier-criteria.md §0, §12): 63号 for renewals of old certificates in the 2026 cycle
// (工信厅企业函〔2026〕117号), 2号 for new applications from 2026-04-01.
#include "helpers.h"

namespace mujun::tiers::test {
namespace {

EnterpriseProfile candidate() {
  auto p = profile();
  p.data_year = 2025;
  for (int y : {2023, 2024, 2025}) {
    p.set("employees_avg", y, 150);
    p.set("revenue", y, 6000);
    p.set("main_revenue", y, 5700);  // 95 %
    p.set("rd_expense", y, 240);     // 4 %
    p.set("total_assets", y, 8000);
    p.set("total_liabilities", y, 4000);
  }
  p.set("niche_years", 2025, 4);
  p.set("ip_invention", 2025, 2);
  p.set("ip_utility_model", 2025, 5);
  p.set("ip_software_copyright", 2025, 0);
  p.set("rd_staff", 2025, 20);
  p.set("net_profit", 2025, 500);
  p.set("digital_level", 2025, 2);
  p.set("rd_institution_level", 2025, 2);
  p.certificates.push_back({"innovative_sme", "municipal", "CX-2023-1", "2023-10-01", "2026-09-30"});
  return p;
}

TEST(Versions, SelectionByDateAndRenewal) {
  const auto& all = all_rules();
  EXPECT_EQ(select_rule_set(all, "specialized_sme", D("2026-03-31"), false)->version, "MIIT-2022-63-A2");
  EXPECT_EQ(select_rule_set(all, "specialized_sme", D("2026-04-01"), false)->version, "MIIT-2026-2");
  EXPECT_EQ(select_rule_set(all, "specialized_sme", D("2026-06-30"), true)->version, "MIIT-2022-63-A2");
  EXPECT_EQ(select_rule_set(all, "specialized_sme", D("2027-01-01"), true)->version, "MIIT-2026-2");
  EXPECT_EQ(select_rule_set(all, "little_giant", D("2026-06-30"), true)->version, "MIIT-2022-63-A3");
  EXPECT_EQ(select_rule_set(all, "little_giant", D("2026-06-30"), false)->version, "MIIT-2026-2");
  EXPECT_EQ(select_rule_set(all, "tech_sme", D("2026-06-30"), false)->version, "MOST-2017-115");
  EXPECT_EQ(select_rule_set(all, "specialized_sme", D("2022-07-31"), false), nullptr);
}

TEST(Versions, RenewalIn2026JudgedUnder63) {
  auto p = candidate();
  p.certificates.push_back({"specialized_sme", "municipal", "ZJTX-2023-7", "2023-12-01", "2026-11-30"});
  auto vs = judge_all(all_rules(), p, Assessment{D("2026-06-30"), std::nullopt});
  const TierVerdict* v = nullptr;
  for (auto& x : vs)
    if (x.tier == "specialized_sme") v = &x;
  ASSERT_NE(v, nullptr);
  EXPECT_TRUE(v->renewal);
  EXPECT_EQ(v->version, "MIIT-2022-63-A2");
  EXPECT_EQ(cond(*v, "prerequisite").state, State::NotApplicable);  // not re-checked on renewal
  EXPECT_EQ(cond(*v, "niche_years").state, State::Met);   // 4 ≥ 2
  EXPECT_EQ(cond(*v, "rd_ratio").state, State::Met);      // 4 % ≥ 3 %
  // Score: main share 95 % → 5; growth 0 % → 2; niche 4 y → 2; field manual 0–5; digital 2 → 3;
  // quality manual 0–5; net margin 8.33 % → 8; debt 50 % → 5; feature manual 0–15; IP Ⅰ类 → 6
  // (high-value unknown: up to 10); R&D 240 万元 → 4, 4 % → 4; 研发人员 13.3 % → 3; institution 2 → 4.
  EXPECT_EQ(v->score->lo, 5 + 2 + 2 + 0 + 3 + 0 + 8 + 5 + 0 + 6 + 4 + 3 + 4);
  EXPECT_EQ(v->score->lo, 42);
  EXPECT_EQ(v->state, State::Unknown);  // ip_high_value unknown and expert items open: 42–…
}

TEST(Versions, NewApplicationIn2026JudgedUnder2) {
  auto p = candidate();
  auto vs = judge_all(all_rules(), p, Assessment{D("2026-06-30"), std::nullopt});
  const TierVerdict* v = nullptr;
  for (auto& x : vs)
    if (x.tier == "specialized_sme") v = &x;
  ASSERT_NE(v, nullptr);
  EXPECT_FALSE(v->renewal);
  EXPECT_EQ(v->version, "MIIT-2026-2");
  EXPECT_EQ(cond(*v, "prerequisite").state, State::Met);  // valid 创新型 certificate
  EXPECT_EQ(cond(*v, "niche_years").state, State::Met);   // 4 ≥ 3
  EXPECT_EQ(cond(*v, "main_share").state, State::Met);    // 95 % ≥ 80 %
  EXPECT_EQ(cond(*v, "rd_amount").state, State::Met);     // 240 ≥ 100 in 2024 and 2025
  EXPECT_EQ(cond(*v, "platform_score").state, State::Unknown);
  EXPECT_EQ(cond(*v, "platform_score").missing.at(0), "2025年 专精特新发展评价得分(zjtx_score)");
  EXPECT_EQ(cond(*v, "platform_score_renewal").state, State::NotApplicable);
  EXPECT_EQ(v->state, State::Unknown);
  p.set("zjtx_score", 2025, 50);  // "≥ 50" inclusive
  auto w = judge(*select_rule_set(all_rules(), "specialized_sme", D("2026-06-30"), false), p, D("2026-06-30"), false);
  EXPECT_EQ(cond(w, "platform_score").state, State::Met);
  EXPECT_EQ(w.state, State::Manual);  // market position is qualitative
  p.set("niche_years", 2025, 2);     // enough under 63号, not under 2号
  auto x = judge(*select_rule_set(all_rules(), "specialized_sme", D("2026-06-30"), false), p, D("2026-06-30"), false);
  EXPECT_EQ(cond(x, "niche_years").state, State::Unmet);
  EXPECT_EQ(x.state, State::Unmet);
}

TEST(Versions, LittleGiant63RevenueBandEdge) {
  const auto& r = rules("little_giant-MIIT-2022-63.toml");
  auto p = profile();
  p.set("revenue", 2023, 10000);
  p.set("revenue", 2024, 10000);  // ≥ 1亿 → 3 % each year
  p.set("rd_expense", 2023, 300);
  p.set("rd_expense", 2024, 300);
  auto v = judge(r, p, D("2024-12-31"), true);
  EXPECT_DOUBLE_EQ(*cond(v, "rd_band").threshold, 0.03);
  EXPECT_EQ(cond(v, "rd_band").state, State::Met);
  p.set("revenue", 2024, 9999.99);  // 5000万–1亿 → 6 % each year
  auto w = judge(r, p, D("2024-12-31"), true);
  EXPECT_DOUBLE_EQ(*cond(w, "rd_band").threshold, 0.06);
  EXPECT_EQ(cond(w, "rd_band").state, State::Unmet);
  p.set("revenue", 2024, 4000);  // < 5000万: the band condition does not apply (manual combination)
  auto x = judge(r, p, D("2024-12-31"), true);
  EXPECT_EQ(cond(x, "rd_band").state, State::NotApplicable);
}

TEST(Versions, LittleGiant2CagrSkippedOnRenewal) {
  const auto& r = rules("little_giant-MIIT-2026-2.toml");
  auto p = profile();
  p.set("revenue", 2022, 10000);
  p.set("revenue", 2024, 11025);  // (1.1025)^(1/2) − 1 = 5 % exactly
  auto v = judge(r, p, D("2026-06-30"), false);
  EXPECT_EQ(cond(v, "revenue_cagr").state, State::Met);
  p.set("revenue", 2024, 11000);
  auto w = judge(r, p, D("2026-06-30"), false);
  EXPECT_EQ(cond(w, "revenue_cagr").state, State::Unmet);
  EXPECT_NEAR(*cond(w, "revenue_cagr").gap_amount, 25, 1e-6);  // 10000 × 1.05² − 11000
  auto x = judge(r, p, D("2027-06-30"), true);
  EXPECT_EQ(cond(x, "revenue_cagr").state, State::NotApplicable);
}

}  // namespace
}  // namespace mujun::tiers::test
