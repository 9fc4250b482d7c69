// mujun statistics — a zone's industrial cluster taxonomy (GLOSSARY.md "产业集群 ("231")", `cluster`).
//
// A taxonomy is versioned data (DESIGN.md principle 5): a TOML file under taxonomies/, e.g.
// taxonomies/wansheng-231.toml for 万盛经开区's "231" clusters (2 pillars 新能源及新型储能 and 新材料,
// 3 featured 电子信息制造 / 生物医药 / 农产品及食品加工, 1 emerging 智能装备制造; source: the 2025
// newspaper feature "万盛 挺起工业'硬脊梁'", ../shared/reference/wansheng-2024.md).
//
// Membership is decided by GB/T 4754-2017 industry codes or code prefixes, and per-enterprise overrides
// (by USCC) win over codes: a glass maker (3041) may belong to 新材料, a battery-pack line (3849) to
// 新能源. Among code rules, the longest matching prefix wins; equal-length matches in several clusters
// make the enterprise a member of all of them, and the membership report lists it.
//
// File format (all keys documented in docs/statistics.md):
//   [taxonomy]  id, name, group_label, source, overrides_files = ["…/cluster-overrides.csv"],
//               config_files = ["…/zone-totals.toml"]
//   [[cluster]] id, name, role = "pillar"|"featured"|"emerging", codes = ["3841", "384", …]
//   [[override]] uscc, clusters = ["new_materials"] (empty list = in no cluster), note
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/issue.h"

namespace mujun::statistics {

enum class ClusterRole { Pillar, Featured, Emerging };

/// "pillar" → 支柱产业集群, "featured" → 特色产业集群, "emerging" → 前瞻布局产业.
std::string_view role_id(ClusterRole r);
std::string_view role_label_zh(ClusterRole r);

struct Cluster {
  std::string id;                  ///< stable identifier, e.g. "new_energy_storage"
  std::string name;                ///< Chinese name as published, e.g. "新能源及新型储能"
  ClusterRole role = ClusterRole::Featured;
  std::vector<std::string> codes;  ///< GB/T 4754-2017 codes or prefixes (digits only: "3841", "384", "38")
};

struct ClusterOverride {
  std::string uscc;                   ///< 18-char USCC, upper case
  std::vector<std::string> clusters;  ///< cluster ids; empty = the enterprise is in no cluster
  std::string note;                   ///< why (e.g. "玻璃基板 3041 → 新材料")
};

struct ClusterTaxonomy {
  std::string id;           ///< e.g. "wansheng-231"
  std::string name;         ///< e.g. "万盛经开区“231”现代制造业集群"
  std::string group_label;  ///< label of all clusters together, e.g. "“231”产业集群"
  std::string source;       ///< the document the taxonomy comes from
  std::vector<Cluster> clusters;
  std::map<std::string, ClusterOverride> overrides;  ///< by USCC
  /// [taxonomy] overrides_files: CSV override lists (add_overrides_csv) as written in the file,
  /// relative to the taxonomy file's folder; the caller reads them (this module does no I/O).
  std::vector<std::string> overrides_files;
  /// [taxonomy] config_files: stats configuration TOMLs (read_stats_config), relative like the above.
  std::vector<std::string> config_files;

  const Cluster* find(std::string_view cluster_id) const;
  /// Ids of the clusters the enterprise belongs to (override first, else longest code prefix; ties →
  /// several). Empty when it belongs to none. `industry_code` may carry the 门类 letter ("C3841").
  std::vector<std::string> members(std::string_view uscc, std::string_view industry_code) const;
  /// True when `members` was decided by an override.
  bool overridden(std::string_view uscc) const;
};

struct TaxonomyParse {
  std::optional<ClusterTaxonomy> taxonomy;  ///< nullopt when any Error issue was found
  Issues issues;
};

/// Parses a taxonomy TOML text. `file_name` is used in issues. Errors: TOML syntax (with line), a
/// cluster without id/name, an unknown role, a code with non-digits or more than 4 digits, duplicate
/// cluster ids, an override naming an unknown cluster or a malformed USCC (not 18 characters).
TaxonomyParse parse_taxonomy(std::string_view toml_text, std::string_view file_name);

/// Adds overrides from a CSV text with a header row holding a USCC column (统一社会信用代码 / uscc)
/// and a cluster column (cluster / cluster_id / 集群, cluster id or Chinese name; empty or "none" = in no
/// cluster), optionally a note column (note / 说明). Several rows for one USCC add several clusters.
/// Returns the issues (file, row, column, value, what is wrong, how to fix); rows with issues are skipped.
Issues add_overrides_csv(ClusterTaxonomy& taxonomy, std::string_view csv_text, std::string_view file_name);

}  // namespace mujun::statistics
