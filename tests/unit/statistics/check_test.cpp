// Published-overview check: printed ranges, interval arithmetic, reproduction and consistency.
#include <cmath>

#include <gtest/gtest.h>

#include "statistics/check.h"

using namespace mujun::statistics;

TEST(Interval, Arithmetic) {
  Interval a{1, 2}, b{3, 4};
  EXPECT_EQ((a + b).lo, 4);
  EXPECT_EQ((a - b).lo, -3);
  EXPECT_EQ((a - b).hi, -1);
  EXPECT_EQ((a * Interval{-1, 3}).lo, -2);
  EXPECT_EQ((a * Interval{-1, 3}).hi, 6);
  EXPECT_DOUBLE_EQ((a / b).lo, 0.25);
  EXPECT_DOUBLE_EQ((a / b).hi, 2.0 / 3);
  EXPECT_TRUE(std::isinf((a / Interval{-1, 1}).hi));
  double inf = std::numeric_limits<double>::infinity();
  Interval open{290, inf};
  Interval r = Interval{260.955, 260.965} / open;  // 260.96 / "突破290"
  EXPECT_EQ(r.lo, 0);
  EXPECT_DOUBLE_EQ(r.hi, 260.965 / 290);
}

TEST(Interval, FormulaLanguage) {
  auto lookup = [](std::string_view id) -> std::optional<Interval> {
    if (id == "a.b") return Interval::point(6);
    if (id == "c") return Interval::point(2);
    return std::nullopt;
  };
  EXPECT_DOUBLE_EQ(evaluate("(a.b - c) * 100 / -c + 1.5", lookup).lo, -198.5);
  EXPECT_THROW(evaluate("a.b / d", lookup), std::invalid_argument);
  EXPECT_THROW(evaluate("a.b +", lookup), std::invalid_argument);
  EXPECT_THROW(evaluate("(a.b", lookup), std::invalid_argument);
  EXPECT_EQ(identifiers("x / y * 100 + x"), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(substitute("x / y * 100", [](std::string_view id) { return id == "x" ? std::string("260.96") : "290"; }),
            "260.96 / 290 * 100");
}

TEST(Published, PrintedRanges) {
  PublishedFigure f;
  f.value = 260.96;
  f.decimals = 2;
  Interval r = printed_range(f);
  EXPECT_NEAR(r.lo, 260.955, 1e-12);
  EXPECT_NEAR(r.hi, 260.965, 1e-12);
  f.bound = Bound::AtLeast;
  EXPECT_EQ(printed_range(f).lo, 260.96);
  EXPECT_TRUE(std::isinf(printed_range(f).hi));
  EXPECT_EQ(*unit_factor("万元", "亿元"), 1e-4);
  EXPECT_FALSE(unit_factor("万元", "%"));
}

namespace {
const char* kPublished = R"(
[published]
title = "测试数据一览"
year = 2024

[[figure]]
id = "above_scale_gross_output"
label = "规上工业总产值"
value = "290"
unit = "亿元"
bound = "at_least"
text = "突破290亿元"

[[figure]]
id = "clusters_output"
label = "“231”产业集群产值"
value = "260.96"
unit = "亿元"

[[figure]]
id = "clusters_output_2023"
label = "2023年“231”产业集群产值"
value = "248.30"
unit = "亿元"

[[figure]]
id = "clusters_output_growth"
label = "“231”产值增速"
value = "5.1"
unit = "%"

[[figure]]
id = "clusters_share"
label = "“231”占比"
value = "92"
unit = "%"

[[figure]]
id = "tax_per_mu"
label = "亩均税收"
value = "22"
unit = "万元/亩"

[[figure]]
id = "land"
label = "用地"
value = "6470"
unit = "亩"

[[figure]]
id = "tax"
label = "税收"
value = "10"
unit = "亿元"
bound = "at_least"

[[relation]]
figure = "clusters_share"
kind = "share"
formula = "clusters_output / above_scale_gross_output * 100"
solve_for = "above_scale_gross_output"

[[relation]]
figure = "clusters_output_growth"
kind = "growth"
formula = "(clusters_output / clusters_output_2023 - 1) * 100"

[[relation]]
figure = "tax"
kind = "per_mu"
formula = "tax_per_mu * land / 10000"
)";
}  // namespace

TEST(Published, ParseErrors) {
  auto r = parse_published("[[figure]]\nid = \"x\"\nvalue = \"29O\"\n\n[[relation]]\nfigure = \"y\"\nformula = \"1\"\n",
                           "p.toml");
  EXPECT_FALSE(r.published);
  ASSERT_EQ(r.issues.size(), 2u);
  EXPECT_EQ(r.issues[0].code, "published.bad_value");
  EXPECT_EQ(r.issues[0].raw_value, "29O");
  EXPECT_EQ(r.issues[0].row, 1);
  EXPECT_EQ(r.issues[1].code, "published.bad_relation");
}

TEST(Published, ConsistencyShowsArithmetic) {
  auto p = parse_published(kPublished, "p.toml");
  ASSERT_TRUE(p.published) << p.issues[0].message;
  EXPECT_EQ(p.published->find("clusters_output_2023")->decimals, 2);  // "248.30" keeps its zero
  CheckReport r = check_published(*p.published, Bulletin{});
  ASSERT_EQ(r.consistency.size(), 3u);
  // share: 260.96 / [290, ∞) × 100 ≤ 89.99 %, printed 92 % means [91.5, 92.5] → inconsistent;
  // 260.96 / 0.92 = 283.65 亿元 would be needed.
  const CheckLine& s = r.consistency[0];
  EXPECT_EQ(s.verdict, Verdict::Fail);
  EXPECT_NE(s.arithmetic.find("260.96 / 290 * 100 = 89.9862"), std::string::npos) << s.arithmetic;
  EXPECT_NE(s.message.find("283.65"), std::string::npos) << s.message;
  // growth: 260.96 / 248.30 − 1 = 5.0987 % → prints 5.1 → consistent
  EXPECT_EQ(r.consistency[1].verdict, Verdict::Pass) << r.consistency[1].arithmetic;
  EXPECT_NE(r.consistency[1].arithmetic.find("5.0987"), std::string::npos) << r.consistency[1].arithmetic;
  // per mu: 22 × 6470 / 10000 = 14.234 亿元 ≥ "over 10" → consistent
  EXPECT_EQ(r.consistency[2].verdict, Verdict::Pass);
  EXPECT_EQ(r.failures(), 1u);  // reproduction lines have no computed figures: not checked
  EXPECT_EQ(r.reproduction[0].verdict, Verdict::NotChecked);
}

TEST(Published, GrowthInconsistentWhenBaseDisagrees) {
  auto p = parse_published(kPublished, "p.toml");
  auto pub = *p.published;
  for (auto& f : pub.figures)
    if (f.id == "clusters_output_2023") { f.printed = "250.00"; f.value = 250.0; }
  // 260.96 / 250.00 − 1 = 4.384 % ∉ [5.05, 5.15]
  EXPECT_EQ(check_published(pub, Bulletin{}).consistency[1].verdict, Verdict::Fail);
}

TEST(Published, ReproductionAgainstData) {
  auto p = parse_published(kPublished, "p.toml");
  Bulletin b;
  Figure total;
  total.id = "above_scale_gross_output";
  total.unit = "亿元";
  total.value = 290.0;  // exactly 2,900,000 万元
  total.formula = "Σ";
  total.inputs = {{"Σgross_output", "2900000", "万元"}};
  b.figures.push_back(total);
  Figure cl;
  cl.id = "clusters_output";
  cl.unit = "万元";  // converted to 亿元 for the comparison
  cl.value = 2609649.99;
  b.figures.push_back(cl);
  Figure sh;
  sh.id = "clusters_share";
  sh.unit = "%";
  sh.value = 89.9862;
  b.figures.push_back(sh);
  CheckReport r = check_published(*p.published, b);
  EXPECT_EQ(r.reproduction[0].verdict, Verdict::Pass);  // 290 ≥ 290
  EXPECT_NE(r.reproduction[0].arithmetic.find("2900000 万元"), std::string::npos);
  EXPECT_EQ(r.reproduction[1].verdict, Verdict::Pass);  // 260.9649999 rounds to 260.96
  EXPECT_EQ(r.reproduction[4].verdict, Verdict::Fail);  // 89.99 % is not 92 %
  b.figures[1].value = 2609650.01;                        // 260.965001 rounds to 260.97
  EXPECT_EQ(check_published(*p.published, b).reproduction[1].verdict, Verdict::Fail);
}
