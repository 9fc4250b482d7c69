// mujun-bench — timing and memory of one step, printed as one JSON line per measurement.
//
// Peak memory is the process's peak resident set (getrusage ru_maxrss, KiB): each step runs in its own
// process (scripts/bench starts one per step), so the peak belongs to that step alone.
#pragma once
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace mujun::bench {

/// Seconds since `t0` (steady clock).
inline double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// Peak resident set size of this process so far, in MiB.
inline double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

/// CPU time (user + system) of this process so far, in seconds: on a shared, loaded machine the
/// wall time of a step includes waiting for a core; its CPU time does not.
inline double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// Wall and CPU seconds of one run.
struct Stopwatch {
  std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::now();
  double c0 = cpu_seconds();
  double wall() const { return seconds_since(t0); }
  double cpu() const { return cpu_seconds() - c0; }
};

/// Median of `v` (the mean of the two middle values for an even count); 0 for an empty vector.
inline double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/// Prints one result line: {"step": …, "seconds": median wall, "runs": [...], "cpu_seconds": median CPU,
/// "peak_rss_mib": …, extra…}. `extra` is a JSON fragment of further members (", \"rows\": 5") or "".
inline void report(const std::string& step, const std::vector<double>& runs, const std::vector<double>& cpu,
                   const std::string& extra) {
  std::string list;
  for (double r : runs) list += (list.empty() ? "" : ", ") + fmt::format("{:.6f}", r);
  std::printf("%s\n", fmt::format(R"({{"step": "{}", "seconds": {:.6f}, "runs": [{}], "cpu_seconds": {:.6f}, "peak_rss_mib": {:.1f}{}}})",
                                  step, median(runs), list, median(cpu), peak_rss_mib(), extra)
                          .c_str());
  std::fflush(stdout);
}

}  // namespace mujun::bench
