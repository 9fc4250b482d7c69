#include <array>
#include <cstdio>
#include <cstdlib>

#include "fuzz_targets.h"

namespace mujun::fuzz {

std::span<const Target> all_targets() {
  static constexpr std::array<Target, 9> kTargets{{
      {"xlsx_raw", &xlsx_raw},
      {"xlsx_parts", &xlsx_parts},
      {"sheet_diff", &sheet_diff},
      {"csv", &csv},
      {"import_csv", &import_csv},
      {"values", &values},
      {"uscc", &uscc},
      {"scheme", &scheme},
      {"rules", &rules},
  }};
  return kTargets;
}

void fuzz_check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "mujun fuzz invariant broken: %s\n", what);
  std::abort();
}

}  // namespace mujun::fuzz
