// Hand-built snapshots for the statistics tests. Every expected value in the tests is computed by hand
// from the numbers here (shown next to each assertion).
#pragma once
#include <string>

#include "domain/frame.h"
#include "statistics/config.h"
#include "statistics/taxonomy.h"

namespace mujun::statistics::test {

inline std::string uscc(char c) { return std::string("915001100000000") + "00" + c; }  // 18 chars

inline Decimal wan(double v) { return Decimal::from_double(v); }

/// Taxonomy used by the figure tests: new_energy 384x, new_materials 3042/306 (not 3041), food 13/14,
/// electronics 39 (and 3976, tied with new_energy's 3976), smart_equipment 3491. Override: firm B (a
/// 3041 glass maker) → new_materials; an override for a USCC that is not in the data.
inline const char* kTaxonomyToml = R"(
[taxonomy]
id = "test-231"
name = "测试集群"
group_label = "“231”产业集群"
source = "unit test"

[[cluster]]
id = "new_energy"
name = "新能源及新型储能"
role = "pillar"
codes = ["384", "3976"]

[[cluster]]
id = "new_materials"
name = "新材料"
role = "pillar"
codes = ["3042", "306"]

[[cluster]]
id = "food"
name = "农产品及食品加工"
role = "featured"
codes = ["13", "14"]

[[cluster]]
id = "electronics"
name = "电子信息制造"
role = "featured"
codes = ["39", "3976"]

[[cluster]]
id = "smart_equipment"
name = "智能装备制造"
role = "emerging"
codes = ["3491"]

[[override]]
uscc = "91500110000000000B"
clusters = ["new_materials"]
note = "玻璃基板 3041 → 新材料"

[[override]]
uscc = "91500110000000000Z"
clusters = ["food"]
note = "not in the data"

[zone]
name = "测试园区"
[zone.total_tax]
"2024" = "50000"

[[double_doubling]]
tier = "tech_sme"
label = "科技型企业"
formula = "annual_increment"
[double_doubling.annual_targets]
"2024" = 2

[[double_doubling]]
tier = "high_tech_enterprise"
label = "高新技术企业"
formula = "stock"
target_year = 2027
target = 4
)";

/// 2024 (current) snapshot. Firms:
///  A 规上 3841 output 1200 VA 400 tax 60 rd 30, land 4000 m² owned + 2000 m² leased (9 亩);
///    高新 (no level) 2022-11-01..2025-10-31; 科技型 municipal issued 2024-05-01.
///  B 规上 3041 (override → new_materials) output 800 VA 200 tax 12000 rd 0, land 6000 m² (9 亩);
///    专精特新 municipal 2023-03-01..2026-03-01; 高新 national expired 2024-06-30.
///  C 规上 4411 (power, industrial, not manufacturing) output 3000 VA 900 tax 15000 rd missing, 20000 m².
///  D 规上 (规下 in 2023) 1495 food output 500 VA 100 tax 20 rd 5, no land.
///  E 规下 (规上 in 2023) 3841 output 150 VA 30 tax 3 rd 1, 1000 m².
///  F non-industrial 7320 tax 40 rd 10 support 12.5; 科技型 district issued 2023-01-01, no expiry.
///  G 规上, new (absent in 2023) 3841 output 100 VA 20 tax 5 rd missing, 2000 m² (3 亩).
///  H 规下 3976 (tied between electronics and new_energy), no data.
inline Frame frame_2024() {
  Frame f;
  f.year = 2024;
  auto add = [&](char c, const char* code, int above) {
    std::size_t i = f.add_enterprise(uscc(c), std::string("企业") + c);
    f.industry_code[i] = code;
    f.above_scale[i] = static_cast<std::int8_t>(above);
    return i;
  };
  auto m2 = [](double v) { return Decimal::from_double(v).micros; };
  std::size_t a = add('A', "C3841", 1), b = add('B', "3041", 1), c = add('C', "4411", 1), d = add('D', "1495", 1),
              e = add('E', "3841", 0), ff = add('F', "7320", 0), g = add('G', "3841", 1);
  add('H', "3976", 0);
  auto set = [&](std::size_t i, double out, double va, double tax) {
    f.set_metric(i, "gross_output", wan(out));
    f.set_metric(i, "value_added", wan(va));
    f.set_metric(i, "tax_paid", wan(tax));
  };
  set(a, 1200, 400, 60);
  set(b, 800, 200, 12000);
  set(c, 3000, 900, 15000);
  set(d, 500, 100, 20);
  set(e, 150, 30, 3);
  set(g, 100, 20, 5);
  f.set_metric(ff, "tax_paid", wan(40));
  f.set_metric(a, "rd_expense", wan(30));
  f.set_metric(b, "rd_expense", wan(0));
  f.set_metric(d, "rd_expense", wan(5));
  f.set_metric(e, "rd_expense", wan(1));
  f.set_metric(ff, "rd_expense", wan(10));
  f.set_metric(ff, "support_amount", wan(12.5));
  f.land_owned_m2.micros[a] = m2(4000);
  f.land_leased_m2.micros[a] = m2(2000);
  f.land_owned_m2.micros[b] = m2(6000);
  f.land_owned_m2.micros[c] = m2(20000);
  f.land_owned_m2.micros[e] = m2(1000);
  f.land_leased_m2.micros[g] = m2(2000);
  f.certificates[a] = {{"high_tech_enterprise", "", "GR202251000001", "2022-11-01", "2025-10-31"},
                       {"tech_sme", "municipal", "K1", "2024-05-01", "2025-05-01"}};
  f.certificates[b] = {{"specialized_sme", "municipal", "Z1", "2023-03-01", "2026-03-01"},
                       {"high_tech_enterprise", "national", "GR202151000002", "2021-06-30", "2024-06-30"}};
  f.certificates[ff] = {{"tech_sme", "district", "K2", "2023-01-01", ""}};
  return f;
}

/// 2023 snapshot: A 规上 1000/350, B 规上 700/180, C 规上 2900/880, D 规下 400/90, E 规上 200/40
/// (output/VA, 万元). G does not exist yet.
inline Frame frame_2023() {
  Frame f;
  f.year = 2023;
  auto add = [&](char c, const char* code, int above, double out, double va) {
    std::size_t i = f.add_enterprise(uscc(c), std::string("企业") + c);
    f.industry_code[i] = code;
    f.above_scale[i] = static_cast<std::int8_t>(above);
    f.set_metric(i, "gross_output", wan(out));
    f.set_metric(i, "value_added", wan(va));
  };
  add('A', "3841", 1, 1000, 350);
  add('B', "3041", 1, 700, 180);
  add('C', "4411", 1, 2900, 880);
  add('D', "1495", 0, 400, 90);
  add('E', "3841", 1, 200, 40);
  return f;
}

}  // namespace mujun::statistics::test
