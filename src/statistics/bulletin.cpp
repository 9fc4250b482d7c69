#include "statistics/bulletin.h"

#include <set>

#include "statistics/industry.h"
#include "statistics/sections.h"

namespace mujun::statistics {

MembershipReport membership_report(const Frame& frame, const ClusterTaxonomy& tx) {
  MembershipReport r;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < frame.size(); ++i) {
    bool over = tx.overridden(frame.uscc[i]);
    if (over) { seen.insert(frame.uscc[i]); ++r.overridden; }
    if (!over && !is_industrial(frame.industry_code[i])) continue;
    auto m = tx.members(frame.uscc[i], frame.industry_code[i]);
    if (m.size() == 1) continue;
    MembershipRow row{frame.uscc[i], frame.name[i], frame.industry_code[i], frame.above_scale[i], m, over};
    (m.empty() ? r.unmatched : r.multiple).push_back(std::move(row));
  }
  for (const auto& [uscc, o] : tx.overrides)
    if (!seen.count(uscc)) r.overrides_not_found.push_back(uscc);
  return r;
}

Bulletin compute_bulletin(const Frame& current, const Frame* previous, const ClusterTaxonomy& taxonomy,
                          const StatsConfig& config) {
  Bulletin b;
  b.year = current.year;
  b.zone_name = config.zone_name;
  b.taxonomy_id = taxonomy.id;
  b.group_label = taxonomy.group_label;
  detail::Ctx c{current, previous, taxonomy, config, b, {}, {}};
  if (previous)
    for (std::size_t i = 0; i < previous->size(); ++i) c.prev_row.emplace(previous->uscc[i], i);
  c.clusters.reserve(current.size());
  for (std::size_t i = 0; i < current.size(); ++i)
    c.clusters.push_back(taxonomy.members(current.uscc[i], current.industry_code[i]));
  detail::add_output_figures(c);
  detail::add_cluster_figures(c);
  detail::add_tax_figures(c);
  detail::add_per_mu_figures(c);
  detail::add_certificate_figures(c);
  detail::add_innovation_figures(c);
  b.membership = membership_report(current, taxonomy);
  return b;
}

}  // namespace mujun::statistics
