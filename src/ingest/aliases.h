// mujun — mapping column headers of agency files to fields (issue 2, item 4).
//
// The alias table is data: data/header-aliases.toml (format documented in that file and in
// docs/data-formats.md). A header is normalised (full-width → half-width, 【】〔〕 → [], whitespace and
// line breaks removed, leading/trailing "*" removed, ASCII upper case, a leading "2024年"/"2024年度" is
// taken as the column's year), then its unit is split off: "(万元)", "[万元]" or a bare "万元" suffix,
// any of the units of ingest/units.h. The remaining name is looked up exactly; a few harmless
// qualifiers ("(当年价格)", "(现价)", "(等价值)", "合计") may be dropped. Nothing else is guessed: an
// unmatched header is kind Unknown with a "header.unknown" warning naming the fix.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/issue.h"
#include "domain/metric.h"
#include "ingest/units.h"

namespace mujun::ingest {

enum class HeaderKind {
  Metric,          ///< a metric of domain/metric.h; `id` = metric id
  Uscc,            ///< 统一社会信用代码 / 纳税人识别号
  Name,            ///< 企业名称 / 单位详细名称 / 纳税人名称 / 户名 / 权利人
  IndustryCode,    ///< GB/T 4754-2017 code
  AboveScale,      ///< 是否规上 (是/否)
  ParcelId,        ///< 不动产权证号 / 宗地编号
  Area,            ///< land parcel area; `id` = "land_area", canonical 平方米
  Tenure,          ///< 权属 自有|租赁|出让|划拨
  Township,        ///< 所在镇街
  Location,        ///< 坐落 (parcel address text)
  StartYear,       ///< 投产年份
  Year,            ///< 年份 / 统计年度 / 所属期
  CertType,        ///< 认定类型 / 称号
  CertLevel,       ///< 级别 国家级|市级|区级
  CertNumber,      ///< 证书编号
  CertIssued,      ///< 认定日期 / 发证日期
  CertExpires,     ///< 有效期至 / 到期日期
  Flag,            ///< yes/no flag; `id` = flag id ("major_safety_accident", …)
  SupportProgram,  ///< 项目 / 类别
  SupportAmount,   ///< 金额; `id` = "support_amount", money
  SupportDate,     ///< 拨付日期
  Ignore,          ///< a known column that is deliberately not imported (序号, 备注, 联系电话 …)
  Unknown,         ///< matched nothing: reported, never guessed
};

/// Stable lower-case name of a kind as used in the TOML file ("metric", "uscc", "cert_type", …).
std::string_view kind_name(HeaderKind k);
/// The kind with this TOML name, or nullopt.
std::optional<HeaderKind> kind_from_name(std::string_view name);

/// The result of matching one header cell.
struct HeaderMatch {
  HeaderKind kind = HeaderKind::Unknown;
  std::string id;          ///< metric id, flag id, "land_area", "support_amount"; "" otherwise
  std::string label;       ///< the header exactly as in the file
  std::string name;        ///< normalised name without unit and year, e.g. "工业总产值(当年价格)"
  std::optional<Unit> unit;  ///< unit read from the label ("(千元)" → 千元); nullopt when none
  /// For Metric/Area/SupportAmount: the dimension the values must have (money, area …).
  std::optional<Dimension> dimension;
  int year = 0;            ///< year stated in the header ("2024年营业收入"), 0 when none
  /// "header.unknown" (warning: column not imported), "header.unit_mismatch" (error: e.g. 税收(平方米)),
  /// "header.unit_unknown" (error: a known name with an unsupported unit, e.g. 营业收入(美元)).
  /// `column` and `raw_value` are the label; the caller fills file/sheet.
  Issues issues;

  /// num/den factor of `unit` into the canonical unit (1/1 when no unit).
  std::int64_t factor_num() const { return unit ? unit->num : 1; }
  std::int64_t factor_den() const { return unit ? unit->den : 1; }
};

/// Header normalisation alone (exposed for tests and reports), e.g. "营业收入\n（千元）*" → "营业收入(千元)".
std::string normalize_header(std::string_view label);

/// A loaded alias table. Copyable value; lookups are read-only and thread-safe.
class AliasTable {
 public:
  struct Target {
    HeaderKind kind = HeaderKind::Unknown;
    std::string id;
  };

  /// Parses the TOML text of an alias file. `origin` names the file in messages. Problems
  /// ("alias.toml" syntax error, "alias.kind" unknown kind, "alias.metric" unknown metric id,
  /// "alias.duplicate" a name listed twice) are appended to `issues` as errors; entries with
  /// problems are skipped, the rest is loaded.
  static AliasTable parse(std::string_view toml_text, std::string_view origin, Issues& issues);
  /// Reads and parses a file (error "alias.read" when it cannot be read).
  static AliasTable load(const std::filesystem::path& path, Issues& issues);

  /// Adds the entries of `other`; a name present in both takes `other`'s target (a user's file
  /// overrides the shipped table) and is reported as an "alias.override" warning.
  void merge(const AliasTable& other, Issues& issues);

  /// Matches one header label (see the file comment for the rules).
  HeaderMatch match(std::string_view label) const;

  std::size_t size() const { return names_.size(); }

 private:
  const Target* find(const std::string& normalised_name) const;
  std::map<std::string, Target> names_;  // normalised name → target
};

/// Path of the shipped table: $MUJUN_HOME/data/header-aliases.toml when MUJUN_HOME is set and that
/// file exists, else <source root>/data/header-aliases.toml (MUJUN_SOURCE_ROOT, set by CMake).
std::filesystem::path default_alias_path();

/// The table at default_alias_path(), loaded once (thread-safe). Throws std::runtime_error with a
/// Chinese-first message when the file is missing or has errors.
const AliasTable& default_aliases();

/// Matches `label` against default_aliases().
HeaderMatch match_header(std::string_view label);

}  // namespace mujun::ingest
