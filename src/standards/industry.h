// mujun — GB/T 4754-2017 国民经济行业分类 (industrial classification) table and code validation.
//
// Structure (GB/T 4754-2017 §4; /work/shared/reference/data-standards.md §2): 门类 section = one
// letter A–T (20), 大类 division = 2 digits (97), 中类 group = 3 digits, 小类 class = 4 digits.
// Codes do not repeat the letter ("3612"), but many systems prefix it ("C3612"): accepted.
// The table is data (data/gbt4754-2017.csv, columns level,section,division,group,class,code,name_zh;
// provenance in data/README.md). A division whose classes are not listed in the table (see
// data/README.md for coverage) accepts any well-formed 4-digit code of that division with an
// "industry.class_unverified" warning instead of rejecting it.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/issue.h"

namespace mujun::standards {

enum class IndustryLevel { Section, Division, Group, Class };

struct IndustryEntry {
  IndustryLevel level = IndustryLevel::Class;
  char section = '?';    ///< 门类 letter, 'A'–'T'
  std::string code;      ///< "C", "36", "361", "3612"
  std::string name_zh;   ///< e.g. "汽车整车制造"
};

class IndustryTable {
 public:
  /// Parses the CSV text (UTF-8, header row). Rows with a bad level, code shape or a parent missing
  /// from earlier rows are reported ("industry_table.row", error, with row number) and skipped.
  static IndustryTable parse_csv(std::string_view text, std::string_view origin, Issues& issues);
  /// Reads and parses a file ("industry_table.read" error when it cannot be read).
  static IndustryTable load(const std::filesystem::path& path, Issues& issues);

  /// The entry with this exact code ("C", "36", "361", "3612"), or nullptr.
  const IndustryEntry* find(std::string_view code) const;
  /// True when the table lists the classes (小类) of this 2-digit division.
  bool division_has_classes(std::string_view division) const;
  std::size_t count(IndustryLevel level) const;

 private:
  std::map<std::string, IndustryEntry, std::less<>> entries_;
  std::map<std::string, int, std::less<>> classes_per_division_;
};

/// $MUJUN_HOME/data/gbt4754-2017.csv when MUJUN_HOME is set and the file exists, else
/// <source root>/data/gbt4754-2017.csv.
std::filesystem::path default_industry_path();
/// The table at default_industry_path(), loaded once; throws std::runtime_error (Chinese first) when
/// it cannot be loaded.
const IndustryTable& default_industry_table();

struct IndustryCodeResult {
  std::optional<std::string> code;  ///< normalised digits ("3612"), set when accepted
  IndustryLevel level = IndustryLevel::Class;
  std::string name_zh;              ///< name from the table ("" when class_unverified)
  /// Errors (code rejected): "industry.empty", "industry.format", "industry.too_coarse" (a 门类 letter
  /// only), "industry.unknown". Warnings (accepted): "industry.not_class" (2/3 digits accepted as
  /// 大类/中类), "industry.leading_zero" (Excel dropped the 0 of "0610"), "industry.section_mismatch"
  /// (the letter prefix is not the code's 门类), "industry.class_unverified" (division known, its
  /// classes not in the table).
  Issues issues;
  bool ok() const { return code.has_value(); }
};

/// Validates an industry code cell: trims, full-width → ASCII, upper case, drops a trailing ".0"
/// (numeric Excel cell) and an optional 门类 letter prefix ("C3612" → "3612").
IndustryCodeResult validate_industry_code(std::string_view raw, const IndustryTable& table);

}  // namespace mujun::standards
