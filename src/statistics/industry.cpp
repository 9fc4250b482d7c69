#include "statistics/industry.h"

#include <cctype>

namespace mujun::statistics {

std::string numeric_industry_code(std::string_view code) {
  std::string out;
  for (char c : code)
    if (std::isdigit(static_cast<unsigned char>(c))) out.push_back(c);
  return out;
}

int industry_division(std::string_view code) {
  std::string n = numeric_industry_code(code);
  if (n.size() < 2) return -1;
  return (n[0] - '0') * 10 + (n[1] - '0');
}

bool is_industrial(std::string_view code) {
  int d = industry_division(code);
  return d >= 6 && d <= 46;
}

bool is_manufacturing(std::string_view code) {
  int d = industry_division(code);
  return d >= 13 && d <= 43;
}

}  // namespace mujun::statistics
