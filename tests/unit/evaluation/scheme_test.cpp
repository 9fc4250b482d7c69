// Scheme parsing: shipped schemes load; schemes with a mistake are rejected with file, line and key.
#include <gtest/gtest.h>

#include "evaluation/scheme.h"
#include "support.h"

namespace mujun::evaluation {
namespace {

const char* kGood = R"([scheme]
id = "t"
name = "测试"
source = "test"
weights_total = 100

[[indicator]]
id = "tax_per_mu"
label = "亩均税收"
unit = "万元/亩"
numerator = "tax_paid"
denominator = "land_mu"

[[indicator]]
id = "value_added_per_tce"
label = "单位能耗增加值"
unit = "万元/吨标准煤"
formula = "value_added / energy_tce"

[[cohort]]
id = "above_scale"
label = "规上"
above_scale = true
weights = { tax_per_mu = 60, value_added_per_tce = 40 }
benchmarks = { tax_per_mu = 20, value_added_per_tce = { method = "mean", of = "mean_of_ratios" } }

[[cohort]]
id = "below_scale"
label = "规下"
above_scale = false
weights = { tax_per_mu = 100 }
benchmarks = { tax_per_mu = { method = "mean", of = "ratio_of_sums" } }
)";

/// Parses `text` expecting rejection; returns the first issue.
Issue rejected(const std::string& text) {
  try {
    parse_scheme(text, "bad.toml");
  } catch (const SchemeError& e) {
    EXPECT_FALSE(e.issues.empty());
    EXPECT_NE(std::string(e.what()).find("bad.toml:"), std::string::npos);
    return e.issues.front();
  }
  ADD_FAILURE() << "scheme was accepted";
  return {};
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto p = s.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  return s.replace(p, from.size(), to);
}

TEST(Scheme, GoodSchemeParses) {
  Scheme s = parse_scheme(kGood, "good.toml");
  ASSERT_EQ(s.indicators.size(), 2u);
  EXPECT_EQ(s.indicators[0].formula, "(tax_paid) / (land_mu)");
  ASSERT_EQ(s.cohorts.size(), 2u);
  EXPECT_DOUBLE_EQ(s.cohorts[0].weight_total(), 100);
  EXPECT_EQ(s.cohorts[0].benchmarks[1].method, BenchmarkMethod::Mean);
  EXPECT_EQ(s.cohorts[0].benchmarks[1].of, MeanKind::MeanOfRatios);
  EXPECT_EQ(s.cohorts[0].classification.share_micros[3], 50000);
}

TEST(Scheme, ShippedSchemesAllParse) {
  for (const char* name : {"huangyan-2021.toml", "huangyan-2022.toml", "huaian-2024.toml", "jingde-minmax.toml",
                           "chongqing-default.toml"}) {
    SCOPED_TRACE(name);
    Scheme s;
    ASSERT_NO_THROW(s = test::shipped_scheme(name));
    EXPECT_FALSE(s.source.empty());
    EXPECT_FALSE(s.assumptions.empty());  // each says what is not from its source
    for (const auto& c : s.cohorts) EXPECT_DOUBLE_EQ(c.weight_total(), 100);
  }
  Scheme hy = test::shipped_scheme("huangyan-2022.toml");
  EXPECT_EQ(hy.data_year, 2022);
  EXPECT_DOUBLE_EQ(hy.cohorts[0].benchmarks[0].value, 24.097);
  EXPECT_DOUBLE_EQ(hy.cohorts[1].benchmarks[0].value, 11.5932);
  EXPECT_EQ(hy.indicators[hy.indicator_index("value_added_per_emission")].missing, MissingRule::CohortAverage);
  EXPECT_TRUE(test::shipped_scheme("huaian-2024.toml").needs_previous_year());
}

TEST(Scheme, UnknownMetricIsRejectedWithLineAndKey) {
  Issue i = rejected(replace(kGood, "formula = \"value_added / energy_tce\"", "formula = \"value_added / energy\""));
  EXPECT_EQ(i.file, "bad.toml");
  EXPECT_EQ(i.row, 18);
  EXPECT_EQ(i.column, "indicator[value_added_per_tce].formula");
  EXPECT_EQ(i.code, "scheme.unknown_metric");
  EXPECT_NE(i.message.find("\"energy\""), std::string::npos);
}

TEST(Scheme, WeightsNotSummingTo100AreRejected) {
  Issue i = rejected(replace(kGood, "tax_per_mu = 60,", "tax_per_mu = 50,"));
  EXPECT_EQ(i.code, "scheme.weights_sum");
  EXPECT_EQ(i.row, 24);  // the cohort's `weights =` line (its [[cohort]] header is line 20)
  EXPECT_EQ(i.column, "cohort[above_scale].weights");
  EXPECT_NE(i.message.find("90"), std::string::npos);
}

TEST(Scheme, FormulaThatDoesNotParseIsRejected) {
  Issue i = rejected(replace(kGood, "\"value_added / energy_tce\"", "\"value_added / (energy_tce\""));
  EXPECT_EQ(i.code, "scheme.formula");
  EXPECT_EQ(i.row, 18);
  EXPECT_EQ(i.column, "indicator[value_added_per_tce].formula");
}

TEST(Scheme, CohortNobodyFallsInIsRejected) {
  // 规下 cohort widened to everyone after 规上 … then a third cohort that the second one swallows.
  std::string text = std::string(kGood) + R"(
[[cohort]]
id = "below_scale_small"
label = "规下 <3 亩"
above_scale = false
land_mu_max = 3
weights = { tax_per_mu = 100 }
benchmarks = { tax_per_mu = 10 }
)";
  Issue i = rejected(text);
  EXPECT_EQ(i.code, "scheme.cohort_empty");
  EXPECT_EQ(i.row, 34);  // the appended [[cohort]] line
  EXPECT_EQ(i.column, "cohort[below_scale_small]");
  EXPECT_NE(i.message.find("below_scale"), std::string::npos);
  // An empty land range is rejected too.
  Issue j = rejected(replace(kGood, "above_scale = false", "above_scale = false\nland_mu_min = 5\nland_mu_max = 3"));
  EXPECT_EQ(j.code, "scheme.cohort_empty");
  EXPECT_EQ(j.column, "cohort[below_scale].land_mu_min");
}

TEST(Scheme, OtherMistakes) {
  EXPECT_EQ(rejected(replace(kGood, "label = \"规上\"", "label = \"规上\"\nabove = true")).code, "scheme.unknown_key");
  EXPECT_EQ(rejected(replace(kGood, "weights = { tax_per_mu = 100 }", "weights = { tax_per_mu = 100, nope = 1 }")).code,
            "scheme.unknown_indicator");
  EXPECT_EQ(rejected(replace(kGood, "benchmarks = { tax_per_mu = 20, ", "benchmarks = { ")).code,
            "scheme.benchmark_missing");
  // ratio_of_sums needs a numerator/denominator indicator
  EXPECT_EQ(rejected(replace(kGood, "of = \"mean_of_ratios\"", "of = \"ratio_of_sums\"")).code, "scheme.benchmark");
  Issue syntax = rejected(replace(kGood, "id = \"t\"", "id = t"));
  EXPECT_EQ(syntax.code, "scheme.syntax");
  EXPECT_EQ(syntax.row, 2);
  std::string quota = std::string(kGood) + "\n[classification]\nshares = { A = 0.2, B = 0.4, C = 0.3, D = 0.05 }\n";
  EXPECT_EQ(rejected(quota).code, "scheme.quota_sum");
  EXPECT_THROW(load_scheme("/nonexistent/scheme.toml"), SchemeError);
}

TEST(Scheme, IndustryRanges) {
  IndustryRange manufacturing{"13", "43"};
  EXPECT_TRUE(manufacturing.contains("1310"));
  EXPECT_TRUE(manufacturing.contains("4390"));
  EXPECT_FALSE(manufacturing.contains("4411"));
  EXPECT_FALSE(manufacturing.contains(""));
  EXPECT_TRUE(manufacturing.covers(IndustryRange{"3311", "3399"}));
  EXPECT_FALSE(manufacturing.covers(IndustryRange{"40", "46"}));
}

}  // namespace
}  // namespace mujun::evaluation
