// mujun statistics — computes the yearly overview (Bulletin) of a zone from snapshots.
//
// Pure: takes Frames (domain/frame.h) and rule data, returns values; no I/O (DESIGN.md principle 1).
// Money sums are exact (Σ of int64 micro-万元, divided once); per-mu figures of a group are ratios of
// sums Σamount / Σland (principle 4), land = owned + leased parcels, 1 亩 = 10000/15 m² (GLOSSARY.md).
//
// Figures (ids; unit): see docs/statistics.md for the full list. Scopes:
//  - 规上工业 = enterprises with above_scale == 1 in the year (statistics bureau status;
//    ../shared/reference/tier-criteria.md §10: 主营业务收入 ≥ 2000 万元).
//  - 规上制造业 = 规上 with GB/T 4754-2017 division 13–43 (the per-mu figures).
//  - 工业 = division 06–46 (门类 B, C, D) of any scale (工业税收, 纳税超亿元企业).
//  - cluster figures count 规上 enterprises only (the published "231" output is part of 规上工业总产值).
//  - growth rates are same-scope (同口径, StatsConfig::growth_scope) at current prices (现价): the
//    statistics bureau publishes 增加值 growth at comparable prices, which needs price indices the data
//    do not have; the figure's note says so.
//  - certificates count distinct enterprises holding a valid certificate on 31 December of the year
//    (issued ≤ Y-12-31 or unknown, expires ≥ Y-12-31 or none).
#pragma once
#include "domain/frame.h"
#include "statistics/config.h"
#include "statistics/figure.h"
#include "statistics/taxonomy.h"

namespace mujun::statistics {

/// The overview of `current.year`. `previous` is the snapshot of the year before (nullptr when not
/// available: growth figures are then present with no value and a note). Never throws on data; a
/// figure that cannot be computed (no enterprise, zero denominator) has no value and a note.
Bulletin compute_bulletin(const Frame& current, const Frame* previous, const ClusterTaxonomy& taxonomy,
                          const StatsConfig& config);

/// Membership of every industrial enterprise (or any enterprise with an override) of `frame`:
/// those in no cluster, in several, and override USCCs that are not in the frame.
MembershipReport membership_report(const Frame& frame, const ClusterTaxonomy& taxonomy);

}  // namespace mujun::statistics
