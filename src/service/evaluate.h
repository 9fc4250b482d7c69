// mujun service — run an evaluation and store it: the use case behind `mujun evaluate` and
// POST /api/runs. Reads the scheme file, checks that the year (and, for schemes benchmarked on the
// previous year's mean, year − 1) has data, evaluates the snapshot (evaluation/engine.h) and stores
// the run with the scheme text's SHA-256, the snapshot's SHA-256 and the result JSON
// (evaluation/result_json.h). Rules: the scheme file itself (its `source` names the document).
#pragma once
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/frame.h"
#include "evaluation/result.h"
#include "evaluation/scheme.h"
#include "reports/evaluation_workbook.h"
#include "service/errors.h"
#include "store/store.h"

namespace mujun::service {

/// The scheme file could not be read (missing, unreadable). `what()`: Chinese first, names the path.
struct SchemeReadError : std::runtime_error {
  std::string path;
  explicit SchemeReadError(const std::string& p);
};

/// A stored evaluation: the run id, and everything it was computed from.
struct Evaluation {
  long long run_id = 0;
  evaluation::Scheme scheme;
  Frame frame;
  evaluation::EvaluationResult result;
  std::string json;                         ///< the stored result JSON (same bytes as `mujun evaluate --json`)
  reports::EvaluationProvenance provenance; ///< scheme path/text/SHA-256, snapshot SHA-256, run id
};

/// A scheme file read and parsed.
struct LoadedScheme {
  std::string path, text;
  evaluation::Scheme scheme;
};

/// Reads the scheme file at `path` whole. Throws SchemeReadError.
std::string read_scheme_text(const std::string& path);

/// Reads and parses the scheme at `path`. Throws SchemeReadError, evaluation::SchemeError (issues with
/// file, line, key, message).
LoadedScheme load_scheme(const std::string& path);

/// Evaluates `year` under `scheme` and stores the run.
/// `warn` receives warnings as they arise (the scheme's constants belong to another data year).
/// Throws MissingYear, evaluation::EvaluationError, store::StoreError.
Evaluation evaluate_and_store(store::Store& store, int year, const LoadedScheme& scheme,
                              const std::function<void(const std::string&)>& warn = {});

/// load_scheme(scheme_path) then evaluate_and_store: the whole use case for a caller that has the
/// store open already (POST /api/runs).
Evaluation evaluate_and_store(store::Store& store, int year, const std::string& scheme_path,
                              const std::function<void(const std::string&)>& warn = {});

}  // namespace mujun::service
