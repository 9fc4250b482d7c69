// Header mapping against the shipped table data/header-aliases.toml: every header named in issue 2
// (item 4) and every header the example-zone generator writes must map to the right field and unit.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "ingest/aliases.h"

using namespace mujun;
using namespace mujun::ingest;

namespace {

const AliasTable& table() {
  static const AliasTable t = [] {
    Issues issues;
    AliasTable a = AliasTable::load(std::string(MUJUN_SOURCE_ROOT) + "/data/header-aliases.toml", issues);
    for (const auto& i : issues) ADD_FAILURE() << i.code << " " << i.message;
    return a;
  }();
  return t;
}

struct Case {
  const char* label;
  HeaderKind kind;
  const char* id;
  const char* unit;  // "" = no unit in the label
};

void expect_case(const Case& c) {
  SCOPED_TRACE(c.label);
  HeaderMatch m = table().match(c.label);
  EXPECT_EQ(kind_name(m.kind), kind_name(c.kind));
  EXPECT_EQ(m.id, c.id);
  if (*c.unit) {
    ASSERT_TRUE(m.unit.has_value());
    EXPECT_EQ(m.unit->label, c.unit);
  } else {
    EXPECT_FALSE(m.unit.has_value());
  }
  for (const auto& i : m.issues) ADD_FAILURE() << i.code << " " << i.message;
}

}  // namespace

TEST(Aliases, TableLoadsWithoutProblems) { EXPECT_GT(table().size(), 250u); }

TEST(Aliases, GeneratorStatisticsHeaders) {
  using K = HeaderKind;
  const Case cases[] = {
      {"统一社会信用代码", K::Uscc, "", ""},
      {"单位详细名称", K::Name, "", ""},
      {"行业代码", K::IndustryCode, "", ""},
      {"是否规上", K::AboveScale, "", ""},
      {"工业总产值(当年价格)(千元)", K::Metric, "gross_output", "千元"},
      {"工业销售产值（千元）", K::Metric, "sales_output", "千元"},
      {"营业收入（千元）", K::Metric, "revenue", "千元"},
      {"主营业务收入（千元）", K::Metric, "main_revenue", "千元"},
      {"工业增加值（万元）", K::Metric, "value_added", "万元"},
      {"利润总额（千元）", K::Metric, "total_profit", "千元"},
      {"R&D经费支出（万元）", K::Metric, "rd_expense", "万元"},
      {"综合能源消费量(吨标准煤)", K::Metric, "energy_tce", "吨标准煤"},
      {"从业人员平均人数(人)", K::Metric, "employees_avg", "人"},
      {"从业人员期末人数", K::Metric, "employees_end", ""},
      {"资产总计（千元）", K::Metric, "total_assets", "千元"},
      {"负债合计（千元）", K::Metric, "total_liabilities", "千元"},
  };
  for (const auto& c : cases) expect_case(c);
}

TEST(Aliases, GeneratorOtherSourceHeaders) {
  using K = HeaderKind;
  const Case cases[] = {
      // tax
      {"纳税人识别号", K::Uscc, "", ""},
      {"纳税人名称", K::Name, "", ""},
      {"实缴税金(元)", K::Metric, "tax_paid", "元"},
      {"所属期", K::Year, "", ""},
      // land
      {"不动产权证号", K::ParcelId, "", ""},
      {"权利人", K::Name, "", ""},
      {"宗地面积（平方米）", K::Area, "land_area", "平方米"},
      {"权属", K::Tenure, "", ""},
      {"坐落镇街", K::Township, "", ""},
      // energy
      {"户名", K::Name, "", ""},
      {"用电量（千瓦时）", K::Metric, "electricity", "千瓦时"},
      // emissions
      {"企业名称", K::Name, "", ""},
      {"化学需氧量（吨）", K::Metric, "emissions_cod", "吨"},
      {"氨氮（吨）", K::Metric, "emissions_ammonia_nitrogen", "吨"},
      {"二氧化硫（吨）", K::Metric, "emissions_so2", "吨"},
      {"氮氧化物（吨）", K::Metric, "emissions_nox", "吨"},
      {"主要污染物排放量（吨）", K::Metric, "emissions", "吨"},
      // certificates
      {"认定类型", K::CertType, "", ""},
      {"级别", K::CertLevel, "", ""},
      {"证书编号", K::CertNumber, "", ""},
      {"认定日期", K::CertIssued, "", ""},
      {"有效期至", K::CertExpires, "", ""},
      // registry
      {"所在镇街", K::Township, "", ""},
      {"投产年份", K::StartYear, "", ""},
      // sci-tech and support files
      {"研发人员数", K::Metric, "rd_staff", ""},
      {"科技人员数", K::Metric, "st_staff", ""},
      {"发明专利", K::Metric, "ip_invention", ""},
      {"实用新型专利", K::Metric, "ip_utility_model", ""},
      {"软件著作权", K::Metric, "ip_software_copyright", ""},
      {"高新技术产品（服务）收入（万元）", K::Metric, "high_tech_revenue", "万元"},
      {"日期", K::SupportDate, "", ""},
  };
  for (const auto& c : cases) expect_case(c);
}

TEST(Aliases, IssueHeadersWithoutConfiguration) {
  using K = HeaderKind;
  const Case cases[] = {
      {"税收（万元）", K::Metric, "tax_paid", "万元"},
      {"用地面积（平方米）", K::Area, "land_area", "平方米"},
      {"社会信用代码", K::Uscc, "", ""},
      {"国民经济行业代码", K::IndustryCode, "", ""},
      {"规模以上", K::AboveScale, "", ""},
      {"宗地编号", K::ParcelId, "", ""},
      {"土地面积(亩)", K::Area, "land_area", "亩"},
      {"用地性质", K::Tenure, "", ""},
      {"土地来源", K::Tenure, "", ""},
      {"坐落", K::Location, "", ""},
      {"镇街", K::Township, "", ""},
      {"投产时间", K::StartYear, "", ""},
      {"称号", K::CertType, "", ""},
      {"发证日期", K::CertIssued, "", ""},
      {"到期日期", K::CertExpires, "", ""},
      {"年份", K::Year, "", ""},
      {"统计年度", K::Year, "", ""},
      {"重大安全事故", K::Flag, "major_safety_accident", ""},
      {"重大环境违法", K::Flag, "major_environmental_violation", ""},
      {"项目", K::SupportProgram, "", ""},
      {"类别", K::SupportProgram, "", ""},
      {"金额（万元）", K::SupportAmount, "support_amount", "万元"},
      {"序号", K::Ignore, "", ""},
  };
  for (const auto& c : cases) expect_case(c);
}

TEST(Aliases, EmployeesEndIsNotEmployeesAverage) {
  EXPECT_EQ(table().match("从业人员期末人数").id, "employees_end");
  EXPECT_EQ(table().match("从业人员平均人数").id, "employees_avg");
  EXPECT_NE(table().match("从业人员期末人数（人）").id, table().match("从业人员平均人数（人）").id);
}

TEST(Aliases, EveryGlossaryMetricWithEveryBracketStyle) {
  // One Chinese header per glossary metric, each written with (), （）, [] and no unit.
  const std::pair<const char*, const char*> metrics[] = {
      {"工业总产值", "gross_output"},      {"工业销售产值", "sales_output"},
      {"营业收入", "revenue"},             {"主营业务收入", "main_revenue"},
      {"工业增加值", "value_added"},       {"税收", "tax_paid"},
      {"利润总额", "total_profit"},        {"R&D经费支出", "rd_expense"},
      {"资产总额", "total_assets"},        {"负债总额", "total_liabilities"},
      {"技术改造投资", "tech_upgrade_investment"}, {"高新技术产品收入", "high_tech_revenue"}};
  for (const auto& [zh, id] : metrics) {
    for (const char* fmt_ : {"%s(万元)", "%s（万元）", "%s[万元]", "%s【万元】", "%s万元", "%s"}) {
      char buf[256];
      std::snprintf(buf, sizeof buf, fmt_, zh);
      SCOPED_TRACE(buf);
      HeaderMatch m = table().match(buf);
      EXPECT_EQ(m.kind, HeaderKind::Metric);
      EXPECT_EQ(m.id, id);
      if (std::string(fmt_) == "%s") EXPECT_FALSE(m.unit.has_value());
      else { ASSERT_TRUE(m.unit.has_value()); EXPECT_EQ(m.unit->label, "万元"); }
    }
  }
  const Case others[] = {
      {"综合能耗（吨标准煤）", HeaderKind::Metric, "energy_tce", "吨标准煤"},
      {"综合能耗(千克标准煤)", HeaderKind::Metric, "energy_tce", "千克标准煤"},
      {"用电量(万千瓦时)", HeaderKind::Metric, "electricity", "万千瓦时"},
      {"用电量万千瓦时", HeaderKind::Metric, "electricity", "万千瓦时"},
      {"研发人员(人)", HeaderKind::Metric, "rd_staff", "人"},
      {"科技人员", HeaderKind::Metric, "st_staff", ""},
      {"年平均职工人数", HeaderKind::Metric, "employees_avg", ""},
      {"主要污染物排放量[吨]", HeaderKind::Metric, "emissions", "吨"},
  };
  for (const auto& c : others) expect_case(c);
}

TEST(Aliases, Normalisation) {
  EXPECT_EQ(normalize_header(" 营业收入\n（千元）* "), "营业收入(千元)");
  EXPECT_EQ(normalize_header("r&d经费支出"), "R&D经费支出");
  using K = HeaderKind;
  expect_case({"营业收入\r\n(千元)", K::Metric, "revenue", "千元"});
  expect_case({"*统一社会信用代码", K::Uscc, "", ""});
  expect_case({"统一社会信用代码*", K::Uscc, "", ""});
  expect_case({"实缴税金　（元）", K::Metric, "tax_paid", "元"});          // ideographic space
  expect_case({"税收（单位：万元）", K::Metric, "tax_paid", "万元"});
  expect_case({"r&d经费支出(万元)", K::Metric, "rd_expense", "万元"});
  auto y = table().match("2024年营业收入（万元）");
  EXPECT_EQ(y.id, "revenue");
  EXPECT_EQ(y.year, 2024);
}

TEST(Aliases, UnknownColumnsAreReportedNotGuessed) {
  auto m = table().match("亩均税收（万元/亩）");
  EXPECT_EQ(m.kind, HeaderKind::Unknown);
  ASSERT_EQ(m.issues.size(), 1u);
  EXPECT_EQ(m.issues[0].code, "header.unknown");
  EXPECT_EQ(m.issues[0].severity, Severity::Warning);
  EXPECT_NE(m.issues[0].message.find("header-aliases.toml"), std::string::npos);
  // 当量值 energy is not the 等价值 that energy_tce means: not matched.
  EXPECT_EQ(table().match("综合能耗(当量值)(吨标准煤)").kind, HeaderKind::Unknown);
  auto usd = table().match("营业收入(美元)");
  EXPECT_EQ(usd.kind, HeaderKind::Unknown);
  ASSERT_EQ(usd.issues.size(), 1u);
  EXPECT_EQ(usd.issues[0].code, "header.unit_unknown");
  auto wrong = table().match("税收(平方米)");
  EXPECT_EQ(wrong.kind, HeaderKind::Metric);
  ASSERT_EQ(wrong.issues.size(), 1u);
  EXPECT_EQ(wrong.issues[0].code, "header.unit_mismatch");
  EXPECT_EQ(table().match("").kind, HeaderKind::Unknown);
}

TEST(Aliases, UserLinesAndErrors) {
  Issues issues;
  auto user = AliasTable::parse(R"(
[[column]]
kind = "metric"
id = "tax_paid"
names = ["税费合计"]
[[column]]
kind = "metric"
id = "no_such_metric"
names = ["x"]
[[column]]
kind = "nonsense"
names = ["y"]
)", "user.toml", issues);
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].code, "alias.metric");
  EXPECT_EQ(issues[1].code, "alias.kind");
  AliasTable merged = table();
  Issues merge_issues;
  merged.merge(user, merge_issues);
  EXPECT_TRUE(merge_issues.empty());
  EXPECT_EQ(merged.match("税费合计(元)").id, "tax_paid");
  Issues dup;
  AliasTable::parse("[[column]]\nkind=\"name\"\nnames=[\"企业名称\",\"企业名称 \"]\n", "d.toml", dup);
  ASSERT_EQ(dup.size(), 1u);
  EXPECT_EQ(dup[0].code, "alias.duplicate");
  Issues bad;
  AliasTable::parse("[[column]\n", "bad.toml", bad);
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].code, "alias.toml");
}

TEST(Aliases, DefaultPathAndMatchHeader) {
  if (!std::getenv("MUJUN_HOME"))
    EXPECT_EQ(default_alias_path(), std::filesystem::path(MUJUN_SOURCE_ROOT) / "data" / "header-aliases.toml");
  EXPECT_EQ(match_header("营业收入（万元）").id, "revenue");
}
