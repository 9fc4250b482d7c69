// The yearly overview on the hand-built frames of fixtures.h. Each expected value is worked out in
// the comment next to it from the numbers listed in fixtures.h.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "fixtures.h"
#include "statistics/bulletin.h"

using namespace mujun;
using namespace mujun::statistics;
using namespace mujun::statistics::test;

namespace {

struct Fixture : ::testing::Test {
  Frame cur = frame_2024(), prev = frame_2023();
  ClusterTaxonomy tx = *parse_taxonomy(kTaxonomyToml, "t.toml").taxonomy;
  StatsConfig cfg = [] {
    StatsConfig c;
    EXPECT_TRUE(read_stats_config(kTaxonomyToml, "t.toml", c).empty());
    return c;
  }();
  Bulletin b = compute_bulletin(cur, &prev, tx, cfg);

  double v(const std::string& id) {
    const Figure* f = b.find(id);
    EXPECT_TRUE(f) << id;
    if (!f || !f->value) { ADD_FAILURE() << id << " has no value"; return -1; }
    return *f->value;
  }
};

}  // namespace

TEST_F(Fixture, AboveScaleTotals) {
  EXPECT_EQ(v("above_scale_firms"), 5);  // A B C D G
  // 1200 + 800 + 3000 + 500 + 100 = 5600 万元 = 0.56 亿元
  EXPECT_DOUBLE_EQ(v("above_scale_gross_output"), 0.56);
  EXPECT_EQ(b.find("above_scale_gross_output")->inputs[0].value, "5600");
  EXPECT_EQ(b.find("above_scale_gross_output")->unit, "亿元");
  // 400 + 200 + 900 + 100 + 20 = 1620 万元
  EXPECT_DOUBLE_EQ(v("above_scale_value_added"), 0.162);
}

TEST_F(Fixture, SameScopeGrowthStatisticsBureau) {
  // 规上 in 2024 with data in both years: A B C D (D entered 规上, counted with its 2023 value; E left
  // 规上, counted in neither year; G is new, no 2023 data, not counted).
  // (1200 + 800 + 3000 + 500) / (1000 + 700 + 2900 + 400) − 1 = 5500 / 5000 − 1 = 10 %
  EXPECT_NEAR(v("above_scale_gross_output_growth"), 10.0, 1e-9);
  const Figure* g = b.find("above_scale_gross_output_growth");
  EXPECT_EQ(g->inputs[0].value, "5500");
  EXPECT_EQ(g->inputs[1].value, "5000");
  EXPECT_EQ(g->inputs[3].value, "1");  // D entered
  EXPECT_EQ(g->inputs[4].value, "1");  // G without 2023 data
  // VA: (400 + 200 + 900 + 100) / (350 + 180 + 880 + 90) − 1 = 1600 / 1500 − 1 = 6.6667 %
  EXPECT_NEAR(v("above_scale_value_added_growth"), 100.0 / 15.0, 1e-9);
}

TEST_F(Fixture, SameScopeGrowthBothYears) {
  cfg.growth_scope = GrowthScope::AboveScaleBothYears;
  b = compute_bulletin(cur, &prev, tx, cfg);
  // A B C only: (1200 + 800 + 3000) / (1000 + 700 + 2900) − 1 = 5000 / 4600 − 1 = 8.6957 %
  EXPECT_NEAR(v("above_scale_gross_output_growth"), (5000.0 / 4600.0 - 1) * 100, 1e-9);
}

TEST_F(Fixture, GrowthWithoutPreviousYearHasNoValue) {
  b = compute_bulletin(cur, nullptr, tx, cfg);
  const Figure* g = b.find("above_scale_gross_output_growth");
  ASSERT_TRUE(g);
  EXPECT_FALSE(g->value);
  EXPECT_NE(g->note.find("2023"), std::string::npos);
}

TEST_F(Fixture, ClusterOutputsSharesAndOverride) {
  // new_energy 规上: A 1200 + G 100 = 1300 (E is 规下); share 1300 / 5600 = 23.2143 %
  EXPECT_DOUBLE_EQ(v("cluster_output.new_energy"), 0.13);
  EXPECT_NEAR(v("cluster_share.new_energy"), 1300.0 / 5600 * 100, 1e-9);
  // new_materials: B (3041 glass, by override) 800
  EXPECT_DOUBLE_EQ(v("cluster_output.new_materials"), 0.08);
  EXPECT_DOUBLE_EQ(v("cluster_output.food"), 0.05);  // D 500
  // pillars 1300 + 800 = 2100 → 37.5 %; all clusters 2100 + 500 = 2600 → 46.4286 %
  EXPECT_DOUBLE_EQ(v("cluster_output.pillar"), 0.21);
  EXPECT_NEAR(v("cluster_share.pillar"), 37.5, 1e-9);
  EXPECT_DOUBLE_EQ(v("clusters_output"), 0.26);
  EXPECT_NEAR(v("clusters_share"), 2600.0 / 5600 * 100, 1e-9);
  // electronics has no 规上 output: a figure without value
  EXPECT_FALSE(b.find("cluster_output.electronics")->value);
  // cluster growth, same scope A B D: (1200 + 800 + 500) / (1000 + 700 + 400) − 1 = 19.0476 %
  EXPECT_NEAR(v("clusters_output_growth"), (2500.0 / 2100 - 1) * 100, 1e-9);
  // emerging has one cluster: no separate role figure
  EXPECT_FALSE(b.find("cluster_output.emerging"));
}

TEST_F(Fixture, MembershipReport) {
  const auto& m = b.membership;
  ASSERT_EQ(m.unmatched.size(), 1u);  // C (4411 power plant)
  EXPECT_EQ(m.unmatched[0].uscc, uscc('C'));
  ASSERT_EQ(m.multiple.size(), 1u);   // H (3976: electronics and new_energy)
  EXPECT_EQ(m.multiple[0].clusters.size(), 2u);
  EXPECT_EQ(m.overridden, 1u);        // B
  ASSERT_EQ(m.overrides_not_found.size(), 1u);
  EXPECT_EQ(m.overrides_not_found[0], "91500110000000000Z");
}

TEST_F(Fixture, Tax) {
  // industrial (06–46, any scale): A 60 + B 12000 + C 15000 + D 20 + E 3 + G 5 = 27088 万元 (F is 7320)
  EXPECT_DOUBLE_EQ(v("industrial_tax"), 2.7088);
  EXPECT_DOUBLE_EQ(v("manufacturing_tax"), 1.2088);  // without C
  EXPECT_DOUBLE_EQ(v("zone_total_tax"), 5.0);
  EXPECT_NEAR(v("industrial_tax_share"), 27088.0 / 50000 * 100, 1e-9);  // 54.176 %
  EXPECT_EQ(v("industrial_firms_tax_over_threshold"), 2);  // B 12000, C 15000 ≥ 10000
  EXPECT_EQ(b.find("industrial_firms_tax_over_threshold")->label, "纳税超1亿元工业企业数");
}

TEST_F(Fixture, PerMuIsRatioOfSums) {
  // 规上制造业 with land: A 9 亩 (4000 + 2000 m²), B 9 亩, G 3 亩 → 21 亩; D has no land; C not 制造业.
  EXPECT_NEAR(v("above_scale_manufacturing_land"), 21.0, 1e-9);
  EXPECT_NEAR(v("above_scale_manufacturing_output_per_mu"), (1200.0 + 800 + 100) / 21, 1e-9);  // 100
  EXPECT_NEAR(v("above_scale_manufacturing_tax_per_mu"), (60.0 + 12000 + 5) / 21, 1e-9);      // 574.52
  EXPECT_NEAR(v("above_scale_manufacturing_value_added_per_mu"), (400.0 + 200 + 20) / 21, 1e-9);  // 29.52
  // mean of ratios would be (60/9 + 12000/9 + 5/3)/3 = 447.28, not 574.52
  EXPECT_GT(std::abs(v("above_scale_manufacturing_tax_per_mu") - (60.0 / 9 + 12000.0 / 9 + 5.0 / 3) / 3), 100);
}

TEST_F(Fixture, Certificates) {
  EXPECT_EQ(v("certificates.high_tech_enterprise"), 1);           // A; B's expired 2024-06-30
  EXPECT_EQ(v("certificates.high_tech_enterprise.national"), 0);  // only B's, expired
  EXPECT_EQ(v("certificates.tech_sme"), 2);                       // A municipal, F district
  EXPECT_EQ(v("certificates.tech_sme.municipal"), 1);
  EXPECT_EQ(v("certificates.tech_sme.district"), 1);
  EXPECT_EQ(v("certificates.specialized_sme.municipal"), 1);      // B
  EXPECT_FALSE(b.find("certificates.little_giant"));              // nobody holds one
  // 高新 output share: A 1200 / 5600 = 21.4286 %
  EXPECT_NEAR(v("high_tech_output_share"), 1200.0 / 5600 * 100, 1e-9);
}

TEST_F(Fixture, RdSupportAndDoubleDoubling) {
  // R&D: A 30 + B 0 + D 5 + E 1 + F 10 = 46 万元
  EXPECT_DOUBLE_EQ(v("rd_expense_total"), 0.0046);
  // 规上 with R&D > 0: A, D of A B C D G → 40 % (C and G have no R&D data)
  EXPECT_NEAR(v("above_scale_rd_active_share"), 40.0, 1e-9);
  EXPECT_DOUBLE_EQ(v("support.support_amount"), 12.5);
  EXPECT_EQ(v("support_firms.support_amount"), 1);
  // 科技型: new in 2024 = A (F held since 2023) → 1 ÷ annual target 2 = 50 %
  EXPECT_EQ(v("certificates_new.tech_sme"), 1);
  EXPECT_NEAR(v("double_doubling.tech_sme"), 50.0, 1e-9);
  // 高新 stock: 1 ÷ 4 = 25 %
  EXPECT_NEAR(v("double_doubling.high_tech_enterprise"), 25.0, 1e-9);
  EXPECT_NE(b.find("double_doubling.high_tech_enterprise")->formula.find("当前存量 ÷ 目标年目标存量"), std::string::npos);
}

TEST_F(Fixture, PlanIncrementFormula) {
  cfg.double_doubling[0].formula = DoublingFormula::PlanIncrement;
  cfg.double_doubling[0].baseline = 1;
  cfg.double_doubling[0].target = 5;
  b = compute_bulletin(cur, &prev, tx, cfg);
  EXPECT_NEAR(v("double_doubling.tech_sme"), 25.0, 1e-9);  // (2 − 1) / (5 − 1)
}

TEST(Lishui2019, AggregatesAreRatiosOfSums) {
  // 丽水 2019 规上 (../shared/reference/evaluation-methods.md §6.3): Σtax 573,564 万元, ΣVA 2,236,605 万元,
  // land 30,341 亩; published 亩均税收 18.9 (18.90), 亩均增加值 73.71 (2,236,605 / 30,341 = 73.7156).
  // Two firms carrying those sums: 15,000 亩 (10,000,000 m²) and 15,341 亩 (10,227,333.333333 m²).
  Frame f;
  f.year = 2019;
  for (int k = 0; k < 2; ++k) {
    std::size_t i = f.add_enterprise(uscc(static_cast<char>('A' + k)), "企业");
    f.industry_code[i] = "3411";
    f.above_scale[i] = 1;
  }
  f.set_metric(0, "tax_paid", Decimal::from_double(300000));
  f.set_metric(1, "tax_paid", Decimal::from_double(273564));
  f.set_metric(0, "value_added", Decimal::from_double(1200000));
  f.set_metric(1, "value_added", Decimal::from_double(1036605));
  f.set_metric(0, "gross_output", Decimal::from_double(1));
  f.set_metric(1, "gross_output", Decimal::from_double(1));
  f.land_owned_m2.micros[0] = Decimal::from_double(10'000'000).micros;
  f.land_owned_m2.micros[1] = Decimal::from_double(10'227'333.333333).micros;
  Bulletin b = compute_bulletin(f, nullptr, ClusterTaxonomy{}, StatsConfig{});
  double tax = *b.find("above_scale_manufacturing_tax_per_mu")->value;
  double va = *b.find("above_scale_manufacturing_value_added_per_mu")->value;
  EXPECT_NEAR(tax, 573564.0 / 30341, 1e-6);  // 18.9039…
  EXPECT_EQ(fmt::format("{:.2f}", tax), "18.90");
  EXPECT_NEAR(va, 2236605.0 / 30341, 1e-6);  // 73.7156…
  EXPECT_EQ(fmt::format("{:.2f}", va), "73.72");  // the dashboard shows 73.71 (truncated)
  // a mean of the two firm ratios would print 18.92, not the published 18.90
  EXPECT_EQ(fmt::format("{:.2f}", (300000.0 / 15000 + 273564.0 / 15341) / 2), "18.92");
  EXPECT_NEAR(*b.find("above_scale_manufacturing_land")->value, 30341.0, 1e-6);
}
