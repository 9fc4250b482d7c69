// mujun — cross-checks of a parsed scheme (used by parse_scheme; exposed for tests).
#pragma once
#include "domain/issue.h"
#include "evaluation/scheme.h"

namespace mujun::evaluation {

/// Appends an Issue (file, line, key, message) for each of: a cohort whose weights do not sum to
/// Scheme::weights_total; a cohort nobody can fall in (land_mu_min ≥ land_mu_max, or every firm it
/// accepts is taken by an earlier cohort — cohorts are tried in file order, first match wins);
/// quota shares not summing to 1 (exactly, to 1e-6) or negative; thresholds not A ≥ B ≥ C.
void check_scheme(const Scheme& s, Issues& out);

/// True when every enterprise accepted by `later` is also accepted by `earlier`.
bool cohort_covers(const CohortRule& earlier, const CohortRule& later);

}  // namespace mujun::evaluation
