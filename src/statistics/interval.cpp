#include "statistics/interval.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

namespace mujun::statistics {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

double mul0(double a, double b) { return (a == 0 || b == 0) ? 0.0 : a * b; }  // 0 × ∞ = 0 for bounds

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }
bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }

struct Parser {
  std::string_view s;
  const std::function<std::optional<Interval>(std::string_view)>& lookup;
  std::size_t p = 0;

  void ws() { while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p]))) ++p; }
  [[noreturn]] void fail(std::string_view what) const {
    throw std::invalid_argument(fmt::format("公式 “{}” 第 {} 个字符处{} / formula error at {}", s, p + 1, what, p + 1));
  }
  Interval expr() {
    Interval v = term();
    for (;;) {
      ws();
      if (p < s.size() && s[p] == '+') { ++p; v = v + term(); }
      else if (p < s.size() && s[p] == '-') { ++p; v = v - term(); }
      else return v;
    }
  }
  Interval term() {
    Interval v = factor();
    for (;;) {
      ws();
      if (p < s.size() && s[p] == '*') { ++p; v = v * factor(); }
      else if (p < s.size() && s[p] == '/') { ++p; v = v / factor(); }
      else return v;
    }
  }
  Interval factor() {
    ws();
    if (p >= s.size()) fail("缺少数值");
    char c = s[p];
    if (c == '-') { ++p; Interval v = factor(); return Interval{-v.hi, -v.lo}; }
    if (c == '(') {
      ++p;
      Interval v = expr();
      ws();
      if (p >= s.size() || s[p] != ')') fail("缺少右括号");
      ++p;
      return v;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t b = p;
      while (p < s.size() && (std::isdigit(static_cast<unsigned char>(s[p])) || s[p] == '.')) ++p;
      double v = std::stod(std::string(s.substr(b, p - b)));
      return Interval::point(v);
    }
    if (ident_start(c)) {
      std::size_t b = p;
      while (p < s.size() && ident_char(s[p])) ++p;
      std::string_view id = s.substr(b, p - b);
      auto v = lookup(id);
      if (!v)
        throw std::invalid_argument(fmt::format("公式 “{}” 引用了未公布的数字 “{}”：请在 [[figure]] 中定义它 / "
                                                "unknown figure {}", s, id, id));
      return *v;
    }
    fail(fmt::format("无法识别的字符 “{}”", c));
  }
};

}  // namespace

Interval operator+(Interval a, Interval b) { return {a.lo + b.lo, a.hi + b.hi}; }
Interval operator-(Interval a, Interval b) { return {a.lo - b.hi, a.hi - b.lo}; }
Interval operator*(Interval a, Interval b) {
  double p[] = {mul0(a.lo, b.lo), mul0(a.lo, b.hi), mul0(a.hi, b.lo), mul0(a.hi, b.hi)};
  return {*std::min_element(p, p + 4), *std::max_element(p, p + 4)};
}
Interval operator/(Interval a, Interval b) {
  if (b.lo <= 0 && b.hi >= 0) return {-kInf, kInf};
  return a * Interval{1.0 / b.hi, 1.0 / b.lo};
}

Interval evaluate(std::string_view formula, const std::function<std::optional<Interval>(std::string_view)>& lookup) {
  Parser ps{formula, lookup};
  Interval v = ps.expr();
  ps.ws();
  if (ps.p != formula.size()) ps.fail("有多余的内容");
  return v;
}

std::vector<std::string> identifiers(std::string_view f) {
  std::vector<std::string> out;
  for (std::size_t p = 0; p < f.size();) {
    if (ident_start(f[p]) && (p == 0 || !ident_char(f[p - 1]))) {
      std::size_t b = p;
      while (p < f.size() && ident_char(f[p])) ++p;
      std::string id(f.substr(b, p - b));
      if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    } else {
      ++p;
    }
  }
  return out;
}

std::string substitute(std::string_view f, const std::function<std::string(std::string_view)>& replace) {
  std::string out;
  for (std::size_t p = 0; p < f.size();) {
    if (ident_start(f[p]) && (p == 0 || !ident_char(f[p - 1]))) {
      std::size_t b = p;
      while (p < f.size() && ident_char(f[p])) ++p;
      out += replace(f.substr(b, p - b));
    } else if (std::isdigit(static_cast<unsigned char>(f[p]))) {
      while (p < f.size() && ident_char(f[p])) out += f[p++];
    } else {
      out += f[p++];
    }
  }
  return out;
}

}  // namespace mujun::statistics
