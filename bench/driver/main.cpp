// mujun-bench — whole-run benchmark steps (docs/PERFORMANCE.md, scripts/bench).
//
//   mujun-bench read FILE [--repeat R] [--sum-col C]
//   mujun-bench import DB FILE... [--year Y]
//   mujun-bench evaluate DB SCHEME [--year Y] [--repeat R] [--classes OUT.csv] [--snapshot cold|warm]
//   mujun-bench stats DB TAXONOMY [--year Y] [--repeat R]
//   mujun-bench digest DB SCHEME... [--year Y]
//
// Output: one JSON line per measurement (step, median seconds, every run, peak RSS in MiB, counts).
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "steps.h"

namespace {

int usage() {
  std::fputs(
      "用法 / usage:\n"
      "  mujun-bench read FILE [--repeat R] [--sum-col C]\n"
      "  mujun-bench import DB FILE... [--year Y]\n"
      "  mujun-bench evaluate DB SCHEME [--year Y] [--repeat R] [--classes OUT.csv] [--snapshot cold|warm]\n"
      "  mujun-bench stats DB TAXONOMY [--year Y] [--repeat R]\n"
      "  mujun-bench digest DB SCHEME... [--year Y]\n",
      stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  const std::string cmd = argv[1];
  std::vector<std::string> pos;
  int repeat = 1, year = 2024, sum_col = 4;
  std::string classes, snapshot = "warm";
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (a == "--repeat" && (v = next())) repeat = std::max(1, std::atoi(v));
    else if (a == "--year" && (v = next())) year = std::atoi(v);
    else if (a == "--sum-col" && (v = next())) sum_col = std::atoi(v);
    else if (a == "--classes" && (v = next())) classes = v;
    else if (a == "--snapshot" && (v = next()) && (std::string(v) == "cold" || std::string(v) == "warm")) snapshot = v;
    else if (a.starts_with("--")) return usage();
    else pos.push_back(a);
  }
  try {
    if (cmd == "read" && pos.size() == 1) return mujun::bench::step_read(pos[0], repeat, sum_col);
    if (cmd == "import" && pos.size() >= 2)
      return mujun::bench::step_import(pos[0], std::vector<std::string>(pos.begin() + 1, pos.end()), year);
    if (cmd == "evaluate" && pos.size() == 2) return mujun::bench::step_evaluate(pos[0], pos[1], year, repeat, classes, snapshot == "cold");
    if (cmd == "digest" && pos.size() >= 2)
      return mujun::bench::step_digest(pos[0], std::vector<std::string>(pos.begin() + 1, pos.end()), year);
    if (cmd == "stats" && pos.size() == 2) return mujun::bench::step_stats(pos[0], pos[1], year, repeat);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mujun-bench %s: 失败 / failed: %s\n", cmd.c_str(), e.what());
    return 1;
  }
  return usage();
}
