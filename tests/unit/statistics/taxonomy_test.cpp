// Cluster taxonomy: parsing, membership by longest code prefix, ties, overrides (TOML and CSV), errors.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "fixtures.h"
#include "statistics/config.h"
#include "statistics/taxonomy.h"

using namespace mujun;
using namespace mujun::statistics;
using namespace mujun::statistics::test;

namespace {
ClusterTaxonomy load() {
  auto r = parse_taxonomy(kTaxonomyToml, "test.toml");
  EXPECT_TRUE(r.issues.empty()) << (r.issues.empty() ? "" : r.issues[0].message);
  return *r.taxonomy;
}
}  // namespace

TEST(Taxonomy, ParsesClustersRolesAndOverrides) {
  ClusterTaxonomy t = load();
  ASSERT_EQ(t.clusters.size(), 5u);
  EXPECT_EQ(t.id, "test-231");
  EXPECT_EQ(t.clusters[0].name, "新能源及新型储能");
  EXPECT_EQ(t.clusters[0].role, ClusterRole::Pillar);
  EXPECT_EQ(t.clusters[4].role, ClusterRole::Emerging);
  EXPECT_EQ(t.overrides.size(), 2u);
}

TEST(Taxonomy, MembershipByLongestPrefix) {
  ClusterTaxonomy t = load();
  using V = std::vector<std::string>;
  EXPECT_EQ(t.members("X", "C3841"), V{"new_energy"});  // 384 prefix, 门类 letter ignored
  EXPECT_EQ(t.members("X", "3062"), V{"new_materials"});
  EXPECT_EQ(t.members("X", "3041"), V{});               // flat glass: not by code …
  EXPECT_EQ(t.members(uscc('B'), "3041"), V{"new_materials"});  // … but by override
  EXPECT_EQ(t.members("X", "3973"), V{"electronics"});  // 39
  EXPECT_EQ(t.members("X", "3976"), (V{"new_energy", "electronics"}));  // tie at 4 digits
  EXPECT_EQ(t.members("X", "1495"), V{"food"});
  EXPECT_EQ(t.members("X", "4411"), V{});
  EXPECT_EQ(t.members("X", ""), V{});
}

TEST(Taxonomy, ErrorsNameTheKeyAndLine) {
  auto r = parse_taxonomy(R"([[cluster]]
id = "a"
name = "甲"
role = "pilar"
codes = ["38x1", "38411"]

[[override]]
uscc = "91500110000000000B"
clusters = ["nope"]
)", "bad.toml");
  EXPECT_FALSE(r.taxonomy);
  ASSERT_EQ(r.issues.size(), 4u);
  EXPECT_EQ(r.issues[0].code, "taxonomy.bad_role");
  EXPECT_EQ(r.issues[0].raw_value, "pilar");
  EXPECT_EQ(r.issues[1].code, "taxonomy.bad_code");
  EXPECT_EQ(r.issues[1].raw_value, "38x1");
  EXPECT_EQ(r.issues[1].row, 5);
  EXPECT_EQ(r.issues[2].raw_value, "38411");
  EXPECT_EQ(r.issues[3].code, "taxonomy.unknown_cluster");
  EXPECT_EQ(r.issues[3].file, "bad.toml");
}

TEST(Taxonomy, SyntaxErrorGivesLine) {
  auto r = parse_taxonomy("[taxonomy]\nid = \n", "syn.toml");
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].code, "taxonomy.toml_syntax");
  EXPECT_EQ(r.issues[0].row, 2);
}

TEST(Taxonomy, OverridesCsv) {
  ClusterTaxonomy t = load();
  Issues is = add_overrides_csv(t,
                                "\xEF\xBB\xBF统一社会信用代码,企业名称,cluster,说明\r\n"
                                "91500110000000001C,某电池PACK,new_energy,3849 电池包\r\n"
                                "91500110000000001D,某玻璃,新材料,按名称\r\n"
                                "91500110000000001E,某企业,none,不属于任何集群\r\n"
                                "9150011000000001F,短代码,new_energy,\r\n"
                                "91500110000000001G,某企业,unknown,\r\n",
                                "cluster-overrides.csv");
  ASSERT_EQ(is.size(), 2u);
  EXPECT_EQ(is[0].row, 5);
  EXPECT_EQ(is[0].code, "overrides.bad_uscc");
  EXPECT_EQ(is[1].row, 6);
  EXPECT_EQ(is[1].column, "cluster");
  EXPECT_EQ(is[1].raw_value, "unknown");
  using V = std::vector<std::string>;
  EXPECT_EQ(t.members("91500110000000001C", "3849"), V{"new_energy"});
  EXPECT_EQ(t.members("91500110000000001D", "3041"), V{"new_materials"});
  EXPECT_EQ(t.members("91500110000000001E", "3841"), V{});  // override to no cluster beats the code
  EXPECT_FALSE(t.overridden("91500110000000001G"));          // the bad row was skipped
  EXPECT_EQ(t.overrides.at("91500110000000001C").note, "3849 电池包");
}

TEST(StatsConfig, ReadsZoneTotalsOfTheGenerator) {
  // tools/gen-zone writes examples/wansheng-2024/zone-totals.toml as [tax.YYYY] zone_total = 万元.
  StatsConfig c;
  Issues is = read_stats_config("[tax.2024]\nzone_total = 171375.000000\nindustrial = 1.5\n"
                                "[tax.2023]\nzone_total = \"160000.5\"\n[support.2024]\ninnovation_rewards = 282.00\n",
                                "zone-totals.toml", c);
  EXPECT_TRUE(is.empty());
  EXPECT_EQ(c.zone_total_tax.at(2024).micros, 171375'000000LL);
  EXPECT_EQ(c.zone_total_tax.at(2023).micros, 160000'500000LL);
  Issues bad = read_stats_config("[zone.total_tax]\n\"2024\" = \"12x\"\n[growth]\nscope = \"both\"\n", "c.toml", c);
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_EQ(bad[0].column, "zone.total_tax.2024");
  EXPECT_EQ(bad[0].row, 2);
  EXPECT_EQ(bad[1].raw_value, "both");
}

TEST(Taxonomy, ShippedWanshengTaxonomyParses) {
  std::ifstream in(std::string(MUJUN_SOURCE_ROOT) + "/taxonomies/wansheng-231.toml");
  std::stringstream ss;
  ss << in.rdbuf();
  auto r = parse_taxonomy(ss.str(), "wansheng-231.toml");
  ASSERT_TRUE(r.taxonomy) << (r.issues.empty() ? "" : r.issues[0].message);
  const auto& t = *r.taxonomy;
  ASSERT_EQ(t.clusters.size(), 6u);  // "231": 2 + 3 + 1
  int roles[3] = {0, 0, 0};
  for (const auto& c : t.clusters) ++roles[static_cast<int>(c.role)];
  EXPECT_EQ(roles[0], 2);
  EXPECT_EQ(roles[1], 3);
  EXPECT_EQ(roles[2], 1);
  using V = std::vector<std::string>;
  EXPECT_EQ(t.members("X", "3841"), V{"new_energy_storage"});
  EXPECT_EQ(t.members("X", "3041"), V{});  // flat glass: only by override
  EXPECT_EQ(t.members("X", "3849"), V{});  // battery PACK: only by override
  EXPECT_EQ(t.members("X", "3491"), V{"intelligent_equipment"});
  EXPECT_EQ(t.members("X", "4411"), V{});  // the power plant is outside "231"
  EXPECT_EQ(t.overrides_files.size(), 1u);
}
