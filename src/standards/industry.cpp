// GB/T 4754-2017 table loading and code validation (see industry.h).
#include "standards/industry.h"

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "standards/text.h"

namespace mujun::standards {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::vector<std::string> split_csv_line(std::string_view line) {
  // The shipped table has no quoted fields; a quoted field is kept verbatim without quotes.
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') { quoted = !quoted; continue; }
    if (c == ',' && !quoted) { out.push_back(cur); cur.clear(); continue; }
    cur.push_back(c);
  }
  out.push_back(cur);
  return out;
}

std::optional<IndustryLevel> level_from(std::string_view s) {
  if (s == "section") return IndustryLevel::Section;
  if (s == "division") return IndustryLevel::Division;
  if (s == "group") return IndustryLevel::Group;
  if (s == "class") return IndustryLevel::Class;
  return std::nullopt;
}

std::size_t code_length(IndustryLevel l) {
  switch (l) {
    case IndustryLevel::Section: return 1;
    case IndustryLevel::Division: return 2;
    case IndustryLevel::Group: return 3;
    case IndustryLevel::Class: return 4;
  }
  return 0;
}

std::string_view level_zh(IndustryLevel l) {
  switch (l) {
    case IndustryLevel::Section: return "门类";
    case IndustryLevel::Division: return "大类";
    case IndustryLevel::Group: return "中类";
    case IndustryLevel::Class: return "小类";
  }
  return "";
}


}  // namespace

IndustryTable IndustryTable::parse_csv(std::string_view text, std::string_view origin, Issues& issues) {
  IndustryTable t;
  long row = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++row;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (row == 1 || line.empty()) continue;  // header
    auto f = split_csv_line(line);
    auto bad = [&](std::string why) {
      Issue i;
      i.file = std::string(origin);
      i.row = row;
      i.raw_value = std::string(line);
      i.code = "industry_table.row";
      i.message = fmt::format("行业分类表 {} 第 {} 行无效：{}。请按 level,section,division,group,class,code,name_zh 填写。"
                              " (Industry table {} row {} is invalid: {}.)",
                              origin, row, why, origin, row, why);
      i.severity = Severity::Error;
      issues.push_back(std::move(i));
    };
    if (f.size() != 7) { bad(fmt::format("应有 7 列，实有 {} 列", f.size())); continue; }
    auto level = level_from(f[0]);
    if (!level) { bad("level 应为 section/division/group/class"); continue; }
    const std::string& code = f[5];
    if (f[1].size() != 1 || f[1][0] < 'A' || f[1][0] > 'T') { bad("section 应为 A–T"); continue; }
    if (code.size() != code_length(*level) || (*level != IndustryLevel::Section && !all_digits(code)) ||
        (*level == IndustryLevel::Section && code != f[1])) {
      bad(fmt::format("代码“{}”与层级不符", code));
      continue;
    }
    std::string parent;
    if (*level == IndustryLevel::Division) parent = f[1];
    if (*level == IndustryLevel::Group || *level == IndustryLevel::Class) parent = code.substr(0, code.size() - 1);
    if (!parent.empty()) {
      auto it = t.entries_.find(parent);
      if (it == t.entries_.end() || it->second.section != f[1][0]) {
        bad(fmt::format("上级代码“{}”不在前面的行中或门类不符", parent));
        continue;
      }
    }
    IndustryEntry e{*level, f[1][0], code, std::string(trim_ascii(f[6]))};
    if (!t.entries_.emplace(code, e).second) { bad(fmt::format("代码“{}”重复", code)); continue; }
    if (*level == IndustryLevel::Class) ++t.classes_per_division_[code.substr(0, 2)];
  }
  return t;
}

IndustryTable IndustryTable::load(const std::filesystem::path& path, Issues& issues) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Issue i;
    i.file = path.string();
    i.code = "industry_table.read";
    i.message = fmt::format("无法读取行业分类表 {}：请确认文件存在（或设置 MUJUN_HOME）。 (Cannot read {}.)",
                            path.string(), path.string());
    issues.push_back(std::move(i));
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_csv(ss.str(), path.string(), issues);
}

const IndustryEntry* IndustryTable::find(std::string_view code) const {
  auto it = entries_.find(code);
  return it == entries_.end() ? nullptr : &it->second;
}

bool IndustryTable::division_has_classes(std::string_view division) const {
  return classes_per_division_.find(division) != classes_per_division_.end();
}

std::size_t IndustryTable::count(IndustryLevel level) const {
  std::size_t n = 0;
  for (const auto& [code, e] : entries_)
    if (e.level == level) ++n;
  return n;
}

std::filesystem::path default_industry_path() {
  if (const char* home = std::getenv("MUJUN_HOME"); home && *home) {
    std::filesystem::path p = std::filesystem::path(home) / "data" / "gbt4754-2017.csv";
    std::error_code ec;
    if (std::filesystem::exists(p, ec)) return p;
  }
  return std::filesystem::path(MUJUN_SOURCE_ROOT) / "data" / "gbt4754-2017.csv";
}

const IndustryTable& default_industry_table() {
  static std::once_flag once;
  static IndustryTable table;
  static std::string error;
  std::call_once(once, [] {
    Issues issues;
    table = IndustryTable::load(default_industry_path(), issues);
    for (const auto& i : issues)
      if (i.severity == Severity::Error) error += i.message + "\n";
  });
  if (!error.empty()) throw std::runtime_error(error);
  return table;
}

IndustryCodeResult validate_industry_code(std::string_view raw, const IndustryTable& table) {
  IndustryCodeResult r;
  std::string s;
  for (char c : to_upper_ascii(fullwidth_to_ascii(raw)))
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') s.push_back(c);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.erase(s.size() - 2);
  if (s.empty()) {
    r.issues.push_back(value_issue(raw, "industry.empty",
        "行业代码为空：请填写 GB/T 4754-2017 的 4 位小类代码（如 3612）。 (Industry code is empty: "
        "enter the 4-digit GB/T 4754-2017 class, e.g. 3612.)", Severity::Error));
    return r;
  }
  char letter = 0;
  if (s[0] >= 'A' && s[0] <= 'Z') {
    letter = s[0];
    s.erase(0, 1);
  }
  if (s.empty()) {
    const IndustryEntry* sec = table.find(std::string(1, letter));
    r.issues.push_back(value_issue(raw, "industry.too_coarse",
        fmt::format("行业代码“{}”只有门类{}：请填写 4 位小类代码（如 C3612 或 3612）。"
                    " (Industry code '{}' is only a section: enter the 4-digit class.)",
                    raw, sec ? fmt::format("（{}）", sec->name_zh) : std::string(), raw),
        Severity::Error));
    return r;
  }
  if (!all_digits(s) || s.size() < 2 || s.size() > 4) {
    r.issues.push_back(value_issue(raw, "industry.format",
        fmt::format("行业代码“{}”格式不对：应为 4 位数字小类代码，可带门类字母（如 3612 或 C3612）。"
                    " (Industry code '{}' is malformed: 4 digits, optionally prefixed by the section letter.)",
                    raw, raw),
        Severity::Error));
    return r;
  }
  if (s.size() == 3 && !table.find(s)) {
    std::string padded = "0" + s;
    if (const IndustryEntry* e = table.find(padded); e && e->level == IndustryLevel::Class) {
      r.issues.push_back(value_issue(raw, "industry.leading_zero",
          fmt::format("行业代码“{}”按 {}（{}）处理：Excel 常把开头的 0 去掉，请把该列设为文本。"
                      " (Industry code '{}' read as {}: Excel dropped the leading zero; format the column as text.)",
                      raw, padded, e->name_zh, raw, padded),
          Severity::Warning));
      s = padded;
    }
  }
  const IndustryEntry* e = table.find(s);
  const std::string division = s.substr(0, 2);
  const IndustryEntry* div = table.find(division);
  if (!e) {
    if (div && !table.division_has_classes(division) && s.size() >= 3) {
      r.code = s;
      r.level = s.size() == 4 ? IndustryLevel::Class : IndustryLevel::Group;
      r.issues.push_back(value_issue(raw, "industry.class_unverified",
          fmt::format("行业代码“{}”属于大类 {}（{}），但本系统的行业分类表未收录该大类的中类/小类，无法核对：已接受，请自行确认。"
                      " (Industry code '{}' is in division {} whose classes are not in the shipped table: "
                      "accepted unverified.)",
                      raw, division, div->name_zh, raw, division),
          Severity::Warning));
      return r;
    }
    r.issues.push_back(value_issue(raw, "industry.unknown",
        fmt::format("行业代码“{}”不在 GB/T 4754-2017 中：请核对代码（可能是 2011 版旧代码或抄错），改为现行 4 位小类代码。"
                    " (Industry code '{}' is not in GB/T 4754-2017: check it (an old 2011 code or a typo?).)",
                    raw, raw),
        Severity::Error));
    return r;
  }
  r.code = s;
  r.level = e->level;
  r.name_zh = e->name_zh;
  if (e->level != IndustryLevel::Class)
    r.issues.push_back(value_issue(raw, "industry.not_class",
        fmt::format("行业代码“{}”是{}（{}），不是 4 位小类：已按{}接受；按产业集群归类需要小类时请补全。"
                    " (Industry code '{}' is a {}-level code, not a 4-digit class: accepted as such.)",
                    raw, level_zh(e->level), e->name_zh, level_zh(e->level), raw,
                    e->level == IndustryLevel::Division ? "division" : "group"),
        Severity::Warning));
  if (letter && letter != e->section)
    r.issues.push_back(value_issue(raw, "industry.section_mismatch",
        fmt::format("行业代码“{}”的门类字母 {} 与代码 {} 所属门类 {} 不符：已按数字代码处理，请核对。"
                    " (Industry code '{}': letter {} does not match section {} of {}.)",
                    raw, letter, s, e->section, raw, letter, e->section, s),
        Severity::Warning));
  return r;
}

}  // namespace mujun::standards
