// mujun — the explanation of one enterprise's result (why it got its points and class).
#pragma once
#include <string>
#include <vector>

#include "domain/frame.h"
#include "evaluation/result.h"
#include "evaluation/scheme.h"

namespace mujun::evaluation {

/// Lines, Chinese first with English after: cohort and land (亩); for each weighted indicator its
/// value and unit, benchmark and how it was formed, weight and points, or the missing data and how it
/// was treated; adjustments; total, rank among the cohort's N; the class and the rule that applied.
std::vector<std::string> explain_lines(const Scheme& s, const Frame& f, const EvaluationResult& r, std::size_t i);

/// The lines joined with "\n".
std::string explain(const Scheme& s, const Frame& f, const EvaluationResult& r, std::size_t i);

/// Short Chinese/English names used in outputs.
std::string_view class_label(char klass);        ///< 'A' → "A 优先发展类 / priority" …
std::string_view class_rule_label(ClassRule r);  ///< ClassRule::Quota → "名额 / quota" …
std::string_view treatment_label(Treatment t);   ///< Treatment::MissingZero → "缺失计 0 分 / missing: 0" …
std::string benchmark_label(const Benchmark& b); ///< "固定 24.097 / fixed 24.097" …

}  // namespace mujun::evaluation
