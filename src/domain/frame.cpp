#include "domain/frame.h"

#include <string_view>

#include "domain/sha256.h"

namespace mujun {

std::size_t Frame::add_enterprise(std::string uscc_code, std::string enterprise_name) {
  std::size_t i = uscc.size();
  uscc.push_back(std::move(uscc_code));
  name.push_back(std::move(enterprise_name));
  industry_code.emplace_back();
  township.emplace_back();
  above_scale.push_back(-1);
  production_start_year.push_back(0);
  land_owned_m2.micros.push_back(Column::kMissing);
  land_leased_m2.micros.push_back(Column::kMissing);
  for (auto& [id, col] : metrics) col.micros.push_back(Column::kMissing);
  flags.emplace_back();
  certificates.emplace_back();
  return i;
}

void Frame::set_metric(std::size_t i, const std::string& id, Decimal v) {
  auto it = metrics.find(id);
  if (it == metrics.end()) {
    it = metrics.emplace(id, Column{}).first;
    it->second.micros.assign(size(), Column::kMissing);
  }
  it->second.micros[i] = v.micros;
}

std::string frame_sha256(const Frame& f) {
  Sha256 h;
  auto put = [&](std::string_view s) { h.update(s); h.update("\x1f"); };
  put(std::to_string(f.year));
  for (std::size_t i = 0; i < f.size(); ++i) {
    put(f.uscc[i]); put(f.name[i]); put(f.industry_code[i]); put(f.township[i]);
    put(std::to_string(f.above_scale[i])); put(std::to_string(f.production_start_year[i]));
    put(std::to_string(f.land_owned_m2.micros[i])); put(std::to_string(f.land_leased_m2.micros[i]));
    for (auto& fl : f.flags[i]) put(fl);
    for (auto& c : f.certificates[i]) { put(c.tier); put(c.level); put(c.number); put(c.issued); put(c.expires); }
    h.update("\x1e");
  }
  for (auto& [id, col] : f.metrics) {
    put(id);
    for (auto v : col.micros) put(std::to_string(v));
  }
  return h.hex();
}

std::optional<double> land_mu(const Frame& f, std::size_t i, bool include_leased) {
  bool any = false;
  std::int64_t m = 0;
  if (f.land_owned_m2.has(i)) { m += f.land_owned_m2.micros[i]; any = true; }
  if (include_leased && f.land_leased_m2.has(i)) { m += f.land_leased_m2.micros[i]; any = true; }
  if (!any) return std::nullopt;
  // micro-m² × 15 / 10¹⁰ as one division of an exact integer: the nearest double to the exact decimal
  // (309,900.52 m² → 464.85078 亩, not 464.8507800000001).
  return static_cast<double>(m * 15) / 1e10;
}

}  // namespace mujun
