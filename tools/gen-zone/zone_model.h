// gen-zone — the example zone's enterprises as numbers, before they are written in the agencies' layouts.
// Units inside the model are integers so that every calibrated sum is exact:
//   money of the statistics bureau: 千元 (工业增加值 and R&D are written in 万元 with one decimal = same integer);
//   tax: 分 (written in 元 with two decimals); land: 0.01 m²; energy: 0.01 吨标准煤; electricity: 千瓦时;
//   emissions: kg (written in 吨 with three decimals); support amounts: 0.01 万元.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace genzone {

/// The six "231" clusters of 万盛经开区 (reference/wansheng-2024.md), in the order of the README table.
inline constexpr std::array<const char*, 6> kClusterNames{"新能源及新型储能", "新材料", "电子信息制造",
                                                          "生物医药", "农产品及食品加工", "智能装备制造"};

enum class Group { NewEnergy, NewMaterials, Electronics, Biomedicine, Food, Equipment, OtherMfg, NonMfg,
                   BelowScale, Service };

/// Years in the model: index 0 = 2022, 1 = 2023, 2 = 2024.
inline constexpr int kFirstYear = 2022;

struct YearStats {
  bool present = false;     ///< reported in that year's statistics file
  bool above = false;       ///< 是否规上 as the statistics bureau flags it (主营业务收入 ≥ 2000 万元)
  bool rejected = false;    ///< the row is written with a fatal flaw (a correct importer rejects it)
  int64_t out = 0, sales = 0, revenue = 0, main_revenue = 0, profit = 0, assets = 0, liabilities = 0;  // 千元
  int64_t value_added = 0;  ///< 千元 (= 0.1 万元)
  int64_t rd = -1;          ///< 千元; -1 = missing (not reported), 0 = reported zero
  int64_t energy = -1;      ///< 0.01 tce; -1 = missing
  int employees_avg = 0, employees_end = 0;
  int64_t tax = -1;         ///< 分; -1 = not in the tax file
  int64_t electricity = -1; ///< 千瓦时; -1 = not in the energy file
};

struct Parcel {
  std::string cert;      ///< 不动产权证号
  std::string holder;    ///< 权利人 (the landlord for leased land)
  int64_t area = 0;      ///< 0.01 m²
  bool leased = false;   ///< 权属: 自有 / 租赁
  std::string township;  ///< 坐落镇街
};

struct Cert {
  std::string type;     ///< 认定类型 as written (高新技术企业, 科技型企业, …)
  std::string level;    ///< 国家级 / 市级 / 区级
  std::string number;   ///< 证书编号
  std::string issued;   ///< ISO date
  std::string expires;  ///< ISO date, or "" when the title has no fixed term
};

struct Firm {
  int index = 0;
  std::string uscc;        ///< as written in every file (for the pilot-style firm: with a failing check char)
  std::string name, industry_code, township;
  int start_year = 0;      ///< 投产年份
  Group group = Group::Service;
  int cluster = -1;        ///< 0..5 by code or override, -1 = outside "231"
  bool override_cluster = false;
  std::string override_reason;
  bool industrial = false; ///< in the statistics/tax/land files
  bool high_tech_holder = false;  ///< holds a valid 高新技术企业 certificate at 2024-12-31
  std::string role;        ///< special roles: power, shale_gas, coal, ne_a, ne_b, glass1, glass2, pack, nm_x,
                           ///< entrant, leaver, pilot_uscc, bad_length, va_above_output
  std::array<YearStats, 3> y{};
  std::vector<Parcel> parcels;
  std::vector<Cert> certs;
  // 科技局 2024 (present when sci_tech)
  bool sci_tech = false;
  int st_staff = 0, rd_staff = 0;
  int64_t high_tech_revenue = -1;  ///< 千元, -1 missing
  int invention_patents = 0, utility_patents = 0, software_copyrights = 0;
  // 生态环境局 2024 (present when emits)
  bool emits = false;
  int64_t cod = 0, ammonia = 0, so2 = 0, nox = 0;  ///< kg
};

struct Support {
  int firm;               ///< index into Zone::firms
  std::string program;    ///< 科技创新奖励资金 / 知识价值信用贷款
  int64_t amount = 0;     ///< 0.01 万元
  std::string date;       ///< ISO date
};

struct Zone {
  uint64_t seed = 0;
  std::vector<Firm> firms;
  std::vector<Support> support;
  std::array<int64_t, 2> zone_total_tax{};  ///< 分, 2023 and 2024 (whole 万元), a given input
};

/// Builds the calibrated example zone from a seed. Throws std::logic_error if a calibration invariant cannot
/// be met with this seed (the message names it); the default seed 20240101 meets all of them.
Zone build_zone(uint64_t seed);

/// Text report of the calibration figures as a correct importer would compute them from the accepted rows
/// (rejected rows skipped, exact duplicates counted once). Every figure names its scope.
std::string calibration_report(const Zone& zone);

}  // namespace genzone
