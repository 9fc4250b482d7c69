// Pipeline: candidates by closeness, flagged holders, expiry within 12 months (高新 valid 3 years,
// 国科发火〔2016〕32号 第十六条), 双倍增 progress (渝府办发〔2023〕26号). Hand-worked values.
#include "helpers.h"
#include "tiers/doubling.h"
#include "tiers/pipeline.h"

namespace mujun::tiers::test {
namespace {

EnterpriseProfile hnte_like(const std::string& uscc, double st_staff) {
  auto p = profile(uscc);
  p.set("employees_avg", 2024, 100);
  p.set("st_staff", 2024, st_staff);
  for (int y : {2022, 2023, 2024}) {
    p.set("revenue", y, 3000);
    p.set("rd_expense", y, 180);  // 6 %
    p.set("rd_expense_domestic", y, 180);
  }
  p.set("high_tech_revenue", 2024, 2400);  // 80 %
  return p;
}

TEST(Pipeline, HolderNoLongerMeetingIsFlaggedAndExpiryComputed) {
  std::vector<RuleSet> sets{rules("high_tech_enterprise-MOST-2016-32.toml")};
  auto holder = hnte_like("91500110MA5U000001", 5);  // 5 % < 10 %
  holder.certificates.push_back({"high_tech_enterprise", "national", "GR202251000001", "2022-03-01", ""});
  auto near = hnte_like("91500110MA5U000002", 9);   // 9 %: one person short
  auto far = hnte_like("91500110MA5U000003", 2);    // 2 %
  std::vector<EnterpriseProfile> ps{holder, near, far};
  Assessment a{D("2024-12-31"), std::nullopt};
  std::vector<std::vector<TierVerdict>> vs;
  for (auto& p : ps) vs.push_back(judge_all(sets, p, a));
  auto pl = build_pipeline(ps, vs, sets, a.date);
  ASSERT_EQ(pl.counts.size(), 1u);
  EXPECT_EQ(pl.counts[0].holders, 1);
  EXPECT_EQ(pl.counts[0].holders_unmet, 1);
  ASSERT_EQ(pl.flagged.size(), 1u);
  EXPECT_EQ(pl.flagged[0].uscc, "91500110MA5U000001");
  EXPECT_NE(pl.flagged[0].reasons.at(0).find("实际 5%，要求 >= 10%"), std::string::npos) << pl.flagged[0].reasons[0];
  // Candidates: non-holders, closest first (9 % before 2 %).
  ASSERT_EQ(pl.candidates["high_tech_enterprise"].size(), 2u);
  EXPECT_EQ(pl.candidates["high_tech_enterprise"][0].uscc, "91500110MA5U000002");
  EXPECT_NE(pl.candidates["high_tech_enterprise"][0].gaps.at(0).find("需增加 1 人"), std::string::npos);
  // Issued 2022-03-01 without an expiry date: valid 3 years → 2025-02-28, 59 days after 2024-12-31.
  ASSERT_EQ(pl.expiring.size(), 1u);
  EXPECT_EQ(pl.expiring[0].expires.to_string(), "2025-02-28");
  EXPECT_TRUE(pl.expiring[0].computed);
  EXPECT_EQ(pl.expiring[0].days_left, 59);
  EXPECT_EQ(pl.expiring[0].state, State::Unmet);
}

TEST(Pipeline, ExpiryWindowIsNext12Months) {
  Certificate c{"high_tech_enterprise", "national", "X", "2021-12-31", "2024-12-30"};
  EXPECT_FALSE(certificate_valid(c, D("2024-12-31"), 3));
  EXPECT_TRUE(certificate_valid(c, D("2024-12-30"), 3));
  EXPECT_EQ(days_between(D("2024-12-31"), D("2025-12-31")), 365);
  EXPECT_EQ(certificate_expiry({"high_tech_enterprise", "", "", "2020-02-29", ""}, 3)->to_string(), "2023-02-27");
}

TEST(Pipeline, DoublingProgressReadings) {
  auto targets = parse_doubling(R"(
[[target]]
tier = "tech_sme"
area = "测试区"
baseline = 100
target = 200
annual_increment = { "2024" = 4 }
)", "test.toml");
  ASSERT_EQ(targets.size(), 1u);
  std::vector<EnterpriseProfile> ps;
  for (int i = 0; i < 150; ++i) {
    auto p = profile(std::to_string(i));
    p.certificates.push_back({"tech_sme", "", "", i < 5 ? "2024-05-01" : "2023-05-01", "2025-05-01"});
    ps.push_back(p);
  }
  auto g = doubling_progress(targets, ps, D("2024-12-31"), {{"tech_sme", 1}});
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].stock, 150);
  EXPECT_EQ(g[0].new_in_year, 5);
  EXPECT_DOUBLE_EQ(*g[0].stock_rate, 0.75);           // 150 / 200
  EXPECT_DOUBLE_EQ(*g[0].plan_increment_rate, 0.5);   // (150 − 100) / (200 − 100)
  EXPECT_DOUBLE_EQ(*g[0].annual_rate, 1.25);          // 5 / 4
  auto shipped = parse_doubling(R"([[target]]
tier = "tech_sme"
annual_increment = { "2024" = 75 }
)", "x");
  // 万盛 2024: 92 new 科技型企业 against the inferred 75 → 122.7 % (published "over 123 %", I).
  EXPECT_NEAR(92.0 / shipped[0].annual_increment.at(2024), 1.2267, 1e-4);
}

}  // namespace
}  // namespace mujun::tiers::test

namespace mujun::tiers::test {
namespace {
TEST(ChainLeader, ListTagOnlyFromTheList) {
  const auto& r = rules("chain_leader-list.toml");
  auto p = profile();
  auto v = judge(r, p, D("2024-12-31"), false);
  EXPECT_EQ(v.conditions.at(0).state, State::NotApplicable);
  EXPECT_EQ(v.state, State::NotApplicable);
  p.certificates.push_back({"chain_leader", "municipal", "L-1", "2023-01-01", ""});
  EXPECT_EQ(judge(r, p, D("2024-12-31"), false).state, State::Met);
}
}  // namespace
}  // namespace mujun::tiers::test

namespace mujun::tiers::test {
namespace {
TEST(ChainLeader, JudgeAllNonHolderIsNotApplicable) {
  auto p = profile();
  p.certificates.push_back({"high_tech_enterprise", "national", "GR1", "2023-01-01", "2025-12-31"});
  int seen = 0;
  for (auto& v : judge_all(all_rules(), p, Assessment{D("2024-12-31"), std::nullopt})) {
    if (v.tier != "chain_leader") continue;
    ++seen;
    EXPECT_EQ(v.state, State::NotApplicable);
  }
  EXPECT_EQ(seen, 1);
}
}  // namespace
}  // namespace mujun::tiers::test
