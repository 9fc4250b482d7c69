// Header alias table: loading (toml++) and matching (see aliases.h).
#include "ingest/aliases.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "standards/text.h"

namespace mujun::ingest {
namespace {

constexpr std::array<std::pair<HeaderKind, std::string_view>, 23> kKindNames{{
    {HeaderKind::Metric, "metric"},
    {HeaderKind::Uscc, "uscc"},
    {HeaderKind::Name, "name"},
    {HeaderKind::IndustryCode, "industry_code"},
    {HeaderKind::AboveScale, "above_scale"},
    {HeaderKind::ParcelId, "parcel_id"},
    {HeaderKind::Area, "area"},
    {HeaderKind::Tenure, "tenure"},
    {HeaderKind::Township, "township"},
    {HeaderKind::Location, "location"},
    {HeaderKind::StartYear, "start_year"},
    {HeaderKind::Year, "year"},
    {HeaderKind::CertType, "cert_type"},
    {HeaderKind::CertLevel, "cert_level"},
    {HeaderKind::CertNumber, "cert_number"},
    {HeaderKind::CertIssued, "cert_issued"},
    {HeaderKind::CertExpires, "cert_expires"},
    {HeaderKind::Flag, "flag"},
    {HeaderKind::SupportProgram, "support_program"},
    {HeaderKind::SupportAmount, "support_amount"},
    {HeaderKind::SupportDate, "support_date"},
    {HeaderKind::Ignore, "ignore"},
    {HeaderKind::Unknown, "unknown"},
}};

/// Qualifiers that do not change a field's meaning and may be dropped when the name is otherwise
/// unknown. (当量值 is NOT here: 综合能耗(当量值) differs from the 等价值 that energy_tce means.)
constexpr std::array<std::string_view, 8> kHarmlessQualifiers{
    "(当年价格)", "(当年价)", "(现价)", "(等价值)", "(合计)", "合计", "(本年)", "(全年)"};

Issue header_issue(std::string_view label, std::string code, std::string message, Severity sev) {
  Issue i;
  i.column = std::string(label);
  i.raw_value = std::string(label);
  i.code = std::move(code);
  i.message = std::move(message);
  i.severity = sev;
  return i;
}

Issue load_issue(std::string_view origin, std::string code, std::string message) {
  Issue i;
  i.file = std::string(origin);
  i.code = std::move(code);
  i.message = std::move(message);
  i.severity = Severity::Error;
  return i;
}

/// Byte offsets of the last `k` UTF-8 code points of `s` (npos when `s` has fewer).
std::size_t suffix_start(std::string_view s, std::size_t k) {
  std::size_t pos = s.size();
  for (std::size_t n = 0; n < k; ++n) {
    if (pos == 0) return std::string_view::npos;
    --pos;
    while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  }
  return pos;
}

std::optional<Dimension> dimension_of(HeaderKind kind, const std::string& id) {
  if (kind == HeaderKind::Metric) {
    if (const MetricInfo* m = find_metric(id)) return m->dimension;
    return std::nullopt;
  }
  if (kind == HeaderKind::Area) return Dimension::Area;
  if (kind == HeaderKind::SupportAmount) return Dimension::Money;
  return std::nullopt;
}

}  // namespace

std::string_view kind_name(HeaderKind k) {
  for (const auto& [kind, name] : kKindNames)
    if (kind == k) return name;
  return "unknown";
}

std::optional<HeaderKind> kind_from_name(std::string_view name) {
  for (const auto& [kind, n] : kKindNames)
    if (n == name) return kind;
  return std::nullopt;
}

std::string normalize_header(std::string_view label) {
  std::string a = standards::fullwidth_to_ascii(label);
  std::string out;
  out.reserve(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') continue;
    if (a.compare(i, 3, "\xE3\x80\x90") == 0 || a.compare(i, 3, "\xE3\x80\x94") == 0) {  // 【 〔
      out.push_back('[');
      i += 2;
      continue;
    }
    if (a.compare(i, 3, "\xE3\x80\x91") == 0 || a.compare(i, 3, "\xE3\x80\x95") == 0) {  // 】 〕
      out.push_back(']');
      i += 2;
      continue;
    }
    out.push_back(c);
  }
  while (!out.empty() && out.back() == '*') out.pop_back();
  std::size_t lead = 0;
  while (lead < out.size() && out[lead] == '*') ++lead;
  return standards::to_upper_ascii(std::string_view(out).substr(lead));
}

AliasTable AliasTable::parse(std::string_view toml_text, std::string_view origin, Issues& issues) {
  AliasTable t;
  toml::table root;
  try {
    root = toml::parse(toml_text, std::string(origin));
  } catch (const toml::parse_error& e) {
    issues.push_back(load_issue(
        origin, "alias.toml",
        fmt::format("表头别名文件 {} 第 {} 行第 {} 列有 TOML 语法错误：{}。请按文件开头的说明修正。"
                    " (Alias file {} line {} column {}: TOML syntax error: {}.)",
                    origin, e.source().begin.line, e.source().begin.column, e.description(), origin,
                    e.source().begin.line, e.source().begin.column, e.description())));
    return t;
  }
  const toml::array* cols = root["column"].as_array();
  if (!cols) {
    issues.push_back(load_issue(origin, "alias.toml",
                                fmt::format("表头别名文件 {} 没有 [[column]] 条目。 (Alias file {} has no "
                                            "[[column]] entries.)",
                                            origin, origin)));
    return t;
  }
  std::size_t index = 0;
  for (const toml::node& node : *cols) {
    ++index;
    const toml::table* col = node.as_table();
    if (!col) continue;
    const long line = static_cast<long>(col->source().begin.line);
    std::string kind_text = (*col)["kind"].value_or(std::string());
    std::string id = (*col)["id"].value_or(std::string());
    auto kind = kind_from_name(kind_text);
    if (!kind || *kind == HeaderKind::Unknown) {
      Issue i = load_issue(origin, "alias.kind",
                           fmt::format("表头别名文件 {} 第 {} 个 [[column]]（第 {} 行）的 kind“{}”不存在：可用 metric、"
                                       "uscc、name、industry_code、above_scale、area、flag 等（见 docs/data-formats.md）。"
                                       " (Unknown kind '{}' in [[column]] #{} at line {}.)",
                                       origin, index, line, kind_text, kind_text, index, line));
      i.row = line;
      issues.push_back(std::move(i));
      continue;
    }
    if (*kind == HeaderKind::Metric && !find_metric(id)) {
      Issue i = load_issue(origin, "alias.metric",
                           fmt::format("表头别名文件 {} 第 {} 行：指标 id“{}”不在指标表中（GLOSSARY.md），请改用已有 id。"
                                       " (Line {}: metric id '{}' is not a known metric.)",
                                       origin, line, id, line, id));
      i.row = line;
      issues.push_back(std::move(i));
      continue;
    }
    const toml::array* names = (*col)["names"].as_array();
    if (!names) continue;
    for (const toml::node& n : *names) {
      auto s = n.value<std::string>();
      if (!s) continue;
      std::string key = normalize_header(*s);
      if (key.empty()) continue;
      auto [it, inserted] = t.names_.emplace(key, Target{*kind, id});
      if (!inserted) {
        Issue i = load_issue(origin, "alias.duplicate",
                             fmt::format("表头别名文件 {} 第 {} 行：名称“{}”已在前面出现（{}），每个名称只能出现一次，请删去一处。"
                                         " (Line {}: name '{}' is listed twice; keep one.)",
                                         origin, line, *s, kind_name(it->second.kind), line, *s));
        i.row = line;
        issues.push_back(std::move(i));
      }
    }
  }
  return t;
}

AliasTable AliasTable::load(const std::filesystem::path& path, Issues& issues) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    issues.push_back(load_issue(path.string(), "alias.read",
                                fmt::format("无法读取表头别名文件 {}：请确认文件存在且可读（或设置 MUJUN_HOME）。"
                                            " (Cannot read alias file {}.)",
                                            path.string(), path.string())));
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path.string(), issues);
}

void AliasTable::merge(const AliasTable& other, Issues& issues) {
  for (const auto& [name, target] : other.names_) {
    auto it = names_.find(name);
    if (it != names_.end() && (it->second.kind != target.kind || it->second.id != target.id)) {
      Issue i = load_issue("", "alias.override",
                           fmt::format("表头“{}”原映射为 {} {}，现按用户别名文件改为 {} {}。"
                                       " (Header '{}' now maps to {} {} per the user's alias file.)",
                                       name, kind_name(it->second.kind), it->second.id,
                                       kind_name(target.kind), target.id, name, kind_name(target.kind),
                                       target.id));
      i.severity = Severity::Warning;
      issues.push_back(std::move(i));
    }
    names_[name] = target;
  }
}

const AliasTable::Target* AliasTable::find(const std::string& n) const {
  auto it = names_.find(n);
  return it == names_.end() ? nullptr : &it->second;
}

HeaderMatch AliasTable::match(std::string_view label) const {
  HeaderMatch m;
  m.label = std::string(label);
  std::string name = normalize_header(label);
  if (name.empty()) {
    m.issues.push_back(header_issue(label, "header.unknown",
                                    "表头为空：该列未导入；如该列有数据，请补上表头。 (Empty header: the column "
                                    "is not imported; add a header if it holds data.)",
                                    Severity::Warning));
    return m;
  }
  // Leading year: "2024年营业收入", "2024年度营业收入".
  if (name.size() > 7 && std::all_of(name.begin(), name.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
      name.compare(4, 3, "年") == 0) {
    std::size_t cut = 7;
    if (name.compare(7, 3, "度") == 0) cut = 10;
    if (cut < name.size()) {
      m.year = std::stoi(name.substr(0, 4));
      name = name.substr(cut);
    }
  }
  // Unit in brackets at the end.
  std::string unknown_bracket;
  if (!name.empty() && (name.back() == ')' || name.back() == ']')) {
    char open = name.back() == ')' ? '(' : '[';
    std::size_t pos = name.rfind(open);
    if (pos != std::string::npos) {
      std::string inner = name.substr(pos + 1, name.size() - pos - 2);
      if (auto u = find_unit(inner)) {
        m.unit = u;
        name.erase(pos);
      } else {
        unknown_bracket = inner;
      }
    }
  }
  const Target* target = find(name);
  // Bare unit suffix: "税收万元".
  if (!target && !m.unit) {
    for (std::size_t k = 6; k >= 1 && !target; --k) {
      std::size_t pos = suffix_start(name, k);
      if (pos == std::string::npos || pos == 0) continue;
      auto u = find_unit(std::string_view(name).substr(pos));
      if (!u) continue;
      if (const Target* t = find(name.substr(0, pos))) {
        target = t;
        m.unit = u;
        name.erase(pos);
      }
    }
  }
  // Harmless qualifiers.
  if (!target) {
    for (auto q : kHarmlessQualifiers) {
      if (name.size() > q.size() && name.compare(name.size() - q.size(), q.size(), q) == 0) {
        if (const Target* t = find(name.substr(0, name.size() - q.size()))) {
          target = t;
          name.erase(name.size() - q.size());
          break;
        }
      }
    }
  }
  m.name = name;
  if (!target) {
    if (!unknown_bracket.empty()) {
      std::string base = name.substr(0, name.rfind(name.back() == ')' ? '(' : '['));
      if (const Target* t = find(base)) {
        m.issues.push_back(header_issue(
            label, "header.unit_unknown",
            fmt::format("表头“{}”的单位“{}”无法识别：该列未导入。请把单位改为支持的写法（如 元、千元、万元、亿元、平方米、亩、"
                        "公顷、千瓦时、万千瓦时、吨标准煤、千克标准煤、吨、人、%）。"
                        " (Header '{}': unit '{}' is not supported ({} {}); the column is not imported.)",
                        label, unknown_bracket, label, unknown_bracket, kind_name(t->kind), t->id),
            Severity::Error));
        return m;
      }
    }
    m.issues.push_back(header_issue(
        label, "header.unknown",
        fmt::format("未识别的列“{}”：该列未导入。若它是需要的数据，请在 data/header-aliases.toml 的相应 names 中加入"
                    "“{}”（或在自己的别名文件中添加）后重新导入。"
                    " (Unknown column '{}': not imported; add the name to data/header-aliases.toml to map it.)",
                    label, name, label),
        Severity::Warning));
    return m;
  }
  m.kind = target->kind;
  m.id = target->id;
  m.dimension = dimension_of(m.kind, m.id);
  if (m.unit && m.dimension && m.unit->dimension != *m.dimension) {
    m.issues.push_back(header_issue(
        label, "header.unit_mismatch",
        fmt::format("表头“{}”的单位“{}”不是{}单位：请核对表头（{}应使用 {} 等单位）。"
                    " (Header '{}': unit '{}' does not fit a {} column.)",
                    label, m.unit->label, dimension_name_zh(*m.dimension), m.name,
                    canonical_unit_of(*m.dimension).label, label, m.unit->label,
                    dimension_name_zh(*m.dimension)),
        Severity::Error));
  }
  return m;
}

std::filesystem::path default_alias_path() {
  if (const char* home = std::getenv("MUJUN_HOME"); home && *home) {
    std::filesystem::path p = std::filesystem::path(home) / "data" / "header-aliases.toml";
    std::error_code ec;
    if (std::filesystem::exists(p, ec)) return p;
  }
  return std::filesystem::path(MUJUN_SOURCE_ROOT) / "data" / "header-aliases.toml";
}

const AliasTable& default_aliases() {
  static std::once_flag once;
  static AliasTable table;
  static std::string error;
  std::call_once(once, [] {
    Issues issues;
    table = AliasTable::load(default_alias_path(), issues);
    for (const auto& i : issues)
      if (i.severity == Severity::Error) error += i.message + "\n";
  });
  if (!error.empty()) throw std::runtime_error(error);
  return table;
}

HeaderMatch match_header(std::string_view label) { return default_aliases().match(label); }

}  // namespace mujun::ingest
