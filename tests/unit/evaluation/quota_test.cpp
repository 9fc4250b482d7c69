// Quota classification (evaluation/classify.h). Published counts: 巢湖 2021 (巢政办〔2022〕11号) 120
// 规上 firms with 20/45/30/5 → 24/54/36/6; 济宁高新区 2023 (济高新管发〔2024〕4号) 100 firms (≥3 亩)
// with 20/40/35/5 → 20/40/35/5 (evaluation-methods.md §6.2).
#include <gtest/gtest.h>

#include "evaluation/classify.h"
#include "evaluation/engine.h"
#include "support.h"

namespace mujun::evaluation {
namespace {

std::array<std::int64_t, 4> shares(int a, int b, int c, int d) {
  return {a * 10000LL, b * 10000LL, c * 10000LL, d * 10000LL};
}

struct Pool {
  std::vector<double> totals;
  std::vector<std::string> uscc;
  std::vector<char> klass;
  std::vector<ClassRule> rule;
  std::vector<std::size_t> members;
  explicit Pool(std::vector<double> t) : totals(std::move(t)) {
    for (std::size_t i = 0; i < totals.size(); ++i) {
      uscc.push_back(fmt_uscc(i));
      members.push_back(i);
    }
    klass.assign(totals.size(), 0);
    rule.assign(totals.size(), ClassRule::None);
  }
  static std::string fmt_uscc(std::size_t i) {
    std::string s = std::to_string(i);
    return "91500110" + std::string(10 - s.size(), '0') + s;
  }
  std::array<int, 4> run(const Classification& c) {
    sort_by_total(members, totals, uscc_ranks(uscc));
    classify_pool(c, members, totals, klass, rule);
    std::array<int, 4> n{};
    for (char k : klass) ++n[k - 'A'];
    return n;
  }
};

std::vector<double> distinct(int n) {
  std::vector<double> t;
  for (int i = 0; i < n; ++i) t.push_back(100.0 + 0.37 * ((i * 7919) % n));  // a permutation, all distinct
  return t;
}

TEST(Quota, Chaohu120FirmsWith20_45_30_5Gives24_54_36_6) {
  EXPECT_EQ(quota_seats(120, shares(20, 45, 30, 5)), (std::array<int, 4>{24, 54, 36, 6}));
  Classification c;
  c.share_micros = shares(20, 45, 30, 5);
  Pool p(distinct(120));
  EXPECT_EQ(p.run(c), (std::array<int, 4>{24, 54, 36, 6}));
}

TEST(Quota, JiningHt100FirmsWith20_40_35_5Gives20_40_35_5) {
  EXPECT_EQ(quota_seats(100, shares(20, 40, 35, 5)), (std::array<int, 4>{20, 40, 35, 5}));
  Classification c;  // default shares are 20/40/35/5
  Pool p(distinct(100));
  EXPECT_EQ(p.run(c), (std::array<int, 4>{20, 40, 35, 5}));
}

TEST(Quota, RoundingIsHalfUpForAAndDAndCumulativeForB) {
  // N = 10, 20/40/35/5: A 2, D round(0.5) = 1, B round(6.0) − 2 = 4, C 3.
  EXPECT_EQ(quota_seats(10, shares(20, 40, 35, 5)), (std::array<int, 4>{2, 4, 3, 1}));
  // N = 7: A round(1.4)=1, D round(0.35)=0, B round(4.2)−1=3, C 3.
  EXPECT_EQ(quota_seats(7, shares(20, 40, 35, 5)), (std::array<int, 4>{1, 3, 3, 0}));
  // N = 2, 25/45/25/5: A round(0.5)=1, B round(1.4)−1=0, C 1, D 0.
  EXPECT_EQ(quota_seats(2, shares(25, 45, 25, 5)), (std::array<int, 4>{1, 0, 1, 0}));
}

TEST(Quota, NZeroAndNOne) {
  EXPECT_EQ(quota_seats(0, shares(20, 40, 35, 5)), (std::array<int, 4>{0, 0, 0, 0}));
  // N = 1: A round(0.2)=0, D round(0.05)=0, B round(0.6)−0 = 1.
  EXPECT_EQ(quota_seats(1, shares(20, 40, 35, 5)), (std::array<int, 4>{0, 1, 0, 0}));
  Classification c;
  Pool one({55.0});
  EXPECT_EQ(one.run(c), (std::array<int, 4>{0, 1, 0, 0}));
  Pool none({});
  EXPECT_EQ(none.run(c), (std::array<int, 4>{0, 0, 0, 0}));
}

TEST(Quota, TiesAtABoundaryShareTheBetterClass) {
  // N = 10 → seats A 2, B 4, C 3, D 1. Seats 2 and 3 (0-based 1, 2) tie across the A/B boundary.
  Pool p({90, 80, 80, 70, 60, 50, 40, 30, 20, 10});
  Classification c;
  EXPECT_EQ(p.run(c), (std::array<int, 4>{3, 3, 3, 1}));
  EXPECT_EQ(p.klass[2], 'A');
  EXPECT_EQ(p.rule[2], ClassRule::QuotaTie);
  EXPECT_EQ(p.rule[1], ClassRule::Quota);
  std::vector<int> rank(10);
  assign_ranks(p.members, p.totals, rank);
  EXPECT_EQ(rank[1], 2);
  EXPECT_EQ(rank[2], 2);
  EXPECT_EQ(rank[3], 4);
  // Last seat tie at the C/D boundary: both get C.
  Pool q({90, 80, 70, 60, 50, 40, 30, 20, 10, 10});
  EXPECT_EQ(q.run(c), (std::array<int, 4>{2, 4, 4, 0}));
}

TEST(Quota, AllEqualTotalsAllTakeTheBestClass) {
  Pool p(std::vector<double>(20, 77.5));
  Classification c;
  EXPECT_EQ(p.run(c), (std::array<int, 4>{20, 0, 0, 0}));
}

TEST(Quota, OrderIsTotalDescThenUsccAsc) {
  Pool p({50, 60, 50});
  Classification c;
  p.run(c);
  EXPECT_EQ(p.members, (std::vector<std::size_t>{1, 0, 2}));
}

TEST(Quota, AFloorSendsLowASeatsToB) {
  Pool p({59, 58, 57, 56, 55, 54, 53, 52, 51, 50});
  Classification c;
  c.a_min_total = 58.5;  // only 59 reaches the A floor
  EXPECT_EQ(p.run(c), (std::array<int, 4>{1, 5, 3, 1}));
  EXPECT_EQ(p.rule[1], ClassRule::QuotaFloor);
}

TEST(Quota, Thresholds) {
  Pool p({120, 100, 95, 60, 59.999});
  Classification c;
  c.method = Classification::Method::Threshold;
  c.thresholds = {100, 80, 60};
  EXPECT_EQ(p.run(c), (std::array<int, 4>{2, 1, 1, 1}));
}

// Exempt and deferred firms (class T) stay out of N: 12 firms, 2 of them utilities (44–46) → the pool
// is 10, so A = 2, D = round(0.5) = 1 (with 12 it would be A 2, D round(0.6) = 1, B round(7.2) − 2 = 5).
TEST(Quota, ExemptFirmsAreExcludedFromTheQuotaCount) {
  Scheme s = parse_scheme(R"(
[scheme]
id = "t"
name = "t"
source = "test"
[[indicator]]
id = "tax_per_mu"
label = "亩均税收"
unit = "万元/亩"
formula = "tax_paid / land_mu"
[[cohort]]
id = "all"
label = "all"
weights = { tax_per_mu = 100 }
benchmarks = { tax_per_mu = 10 }
[[special]]
id = "utilities"
label = "水电气"
kind = "exempt"
industry = ["44-46"]
)", "t.toml");
  Frame f;
  f.year = 2024;
  for (int i = 0; i < 12; ++i) {
    auto k = f.add_enterprise(Pool::fmt_uscc(i), "e" + std::to_string(i));
    f.industry_code[k] = i < 2 ? "4411" : "3311";
    f.land_owned_m2.micros[k] = test::mu_to_m2_micros(3);  // 3 亩 = 2000 m² exactly
    f.set_metric(k, "tax_paid", Decimal::from_double(30.0 + i));
  }
  auto r = evaluate(s, f);
  EXPECT_EQ(r.cohorts[0].members, 12);
  EXPECT_EQ(r.cohorts[0].pool, 10);
  EXPECT_EQ(r.cohorts[0].counts, (std::array<int, 5>{2, 4, 3, 1, 2}));
  EXPECT_EQ(r.klass[0], 'T');
  EXPECT_EQ(r.klass[11], 'A');  // tax 41 on 3 亩: the best
  EXPECT_NEAR(r.total[11], 41.0 / 3 / 10 * 100, 1e-9);
}

}  // namespace
}  // namespace mujun::evaluation
