// mujun — the evaluation result as JSON (for `mujun evaluate --json` and the stored run).
//
// Shape: {"scheme": {id, name, region, source, data_year, file}, "year", provenance keys…,
//  "cohorts": [{id, label, members, pool, seats {A..D}, counts {A,B,C,D,T}, benchmarks {indicator: B}}],
//  "enterprises": [{uscc, name, cohort, land_mu, indicators {id: value}, points {id: points},
//                   adjustments [{id, kind, points | class}], indicator_total, total, rank, class,
//                   class_rule, special}],
//  "not_evaluated": count, "warnings": [..]}
// Enterprises in display order (cohort, total desc, USCC asc); missing numbers are null. Numbers use
// the shortest text that reads back to the same double, so equal results give byte-identical JSON.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "domain/frame.h"
#include "evaluation/result.h"
#include "evaluation/scheme.h"

namespace mujun::evaluation {

/// `provenance`: extra top-level string members (e.g. {"scheme_sha256", …}, {"snapshot_sha256", …}).
std::string result_json(const Scheme& s, const Frame& f, const EvaluationResult& r,
                        const std::vector<std::pair<std::string, std::string>>& provenance = {});

/// JSON string literal of `text` (UTF-8 kept, quotes, backslash and control characters escaped).
std::string json_quote(std::string_view text);

}  // namespace mujun::evaluation
