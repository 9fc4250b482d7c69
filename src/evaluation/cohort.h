// mujun — who is evaluated in which cohort (评价对象分组), and who is a special category (class T).
#pragma once
#include <vector>

#include "domain/frame.h"
#include "evaluation/scheme.h"

namespace mujun::evaluation {

/// True when enterprise `i` of `f` satisfies `rule`; `land_mu` is its land in 亩 per the scheme's
/// land rule (NaN when it has no parcel). Unknown 规上 status never satisfies above_scale; missing land
/// never satisfies a land bound; 租赁企业 (LeasedOnly) = no own land (none or 0 m²) and leased > 0.
bool in_cohort(const CohortRule& rule, const Frame& f, std::size_t i, double land_mu);

/// The first cohort (file order) enterprise `i` satisfies, or −1; `land_mu` as for in_cohort.
int cohort_of(const Scheme& s, const Frame& f, std::size_t i, double land_mu);

/// The first special category (file order) enterprise `i` matches, or −1 (rules of assign_specials).
int special_of(const Scheme& s, const Frame& f, std::size_t i);

/// For each enterprise, the first cohort (file order) it satisfies, or −1.
std::vector<int> assign_cohorts(const Scheme& s, const Frame& f, const std::vector<double>& land_mu);

/// For each enterprise in a cohort, the first special category it matches, or −1. A category
/// matches by industry code, by flag, or when year − production_start_year < production_years_below
/// (投产不满 N 年; unknown start year never matches).
std::vector<int> assign_specials(const Scheme& s, const Frame& f, const std::vector<int>& cohort);

/// land_mu per enterprise under `rule` (亩, NaN when no parcel).
std::vector<double> land_mu_column(const Frame& f, LandRule rule);

}  // namespace mujun::evaluation
