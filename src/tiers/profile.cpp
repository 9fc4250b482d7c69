#include "tiers/profile.h"

#include <algorithm>

namespace mujun::tiers {

std::optional<double> EnterpriseProfile::value(const std::string& metric, int year) const {
  auto y = values.find(year);
  auto get = [&](const std::string& id) -> std::optional<double> {
    if (y == values.end()) return std::nullopt;
    auto it = y->second.find(id);
    if (it == y->second.end()) return std::nullopt;
    return it->second;
  };
  if (metric == "net_assets") {
    auto a = get("total_assets"), l = get("total_liabilities");
    if (!a || !l) return std::nullopt;
    return *a - *l;
  }
  if (metric == "ip_class1") return get("ip_invention");
  if (metric == "ip_class2") {
    auto u = get("ip_utility_model"), s = get("ip_software_copyright");
    if (!u || !s) return std::nullopt;
    return *u + *s + get("ip_design").value_or(0.0);
  }
  return get(metric);
}

bool EnterpriseProfile::has_flag(const std::string& flag, int from, int to) const {
  for (auto& [year, list] : flags)
    if (year >= from && year <= to && std::find(list.begin(), list.end(), flag) != list.end())
      return true;
  return false;
}

std::vector<EnterpriseProfile> build_profiles(std::span<const Frame> frames) {
  std::vector<const Frame*> order;
  for (auto& f : frames) order.push_back(&f);
  std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->year < b->year; });
  int data_year = order.empty() ? 0 : order.back()->year;
  std::map<std::string, EnterpriseProfile> by_uscc;
  for (const Frame* f : order) {  // ascending years: later frames overwrite registry attributes
    for (std::size_t i = 0; i < f->size(); ++i) {
      auto& p = by_uscc[f->uscc[i]];
      p.uscc = f->uscc[i];
      p.data_year = data_year;
      if (!f->name[i].empty()) p.name = f->name[i];
      if (!f->industry_code[i].empty()) p.industry_code = f->industry_code[i];
      if (f->production_start_year[i] != 0) p.production_start_year = f->production_start_year[i];
      for (auto& [id, col] : f->metrics)
        if (auto v = col.get(i)) p.values[f->year][id] = *v;
      if (i < f->flags.size() && !f->flags[i].empty()) p.flags[f->year] = f->flags[i];
      if (i < f->certificates.size() && !f->certificates[i].empty())
        p.certificates = f->certificates[i];
    }
  }
  std::vector<EnterpriseProfile> out;
  out.reserve(by_uscc.size());
  for (auto& [k, p] : by_uscc) out.push_back(std::move(p));
  return out;
}

}  // namespace mujun::tiers
