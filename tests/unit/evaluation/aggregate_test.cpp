// Zone per-mu figures are ratios of sums. 丽水 2019 规上 (evaluation-methods.md §6.3): Σ税收实际贡献
// 573,564 万元 over Σ用地 30,341 亩 = 18.904 → shown 18.9 万元/亩.
#include <gtest/gtest.h>

#include <cmath>

#include "evaluation/aggregate.h"
#include "evaluation/cohort.h"

namespace mujun::evaluation {
namespace {

TEST(Aggregate, LishuiTaxPerMuIsRatioOfSumsNotMeanOfRatios) {
  // Three invented firms whose sums are 丽水's totals: land 30,000 / 300 / 41 亩, tax 560,000 / 13,000 / 564.
  Frame f;
  f.year = 2019;
  const double mu[] = {30000, 300, 41};
  const char* tax[] = {"560000", "13000", "564"};
  for (int k = 0; k < 3; ++k) {
    auto i = f.add_enterprise("9133110000000000" + std::to_string(10 + k), "x");
    // land in m²: 亩 × 10000/15 (30000 亩 = 20,000,000 m²; 300 → 200,000; 41 → 27,333.333333)
    f.land_owned_m2.micros[i] = Decimal::from_double(mu[k] * 10000.0 / 15.0).micros;
    f.set_metric(i, "tax_paid", *Decimal::parse_exact(tax[k]));
  }
  auto land = land_mu_column(f, LandRule::OwnedPlusLeased);
  auto agg = per_mu(f, "tax_paid", land);
  EXPECT_EQ(agg.firms, 3);
  EXPECT_NEAR(agg.numerator, 573564, 1e-6);
  EXPECT_NEAR(agg.denominator, 30341, 1e-6);
  EXPECT_NEAR(agg.value(), 573564.0 / 30341.0, 1e-9);
  EXPECT_NEAR(std::round(agg.value() * 100) / 100, 18.90, 1e-12);
  // The mean of the firms' ratios would be (18.667 + 43.333 + 13.756) / 3 = 25.25 — not the figure.
  double mean_of_ratios = (560000 / 30000.0 + 13000 / 300.0 + 564 / 41.0) / 3;
  EXPECT_GT(std::fabs(mean_of_ratios - agg.value()), 6.0);
}

TEST(Aggregate, MissingValuesAreLeftOutNotZero) {
  std::vector<double> num{10, NAN, 30}, den{1, 2, NAN};
  auto r = ratio_of_sums(num, den);
  EXPECT_EQ(r.firms, 1);
  EXPECT_DOUBLE_EQ(r.value(), 10);
  EXPECT_TRUE(std::isnan(ratio_of_sums(std::vector<double>{}, std::vector<double>{}).value()));
}

}  // namespace
}  // namespace mujun::evaluation
