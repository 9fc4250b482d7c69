#include "evaluation/scheme.h"

#include <fstream>
#include <sstream>

namespace mujun::evaluation {

bool IndustryRange::contains(std::string_view code) const {
  if (lo.empty() || code.size() < lo.size()) return false;
  std::string_view head = code.substr(0, lo.size());
  return head >= std::string_view(lo) && head <= std::string_view(hi);
}

bool IndustryRange::covers(const IndustryRange& o) const {
  if (o.lo.size() < lo.size()) return false;  // a 2-digit range is never inside a 4-digit one
  return contains(o.lo + std::string(4 - o.lo.size(), '0')) &&
         contains(o.hi + std::string(4 - o.hi.size(), '9'));
}

double Cohort::weight_total() const {
  double s = 0;
  for (double w : weights) s += w;
  return s;
}

bool Scheme::needs_previous_year() const {
  for (const auto& c : cohorts)
    for (const auto& b : c.benchmarks)
      if (b.method == BenchmarkMethod::PreviousMean) return true;
  return false;
}

int Scheme::indicator_index(std::string_view want) const {
  for (std::size_t k = 0; k < indicators.size(); ++k)
    if (indicators[k].id == want) return static_cast<int>(k);
  return -1;
}

namespace {
std::string join_issues(const Issues& list) {
  std::string s;
  for (const auto& i : list) {
    if (!s.empty()) s += "\n";
    s += i.file;
    if (i.row > 0) s += ":" + std::to_string(i.row);
    if (!i.column.empty()) s += ": 键 / key " + i.column;
    s += ": " + i.message;
  }
  return s;
}
}  // namespace

SchemeError::SchemeError(Issues list) : std::runtime_error(join_issues(list)), issues(std::move(list)) {}

Scheme load_scheme(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Issue i;
    i.file = path;
    i.code = "scheme.unreadable";
    i.message = "无法读取评价办法文件，请检查路径和权限 / cannot read the scheme file; check the path and permissions";
    throw SchemeError({i});
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_scheme(ss.str(), path);
}

}  // namespace mujun::evaluation
