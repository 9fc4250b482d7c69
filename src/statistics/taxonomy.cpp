#include "statistics/taxonomy.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "statistics/industry.h"
#include "statistics/toml_util.h"

namespace mujun::statistics {

using detail::line_of;
using detail::str;
using detail::toml_issue;

std::string_view role_id(ClusterRole r) {
  switch (r) {
    case ClusterRole::Pillar: return "pillar";
    case ClusterRole::Featured: return "featured";
    case ClusterRole::Emerging: return "emerging";
  }
  return "";
}

std::string_view role_label_zh(ClusterRole r) {
  switch (r) {
    case ClusterRole::Pillar: return "支柱产业集群";
    case ClusterRole::Featured: return "特色产业集群";
    case ClusterRole::Emerging: return "前瞻布局产业";
  }
  return "";
}

const Cluster* ClusterTaxonomy::find(std::string_view cluster_id) const {
  for (const auto& c : clusters)
    if (c.id == cluster_id) return &c;
  return nullptr;
}

bool ClusterTaxonomy::overridden(std::string_view uscc) const {
  return overrides.find(std::string(uscc)) != overrides.end();
}

std::vector<std::string> ClusterTaxonomy::members(std::string_view uscc,
                                                  std::string_view industry_code) const {
  if (auto it = overrides.find(std::string(uscc)); it != overrides.end()) return it->second.clusters;
  std::string code = numeric_industry_code(industry_code);
  std::vector<std::string> out;
  if (code.empty()) return out;
  std::size_t best = 0;
  for (const auto& c : clusters) {
    std::size_t len = 0;
    for (const auto& p : c.codes)
      if (p.size() <= code.size() && code.compare(0, p.size(), p) == 0) len = std::max(len, p.size());
    if (len == 0) continue;
    if (len > best) { best = len; out.clear(); }
    if (len == best) out.push_back(c.id);
  }
  return out;
}

namespace {

bool valid_code(const std::string& s) {
  return !s.empty() && s.size() <= 4 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<ClusterRole> parse_role(std::string_view s) {
  if (s == "pillar") return ClusterRole::Pillar;
  if (s == "featured") return ClusterRole::Featured;
  if (s == "emerging") return ClusterRole::Emerging;
  return std::nullopt;
}

void parse_clusters(const toml::table& root, std::string_view file, ClusterTaxonomy& tx, Issues& issues) {
  const toml::array* arr = root["cluster"].as_array();
  if (!arr || arr->empty()) {
    issues.push_back(toml_issue(file, 0, "cluster", "", "taxonomy.no_clusters",
                                "分类体系中没有 [[cluster]]：请至少定义一个产业集群 / the taxonomy defines no "
                                "[[cluster]]: add at least one"));
    return;
  }
  std::set<std::string> ids;
  for (std::size_t k = 0; k < arr->size(); ++k) {
    const toml::table* t = (*arr)[k].as_table();
    std::string where = fmt::format("cluster[{}]", k + 1);
    long line = line_of(&(*arr)[k]);
    if (!t) continue;
    Cluster c;
    c.id = str(*t, "id").value_or("");
    c.name = str(*t, "name").value_or("");
    if (c.id.empty() || c.name.empty()) {
      issues.push_back(toml_issue(file, line, where, c.id, "taxonomy.cluster_incomplete",
                                  "产业集群缺少 id 或 name：请为每个 [[cluster]] 写 id = \"…\" 和 name = \"…\" / a "
                                  "cluster lacks id or name"));
      continue;
    }
    if (!ids.insert(c.id).second)
      issues.push_back(toml_issue(file, line, where + ".id", c.id, "taxonomy.duplicate_cluster",
                                  fmt::format("产业集群 id “{}” 重复：请改用唯一的 id / duplicate cluster id", c.id)));
    std::string role = str(*t, "role").value_or("featured");
    if (auto r = parse_role(role)) c.role = *r;
    else
      issues.push_back(toml_issue(file, line, where + ".role", role, "taxonomy.bad_role",
                                  fmt::format("未知的集群类型 “{}”：应为 pillar（支柱）、featured（特色）或 emerging"
                                              "（前瞻布局） / unknown role", role)));
    if (const toml::array* codes = (*t)["codes"].as_array()) {
      for (const auto& n : *codes) {
        std::string s = n.value<std::string>().value_or("");
        if (!valid_code(s)) {
          issues.push_back(toml_issue(file, line_of(&n), where + ".codes", s, "taxonomy.bad_code",
                                      fmt::format("行业代码 “{}” 无效：请写 GB/T 4754-2017 的 2–4 位数字代码或前缀，"
                                                  "加引号（如 \"3841\"） / invalid industry code: write 2–4 digits "
                                                  "as a string", s)));
          continue;
        }
        c.codes.push_back(s);
      }
    }
    tx.clusters.push_back(std::move(c));
  }
}

void parse_overrides(const toml::table& root, std::string_view file, ClusterTaxonomy& tx, Issues& issues) {
  const toml::array* arr = root["override"].as_array();
  if (!arr) return;
  for (std::size_t k = 0; k < arr->size(); ++k) {
    const toml::table* t = (*arr)[k].as_table();
    if (!t) continue;
    std::string where = fmt::format("override[{}]", k + 1);
    long line = line_of(&(*arr)[k]);
    ClusterOverride o;
    o.uscc = str(*t, "uscc").value_or("");
    std::transform(o.uscc.begin(), o.uscc.end(), o.uscc.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    o.note = str(*t, "note").value_or("");
    if (o.uscc.size() != 18) {
      issues.push_back(toml_issue(file, line, where + ".uscc", o.uscc, "taxonomy.bad_uscc",
                                  "统一社会信用代码应为 18 位：请核对 override 的 uscc / USCC must have 18 characters"));
      continue;
    }
    bool ok = true;
    if (const toml::array* cl = (*t)["clusters"].as_array()) {
      for (const auto& n : *cl) {
        std::string id = n.value<std::string>().value_or("");
        if (!tx.find(id)) {
          issues.push_back(toml_issue(file, line_of(&n), where + ".clusters", id, "taxonomy.unknown_cluster",
                                      fmt::format("未定义的产业集群 “{}”：请使用某个 [[cluster]] 的 id / unknown "
                                                  "cluster id", id)));
          ok = false;
        } else {
          o.clusters.push_back(id);
        }
      }
    } else if (auto one = str(*t, "cluster")) {
      if (!one->empty() && *one != "none") {
        if (!tx.find(*one)) {
          issues.push_back(toml_issue(file, line, where + ".cluster", *one, "taxonomy.unknown_cluster",
                                      fmt::format("未定义的产业集群 “{}”：请使用某个 [[cluster]] 的 id / unknown "
                                                  "cluster id", *one)));
          ok = false;
        } else {
          o.clusters.push_back(*one);
        }
      }
    }
    if (ok) tx.overrides[o.uscc] = std::move(o);
  }
}

}  // namespace

TaxonomyParse parse_taxonomy(std::string_view toml_text, std::string_view file_name) {
  TaxonomyParse out;
  toml::table root;
  try {
    root = toml::parse(toml_text, file_name);
  } catch (const toml::parse_error& e) {
    out.issues.push_back(toml_issue(file_name, static_cast<long>(e.source().begin.line), "", "",
                                    "taxonomy.toml_syntax",
                                    fmt::format("TOML 语法错误：{}；请修正该行 / TOML syntax error", e.description())));
    return out;
  }
  ClusterTaxonomy tx;
  if (const toml::table* t = root["taxonomy"].as_table()) {
    tx.id = str(*t, "id").value_or("");
    tx.name = str(*t, "name").value_or("");
    tx.group_label = str(*t, "group_label").value_or("");
    tx.source = str(*t, "source").value_or("");
    if (const toml::array* of = (*t)["overrides_files"].as_array())
      for (const auto& n : *of)
        if (auto v = n.value<std::string>()) tx.overrides_files.push_back(*v);
    if (const toml::array* cf = (*t)["config_files"].as_array())
      for (const auto& n : *cf)
        if (auto v = n.value<std::string>()) tx.config_files.push_back(*v);
  }
  if (tx.group_label.empty()) tx.group_label = tx.name.empty() ? "产业集群合计" : tx.name;
  parse_clusters(root, file_name, tx, out.issues);
  parse_overrides(root, file_name, tx, out.issues);
  bool error = std::any_of(out.issues.begin(), out.issues.end(),
                           [](const Issue& i) { return i.severity == Severity::Error; });
  if (!error) out.taxonomy = std::move(tx);
  return out;
}

}  // namespace mujun::statistics
