// mujun — 统一社会信用代码 (USCC) per GB 32100-2015 and its organisation-code part per GB 11714-1997.
//
// Structure (GB 32100-2015 §4): 18 characters = 登记管理部门码 (1) + 机构类别码 (1) + 登记管理机关行政区划码
// (6 digits, GB/T 2260, any code including retired ones such as 500110 万盛区) + 主体标识码 (9 = GB 11714
// organisation code: 8 body characters + its own check character) + 校验码 (1).
// Character set of positions 1–2 and 9–18: "0123456789ABCDEFGHJKLMNPQRTUWXY" (31 symbols; no I O S V Z).
// Algorithms and validation policy: /work/shared/reference/data-standards.md §1 (verified against
// python-stdnum and the real codes in /work/shared/data/uscc-test-vectors.csv).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "domain/issue.h"

namespace mujun::standards {

/// GB 32100-2015 check character (position 18) of the first 17 characters of a USCC.
/// S = Σ value(c[i]) × 3^i mod 31, check = CHARSET[(31 − S mod 31) mod 31].
/// Precondition: `first17` has exactly 17 characters, each in the 31-symbol set (upper case);
/// otherwise returns '\0'. Example: "9150000020286320X" → '6' (重庆长安汽车, 9150000020286320X6).
char uscc_check_char(std::string_view first17);

/// GB 11714-1997 organisation-code check character of the first 8 body characters
/// ('0'–'9' → 0–9, 'A'–'Z' → 10–35, weights 3 7 9 10 5 8 4 2; C = 11 − Σ mod 11; 10 → 'X', 11 → '0').
/// Precondition: exactly 8 characters in [0-9A-Z]; otherwise returns '\0'.
/// Example: "20286320" → 'X'.
char org_code_check_char(std::string_view first8);

/// Result of checking one USCC cell.
struct UsccResult {
  /// The normalised code (trimmed, full-width → half-width, upper case) when it has a legal shape
  /// (length 18, legal characters, 6-digit region part); nullopt when it must be rejected.
  std::optional<std::string> code;
  /// Problems found. Codes: "uscc.empty", "uscc.length", "uscc.char" (errors, code rejected);
  /// "uscc.check_char" (GB 32100 check fails), "uscc.org_check_char" (GB 11714 check fails) —
  /// warnings only, because real early pilot codes (e.g. 福建 91350100M0001TGQXM) fail the check.
  Issues issues;
  bool ok() const { return code.has_value(); }
};

/// Normalises and validates a USCC as typed in a file. Accepts surrounding ASCII/full-width spaces,
/// lower case and full-width letters/digits (normalised to upper-case ASCII). Issues carry `code`,
/// `raw_value`, `severity` and a Chinese-first `message`; the caller fills file/sheet/row/column.
UsccResult validate_uscc(std::string_view raw);

/// Normalisation alone (trim, full-width → ASCII, upper case), no validation.
std::string normalize_uscc(std::string_view raw);

}  // namespace mujun::standards
