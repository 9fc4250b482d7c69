// mujun_fuzz_replay — runs every file under the given folders (default: tests/fuzz/regressions,
// tests/fuzz/seeds and tests/bad-inputs/files) through EVERY fuzz target, without libFuzzer. Built by GCC in the normal build
// and registered in CTest, so each crash ever found stays fixed. A defect shows as a crash, an abort
// from fuzz_check, or an unexpected exception (reported here with the file and target; exit 1).
//   mujun_fuzz_replay [DIR_OR_FILE...]
#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_targets.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::vector<fs::path> roots;
  for (int i = 1; i < argc; ++i) roots.emplace_back(argv[i]);
  if (roots.empty()) {
    roots.emplace_back(fs::path(MUJUN_FUZZ_DIR) / "regressions");
    roots.emplace_back(fs::path(MUJUN_FUZZ_DIR) / "seeds");
    roots.emplace_back(fs::path(MUJUN_FUZZ_DIR) / ".." / "bad-inputs" / "files");
  }
  std::vector<fs::path> files;
  for (const auto& r : roots) {
    if (fs::is_regular_file(r)) files.push_back(r);
    else if (fs::is_directory(r))
      for (const auto& e : fs::recursive_directory_iterator(r))
        if (e.is_regular_file() && e.path().filename().string()[0] != '.') files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  int failures = 0;
  long runs = 0;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
    for (const auto& t : mujun::fuzz::all_targets()) {
      try {
        t.run(data, bytes.size());
        ++runs;
      } catch (const std::exception& e) {
        ++failures;
        std::fprintf(stderr, "FAIL %s on %s: unexpected exception: %s\n", std::string(t.name).c_str(),
                     f.string().c_str(), e.what());
      }
    }
  }
  std::printf("mujun_fuzz_replay: %zu files × %zu targets = %ld runs, %d failures\n", files.size(),
              mujun::fuzz::all_targets().size(), runs, failures);
  return failures == 0 && !files.empty() ? 0 : 1;
}
