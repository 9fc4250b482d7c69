// Cluster overrides from a CSV list (e.g. examples/wansheng-2024/cluster-overrides.csv).
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "statistics/taxonomy.h"

namespace mujun::statistics {
namespace {

// One RFC 4180 record per line (quoted fields with "" escapes; no newlines inside quotes — an
// overrides list has none).
std::vector<std::string> split_csv_line(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') { out.back() += '"'; ++i; }
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') quoted = true;
    else if (c == ',') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

std::string trim(std::string s) {
  auto ws = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!s.empty() && ws(s.back())) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && ws(s[b])) ++b;
  return s.substr(b);
}

int find_col(const std::vector<std::string>& header, std::initializer_list<std::string_view> names) {
  for (std::size_t i = 0; i < header.size(); ++i)
    for (auto n : names)
      if (header[i] == n) return static_cast<int>(i);
  return -1;
}

}  // namespace

Issues add_overrides_csv(ClusterTaxonomy& tx, std::string_view text, std::string_view file_name) {
  Issues issues;
  auto issue = [&](long row, std::string col, std::string raw, std::string code, std::string msg) {
    issues.push_back(Issue{std::string(file_name), "", row, std::move(col), std::move(raw), std::move(code),
                           std::move(msg), Severity::Error});
  };
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string line(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  if (lines.empty() || trim(lines[0]).empty()) {
    issue(1, "", "", "overrides.empty", "集群归属调整表为空：第 1 行应为表头（统一社会信用代码, cluster） / empty file");
    return issues;
  }
  std::vector<std::string> header = split_csv_line(lines[0]);
  for (auto& h : header) h = trim(h);
  int cu = find_col(header, {"统一社会信用代码", "uscc", "USCC"});
  int cc = find_col(header, {"cluster", "cluster_id", "集群", "产业集群"});
  int cn = find_col(header, {"note", "说明", "备注"});
  if (cu < 0 || cc < 0) {
    issue(1, "", lines[0], "overrides.header",
          "表头缺少“统一社会信用代码”或“cluster”列：请在第 1 行写这两个列名 / header needs uscc and cluster columns");
    return issues;
  }
  std::map<std::string, ClusterOverride> added;
  for (std::size_t r = 1; r < lines.size(); ++r) {
    if (trim(lines[r]).empty()) continue;
    auto cells = split_csv_line(lines[r]);
    long row = static_cast<long>(r + 1);
    auto cell = [&](int c) { return c >= 0 && c < static_cast<int>(cells.size()) ? trim(cells[c]) : std::string(); };
    std::string uscc = cell(cu);
    std::transform(uscc.begin(), uscc.end(), uscc.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    std::string cl = cell(cc);
    if (uscc.size() != 18) {
      issue(row, header[cu], uscc, "overrides.bad_uscc",
            fmt::format("第 {} 行统一社会信用代码 “{}” 不是 18 位：请更正 / USCC must have 18 characters", row, uscc));
      continue;
    }
    auto note_into = [&](ClusterOverride& o) {
      o.uscc = uscc;
      if (cn >= 0 && o.note.empty()) o.note = cell(cn);
    };
    if (cl.empty() || cl == "none" || cl == "无") { note_into(added[uscc]); continue; }
    const Cluster* c = tx.find(cl);
    if (!c)
      for (const auto& k : tx.clusters)
        if (k.name == cl) c = &k;
    if (!c) {
      issue(row, header[cc], cl, "overrides.unknown_cluster",
            fmt::format("第 {} 行的产业集群 “{}” 不在分类体系 {} 中：请填写某个集群的 id 或名称 / unknown cluster",
                        row, cl, tx.id));
      continue;
    }
    auto& o = added[uscc];
    note_into(o);
    if (std::find(o.clusters.begin(), o.clusters.end(), c->id) == o.clusters.end()) o.clusters.push_back(c->id);
  }
  for (auto& [u, o] : added) tx.overrides[u] = std::move(o);
  return issues;
}

}  // namespace mujun::statistics
