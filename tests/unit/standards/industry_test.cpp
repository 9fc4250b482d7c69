// GB/T 4754-2017 table and code validation. Expected counts: data-standards.md §2.1 (20 门类, 97 大类,
// 473 中类, 1381 小类 in both machine-readable sources; manufacturing 31/179/609 verified). Expected
// names: ramwin/china-public-data 国民经济行业分类_2017.json (commit e13a003), except the hand fixes
// listed in data/README.md (37, 194, 7517 …).
#include <gtest/gtest.h>

#include "standards/industry.h"

using namespace mujun;
using namespace mujun::standards;

namespace {
const IndustryTable& table() {
  static const IndustryTable t = [] {
    Issues issues;
    auto x = IndustryTable::load(std::string(MUJUN_SOURCE_ROOT) + "/data/gbt4754-2017.csv", issues);
    for (const auto& i : issues) ADD_FAILURE() << i.message;
    return x;
  }();
  return t;
}
bool has(const IndustryCodeResult& r, std::string_view code, Severity sev) {
  for (const auto& i : r.issues)
    if (i.code == code && i.severity == sev) return true;
  return false;
}
}  // namespace

TEST(Industry, ShippedTableCounts) {
  // The whole standard: 20 门类, 97 大类, 473 中类, 1381 小类 (data-standards.md §2.1).
  EXPECT_EQ(table().count(IndustryLevel::Section), 20u);
  EXPECT_EQ(table().count(IndustryLevel::Division), 97u);
  EXPECT_EQ(table().count(IndustryLevel::Group), 473u);
  EXPECT_EQ(table().count(IndustryLevel::Class), 1381u);
  // Manufacturing (C 13–43): 31 大类 (data-standards.md §2.1).
  int c_div = 0;
  for (int d = 13; d <= 43; ++d) c_div += table().find(std::to_string(d)) ? 1 : 0;
  EXPECT_EQ(c_div, 31);
  // Every one of the 97 divisions now lists its classes (no "class_unverified" division left).
  for (int d = 1; d <= 97; ++d) {
    std::string div = (d < 10 ? "0" : "") + std::to_string(d);
    if (table().find(div)) EXPECT_TRUE(table().division_has_classes(div)) << div;
  }
  EXPECT_EQ(table().find("C")->name_zh, "制造业");
  EXPECT_EQ(table().find("37")->name_zh, "铁路、船舶、航空航天和其他运输设备制造业");  // fixed truncation
  EXPECT_EQ(table().find("0610")->name_zh, "烟煤和无烟煤开采洗选");
  EXPECT_EQ(table().find("4415")->name_zh, "风力发电");
  // 门类 F–T names, formerly recalled, now read from the source JSON.
  EXPECT_EQ(table().find("F")->name_zh, "批发和零售业");
  EXPECT_EQ(table().find("I")->name_zh, "信息传输、软件和信息技术服务业");
  EXPECT_EQ(table().find("S")->name_zh, "公共管理、社会保障和社会组织");
  EXPECT_EQ(table().find("T")->section, 'T');
  EXPECT_EQ(table().find("9700")->name_zh, "国际组织");
  // Service classes of divisions 48–97, first and last of a few divisions.
  EXPECT_EQ(table().find("4811")->name_zh, "铁路工程建筑");
  EXPECT_EQ(table().find("5299")->name_zh, "其他未列明零售业");
  EXPECT_EQ(table().find("7320")->name_zh, "工程和技术研究和试验发展");
  EXPECT_EQ(table().find("9620")->name_zh, "村民自治组织");
  // Hand fixes (data/README.md): mixed-width parentheses in the source.
  EXPECT_EQ(table().find("7517")->name_zh, "三维（3D）打印技术推广服务");
  EXPECT_EQ(table().find("194")->name_zh, "羽毛（绒）加工及制品制造");
}

TEST(Industry, ValidClassesBareAndPrefixed) {
  auto r = validate_industry_code("3041", table());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.name_zh, "平板玻璃制造");
  EXPECT_TRUE(r.issues.empty());
  auto p = validate_industry_code(" c3612 ", table());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p.code, "3612");
  EXPECT_EQ(p.name_zh, "新能源车整车制造");  // name as in the source table
  EXPECT_TRUE(p.issues.empty());
  auto fw = validate_industry_code("Ｃ２５２１", table());  // full-width
  ASSERT_TRUE(fw.ok());
  EXPECT_EQ(fw.name_zh, "炼焦");
  EXPECT_TRUE(validate_industry_code("3011.0", table()).ok());  // numeric Excel cell
}

TEST(Industry, CoarseCodesAcceptedWithWarning) {
  auto d = validate_industry_code("30", table());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.level, IndustryLevel::Division);
  EXPECT_TRUE(has(d, "industry.not_class", Severity::Warning));
  auto g = validate_industry_code("304", table());
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g.level, IndustryLevel::Group);
  EXPECT_TRUE(has(g, "industry.not_class", Severity::Warning));
  auto s = validate_industry_code("C", table());
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(has(s, "industry.too_coarse", Severity::Error));
}

TEST(Industry, ErrorsAndWarnings) {
  auto u = validate_industry_code("3699", table());  // no such class in 36
  EXPECT_FALSE(u.ok());
  EXPECT_TRUE(has(u, "industry.unknown", Severity::Error));
  EXPECT_TRUE(has(validate_industry_code("36A2", table()), "industry.format", Severity::Error));
  EXPECT_TRUE(has(validate_industry_code("12345", table()), "industry.format", Severity::Error));
  EXPECT_TRUE(has(validate_industry_code("", table()), "industry.empty", Severity::Error));
  auto z = validate_industry_code("610", table());  // Excel dropped the 0 of 0610
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(*z.code, "0610");
  EXPECT_TRUE(has(z, "industry.leading_zero", Severity::Warning));
  auto m = validate_industry_code("B3612", table());
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(has(m, "industry.section_mismatch", Severity::Warning));
  // Division 65 is now complete: 6513 is a checked class, 6514 does not exist (65 has 6511–6513, 6519).
  auto v = validate_industry_code("6513", table());
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v.name_zh, "应用软件开发");
  EXPECT_TRUE(v.issues.empty());
  auto x = validate_industry_code("6514", table());
  EXPECT_FALSE(x.ok());
  EXPECT_TRUE(has(x, "industry.unknown", Severity::Error));
}

TEST(Industry, PartialTableAcceptsUnlistedClassesWithWarning) {
  // A user-supplied table that lists division 65 without its classes: any 4-digit code of 65 is
  // accepted unverified; a division absent from the table is unknown.
  Issues issues;
  auto t = IndustryTable::parse_csv(
      "level,section,division,group,class,code,name_zh\n"
      "section,I,,,,I,信息传输、软件和信息技术服务业\n"
      "division,I,65,,,65,软件和信息技术服务业\n",
      "partial.csv", issues);
  ASSERT_TRUE(issues.empty());
  auto v = validate_industry_code("6513", t);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v.code, "6513");
  EXPECT_TRUE(has(v, "industry.class_unverified", Severity::Warning));
  EXPECT_TRUE(has(validate_industry_code("6613", t), "industry.unknown", Severity::Error));
}

TEST(Industry, TableRowsAreChecked) {
  Issues issues;
  auto t = IndustryTable::parse_csv(
      "level,section,division,group,class,code,name_zh\n"
      "section,C,,,,C,制造业\n"
      "division,C,36,,,36,汽车制造业\n"
      "class,C,36,361,3611,3611,汽车整车制造\n"   // parent group 361 missing
      "group,C,36,361,,361,汽车整车制造\n"
      "class,C,36,361,3612,3612,改装汽车制造\n",
      "t.csv", issues);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].code, "industry_table.row");
  EXPECT_EQ(issues[0].row, 4);
  EXPECT_TRUE(t.find("3612"));
  EXPECT_FALSE(t.find("3611"));
}
