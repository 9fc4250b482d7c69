// mujun tiers — a tier rule set as data (tiers/*.toml, DESIGN.md principle 5).
//
// One RuleSet = one tier under one version of its document (e.g. 专精特新中小企业 under
// 工信部企业〔2022〕63号 附件2, or under 工信部企业〔2026〕2号). Every rule carries its article and the
// confidence mark of tier-criteria.md (V verified / S secondary-consistent / I inferred). The file
// format is described in docs/tiers.md ("Rule file format").
#pragma once
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tiers/date.h"

namespace mujun::tiers {

/// A malformed rule file. what() is Chinese first, names the file and the offending key/line, and
/// says how to fix it.
struct RuleError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A number computed from a profile. Year offsets are relative to the profile's data_year Y
/// (0 = Y "上年度", −1 = Y−1, −2 = Y−2).
struct Quantity {
  enum class Kind {
    Metric,      ///< value of `metric` in years[0]
    Sum,         ///< Σ metric over `years`
    Average,     ///< Σ metric over `years` / number of years
    Ratio,       ///< Σ metric / Σ denominator over `years` (ratio of sums)
    Growth,      ///< metric[years.back()] / metric[years.front()] − 1
    AvgGrowth,   ///< mean of the yearly growth rates over consecutive `years`
    Cagr,        ///< (metric[last] / metric[first])^(1/(n−1)) − 1
    HnteGrowth,  ///< ½(V₂/V₁ + V₃/V₂) − 1 with the special cases of 国科发火〔2016〕195号 (see quantity.h)
  };
  Kind kind = Kind::Metric;
  std::string metric;
  std::string denominator;      ///< Ratio only
  std::vector<int> years{0};    ///< ascending offsets
};

/// One score band: the indicator scores [lo, hi] points when its value is ≥ bound ("含" lower
/// bound) — or ≤ bound when the option is lower_is_better. Bands are listed best first.
struct Band {
  double bound = 0;
  double lo = 0, hi = 0;
};

/// One way to score an indicator (the best option counts, e.g. 科技型 研发投入 by 销售收入 or by
/// 成本费用, 63号 item 11 by amount or ratio).
struct ScoreOption {
  Quantity quantity;
  std::vector<Band> bands;
  bool lower_is_better = false;
  std::string unit;  ///< display unit: "%" shows fractions ×100; else the canonical unit (万元, 件, 人)
};

struct Indicator {
  std::string id, label, group, confidence, note;
  double max = 0;
  /// Qualitative / expert-scored: no option is computed; scores the range [0, max] and is "manual".
  bool manual = false;
  double min_points = 0;  ///< manual only: the least it can score (创新型 指标5: other fields 5)
  std::vector<ScoreOption> options;
};

struct ScoreGroup {
  std::string id, label;
  double max = 0;
  double minimum = 0;  ///< sub-minimum (创新型 20/15/15; 科技型 科技人员 > 0 ⇒ 1)
};

struct ScoreTable {
  double pass = 60;  ///< total ≥ pass ("含")
  std::vector<ScoreGroup> groups;
  std::vector<Indicator> indicators;
};

/// Upper-inclusive revenue band with its threshold (高新 5a: ≤5000万(含) → 5 %, …). The last band
/// has no upper bound.
struct ThresholdBand {
  std::optional<double> upto;
  bool exclusive = false;  ///< `below = x` in the file: value < x (instead of ≤ x)
  double threshold = 0;
};

struct Condition {
  enum class Kind {
    Threshold,    ///< quantity op threshold (or threshold from band_by)
    AnyOf,        ///< any of `any` holds
    Score,        ///< the rule set's score table reaches its pass mark and sub-minimums
    Certificate,  ///< holds a valid certificate of one of `tiers` at the assessment date
    NoFlag,       ///< none of `flags` recorded in `years` (exclusion block, judged on imported records)
    Flag,         ///< one of `flags` recorded in `years` (awards, standards … for direct routes)
    Manual,       ///< qualitative: always "manual", never auto-met
    ListTag,      ///< membership of a published list (链主): met when the certificate/tag is held
  };
  Kind kind = Kind::Threshold;
  std::string id, label, article, confidence, note, unit;
  Quantity quantity;
  std::string op = ">=";  ///< ">=", ">", "<=", "<"
  double threshold = 0;
  std::optional<Quantity> band_by;  ///< when set, threshold comes from threshold_bands
  std::vector<ThresholdBand> threshold_bands;
  bool each_year = false;           ///< Threshold over every year of quantity.years separately
  std::vector<std::shared_ptr<Condition>> when;  ///< guard: evaluated only if all hold, else not applicable
  std::vector<std::shared_ptr<Condition>> any;   ///< AnyOf members
  std::vector<std::string> tiers;   ///< Certificate / ListTag
  std::vector<std::string> flags;   ///< NoFlag / Flag
  std::vector<int> flag_years{0};   ///< NoFlag / Flag window (offsets, inclusive range front..back)
  std::vector<std::string> direct;  ///< ids of direct routes that satisfy this condition when met
  bool skip_for_renewal = false;    ///< not checked for renewals (小巨人 2号 2c 复合增长率)
  bool renewal_only = false;        ///< checked for renewals only (2号 platform score "either of last 2 years")
};

/// When a rule set judges an application: kind "new", "renewal" or "any", and the assessment-date
/// window [from, to] (inclusive; `to` open when absent).
struct Applies {
  std::string kind = "any";
  Date from;
  std::optional<Date> to;
  std::string note;
};

struct RuleSet {
  std::string tier;        ///< GLOSSARY.md tier id, e.g. "specialized_sme"
  std::string tier_label;  ///< e.g. "专精特新中小企业"
  std::string version;     ///< e.g. "MIIT-2022-63"
  std::string document;    ///< e.g. "《优质中小企业梯度培育管理暂行办法》工信部企业〔2022〕63号 附件2"
  std::string confidence;  ///< overall mark V/S/I
  std::string source;      ///< file it was read from ("" for text)
  int validity_years = 0;  ///< certificate validity (高新 3); 0 = not stated
  std::vector<std::string> next;           ///< tiers this one leads to (pipeline)
  std::vector<std::string> cannot_judge;   ///< what the software cannot judge (shown on cards, docs)
  std::vector<Applies> applies;
  std::vector<Condition> conditions;
  std::vector<Condition> direct;           ///< direct routes (直接认定 / 直通条件)
  std::optional<ScoreTable> score;
};

/// Parses one rule file's text. `source` names the file in error messages. Throws RuleError.
RuleSet parse_rule_set(std::string_view toml_text, const std::string& source);
/// Reads and parses the rule file at `path`. Throws RuleError (also when unreadable).
RuleSet load_rule_set(const std::string& path);
/// All tier rule sets (*.toml with a `tier` key) in `dir`, sorted by file name. Throws RuleError.
std::vector<RuleSet> load_rule_dir(const std::string& dir);

}  // namespace mujun::tiers
