// mujun service — stored evaluation runs read back: the run record, its parsed result JSON
// (evaluation/result_json.h), the scheme it used (found among the scheme files by the SHA-256 of its
// text) and, when the year's data are still those the run saw, the recomputed result (exact
// explanations and the evaluation workbook). Runs are immutable, so a loaded run may be cached.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/frame.h"
#include "evaluation/result.h"
#include "evaluation/scheme.h"
#include "reports/evaluation_workbook.h"
#include "store/store.h"

namespace mujun::service {

struct LoadedRun {
  store::RunRecord record;   ///< result_json cleared (it is parsed into `result`)
  nlohmann::json result;     ///< the stored result document
  /// The scheme file whose text has record.scheme_sha256 (nullopt: edited or removed since the run).
  std::optional<evaluation::Scheme> scheme;
  std::string scheme_path, scheme_text;
  /// The result recomputed from the current snapshot with `scheme`, present only when it reproduces
  /// the stored JSON byte for byte (same data, same scheme).
  struct Replay {
    Frame frame;
    evaluation::EvaluationResult result;
    reports::EvaluationProvenance provenance;
  };
  std::optional<Replay> replay;

  /// Index of the enterprise `uscc` in result["enterprises"]; nullopt when it was not evaluated.
  std::optional<std::size_t> enterprise_index(const std::string& uscc) const;
  /// Index of `uscc` in replay->frame; nullopt without a replay or when absent.
  std::optional<std::size_t> frame_index(const std::string& uscc) const;
};

/// Loads run `run_id` of kind "evaluation"; nullptr when there is none. `schemes_dir` is searched for
/// the scheme. Throws store::StoreError, nlohmann::json::exception (a corrupt stored result).
std::shared_ptr<const LoadedRun> load_run(store::Store& store, long long run_id, const std::string& schemes_dir);

}  // namespace mujun::service
