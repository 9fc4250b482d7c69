// 产业集群: output of each cluster, of each role (支柱/特色/前瞻), of all clusters ("231"), their shares
// of 规上工业总产值 and same-scope growth. 规上 firms only; a firm in several clusters counts in each
// cluster but once in a role or group total.
#include <algorithm>

#include <fmt/format.h>

#include "statistics/sections.h"

namespace mujun::statistics::detail {

namespace {

bool in_any(const Ctx& c, std::size_t i, const std::function<bool(const Cluster&)>& which) {
  for (const auto& id : c.clusters[i])
    if (const Cluster* k = c.tx.find(id); k && which(*k)) return true;
  return false;
}

void add_group(Ctx& c, const std::string& key, const std::string& label,
               const std::function<bool(const Cluster&)>& which, std::int64_t total) {
  auto pred = [&c, which](std::size_t i) { return c.above(i) && in_any(c, i, which); };
  Sum s = c.sum("gross_output", pred);
  Figure f;
  f.id = key.empty() ? "clusters_output" : "cluster_output." + key;
  f.label = label + "产值";
  f.unit = "亿元";
  f.section = "产业集群";
  f.formula = fmt::format("Σ工业总产值（规上，属于{}的企业） ÷ 10000", label);
  f.inputs = {{fmt::format("Σgross_output（{}，规上）", label), exact(s.micros), "万元"},
              {"企业数", fmt::format("{}", s.rows), "家"},
              {"缺产值数据（不计入）", fmt::format("{}", s.missing), "家"}};
  if (s.rows > 0) f.value = yi(s.micros);
  else f.note = "该集群本年没有规上企业产值数据 / no 规上 output in this cluster";
  c.add(std::move(f));

  Figure sh;
  sh.id = key.empty() ? "clusters_share" : "cluster_share." + key;
  sh.label = label + "产值占规上工业总产值比重";
  sh.unit = "%";
  sh.decimals = 1;
  sh.section = "产业集群";
  sh.formula = fmt::format("Σ{}产值 ÷ Σ规上工业总产值 × 100%", label);
  sh.inputs = {{label + "产值", exact(s.micros), "万元"}, {"规上工业总产值", exact(total), "万元"}};
  sh.value = pct(s.micros, total);
  if (!sh.value) sh.note = "规上工业总产值为 0 / total is zero";
  c.add(std::move(sh));

  add_growth(c, key.empty() ? "clusters_output_growth" : "cluster_output_growth." + key, label + "产值增速",
             "gross_output", [&c, which](std::size_t i) { return in_any(c, i, which); }, "产业集群");
}

}  // namespace

void add_cluster_figures(Ctx& c) {
  std::int64_t total = c.sum("gross_output", [&](std::size_t i) { return c.above(i); }).micros;
  add_group(c, "", c.tx.group_label, [](const Cluster&) { return true; }, total);
  for (ClusterRole r : {ClusterRole::Pillar, ClusterRole::Featured, ClusterRole::Emerging}) {
    auto n = std::count_if(c.tx.clusters.begin(), c.tx.clusters.end(), [r](const Cluster& k) { return k.role == r; });
    if (n < 2) continue;  // a role with one cluster is that cluster
    add_group(c, std::string(role_id(r)), std::string(role_label_zh(r)),
              [r](const Cluster& k) { return k.role == r; }, total);
  }
  for (const auto& k : c.tx.clusters) {
    std::string id = k.id;
    add_group(c, id, k.name, [id](const Cluster& x) { return x.id == id; }, total);
  }
}

}  // namespace mujun::statistics::detail
