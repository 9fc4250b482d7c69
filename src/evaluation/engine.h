// mujun — the evaluation engine (pure: no files, no database, no clock).
//
// Scheme × Frame (× previous-year Frame for previous_mean benchmarks) → for every enterprise:
// land_mu (sum of its parcels in 亩; leased land attributed to the user unless the scheme says
// owned_only), cohort, special category, indicator values, points, adjustments, total, rank within
// the cohort, class and the rule that gave it. Explanations: evaluation/explain.h.
#pragma once
#include <stdexcept>

#include "domain/frame.h"
#include "evaluation/result.h"
#include "evaluation/scheme.h"

namespace mujun::evaluation {

/// The inputs cannot be evaluated together (what() is Chinese first).
struct EvaluationError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Evaluates `frame` (year Y) under `scheme`. `previous` is the year Y−1 Frame, required when
/// scheme.needs_previous_year() (throws EvaluationError when it is null then). Same inputs give the
/// same result bit for bit.
EvaluationResult evaluate(const Scheme& scheme, const Frame& frame, const Frame* previous = nullptr);

/// The same, into `into` (whatever it held is replaced): its columns' storage is reused, so evaluating
/// again into the same result (a re-run after an objection, the same Frame size) allocates and clears
/// no new memory. The result is the same bit for bit as evaluate()'s. Throws as evaluate(); `into` is
/// then left empty, as a default-constructed result (n = 0, no columns), never half-made.
void evaluate(const Scheme& scheme, const Frame& frame, const Frame* previous, EvaluationResult& into);

/// True when certificate `c` is valid at some time in `year` (issued ≤ Y-12-31, expires ≥ Y-01-01;
/// an empty date is taken as open).
bool certificate_valid_in(const Certificate& c, int year);

}  // namespace mujun::evaluation
