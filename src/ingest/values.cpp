// Exact number parsing into canonical micro-units (see values.h).
#include "ingest/values.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

#include <fmt/format.h>

#include "standards/text.h"

namespace mujun::ingest {
namespace {

using i128 = __int128;
constexpr i128 kLimit = static_cast<i128>(1'000'000'000'000'000'000LL) * 1'000'000'000'000'000'000LL;  // 1e36


ParsedValue invalid(std::string_view raw, std::string code, std::string message) {
  ParsedValue p;
  p.state = ParsedValue::State::Invalid;
  p.issues.push_back(value_issue(raw, std::move(code), std::move(message)));
  return p;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Full-width → ASCII, U+2212 minus → '-', trimmed.
std::string clean(std::string_view text) {
  std::string a = standards::fullwidth_to_ascii(text);
  std::string out;
  out.reserve(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a.compare(i, 3, "\xE2\x88\x92") == 0) {  // − U+2212
      out.push_back('-');
      i += 2;
    } else {
      out.push_back(a[i]);
    }
  }
  return std::string(standards::trim_ascii(out));
}

bool is_excel_error(std::string_view s) {
  constexpr std::array<std::string_view, 7> kErrors{"#DIV/0!", "#N/A", "#VALUE!", "#REF!",
                                                    "#NAME?", "#NUM!", "#NULL!"};
  for (auto e : kErrors)
    if (s == e) return true;
  return false;
}

std::string dim_hint(Dimension d) {
  switch (d) {
    case Dimension::Money: return "元、千元、万元、亿元";
    case Dimension::Area: return "平方米、亩、公顷";
    case Dimension::Energy: return "千克标准煤、吨标准煤、万吨标准煤";
    case Dimension::Electricity: return "千瓦时（度）、万千瓦时、亿千瓦时";
    case Dimension::Mass: return "千克、吨";
    case Dimension::People: return "人";
    case Dimension::Fraction: return "%（或小数）";
    case Dimension::Count: return "个、件、项";
  }
  return "";
}

}  // namespace

bool is_missing_marker(std::string_view text) {
  const std::string s = clean(text);
  constexpr std::array<std::string_view, 14> kMarkers{
      "", "-", "--", "---", "\xE2\x80\x94", "\xE2\x80\x94\xE2\x80\x94", "\xE2\x80\x93", "/",
      "N/A", "n/a", "NA", "NULL", "null", "\xE7\xA9\xBA"};  // — —— – … 空
  for (auto m : kMarkers)
    if (s == m) return true;
  return false;
}

ParsedValue parse_value(std::string_view text, Dimension dim, std::optional<Unit> header_unit) {
  const std::string s0 = clean(text);
  if (is_missing_marker(s0)) return ParsedValue{};
  if (is_excel_error(s0))
    return invalid(text, "value.excel_error",
                   fmt::format("单元格是 Excel 错误值“{}”：请在源表中修正公式或填入数值，缺失可填“—”。"
                               " (The cell holds the Excel error '{}': fix the formula or enter a "
                               "number; use '—' for missing.)",
                               s0, s0));
  std::string_view s = s0;
  bool neg = false;
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
    neg = true;
    s = standards::trim_ascii(s.substr(1, s.size() - 2));
  }
  for (std::string_view yen : {std::string_view("\xC2\xA5"), std::string_view("\xEF\xBF\xA5")})
    if (dim == Dimension::Money && s.substr(0, yen.size()) == yen) s = standards::trim_ascii(s.substr(yen.size()));
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    if (s.front() == '-') neg = !neg;
    s.remove_prefix(1);
    s = standards::trim_ascii(s);
  }
  // Number: digits with separators, optional fraction, optional exponent.
  std::string int_digits, frac_digits;
  std::vector<std::size_t> groups;  // digit count of each separator-delimited group
  std::size_t i = 0, cur = 0;
  bool separators = false, bad_group = false;
  while (i < s.size()) {
    char c = s[i];
    if (is_digit(c)) {
      int_digits.push_back(c);
      ++cur;
      ++i;
    } else if ((c == ',' || c == ' ') && cur > 0 && i + 1 < s.size() && is_digit(s[i + 1])) {
      groups.push_back(cur);
      cur = 0;
      separators = true;
      ++i;
    } else {
      break;
    }
  }
  groups.push_back(cur);
  if (separators) {
    if (groups.front() > 3) bad_group = true;
    for (std::size_t g = 1; g < groups.size(); ++g)
      if (groups[g] != 3) bad_group = true;
  }
  bool dot = false;
  if (i < s.size() && s[i] == '.') {
    dot = true;
    ++i;
    while (i < s.size() && is_digit(s[i])) frac_digits.push_back(s[i++]);
  }
  if (int_digits.empty() && frac_digits.empty())
    return invalid(text, "value.not_a_number",
                   fmt::format("“{}”不是数字：请填写数值（可带千分位逗号、单位或 %），缺失请留空或填“—”，不要填 0。"
                               " ('{}' is not a number: enter a number (thousands separators, a unit "
                               "or % are fine); leave missing values empty or '—', not 0.)",
                               s0, s0));
  if (bad_group)
    return invalid(text, "value.bad_grouping",
                   fmt::format("数字“{}”的千分位分隔不正确（逗号之间应为 3 位数字）：若逗号是小数点，请改为“.”。"
                               " ('{}' has misplaced thousands separators (3 digits between commas); "
                               "if the comma is a decimal point, write '.'.)",
                               s0, s0));
  long exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    bool eneg = false;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) eneg = s[j++] == '-';
    std::size_t start = j;
    while (j < s.size() && is_digit(s[j]) && j - start < 4) exponent = exponent * 10 + (s[j++] - '0');
    if (j > start) {
      if (eneg) exponent = -exponent;
      i = j;
    } else {
      exponent = 0;  // not an exponent: "E" belongs to the unit text
    }
  }
  (void)dot;
  std::string_view rest = standards::trim_ascii(s.substr(i));
  if (!rest.empty() && (is_digit(rest.front()) || rest.front() == '.' || rest.front() == ','))
    return invalid(text, "value.not_a_number",
                   fmt::format("“{}”不是一个数字：请只填写一个数值。 ('{}' is not a single number.)", s0, s0));

  // Units: the cell's own unit wins over the header's.
  ParsedValue out;
  std::optional<Unit> unit;
  if (!rest.empty()) {
    auto cu = find_unit(rest);
    if (!cu)
      return invalid(text, "unit.unknown",
                     fmt::format("“{}”中的单位“{}”无法识别：{}可用的单位为 {}；请删去单位或改用这些写法。"
                                 " (Unknown unit '{}' in '{}': for this column use {}.)",
                                 s0, rest, dimension_name_zh(dim), dim_hint(dim), rest, s0, dim_hint(dim)));
    if (cu->dimension != dim) {
      if (cu->dimension == Dimension::Fraction)
        return invalid(text, "value.percent_not_allowed",
                       fmt::format("“{}”是百分数，但本列是{}（单位 {}）：请填写数值本身。"
                                   " ('{}' is a percentage but this column is a {} quantity: enter the amount.)",
                                   s0, dimension_name_zh(dim), dim_hint(dim), s0, dimension_name_zh(dim)));
      return invalid(text, "unit.dimension_mismatch",
                     fmt::format("“{}”的单位“{}”是{}单位，本列应为{}（{}）：请核对是否填错列。"
                                 " ('{}': unit '{}' does not fit this column; expected {}.)",
                                 s0, cu->label, dimension_name_zh(cu->dimension), dimension_name_zh(dim),
                                 dim_hint(dim), s0, cu->label, dim_hint(dim)));
    }
    if (header_unit && !(*header_unit == *cu))
      out.issues.push_back(value_issue(
          text, "unit.cell_overrides_header",
          fmt::format("单元格“{}”自带单位“{}”，与表头单位“{}”不同：已按单元格的单位换算，请核对。"
                      " (Cell '{}' carries unit '{}', unlike the header's '{}': the cell's unit was used.)",
                      s0, cu->label, header_unit->label, s0, cu->label, header_unit->label),
          Severity::Warning));
    unit = cu;
  } else if (header_unit) {
    if (header_unit->dimension != dim)
      return invalid(text, "unit.dimension_mismatch",
                     fmt::format("表头单位“{}”不是{}单位（应为 {}）：请核对表头。"
                                 " (Header unit '{}' does not fit a {} column; expected {}.)",
                                 header_unit->label, dimension_name_zh(dim), dim_hint(dim),
                                 header_unit->label, dimension_name_zh(dim), dim_hint(dim)));
    unit = header_unit;
  } else if (dim == Dimension::People || dim == Dimension::Count || dim == Dimension::Fraction) {
    unit = canonical_unit_of(dim);
  } else {
    return invalid(text, "unit.missing",
                   fmt::format("“{}”没有单位，表头也未注明单位：请在表头写明单位（如“营业收入（万元）”），"
                               "或导入时指定该来源的单位（可用 {}）。单位不会被猜测。"
                               " ('{}' has no unit and neither has the header: state it in the header, "
                               "e.g. '营业收入（万元）', or give the unit for this source ({}). Units are "
                               "never guessed.)",
                               s0, dim_hint(dim), s0, dim_hint(dim)));
  }

  // Exact integer arithmetic: value = digits × 10^(exp) × num / den, in micro-units.
  std::string digits = int_digits + frac_digits;
  long e = exponent - static_cast<long>(frac_digits.size()) + 6;
  std::size_t first = digits.find_first_not_of('0');
  digits = first == std::string::npos ? std::string("0") : digits.substr(first);
  auto out_of_range = [&] {
    return invalid(text, "value.out_of_range",
                   fmt::format("数值“{}”超出可处理范围（±9.2×10¹² {}）：请核对单位或数位。"
                               " ('{}' is out of range (±9.2e12 canonical units): check unit and digits.)",
                               s0, canonical_unit_of(dim).label, s0));
  };
  if (digits.size() > 30) return out_of_range();
  i128 n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  n *= unit->num;
  i128 d = unit->den;
  if (n != 0) {
    for (; e > 0; --e) {
      if (n > kLimit / 10) return out_of_range();
      n *= 10;
    }
    for (; e < 0; ++e) {
      if (d > kLimit / 10) {  // below half a micro-unit anyway
        n = 0;
        d = 1;
        out.rounded = true;
        break;
      }
      d *= 10;
    }
  }
  i128 q = n / d, r = n % d;
  if (r != 0) {
    out.rounded = true;
    if (2 * r > d || (2 * r == d && (q % 2) != 0)) ++q;
  }
  if (q > static_cast<i128>(9'200'000'000'000'000'000LL)) return out_of_range();
  out.state = ParsedValue::State::Value;
  out.value = Decimal::from_micros(static_cast<std::int64_t>(neg ? -q : q));
  out.unit = unit;
  if (out.rounded && unit->exact)
    out.issues.push_back(value_issue(
        text, "value.rounded",
        fmt::format("“{}”比可存储的精度（0.000001 {}）更细，已四舍六入五成双为 {}：请核对是否多了小数位或单位填错。"
                    " ('{}' is finer than 0.000001 {}; rounded half-to-even to {}.)",
                    s0, canonical_unit_of(dim).label, out.value.to_string(), s0,
                    canonical_unit_of(dim).label, out.value.to_string()),
        Severity::Warning));
  return out;
}

std::string number_text(double v) {
  char buf[400];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  std::string t(buf, res.ptr);
  // Count significant digits of the shortest form.
  std::size_t sig = 0;
  bool started = false;
  for (char c : t) {
    if (c == 'e' || c == 'E') break;
    if (c >= '1' && c <= '9') started = true;
    if (started && is_digit(c)) ++sig;
  }
  if (sig > 15) {
    std::snprintf(buf, sizeof buf, "%.15g", v);
    t = buf;
  }
  return t;
}

ParsedValue parse_number(double v, Dimension dim, std::optional<Unit> header_unit) {
  if (!std::isfinite(v))
    return invalid("NaN", "value.not_a_number",
                   "单元格数值不是有限数（NaN 或无穷大）：请在源表中修正。 (The cell is not a finite number.)");
  return parse_value(number_text(v), dim, header_unit);
}

}  // namespace mujun::ingest
