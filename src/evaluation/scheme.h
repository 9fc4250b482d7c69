// mujun — an evaluation scheme (评价办法): one region's rules for one data year, read from TOML.
//
// A scheme names its source document and year, the cohorts (评价对象分组) firms fall into, the
// indicators (formulas over metrics, domain/metric.h), per-cohort weights and benchmarks (基准值),
// the missing-data rule of each indicator, adjustments (加分 / 减分 / 一票否决), special categories
// (免评 / 暂缓: class T 只评价不分档) and the classification rule (rank quotas, score thresholds or
// both). Every key is documented in docs/schemes.md; shipped schemes are in schemes/*.toml.
//
// Units: indicator values are in the unit the scheme states for them (e.g. 万元/亩); land in 亩;
// points and totals in 分 (points). Quota shares are fractions (0.20 = 20 %).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/issue.h"

namespace mujun::evaluation {

/// Which way an indicator is better.
enum class Direction { Higher, Lower };

/// What to do when an enterprise's indicator cannot be computed (an input metric is missing, or the
/// denominator is zero or missing, giving no finite value).
enum class MissingRule {
  Zero,           ///< "zero": 0 points for the indicator
  CohortAverage,  ///< "cohort_average": the average points of the cohort's firms that have the value
                  ///< (黄岩 2022/2023: "规上无排放数据的，单位排放增加值得分按规上企业此项平均得分赋分")
  Reweight,       ///< "reweight": the indicator is left out and the firm's other indicator points are
                  ///< scaled by W / (W − w_missing), W = the cohort's weight total
};

/// How the benchmark B of an indicator in a cohort is obtained.
enum class BenchmarkMethod {
  Fixed,         ///< "fixed": a published constant (黄岩 publishes them per year)
  Mean,          ///< "mean": the cohort's mean of this year (see MeanKind), times k
  PreviousMean,  ///< "previous_mean": k × the cohort's mean of the previous year (淮安 2024: k = 2)
  Max,           ///< "max": the cohort's best value (max; min when lower is better)
  MinMax,        ///< "minmax": 旌德 w × [floor + (100 − floor) × (x − min)/(max − min)] / 100
};

/// How a cohort mean is taken.
enum class MeanKind {
  RatioOfSums,   ///< "ratio_of_sums": Σ numerator / Σ denominator (needs a ratio indicator)
  MeanOfRatios,  ///< "mean_of_ratios": arithmetic mean of the firms' values
};

/// Which land counts as the enterprise's land_mu.
enum class LandRule {
  OwnedPlusLeased,  ///< "owned_plus_leased": own parcels + leased parcels attributed to the user
  OwnedOnly,        ///< "owned_only": own parcels only
};

/// An inclusive range of GB/T 4754-2017 codes compared on their leading digits: "13-43" (大类
/// 13 to 43), "44" (大类 44), "4411" (小类 4411). Both ends have the same number of digits (2 or 4).
struct IndustryRange {
  std::string lo, hi;
  /// True when the 4-digit `code` falls in the range; an empty or shorter code never matches.
  bool contains(std::string_view code) const;
  /// True when every code of `other` is also in this range.
  bool covers(const IndustryRange& other) const;
};

/// An indicator (指标): a formula over metric ids and land_mu (GLOSSARY.md "Indicators").
struct Indicator {
  std::string id;       ///< e.g. "tax_per_mu"
  std::string label;    ///< e.g. "亩均税收"
  std::string unit;     ///< e.g. "万元/亩"
  std::string formula;  ///< the full expression (numerator / denominator when given as a ratio)
  std::string numerator, denominator;  ///< set when the scheme gives the indicator as a ratio
  Direction direction = Direction::Higher;
  MissingRule missing = MissingRule::Zero;
  std::optional<double> cap;    ///< points ≤ cap × weight (ratio methods), when set
  std::optional<double> floor;  ///< points ≥ floor × weight (ratio methods), when set
  int line = 0;                 ///< line of [[indicator]] in the scheme file
};

/// The benchmark rule of one weighted indicator in one cohort.
struct Benchmark {
  BenchmarkMethod method = BenchmarkMethod::Fixed;
  double value = 0;        ///< Fixed: the constant, in the indicator's unit
  MeanKind of = MeanKind::RatioOfSums;  ///< Mean / PreviousMean
  double k = 1;            ///< Mean / PreviousMean multiplier
  double floor_percent = 20;  ///< MinMax: share of the weight the worst firm gets, in %
  int line = 0;
};

/// Who belongs to a cohort. Conditions are ANDed; an unset condition accepts everyone.
struct CohortRule {
  enum class Tenure {
    Any,         ///< any land situation
    Owned,       ///< has own land (> 0 m² owned)
    LeasedOnly,  ///< 租赁企业: no own land (none or 0), some leased land (> 0)
  };
  std::optional<bool> above_scale;    ///< 规上 (true) / 规下 (false); unknown status never matches a set value
  std::optional<double> land_mu_min;  ///< land_mu ≥ this (亩)
  std::optional<double> land_mu_max;  ///< land_mu < this (亩)
  Tenure tenure = Tenure::Any;
  std::vector<IndustryRange> industry;  ///< any of these; empty = any code
};

/// Classification rule (分档).
struct Classification {
  enum class Method {
    Quota,      ///< "quota": rank quotas (A/D = round half up of N × share; B from the cumulative
                ///< share A+B; C the rest); equal totals share the better class
    Threshold,  ///< "threshold": total ≥ threshold A → A, ≥ B → B, ≥ C → C, else D
  };
  Method method = Method::Quota;
  std::array<std::int64_t, 4> share_micros{200000, 400000, 350000, 50000};  ///< A B C D, 1e-6 units
  std::array<double, 3> thresholds{0, 0, 0};  ///< A B C minimum totals (Threshold)
  std::optional<double> a_min_total;          ///< Quota: an A seat needs total ≥ this, else B
  /// Which firms share one set of quota seats (TOML key `pool`).
  enum class Pool {
    Cohort,    ///< "cohort" (default): the whole cohort is one pool
    Township,  ///< "township": quotas within each 镇街 of the cohort (Frame::township; firms with an
               ///< unknown township form one pool of their own). Ranks stay cohort-wide. For a
               ///< province or county that allots class quotas per township (per-township 名额).
  };
  Pool pool = Pool::Cohort;
  int line = 0;
};

/// One evaluation cohort (评价对象分组), ranked and classed separately.
struct Cohort {
  std::string id;     ///< e.g. "above_scale"
  std::string label;  ///< e.g. "规上工业企业"
  /// Membership: an enterprise belongs when it satisfies any of these rules (usually one; 淮安 2024
  /// pools 规上 with 规下 ≥ 3 亩: two rules).
  std::vector<CohortRule> rules;
  std::vector<int> indicators;        ///< indices into Scheme::indicators, ascending (definition order)
  std::vector<double> weights;        ///< parallel to `indicators` (分)
  std::vector<Benchmark> benchmarks;  ///< parallel to `indicators`
  Classification classification;
  int line = 0;
  int weights_line = 0;  ///< line of the cohort's `weights` table (messages point at it)
  double weight_total() const;
};

/// An adjustment after scoring (加分 / 减分 / 一票否决).
struct Adjustment {
  enum class Kind { Bonus, Penalty, Veto };
  std::string id, label;
  Kind kind = Kind::Bonus;
  double points = 0;      ///< Bonus adds, Penalty subtracts (given positive)
  char forced_class = 0;  ///< Veto: 'A'..'D'
  std::string flag;               ///< applies when the enterprise has this flag in the year, or
  std::string certificate;        ///< holds a certificate of this tier valid in the year
  std::string certificate_level;  ///< optional level filter: national | municipal | district
  std::vector<int> cohorts;       ///< cohort indices it applies to; empty = all
  int line = 0;
};

/// A special category (class T, 只评价不分档): evaluated and shown, but not classed and kept out of
/// quota counts and of the cohort benchmarks (cohort means, max, min–max, missing-data averages).
struct Special {
  enum class Kind { Exempt, Deferred };
  std::string id, label;
  Kind kind = Kind::Exempt;
  std::vector<IndustryRange> industry;  ///< matches these industry codes, or
  std::string flag;                     ///< has this flag, or
  int production_years_below = 0;       ///< in production fewer years: year − 投产年份 < this
  int line = 0;
};

/// A whole scheme.
struct Scheme {
  std::string file;    ///< file name it was read from (for messages)
  std::string id;      ///< e.g. "huangyan-2022"
  std::string name;    ///< title, Chinese
  std::string region;  ///< e.g. "台州市黄岩区"
  std::string source;  ///< source document(s) with number and date
  int data_year = 0;   ///< the data year the constants belong to (0 = any year)
  std::vector<std::string> assumptions;  ///< parts that are not from the source, said plainly
  LandRule land = LandRule::OwnedPlusLeased;
  std::optional<double> weights_total;  ///< when set, each cohort's weights must sum to it
  std::optional<double> bonus_max;      ///< cap on the sum of bonus points of one firm
  std::vector<Indicator> indicators;
  std::vector<Cohort> cohorts;
  std::vector<Adjustment> adjustments;
  std::vector<Special> specials;

  /// True when some benchmark is PreviousMean (the previous year's Frame is needed).
  bool needs_previous_year() const;
  int indicator_index(std::string_view id) const;  ///< −1 when unknown
};

/// A rejected scheme. `issues` name the file, line (Issue::row), key (Issue::column) and what is
/// wrong; what() is all of them, one per line, Chinese first.
struct SchemeError : std::runtime_error {
  explicit SchemeError(Issues list);
  Issues issues;
};

/// Parses and validates a scheme from TOML text; `file_name` is used in messages. Throws SchemeError
/// for TOML syntax errors, unknown keys, unknown metrics in formulas, formulas that do not parse,
/// weights not summing to `weights_total`, benchmarks missing for a weighted indicator, a cohort
/// nobody can fall in (empty range, or shadowed by an earlier cohort: first match wins), quota
/// shares not summing to 1.
Scheme parse_scheme(std::string_view toml_text, std::string_view file_name);

/// Reads the file at `path` and parses it (the only file access of the evaluation module).
/// Throws SchemeError (also when the file cannot be read).
Scheme load_scheme(const std::string& path);

}  // namespace mujun::evaluation
