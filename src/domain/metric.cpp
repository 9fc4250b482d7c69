#include "domain/metric.h"

#include <array>

namespace mujun {
namespace {
using D = Dimension;
// GLOSSARY.md "Metrics (inputs; canonical unit)".
constexpr std::array kMetrics{
    MetricInfo{"gross_output", "工业总产值", D::Money, "万元", "statistics"},
    MetricInfo{"sales_output", "工业销售产值", D::Money, "万元", "statistics"},
    MetricInfo{"revenue", "营业收入", D::Money, "万元", "statistics"},
    MetricInfo{"main_revenue", "主营业务收入", D::Money, "万元", "statistics"},
    MetricInfo{"value_added", "工业增加值", D::Money, "万元", "statistics"},
    MetricInfo{"tax_paid", "税收", D::Money, "万元", "tax"},
    MetricInfo{"total_profit", "利润总额", D::Money, "万元", "statistics"},
    MetricInfo{"rd_expense", "R&D经费支出", D::Money, "万元", "statistics"},
    MetricInfo{"energy_tce", "综合能耗", D::Energy, "吨标准煤", "statistics"},
    MetricInfo{"electricity", "用电量", D::Electricity, "万千瓦时", "energy"},
    MetricInfo{"emissions", "主要污染物排放量", D::Mass, "吨", "emissions"},
    MetricInfo{"employees_avg", "从业人员平均人数", D::People, "人", "statistics"},
    MetricInfo{"employees_end", "从业人员期末人数", D::People, "人", "statistics"},
    MetricInfo{"rd_staff", "研发人员", D::People, "人", "certificates"},
    MetricInfo{"st_staff", "科技人员", D::People, "人", "certificates"},
    MetricInfo{"total_assets", "资产总额", D::Money, "万元", "statistics"},
    MetricInfo{"total_liabilities", "负债总额", D::Money, "万元", "statistics"},
    MetricInfo{"tech_upgrade_investment", "技术改造投资", D::Money, "万元", "statistics"},
    MetricInfo{"high_tech_revenue", "高新技术产品收入", D::Money, "万元", "certificates"},
    MetricInfo{"support_amount", "政策支持金额", D::Money, "万元", "support"},
    // Appended for tiers/ (梯度培育 rule sets, tier-criteria.md): IP counts, platform score, inputs.
    MetricInfo{"ip_invention", "发明专利（Ⅰ类知识产权）", D::Count, "件", "certificates"},
    MetricInfo{"ip_utility_model", "实用新型专利", D::Count, "件", "certificates"},
    MetricInfo{"ip_software_copyright", "软件著作权", D::Count, "件", "certificates"},
    MetricInfo{"ip_design", "外观设计专利", D::Count, "件", "certificates"},
    MetricInfo{"ip_high_value", "Ⅰ类高价值知识产权", D::Count, "件", "certificates"},
    MetricInfo{"rd_expense_domestic", "境内研发费用", D::Money, "万元", "certificates"},
    MetricInfo{"total_cost", "成本费用支出总额", D::Money, "万元", "statistics"},
    MetricInfo{"net_profit", "净利润", D::Money, "万元", "statistics"},
    MetricInfo{"equity_financing", "新增股权融资（合格机构投资者实缴）", D::Money, "万元", "support"},
    MetricInfo{"niche_years", "从事特定细分市场年限", D::Count, "年", "certificates"},
    MetricInfo{"market_share", "主导产品市场占有率", D::Fraction, "比例", "certificates"},
    MetricInfo{"zjtx_score", "专精特新发展评价得分", D::Count, "分", "certificates"},
    MetricInfo{"rd_institution_level", "研发机构级别（4国家级 3省级 2市级 1市级以下 0无）", D::Count, "级", "certificates"},
    MetricInfo{"digital_level", "数字化水平等级", D::Count, "级", "certificates"},
    MetricInfo{"tech_conversions", "科技成果转化数", D::Count, "项", "certificates"},
    // Appended for ingest/ (header aliases): the four main pollutants whose sum is `emissions`
    // (主要污染物: 化学需氧量 COD, 氨氮, 二氧化硫 SO₂, 氮氧化物 NOx; GLOSSARY.md "emissions").
    MetricInfo{"emissions_cod", "化学需氧量", D::Mass, "吨", "emissions"},
    MetricInfo{"emissions_ammonia_nitrogen", "氨氮", D::Mass, "吨", "emissions"},
    MetricInfo{"emissions_so2", "二氧化硫", D::Mass, "吨", "emissions"},
    MetricInfo{"emissions_nox", "氮氧化物", D::Mass, "吨", "emissions"},
    // Policy support by programme (support records summed per enterprise and year; the importer
    // picks the id from the programme text: 贷 → credit loan, 奖 → reward, 补 → subsidy).
    MetricInfo{"support_credit_loan", "知识价值信用贷款", D::Money, "万元", "support"},
    MetricInfo{"support_reward", "科技创新奖励资金", D::Money, "万元", "support"},
    MetricInfo{"support_subsidy", "研发补贴", D::Money, "万元", "support"},
};
}  // namespace

std::span<const MetricInfo> all_metrics() { return kMetrics; }

const MetricInfo* find_metric(std::string_view id) {
  for (const auto& m : kMetrics)
    if (m.id == id) return &m;
  return nullptr;
}

std::string_view canonical_unit(Dimension d) {
  switch (d) {
    case D::Money: return "万元";
    case D::Area: return "平方米";
    case D::Energy: return "吨标准煤";
    case D::Electricity: return "万千瓦时";
    case D::Mass: return "吨";
    case D::People: return "人";
    case D::Fraction: return "比例";
    case D::Count: return "个";
  }
  return "";
}

}  // namespace mujun
