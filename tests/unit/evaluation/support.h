// Test helpers for the evaluation engine: Frames from golden CSV files, small Frame builders.
#pragma once
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/frame.h"
#include "evaluation/scheme.h"

namespace mujun::evaluation::test {

inline std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) { out.push_back(cur); cur.clear(); }
    else if (c != '\r') cur += c;
  }
  out.push_back(cur);
  return out;
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Rows of a simple CSV (no quoted fields): header + rows as vectors.
struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  int col(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    return -1;
  }
};

inline Csv read_csv(const std::string& path) {
  std::istringstream in(read_text(path));
  Csv c;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (line.empty() || line == "\r") continue;
    if (first) { c.header = split(line, ','); first = false; }
    else c.rows.push_back(split(line, ','));
  }
  return c;
}

inline Decimal dec(const std::string& s) {
  auto d = Decimal::parse_exact(s);
  if (!d) throw std::runtime_error("not a decimal: " + s);
  return *d;
}

/// A Frame from a golden input.csv (format: tests/golden/README.md).
inline Frame frame_from_csv(const std::string& path, int year) {
  Csv c = read_csv(path);
  Frame f;
  f.year = year;
  for (const auto& r : c.rows) {
    auto get = [&](const std::string& k) { int i = c.col(k); return i >= 0 && i < (int)r.size() ? r[i] : std::string(); };
    std::size_t i = f.add_enterprise(get("uscc"), get("name"));
    f.industry_code[i] = get("industry_code");
    f.above_scale[i] = get("above_scale").empty() ? -1 : static_cast<std::int8_t>(std::stoi(get("above_scale")));
    if (!get("production_start_year").empty()) f.production_start_year[i] = std::stoi(get("production_start_year"));
    if (!get("land_owned_m2").empty()) f.land_owned_m2.micros[i] = dec(get("land_owned_m2")).micros;
    if (!get("land_leased_m2").empty()) f.land_leased_m2.micros[i] = dec(get("land_leased_m2")).micros;
    if (!get("flags").empty()) f.flags[i] = split(get("flags"), ';');
    if (!get("certificates").empty())
      for (const auto& cert : split(get("certificates"), ';')) {
        auto p = split(cert, '@');
        p.resize(4);
        f.certificates[i].push_back(Certificate{p[0], p[1], "", p[2], p[3]});
      }
    for (std::size_t k = 9; k < c.header.size(); ++k)
      if (k < r.size() && !r[k].empty()) f.set_metric(i, c.header[k], dec(r[k]));
  }
  return f;
}

/// Land of `mu` 亩 as stored (m² micro-units, rounded).
inline std::int64_t mu_to_m2_micros(double mu) { return Decimal::from_double(mu * 10000.0 / 15.0).micros; }

/// A scheme from the repository's schemes/ folder.
inline Scheme shipped_scheme(const std::string& name) {
  return load_scheme(std::string(MUJUN_SOURCE_ROOT) + "/schemes/" + name);
}

}  // namespace mujun::evaluation::test
