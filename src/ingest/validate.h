// mujun — validation of categorical cells and row-level plausibility (issue 2, item 6).
//
// Pure functions over already-parsed values; no I/O. Every problem is a mujun::Issue with a stable
// code and a Chinese-first message saying what is wrong and how to fix it; the caller fills
// file/sheet/row. USCC and industry-code validation live in standards/uscc.h and standards/industry.h.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/decimal.h"
#include "domain/issue.h"

namespace mujun::ingest {

/// A yes/no cell: 是/否, 有/无, Y/N, YES/NO, TRUE/FALSE, 1/0, √/×, 规上/规下 (case-insensitive,
/// full-width accepted). nullopt + "flag.invalid" error otherwise (empty → nullopt, no issue).
std::optional<bool> parse_flag(std::string_view text, Issues& issues);

/// 权属 / 用地性质 / 土地来源: 自有, 自用, 出让, 划拨, 国有出让, 国有划拨 → "owned";
/// 租赁, 租用, 承租 → "leased". nullopt + "tenure.invalid" error otherwise.
std::optional<std::string> parse_tenure(std::string_view text, Issues& issues);

/// 级别: 国家级 → "national"; 市级, 省级, 省部级 → "municipal" (重庆 is a 直辖市: 市级 = provincial);
/// 区级, 县级, 区县级 → "district". nullopt + "cert_level.invalid" error otherwise.
std::optional<std::string> parse_cert_level(std::string_view text, Issues& issues);

/// 认定类型 / 称号 → tier id of GLOSSARY.md: 科技型中小企业 tech_sme (national, 国科发政〔2017〕115号),
/// 科技型企业 tech_enterprise (重庆市科技型企业 registry, 入库 — not the national tier: tier-criteria.md §11), 创新型中小企业 innovative_sme,
/// 专精特新中小企业 / 专精特新企业 specialized_sme, 专精特新"小巨人"企业 / 小巨人 little_giant,
/// 制造业单项冠军 (企业/产品) single_champion, 高新技术企业 high_tech_enterprise, 链主企业 chain_leader,
/// 智能工厂 smart_factory, 数字化车间 digital_workshop, 绿色工厂 green_factory. Quotes and spaces are
/// ignored. nullopt + "cert_type.unknown" error otherwise.
std::optional<std::string> parse_cert_type(std::string_view text, Issues& issues);

/// A calendar date → ISO "YYYY-MM-DD". Accepts 2024-01-01, 2024/1/1, 2024.1.1, 2024年1月1日,
/// 20240101 and an Excel serial day number (1900 date system, "45292" → 2024-01-01; serial 60 is
/// Excel's fictitious 1900-02-29 and is rejected). Invalid dates (2023-02-29) → "date.invalid".
std::optional<std::string> parse_date(std::string_view text, Issues& issues);
/// Excel serial (1900 system) → ISO date; nullopt for serial < 1, == 60 or beyond 9999-12-31.
std::optional<std::string> excel_serial_to_date(long serial);

/// A year cell (年份 / 统计年度 / 所属期 / 投产年份): "2024", "2024年", "2024年度", "2024-05",
/// "2024-01-01", "202401", "2024-01至2024-12", "2024年1-12月", or a date. Two different years in one
/// cell ("2023-07至2024-06") → "year.ambiguous" error; outside 1949–2100 → "year.invalid".
std::optional<int> parse_year(std::string_view text, Issues& issues);

/// Parsed values of one enterprise row, canonical units (万元, 平方米, 吨标准煤, 人 …).
struct RowFacts {
  std::map<std::string, Decimal> metrics;  ///< metric id → value (absent = missing)
  std::optional<bool> above_scale;         ///< 是否规上
  std::optional<Decimal> land_area_m2;     ///< parcel area
};

/// Plausibility rules (each issue names the rule and the numbers):
///  errors:   "plausibility.negative"            a quantity that cannot be negative is < 0 (all but
///                                                total_profit, net_profit; tax_paid → warning)
///            "plausibility.value_added_above_output"  value_added > gross_output (增加值 = 总产值 − 中间投入)
///  warnings: "plausibility.negative_tax"        tax_paid < 0 (refunds exceed payments?)
///            "plausibility.rd_above_revenue"    rd_expense > revenue
///            "plausibility.main_above_revenue"  main_revenue > revenue (主营 is part of 营业收入)
///            "plausibility.tax_above_revenue"   tax_paid > revenue (often 元 entered as 万元)
///            "plausibility.above_scale_small"   规上 but main_revenue (else revenue) < 2000 万元
///                                               (规模以上工业: 主营业务收入 ≥ 2000 万元, GLOSSARY.md)
///            "plausibility.below_scale_large"   规下 but main_revenue ≥ 2000 万元
///            "plausibility.area_large"          land area > 10 km² (1e7 m² ≈ 15000 亩: 亩 entered as m²?)
///            "plausibility.liabilities_above_assets"  total_liabilities > total_assets (资不抵债)
Issues check_plausibility(const RowFacts& row);

}  // namespace mujun::ingest
