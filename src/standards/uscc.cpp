// GB 32100-2015 / GB 11714-1997 check characters and USCC validation (see uscc.h).
#include "standards/uscc.h"

#include <fmt/format.h>

#include "standards/text.h"

namespace mujun::standards {
namespace {

constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

int uscc_value(char c) {
  auto pos = kCharset.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

int org_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}


}  // namespace

char uscc_check_char(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  int weight = 1;  // 3^i mod 31
  for (char c : first17) {
    int v = uscc_value(c);
    if (v < 0) return '\0';
    sum = (sum + v * weight) % 31;
    weight = weight * 3 % 31;
  }
  return kCharset[static_cast<std::size_t>((31 - sum) % 31)];
}

char org_code_check_char(std::string_view first8) {
  static constexpr int kW[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  if (first8.size() != 8) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    int v = org_value(first8[i]);
    if (v < 0) return '\0';
    sum += v * kW[i];
  }
  int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

std::string normalize_uscc(std::string_view raw) {
  std::string ascii = fullwidth_to_ascii(raw);
  return to_upper_ascii(trim_ascii(ascii));
}

UsccResult validate_uscc(std::string_view raw) {
  UsccResult r;
  const std::string code = normalize_uscc(raw);
  if (code.empty()) {
    r.issues.push_back(value_issue(raw, "uscc.empty",
        "统一社会信用代码为空：请填写 18 位代码。 (USCC is empty: fill in the 18-character code.)",
        Severity::Error));
    return r;
  }
  const std::size_t len = utf8_length(code);
  if (len != 18 || code.size() != 18) {
    r.issues.push_back(value_issue(raw, "uscc.length",
        fmt::format("统一社会信用代码“{}”长度为 {} 位，应为 18 位：请核对营业执照上的代码，勿填写 15 位注册号或 9 位组织机构代码。"
                    " (USCC '{}' has {} characters, 18 expected: copy it from the business licence; "
                    "a 15-digit registration number or 9-character organisation code is not a USCC.)",
                    code, len, code, len),
        Severity::Error));
    return r;
  }
  for (std::size_t i = 0; i < 18; ++i) {
    const char c = code[i];
    const bool region = i >= 2 && i < 8;
    const bool ok = region ? (c >= '0' && c <= '9') : uscc_value(c) >= 0;
    if (!ok) {
      r.issues.push_back(value_issue(raw, "uscc.char",
          fmt::format("统一社会信用代码“{}”第 {} 位“{}”不合法：{}。请核对营业执照（代码中不使用 I、O、S、V、Z）。"
                      " (USCC '{}': character {} '{}' is not allowed: {}; check the licence — "
                      "I, O, S, V, Z are never used.)",
                      code, i + 1, c,
                      region ? "第 3–8 位为行政区划码，只能是数字" : "只能是数字或大写字母（不含 I、O、S、V、Z）",
                      code, i + 1, c,
                      region ? "positions 3-8 are the region code and must be digits"
                             : "only digits and upper-case letters except I O S V Z"),
          Severity::Error));
      return r;
    }
  }
  r.code = code;
  const char org_expected = org_code_check_char(std::string_view(code).substr(8, 8));
  if (org_expected != code[16]) {
    r.issues.push_back(value_issue(raw, "uscc.org_check_char",
        fmt::format("统一社会信用代码“{}”的组织机构代码部分（第 9–17 位）校验位应为“{}”，实为“{}”（GB 11714）：请核对是否抄错；"
                    "若与营业执照一致可忽略本提示。 (USCC '{}': organisation-code check character (position 17) "
                    "should be '{}' but is '{}' per GB 11714; check for a typo, ignore if it matches the licence.)",
                    code, org_expected, code[16], code, org_expected, code[16]),
        Severity::Warning));
  }
  const char expected = uscc_check_char(std::string_view(code).substr(0, 17));
  if (expected != code[17]) {
    r.issues.push_back(value_issue(raw, "uscc.check_char",
        fmt::format("统一社会信用代码“{}”校验位（第 18 位）应为“{}”，实为“{}”（GB 32100-2015）：请核对是否抄错；"
                    "早期试点代码可能不满足校验，若与营业执照一致可忽略本提示。 (USCC '{}': check character should be "
                    "'{}' but is '{}' per GB 32100-2015; check for a typo — some early pilot codes fail the "
                    "check, ignore if it matches the licence.)",
                    code, expected, code[17], code, expected, code[17]),
        Severity::Warning));
  }
  return r;
}

}  // namespace mujun::standards
