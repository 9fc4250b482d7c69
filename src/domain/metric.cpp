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
