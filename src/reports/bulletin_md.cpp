#include "reports/bulletin_md.h"

#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "statistics/display.h"

namespace mujun::reports {

namespace {
std::string cell(std::string s) {
  std::string o;
  for (char c : s) {
    if (c == '|') o += "\\|";
    else if (c == '\n') o += ' ';
    else o += c;
  }
  return o;
}
}  // namespace

std::string bulletin_markdown(const statistics::Bulletin& b, const statistics::CheckReport* check) {
  using statistics::display_value;
  std::string o = fmt::format("# {}\n\n", statistics::bulletin_title(b));
  o += fmt::format("分类体系 / taxonomy: `{}`（{}）。金额按万元精确求和后一次换算；亩均为比值之和（Σ金额 ÷ Σ亩）。\n\n",
                   b.taxonomy_id, b.group_label);
  for (const auto& sec : statistics::sections(b)) {
    o += fmt::format("## {}\n\n| 指标 | 数值 | 单位 | 计算方法 | 说明 |\n|---|---:|---|---|---|\n", sec);
    for (const auto& f : b.figures)
      if (f.section == sec)
        o += fmt::format("| {} | {} | {} | {} | {} |\n", cell(f.label), display_value(f), f.unit, cell(f.formula),
                         cell(f.note));
    o += "\n";
  }
  const auto& m = b.membership;
  o += fmt::format("## 集群归属核对 / cluster membership\n\n按行业代码或企业调整表归属；调整表决定的企业 {} 家。\n\n",
                   m.overridden);
  auto rows = [&](const char* title, const std::vector<statistics::MembershipRow>& v) {
    o += fmt::format("### {}（{} 家）\n\n", title, v.size());
    if (v.empty()) return;
    o += "| 统一社会信用代码 | 企业名称 | 行业代码 | 规上 | 集群 |\n|---|---|---|---|---|\n";
    for (const auto& r : v)
      o += fmt::format("| {} | {} | {} | {} | {} |\n", r.uscc, cell(r.name), r.industry_code,
                       r.above_scale == 1 ? "是" : r.above_scale == 0 ? "否" : "未知", statistics::join(r.clusters));
    o += "\n";
  };
  rows("不属于任何集群的工业企业", m.unmatched);
  rows("同时属于多个集群的企业（集群合计只计一次）", m.multiple);
  if (!m.overrides_not_found.empty())
    o += fmt::format("调整表中有 {} 个统一社会信用代码不在本年数据中：{}\n\n", m.overrides_not_found.size(),
                     statistics::join(m.overrides_not_found));
  if (check) {
    o += fmt::format("## 与公布数据核对 / check against the published overview\n\n{}\n\n", check->title);
    auto lines = [&](const char* title, const std::vector<statistics::CheckLine>& v) {
      o += fmt::format("### {}\n\n| 数字 | 类型 | 结论 | 计算过程 | 说明 |\n|---|---|---|---|---|\n", title);
      for (const auto& l : v)
        o += fmt::format("| {} | {} | {} | {} | {} |\n", cell(l.label), l.kind, statistics::verdict_zh(l.verdict),
                         cell(l.arithmetic), cell(l.message));
      o += "\n";
    };
    lines("数据能否复现公布值", check->reproduction);
    lines("公布数字之间是否一致", check->consistency);
  }
  return o;
}

void write_bulletin_md(const std::string& path, const statistics::Bulletin& b, const statistics::CheckReport* check) {
  std::ofstream out(path, std::ios::binary);
  out << bulletin_markdown(b, check);
  out.close();
  if (!out) throw std::runtime_error(fmt::format("无法写入文件 {}：请检查目录是否存在、是否有写权限 / cannot write {}", path, path));
}

}  // namespace mujun::reports
