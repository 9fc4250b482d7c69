// mujun statistics — one published-style figure of the yearly overview, and the overview itself.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace mujun::statistics {

/// A quantity a figure was computed from, as exact text (sums are exact: int64 micro-units summed,
/// divided once; DESIGN.md principle 4).
struct FigureInput {
  std::string name;   ///< e.g. "Σ工业总产值（规上，2024）"
  std::string value;  ///< exact decimal text, e.g. "2900000" or a count "123"
  std::string unit;   ///< e.g. "万元", "亩", "家"
};

struct Figure {
  std::string id;       ///< stable id, e.g. "above_scale_gross_output", "cluster_output.new_materials"
  std::string label;    ///< Chinese label, e.g. "规上工业总产值"
  std::string unit;     ///< unit of `value`: "亿元", "万元", "万元/亩", "亩", "%", "家", "个"
  std::string formula;  ///< how it is computed, in words and symbols (Chinese first)
  std::optional<double> value;  ///< nullopt when it cannot be computed; `note` says why
  int decimals = 2;             ///< precision for display
  std::string section;          ///< display group, e.g. "规上工业", "产业集群"
  std::string note;             ///< caveats (price basis, scope, why missing)
  std::vector<FigureInput> inputs;
};

/// An enterprise whose cluster membership needs a look (no cluster, or several).
struct MembershipRow {
  std::string uscc, name, industry_code;
  int above_scale = -1;               ///< 1 规上, 0 规下, -1 unknown
  std::vector<std::string> clusters;  ///< cluster ids (several for an ambiguous match)
  bool overridden = false;
};

struct MembershipReport {
  std::vector<MembershipRow> unmatched;  ///< industrial firms in no cluster
  std::vector<MembershipRow> multiple;   ///< firms in several clusters (counted once in the group total)
  std::vector<std::string> overrides_not_found;  ///< override USCCs absent from the year's data
  std::size_t overridden = 0;                    ///< firms whose membership came from an override
};

/// The yearly data overview (数据一览) of a zone.
struct Bulletin {
  int year = 0;
  std::string zone_name;
  std::string taxonomy_id;
  std::string group_label;  ///< e.g. "“231”产业集群"
  std::vector<Figure> figures;
  MembershipReport membership;

  /// The figure with this id, or nullptr.
  const Figure* find(const std::string& id) const {
    for (const auto& f : figures)
      if (f.id == id) return &f;
    return nullptr;
  }
};

}  // namespace mujun::statistics
