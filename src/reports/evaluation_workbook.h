// mujun reports — the evaluation result as an XLSX workbook (libxlsxwriter, constant-memory mode).
//
// Sheets: 汇总 (per cohort: N, quota pool, seats and counts A/B/C/D/T; benchmarks used), one sheet per
// cohort (rank, USCC, name, industry code, land 亩, each indicator's value in its unit, its points 分,
// adjustments 分, total 分, class, class rule — typed numeric cells, units in the headers, frozen
// header row, autofilter, landscape print fitted to the page width with the header repeated),
// 评价说明 (one explanation per enterprise, evaluation/explain.h), 来源 (scheme id, source document,
// assumptions, the scheme file's SHA-256 and text, the data snapshot's SHA-256, run id).
#pragma once
#include <string>

#include "domain/frame.h"
#include "evaluation/result.h"
#include "evaluation/scheme.h"

namespace mujun::reports {

/// Where a result came from (the 来源 sheet).
struct EvaluationProvenance {
  std::string scheme_path;
  std::string scheme_text;
  std::string scheme_sha256;
  std::string snapshot_sha256;
  std::string previous_snapshot_sha256;  ///< "" when the scheme did not need year − 1
  long long run_id = 0;                  ///< 0 when not stored
};

/// Writes the workbook to `path`. Throws std::runtime_error (Chinese first) when it cannot be written.
void write_evaluation_workbook(const std::string& path, const evaluation::Scheme& s, const Frame& f,
                               const evaluation::EvaluationResult& r, const EvaluationProvenance& p);

}  // namespace mujun::reports
