// Quotas per township (classification.pool = "township"): every 镇街 of a cohort gets its own quota
// seats. Expected classes worked by hand from the quota rule of docs/schemes.md (A and D = round half
// up of N × share, B = round half up of N × (A + B) − A, C the rest; default shares 20/40/35/5).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "evaluation/engine.h"
#include "evaluation/explain.h"
#include "support.h"

namespace mujun::evaluation {
namespace {

std::string scheme_text(const std::string& pool) {
  return R"([scheme]
id = "p"
name = "p"
source = "hand-made test scheme"
[classification]
method = "quota"
pool = ")" + pool + R"("
[[indicator]]
id = "tax_per_mu"
label = "亩均税收"
unit = "万元/亩"
numerator = "tax_paid"
denominator = "land_mu"
[[cohort]]
id = "all"
label = "全部"
weights = { tax_per_mu = 100 }
benchmarks = { tax_per_mu = 1 }
)";
}

// 甲镇: tax 10, 9, 8, 7, 6 万元 on 1 亩 each (totals 1000 … 600); 乙镇: 5, 4, 3, 2, 1; one firm with
// no township: 0.5. Indices 0–4 甲, 5–9 乙, 10 unknown.
Frame two_townships() {
  Frame f;
  f.year = 2024;
  for (int k = 0; k < 11; ++k) {
    auto i = f.add_enterprise(fmt::format("9150011000000000{:02d}", k), "企业");
    f.township[i] = k < 5 ? "甲镇" : k < 10 ? "乙镇" : "";
    f.land_owned_m2.micros[i] = test::mu_to_m2_micros(1);
    f.set_metric(i, "tax_paid", Decimal::from_double(k < 10 ? 10.0 - k : 0.5));
  }
  return f;
}

TEST(TownshipPool, QuotasWithinEachTownship) {
  Frame f = two_townships();
  auto r = evaluate(parse_scheme(scheme_text("township"), "p.toml"), f);
  // Each township N = 5: A = round(1.0) = 1, D = round(0.25) = 0, B = round(3.0) − 1 = 2, C = 2.
  // The firm without a township is a pool of 1: A = round(0.2) = 0, B = round(0.6) − 0 = 1 → B.
  EXPECT_EQ(std::string(r.klass.begin(), r.klass.end()), "ABBCCABBCCB");
  EXPECT_EQ(r.cohorts[0].seats, (std::array<int, 4>{2, 5, 4, 0}));  // summed over the three pools
  EXPECT_EQ(r.cohorts[0].counts, (std::array<int, 5>{2, 5, 4, 0, 0}));
  EXPECT_EQ(r.rank[5], 6);  // ranks stay cohort-wide: 乙镇's best is 6th of 11 and still gets an A seat
  EXPECT_NEAR(r.total[5], 500, 1e-6);
  // The explanation names the township whose seats decided the class (not a cohort-wide pool).
  Scheme s = parse_scheme(scheme_text("township"), "p.toml");
  std::string why = explain(s, f, r, 5);
  EXPECT_NE(why.find("名额在本组每个镇街内分配，按本镇街“乙镇”的排位"), std::string::npos) << why;  // 1 亩 is stored as 666.666667 m² (micro-m²): 499.99999975
}

TEST(TownshipPool, CohortPoolIsTheDefaultAndDiffers) {
  Frame f = two_townships();
  auto r = evaluate(parse_scheme(scheme_text("cohort"), "p.toml"), f);
  // One pool of 11: A = round(2.2) = 2, D = round(0.55) = 1, B = round(6.6) − 2 = 5, C = 3.
  EXPECT_EQ(std::string(r.klass.begin(), r.klass.end()), "AABBBBBCCCD");
  EXPECT_EQ(r.cohorts[0].seats, (std::array<int, 4>{2, 5, 3, 1}));
}

TEST(TownshipPool, UnknownPoolValueIsRejected) {
  try {
    parse_scheme(scheme_text("county"), "p.toml");
    FAIL() << "pool = \"county\" was accepted";
  } catch (const SchemeError& e) {
    ASSERT_EQ(e.issues.size(), 1u);
    EXPECT_EQ(e.issues[0].column, "classification.pool");
    EXPECT_EQ(e.issues[0].row, 7);  // the line of pool = "county"
  }
}

}  // namespace
}  // namespace mujun::evaluation
