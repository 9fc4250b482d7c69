#include "evaluation/cohort.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mujun::evaluation {

bool in_cohort(const CohortRule& r, const Frame& f, std::size_t i, double land) {
  if (r.above_scale && f.above_scale[i] != (*r.above_scale ? 1 : 0)) return false;
  if (r.land_mu_min && !(land >= *r.land_mu_min)) return false;  // NaN fails
  if (r.land_mu_max && !(land < *r.land_mu_max)) return false;
  if (r.tenure != CohortRule::Tenure::Any) {
    bool owned = f.land_owned_m2.has(i) && f.land_owned_m2.micros[i] > 0;
    bool leased = f.land_leased_m2.has(i) && f.land_leased_m2.micros[i] > 0;
    if (r.tenure == CohortRule::Tenure::Owned && !owned) return false;
    if (r.tenure == CohortRule::Tenure::LeasedOnly && (owned || !leased)) return false;
  }
  if (!r.industry.empty()) {
    const std::string& code = f.industry_code[i];
    if (std::none_of(r.industry.begin(), r.industry.end(), [&](const IndustryRange& x) { return x.contains(code); }))
      return false;
  }
  return true;
}

int cohort_of(const Scheme& s, const Frame& f, std::size_t i, double land) {
  for (std::size_t c = 0; c < s.cohorts.size(); ++c)
    for (const auto& rule : s.cohorts[c].rules)
      if (in_cohort(rule, f, i, land)) return static_cast<int>(c);
  return -1;
}

int special_of(const Scheme& s, const Frame& f, std::size_t i) {
  for (std::size_t k = 0; k < s.specials.size(); ++k) {
    const Special& sp = s.specials[k];
    bool hit = std::any_of(sp.industry.begin(), sp.industry.end(),
                           [&](const IndustryRange& r) { return r.contains(f.industry_code[i]); });
    if (!sp.flag.empty()) hit = hit || std::find(f.flags[i].begin(), f.flags[i].end(), sp.flag) != f.flags[i].end();
    int start = f.production_start_year[i];
    if (sp.production_years_below > 0 && start > 0) hit = hit || f.year - start < sp.production_years_below;
    if (hit) return static_cast<int>(k);
  }
  return -1;
}

std::vector<int> assign_cohorts(const Scheme& s, const Frame& f, const std::vector<double>& land) {
  std::vector<int> out(f.size(), -1);
  for (std::size_t i = 0; i < f.size(); ++i) out[i] = cohort_of(s, f, i, land[i]);
  return out;
}

std::vector<int> assign_specials(const Scheme& s, const Frame& f, const std::vector<int>& cohort) {
  std::vector<int> out(f.size(), -1);
  if (s.specials.empty()) return out;
  for (std::size_t i = 0; i < f.size(); ++i)
    if (cohort[i] >= 0) out[i] = special_of(s, f, i);
  return out;
}

std::vector<double> land_mu_column(const Frame& f, LandRule rule) {
  std::vector<double> out(f.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < f.size(); ++i)
    if (auto mu = land_mu(f, i, rule == LandRule::OwnedPlusLeased)) out[i] = *mu;
  return out;
}

}  // namespace mujun::evaluation
