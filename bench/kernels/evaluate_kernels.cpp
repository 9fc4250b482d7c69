// Google Benchmark kernels of the evaluation engine on in-memory snapshots (synthetic_frame.h):
// the whole evaluation under schemes/bench-huangyan-township.toml (on all cores, again into the same
// result, and on one core),
// and ranking + quotas alone. CPU time is the whole process's (every oneTBB worker included).
#include <benchmark/benchmark.h>
#include <oneapi/tbb/global_control.h>

#include <map>
#include <memory>
#include <numeric>

#include "evaluation/classify.h"
#include "evaluation/engine.h"
#include "synthetic_frame.h"

namespace {
using namespace mujun;

const Frame& frame_of(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<Frame>> cache;
  auto& f = cache[n];
  if (!f) f = std::make_unique<Frame>(bench::synthetic_frame(n));
  return *f;
}

const evaluation::Scheme& bench_scheme() {
  static const evaluation::Scheme s =
      evaluation::load_scheme(std::string(MUJUN_SOURCE_ROOT) + "/schemes/bench-huangyan-township.toml");
  return s;
}

/// Six indicators, four cohorts, cohort-mean benchmarks, quotas within each of 200 townships.
void BM_Evaluate(benchmark::State& state) {
  const Frame& f = frame_of(static_cast<std::size_t>(state.range(0)));
  const auto& s = bench_scheme();
  for (auto _ : state) {
    auto r = evaluation::evaluate(s, f);
    benchmark::DoNotOptimize(r.klass.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Evaluate)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime()
    ->MeasureProcessCPUTime();

/// The same, evaluated again into the same result (evaluate(…, into): a re-run reuses the result's
/// storage instead of faulting in fresh pages).
void BM_EvaluateReuse(benchmark::State& state) {
  const Frame& f = frame_of(static_cast<std::size_t>(state.range(0)));
  const auto& s = bench_scheme();
  evaluation::EvaluationResult r;
  evaluation::evaluate(s, f, nullptr, r);
  for (auto _ : state) {
    evaluation::evaluate(s, f, nullptr, r);
    benchmark::DoNotOptimize(r.klass.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_EvaluateReuse)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime()
    ->MeasureProcessCPUTime();

/// The same on one thread (oneTBB limited to 1): the cost in CPU time without parallelism.
void BM_EvaluateOneThread(benchmark::State& state) {
  tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  BM_Evaluate(state);
}
BENCHMARK(BM_EvaluateOneThread)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime()
    ->MeasureProcessCPUTime();

/// Sort by total (integer keys) and quota classes of one pool of N firms.
void BM_SortAndQuota(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  std::vector<double> totals(n);
  std::vector<std::uint32_t> uscc_rank(n);
  for (std::size_t i = 0; i < n; ++i) {
    totals[i] = static_cast<double>((i * 2654435761u) % 1000003) / 7.0;
    uscc_rank[i] = static_cast<std::uint32_t>(i);
  }
  std::vector<char> klass(n);
  std::vector<evaluation::ClassRule> rule(n);
  evaluation::Classification c;
  for (auto _ : state) {
    std::vector<std::size_t> m(n);
    std::iota(m.begin(), m.end(), std::size_t{0});
    evaluation::sort_by_total(m, totals, uscc_rank);
    benchmark::DoNotOptimize(evaluation::classify_pool(c, m, totals, klass, rule));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SortAndQuota)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
