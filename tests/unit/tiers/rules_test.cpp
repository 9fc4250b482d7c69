// Rule files: every shipped file parses and cites its document; errors name the file and line.
#include "helpers.h"
#include "tiers/quantity.h"

namespace mujun::tiers::test {
namespace {

TEST(Rules, ShippedFilesParseWithSourcesAndConfidence) {
  const auto& all = all_rules();
  EXPECT_EQ(all.size(), 9u);
  for (auto& r : all) {
    EXPECT_FALSE(r.document.empty()) << r.source;
    EXPECT_TRUE(r.confidence == "V" || r.confidence == "S" || r.confidence == "I") << r.source;
    for (auto& c : r.conditions) {
      EXPECT_FALSE(c.article.empty()) << r.source << " " << c.id;
      EXPECT_FALSE(c.confidence.empty()) << r.source << " " << c.id;
    }
  }
  EXPECT_EQ(rules("high_tech_enterprise-MOST-2016-32.toml").validity_years, 3);
  EXPECT_EQ(rules("innovative_sme-MIIT-2022-63.toml").score->groups.at(0).minimum, 20);
}

TEST(Rules, ErrorsNameFileLineAndFix) {
  try {
    parse_rule_set("tier = \"x\"\ntier_label = \"x\"\nversion = \"v\"\ndocument = \"d\"\nconfidence = \"V\"\n"
                   "[[applies]]\nfrom = \"2024-13-01\"\n", "bad.toml");
    FAIL() << "no error";
  } catch (const RuleError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("bad.toml"), std::string::npos) << m;
    EXPECT_NE(m.find("2024-13-01"), std::string::npos) << m;
    EXPECT_NE(m.find("YYYY-MM-DD"), std::string::npos) << m;
  }
  try {
    parse_rule_set("tier = \"x\"\ntier_label = \"x\"\nversion = \"v\"\ndocument = \"d\"\nconfidence = \"V\"\n"
                   "[[applies]]\nfrom = 2024-01-01\n[[condition]]\nid = \"a\"\nlabel = \"a\"\nquantity = { metric = \"revenue\" }\nop = \"=>\"\nthreshold = 1\n",
                   "bad2.toml");
    FAIL() << "no error";
  } catch (const RuleError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("bad2.toml 第12行"), std::string::npos) << m;
    EXPECT_NE(m.find("=>"), std::string::npos) << m;
  }
  EXPECT_THROW(parse_rule_set("tier = ", "syntax.toml"), RuleError);
}

TEST(Rules, FormatValue) {
  EXPECT_EQ(format_value(0.021, "%"), "2.1%");
  EXPECT_EQ(format_value(136.0, "万元"), "136 万元");
  EXPECT_EQ(format_value(-0.001, "万元"), "0 万元");
}

}  // namespace
}  // namespace mujun::tiers::test
