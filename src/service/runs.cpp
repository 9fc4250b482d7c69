#include "service/runs.h"

#include <algorithm>

#include "domain/sha256.h"
#include "evaluation/engine.h"
#include "evaluation/result_json.h"
#include "service/evaluate.h"
#include "service/schemes.h"

namespace mujun::service {

namespace ev = evaluation;

std::optional<std::size_t> LoadedRun::enterprise_index(const std::string& uscc) const {
  const auto& es = result["enterprises"];
  for (std::size_t i = 0; i < es.size(); ++i)
    if (es[i].value("uscc", "") == uscc) return i;
  return std::nullopt;
}

std::optional<std::size_t> LoadedRun::frame_index(const std::string& uscc) const {
  if (!replay) return std::nullopt;
  const auto& u = replay->frame.uscc;
  auto it = std::lower_bound(u.begin(), u.end(), uscc);
  if (it == u.end() || *it != uscc) {
    it = std::find(u.begin(), u.end(), uscc);
    if (it == u.end()) return std::nullopt;
  }
  return static_cast<std::size_t>(it - u.begin());
}

namespace {

// Recomputes the run when its scheme is known and the year's data are unchanged; keeps the replay only
// when it reproduces the stored JSON exactly.
void try_replay(store::Store& store, LoadedRun& run, const std::string& stored_json) {
  if (!run.scheme) return;
  const auto& rec = run.record;
  Frame frame = store.snapshot(rec.year);
  const std::string hash = frame_sha256(frame);
  if (hash != rec.snapshot_sha256) return;
  Frame previous;
  std::string prev_hash;
  if (run.scheme->needs_previous_year()) {
    auto years = store.years();
    if (std::find(years.begin(), years.end(), rec.year - 1) == years.end()) return;
    previous = store.snapshot(rec.year - 1);
    prev_hash = frame_sha256(previous);
  }
  ev::EvaluationResult r;
  try {
    r = ev::evaluate(*run.scheme, frame, run.scheme->needs_previous_year() ? &previous : nullptr);
  } catch (const ev::EvaluationError&) {
    return;
  }
  std::vector<std::pair<std::string, std::string>> prov{{"scheme_sha256", rec.scheme_sha256}, {"snapshot_sha256", hash}};
  if (!prev_hash.empty()) prov.emplace_back("previous_snapshot_sha256", prev_hash);
  if (ev::result_json(*run.scheme, frame, r, prov) != stored_json) return;
  LoadedRun::Replay rp;
  rp.provenance = {run.scheme_path, run.scheme_text, rec.scheme_sha256, hash, prev_hash, rec.id};
  rp.frame = std::move(frame);
  rp.result = std::move(r);
  run.replay = std::move(rp);
}

}  // namespace

std::shared_ptr<const LoadedRun> load_run(store::Store& store, long long run_id, const std::string& schemes_dir) {
  auto rec = store.run(run_id);
  if (!rec || rec->kind != "evaluation") return nullptr;
  auto run = std::make_shared<LoadedRun>();
  std::string json = std::move(rec->result_json);
  rec->result_json.clear();
  run->record = std::move(*rec);
  run->result = nlohmann::json::parse(json);
  if (auto info = find_scheme_by_sha256(schemes_dir, run->record.scheme_sha256)) {
    try {
      // Parsed under the name the run recorded (the result JSON carries it), so a replay can match.
      std::string recorded = run->result.contains("scheme") ? run->result["scheme"].value("file", info->file) : info->file;
      run->scheme_text = read_scheme_text(info->file);
      run->scheme = ev::parse_scheme(run->scheme_text, recorded);
      run->scheme_path = info->file;
    } catch (const std::exception&) {
      run->scheme.reset();
    }
  }
  try_replay(store, *run, json);
  return run;
}

}  // namespace mujun::service
