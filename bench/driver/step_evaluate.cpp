// mujun-bench evaluate: snapshot from SQLite (first after an import, or from the snapshot cache), then
// the pure evaluation of the in-memory snapshot: a first run reported apart, then `repeat` timed runs,
// each into a new result while the previous one is still held (as a caller keeping its last result).
#include <chrono>
#include <fstream>

#include "evaluation/engine.h"
#include "measure.h"
#include "steps.h"
#include "store/sqlite/db.h"
#include "store/sqlite/snapshot_cache.h"
#include "store/store.h"

namespace mujun::bench {

int step_evaluate(const std::string& db, const std::string& scheme_path, int year, int repeat,
                  const std::string& classes_out, bool cold) {
  const evaluation::Scheme scheme = evaluation::load_scheme(scheme_path);
  auto store = store::open_sqlite(db);
  store->migrate();  // a database of an older build gets the snapshot cache (migration 3)
  if (!cold) store->snapshot(year);  // fills the cache (not timed)
  std::vector<double> snap_runs, eval_runs, both_runs, snap_cpu, eval_cpu, both_cpu;
  Frame frame;
  for (int r = 0; r < repeat; ++r) {
    if (cold) {  // as after an import: the import's triggers have dropped the cached frames
      store::sqlite::Db raw(db);
      store::sqlite::drop_cached_snapshots(raw);
    }
    frame = Frame();  // the previous run's frame is freed first: the peak is that of one snapshot
    Stopwatch w;
    frame = store->snapshot(year);
    snap_runs.push_back(w.wall());
    snap_cpu.push_back(w.cpu());
  }
  // A first evaluation, reported apart (first_seconds): it also pays for the result's fresh memory and
  // the thread pool's start. The peers are timed the same way (bench/peers/common.py timed_after_warmup).
  Stopwatch first;
  evaluation::EvaluationResult result = evaluation::evaluate(scheme, frame);
  const double first_wall = first.wall(), first_cpu = first.cpu();
  for (int r = 0; r < repeat; ++r) {
    Stopwatch w;
    result = evaluation::evaluate(scheme, frame);
    eval_runs.push_back(w.wall());
    eval_cpu.push_back(w.cpu());
  }
  for (int r = 0; r < repeat; ++r) {
    both_runs.push_back(snap_runs[r] + eval_runs[r]);
    both_cpu.push_back(snap_cpu[r] + eval_cpu[r]);
  }
  std::array<int, 5> counts{};
  for (const auto& c : result.cohorts)
    for (int k = 0; k < 5; ++k) counts[k] += c.counts[k];
  const std::string extra = fmt::format(R"(, "enterprises": {}, "evaluated": {}, "A": {}, "B": {}, "C": {}, "D": {}, "T": {})",
                                        frame.size(), result.order.size(), counts[0], counts[1], counts[2], counts[3],
                                        counts[4]);
  const std::string kind = cold ? "cold" : "warm";
  report("snapshot_sqlite_" + kind, snap_runs, snap_cpu, fmt::format(R"(, "enterprises": {})", frame.size()));
  report("evaluate_memory", eval_runs, eval_cpu,
         extra + fmt::format(R"(, "first_seconds": {:.6f}, "first_cpu_seconds": {:.6f})", first_wall, first_cpu));
  report("evaluate_from_sqlite_" + kind, both_runs, both_cpu, extra);
  if (!classes_out.empty()) {
    std::ofstream out(classes_out, std::ios::binary);
    out << "uscc,class\n";
    for (std::size_t i = 0; i < frame.size(); ++i)
      if (result.klass[i]) out << frame.uscc[i] << ',' << result.klass[i] << '\n';
  }
  return 0;
}

}  // namespace mujun::bench
