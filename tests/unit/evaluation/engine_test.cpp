// Engine behaviour on small hand-computed Frames (values computed by hand in the comments).
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

#include "evaluation/engine.h"
#include "evaluation/explain.h"
#include "evaluation/formula.h"
#include "evaluation/result_json.h"
#include "support.h"

namespace mujun::evaluation {
namespace {
using test::mu_to_m2_micros;

// One cohort, two indicators: 亩均税收 (weight 60, benchmark 10 万元/亩) and 单位能耗增加值 (weight 40,
// benchmark 2 万元/tce); the missing rule of the energy indicator is substituted per test.
std::string scheme_text(const std::string& missing, const std::string& extra = "") {
  return R"([scheme]
id = "t"
name = "t"
source = "hand-made test scheme"
weights_total = 100
bonus_max = 5
[[indicator]]
id = "tax_per_mu"
label = "亩均税收"
unit = "万元/亩"
numerator = "tax_paid"
denominator = "land_mu"
cap = 2
[[indicator]]
id = "value_added_per_tce"
label = "单位能耗增加值"
unit = "万元/吨标准煤"
formula = "value_added / energy_tce"
missing = ")" + missing + R"("
[[cohort]]
id = "owned"
label = "有自有用地"
tenure = "owned"
weights = { tax_per_mu = 60, value_added_per_tce = 40 }
benchmarks = { tax_per_mu = 10, value_added_per_tce = 2 }
[[cohort]]
id = "leased"
label = "租赁企业"
tenure = "leased_only"
weights = { tax_per_mu = 100 }
benchmarks = { tax_per_mu = { method = "max" } }
[[adjustment]]
id = "hte"
label = "高新技术企业"
kind = "bonus"
points = 3
certificate = "high_tech_enterprise"
[[adjustment]]
id = "sf"
label = "智能工厂"
kind = "bonus"
points = 3
certificate = "smart_factory"
[[adjustment]]
id = "env"
label = "环境违法"
kind = "penalty"
points = 4
flag = "environmental_violation"
[[adjustment]]
id = "safety"
label = "重大安全事故"
kind = "veto"
class = "D"
flag = "major_safety_accident"
)" + extra;
}

struct Firms {
  Frame f;
  Firms() {
    f.year = 2024;
    // 0: 15 亩 own, tax 300 (20 万元/亩 → ratio 2), VA 1000 / 250 tce = 4 (ratio 2) → 60×2 + 40×2 = 200
    add("915001100000000001", 15, 0, "300", "1000", "250");
    // 1: 3 亩 own, tax 15 (5 → 0.5 × 60 = 30), no energy data
    add("915001100000000002", 3, 0, "15", "100", "");
    // 2: 6 亩 own, tax 90 (15 → 1.5 × 60 = 90), VA 300 / 0 tce → division by zero = missing
    add("915001100000000003", 6, 0, "90", "300", "0");
    // 3: leased only 3 亩, tax 12 (4 万元/亩); 4: leased only 6 亩, tax 48 (8 万元/亩, the max)
    add("915001100000000004", 0, 3, "12", "", "");
    add("915001100000000005", -1, 6, "48", "", "");
    // 5: no parcel at all → in no cohort
    add("915001100000000006", -1, -1, "10", "", "");
  }
  void add(const std::string& uscc, double own, double leased, const std::string& tax, const std::string& va,
           const std::string& tce) {
    auto i = f.add_enterprise(uscc, "企业" + uscc.substr(17));
    if (own >= 0) f.land_owned_m2.micros[i] = mu_to_m2_micros(own);
    if (leased >= 0) f.land_leased_m2.micros[i] = mu_to_m2_micros(leased);
    f.set_metric(i, "tax_paid", test::dec(tax));
    if (!va.empty()) f.set_metric(i, "value_added", test::dec(va));
    if (!tce.empty()) f.set_metric(i, "energy_tce", test::dec(tce));
  }
};

TEST(Engine, PointsCapsCohortsAndMissingZero) {
  Scheme s = parse_scheme(scheme_text("zero"), "t.toml");
  Firms d;
  auto r = evaluate(s, d.f);
  EXPECT_EQ(r.cohort, (LargeVector<int>{0, 0, 0, 1, 1, -1}));
  EXPECT_NEAR(r.total[0], 200, 1e-9);  // 2 × 60 + 2 × 40, at the cap 2
  EXPECT_NEAR(r.total[1], 30, 1e-9);
  EXPECT_EQ(r.treatment[1][1], Treatment::MissingZero);
  EXPECT_NEAR(r.total[2], 90, 1e-9);
  EXPECT_TRUE(std::isnan(r.value[1][2]));  // VA / 0 tce: defined as missing, never NaN in a decision
  EXPECT_EQ(r.treatment[1][2], Treatment::MissingZero);
  // 租赁企业 against the cohort max 8 万元/亩: 4/8 × 100 = 50 and 100.
  EXPECT_NEAR(r.total[3], 50, 1e-9);
  EXPECT_NEAR(r.total[4], 100, 1e-9);
  EXPECT_EQ(r.klass[5], 0);
  EXPECT_EQ(r.class_rule[5], ClassRule::None);
  // Cap: with no cap, firm 0's tax ratio 2 would still be 2; raise its tax to 600 (ratio 4 → capped 2).
  d.f.metrics["tax_paid"].micros[0] = test::dec("600").micros;
  EXPECT_NEAR(evaluate(s, d.f).total[0], 200, 1e-9);
}

TEST(Engine, MissingCohortAverageAndReweight) {
  Firms d;
  // cohort_average: the energy points of the cohort firms that have the value: only firm 0 (80).
  auto avg = evaluate(parse_scheme(scheme_text("cohort_average"), "t.toml"), d.f);
  EXPECT_NEAR(avg.points[1][1], 80, 1e-9);
  EXPECT_EQ(avg.treatment[1][1], Treatment::MissingAverage);
  EXPECT_NEAR(avg.total[1], 30 + 80, 1e-9);
  // reweight: energy left out, tax points scaled by 100 / 60: 30 × 100/60 = 50; 90 × 100/60 = 150.
  auto rw = evaluate(parse_scheme(scheme_text("reweight"), "t.toml"), d.f);
  EXPECT_NEAR(rw.total[1], 50, 1e-9);
  EXPECT_NEAR(rw.total[2], 150, 1e-9);
  EXPECT_EQ(rw.treatment[1][2], Treatment::MissingReweighted);
  EXPECT_NEAR(rw.total[0], 200, 1e-9);  // unaffected
}

TEST(Engine, BonusPenaltyCapAndVeto) {
  Scheme s = parse_scheme(scheme_text("zero"), "t.toml");
  Firms d;
  d.f.certificates[1].push_back({"high_tech_enterprise", "national", "GR2023", "2023-12-01", "2026-11-30"});
  d.f.certificates[1].push_back({"smart_factory", "municipal", "", "2024-03-01", ""});
  d.f.certificates[2].push_back({"high_tech_enterprise", "national", "GR2020", "2020-12-01", "2023-11-30"});
  d.f.flags[2] = {"environmental_violation"};
  d.f.flags[0] = {"major_safety_accident"};
  auto r = evaluate(s, d.f);
  EXPECT_NEAR(r.adjustment_total[1], 5, 1e-9);  // 3 + 3 capped at bonus_max 5
  EXPECT_NEAR(r.total[1], 35, 1e-9);
  EXPECT_NEAR(r.adjustment_total[2], -4, 1e-9);  // expired certificate gives nothing; penalty −4
  EXPECT_NEAR(r.total[2], 86, 1e-9);
  EXPECT_EQ(r.klass[0], 'D');  // best total, but vetoed
  EXPECT_EQ(r.class_rule[0], ClassRule::Veto);
  EXPECT_EQ(r.rank[0], 1);
  // The pool without the vetoed firm: 2 firms → A round(0.4)=0, B round(1.2)=1, C 1.
  EXPECT_EQ(r.cohorts[0].pool, 2);
  EXPECT_EQ(r.klass[2], 'B');
  EXPECT_EQ(r.klass[1], 'C');
  EXPECT_EQ(r.cohorts[0].counts, (std::array<int, 5>{0, 1, 1, 1, 0}));
  std::string why = explain(s, d.f, r, 0);
  EXPECT_NE(why.find("一票否决"), std::string::npos);
  EXPECT_NE(why.find("排第 1"), std::string::npos);
}

TEST(Engine, MinMaxFormulaOfJingde) {
  // 旌德: w × [20 + 80 × (x − min)/(max − min)] / 100. Values 2, 5, 8 万元/亩 on weight 100:
  // 20, 20 + 80 × 3/6 = 60, 100.
  Scheme s = parse_scheme(R"([scheme]
id = "m"
name = "m"
source = "旌德 formula"
[[indicator]]
id = "tax_per_mu"
label = "亩均税收"
unit = "万元/亩"
formula = "tax_paid / land_mu"
[[cohort]]
id = "all"
label = "all"
weights = { tax_per_mu = 100 }
benchmarks = { tax_per_mu = { method = "minmax", floor = 20 } }
)", "m.toml");
  Frame f;
  f.year = 2023;
  for (int k = 0; k < 3; ++k) {
    auto i = f.add_enterprise("91340000000000000" + std::to_string(k), "x");
    f.land_owned_m2.micros[i] = mu_to_m2_micros(3);
    f.set_metric(i, "tax_paid", Decimal::from_double(6.0 + 9.0 * k));
  }
  auto r = evaluate(s, f);
  EXPECT_NEAR(r.total[0], 20, 1e-9);
  EXPECT_NEAR(r.total[1], 60, 1e-9);
  EXPECT_NEAR(r.total[2], 100, 1e-9);
}

TEST(Engine, MeanBenchmarkRatioOfSumsVersusMeanOfRatiosAndLowerIsBetter) {
  Scheme s = parse_scheme(R"([scheme]
id = "m"
name = "m"
source = "test"
[[indicator]]
id = "tax_per_mu"
label = "亩均税收"
unit = "万元/亩"
numerator = "tax_paid"
denominator = "land_mu"
[[indicator]]
id = "energy_per_tax"
label = "单位税收能耗"
unit = "吨标准煤/万元"
formula = "energy_tce / tax_paid"
direction = "lower"
[[cohort]]
id = "a"
label = "a"
industry = ["13-29"]
weights = { tax_per_mu = 100 }
benchmarks = { tax_per_mu = { method = "mean", of = "ratio_of_sums" } }
[[cohort]]
id = "b"
label = "b"
industry = ["30-43"]
weights = { tax_per_mu = 50, energy_per_tax = 50 }
benchmarks = { tax_per_mu = { method = "mean", of = "mean_of_ratios" }, energy_per_tax = { method = "mean", of = "mean_of_ratios" } }
)", "m.toml");
  Frame f;
  f.year = 2024;
  // Two firms in each cohort: 3 亩 tax 30 (10 万元/亩) and 6 亩 tax 120 (20 万元/亩).
  // Ratio of sums: 150 / 9 = 16.667; mean of ratios: 15.
  const char* codes[] = {"1310", "1310", "3311", "3311"};
  const double mu[] = {3, 6, 3, 6}, tax[] = {30, 120, 30, 120}, tce[] = {0, 0, 60, 60};
  for (int k = 0; k < 4; ++k) {
    auto i = f.add_enterprise("9150011000000000" + std::to_string(10 + k), "x");
    f.industry_code[i] = codes[k];
    f.land_owned_m2.micros[i] = mu_to_m2_micros(mu[k]);
    f.set_metric(i, "tax_paid", Decimal::from_double(tax[k]));
    f.set_metric(i, "energy_tce", Decimal::from_double(tce[k]));
  }
  auto r = evaluate(s, f);
  EXPECT_NEAR(r.cohorts[0].benchmark[0], 150.0 / 9.0, 1e-9);
  EXPECT_NEAR(r.total[0], 10 / (150.0 / 9.0) * 100, 1e-9);  // 60
  EXPECT_NEAR(r.cohorts[1].benchmark[0], 15, 1e-9);
  // energy_per_tax: 2 and 0.5, mean 1.25 → (2 − 2/1.25) × 50 = 20; (2 − 0.4) × 50 = 80
  EXPECT_NEAR(r.points[1][2], 20, 1e-9);
  EXPECT_NEAR(r.points[1][3], 80, 1e-9);
  EXPECT_NEAR(r.total[2], 10.0 / 15 * 50 + 20, 1e-9);
}

TEST(Engine, SameInputsGiveByteIdenticalJson) {
  Scheme s = parse_scheme(scheme_text("cohort_average"), "t.toml");
  Firms d;
  std::string a = result_json(s, d.f, evaluate(s, d.f), {{"scheme_sha256", "x"}});
  std::string b = result_json(s, d.f, evaluate(s, d.f), {{"scheme_sha256", "x"}});
  EXPECT_EQ(a, b);
  EXPECT_NE(a.find("\"uscc\":\"915001100000000001\""), std::string::npos);
  EXPECT_NE(a.find("\"counts\":{\"A\":"), std::string::npos);
  EXPECT_NE(a.find("\"not_evaluated\":1"), std::string::npos);
  EXPECT_EQ(a.find("nan"), std::string::npos);
}

TEST(Engine, EmptyCohortIsAWarningNotAnError) {
  Scheme s = parse_scheme(scheme_text("zero"), "t.toml");
  Frame f;
  f.year = 2024;
  auto r = evaluate(s, f);
  EXPECT_EQ(r.order.size(), 0u);
  EXPECT_EQ(r.warnings.size(), 2u);
}

// Speed: 1,000,000 enterprises under chongqing-default. Run with --gtest_also_run_disabled_tests.
TEST(Engine, DISABLED_MillionEnterprises) {
  Scheme s = test::shipped_scheme("chongqing-default.toml");
  Frame f;
  f.year = 2024;
  const std::size_t n = 1'000'000;
  f.uscc.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::string u = std::to_string(i);
    auto k = f.add_enterprise("915001" + std::string(12 - u.size(), '0') + u, "");
    f.industry_code[k] = "3311";
    f.above_scale[k] = 1;
    f.production_start_year[k] = 2010;
    f.land_owned_m2.micros[k] = static_cast<std::int64_t>(2000 + i % 50000) * 1'000'000;
  }
  for (const char* m : {"value_added", "tax_paid", "energy_tce", "rd_expense", "main_revenue"}) {
    auto& col = f.metrics[m].micros;
    col.resize(n);
    for (std::size_t i = 0; i < n; ++i) col[i] = static_cast<std::int64_t>((i * 2654435761u) % 100000 + 1) * 1'000'000;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto r = evaluate(s, f);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("evaluate 1,000,000 enterprises: %.3f s\n", secs);
  EXPECT_EQ(r.cohorts[0].members, static_cast<int>(n));
}

}  // namespace
}  // namespace mujun::evaluation

namespace mujun::evaluation {
namespace {
// Simple ratios are computed without muParser; both paths must agree (incl. missing and x / 0).
TEST(Formula, DirectRatioAndMuParserAgree) {
  Frame f;
  f.year = 2024;
  for (int k = 0; k < 5; ++k) f.add_enterprise("9150011000000000" + std::to_string(10 + k), "x");
  f.set_metric(0, "tax_paid", test::dec("10"));
  f.set_metric(0, "energy_tce", test::dec("4"));
  f.set_metric(1, "tax_paid", test::dec("3"));
  f.set_metric(1, "energy_tce", test::dec("0"));
  f.set_metric(2, "tax_paid", test::dec("3"));
  f.set_metric(3, "energy_tce", test::dec("2"));
  f.set_metric(4, "tax_paid", test::dec("-1"));
  f.set_metric(4, "energy_tce", test::dec("8"));
  FrameVariables vars(f, LandRule::OwnedPlusLeased);
  std::vector<double> direct, parsed;
  evaluate_formula("(tax_paid) / (energy_tce)", vars, direct);
  evaluate_formula("tax_paid / energy_tce * 1", vars, parsed);  // not a simple ratio: muParser bulk
  ASSERT_EQ(direct.size(), 5u);
  EXPECT_DOUBLE_EQ(direct[0], 2.5);
  EXPECT_DOUBLE_EQ(direct[4], -0.125);
  for (int i : {1, 2, 3}) EXPECT_TRUE(std::isnan(direct[i])) << i;
  for (int i = 0; i < 5; ++i) {
    if (std::isnan(direct[i])) EXPECT_TRUE(std::isnan(parsed[i])) << i;
    else EXPECT_DOUBLE_EQ(direct[i], parsed[i]);
  }
}
}  // namespace
}  // namespace mujun::evaluation

namespace mujun::evaluation {
namespace {

TEST(ResultJson, QuotesEscapeExactlyTheCharactersJsonRequires) {
  // RFC 8259 §7: quotation mark, reverse solidus and control characters escaped; UTF-8 kept as is.
  EXPECT_EQ(json_quote("万盛经开区"), "\"万盛经开区\"");
  EXPECT_EQ(json_quote(""), "\"\"");
  EXPECT_EQ(json_quote("a\"b\\c\nd\re\tf\x01g\x1f"), "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001f\"");
  EXPECT_EQ(json_quote(std::string("x\0y", 3)), "\"x\\u0000y\"");
}

}  // namespace
}  // namespace mujun::evaluation
