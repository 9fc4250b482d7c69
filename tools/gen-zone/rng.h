// gen-zone — portable random draws.
// std::mt19937_64's output sequence is fixed by the C++ standard; the std::*_distribution classes are
// not (libstdc++ and libc++ differ), so every draw below is our own integer arithmetic on its output.
#pragma once
#include <cstdint>
#include <random>
#include <utility>

namespace genzone {

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  uint64_t next() { return engine_(); }
  /// Uniform integer in [0, n), n > 0, by rejection (no modulo bias).
  uint64_t below(uint64_t n) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do x = engine_(); while (x >= limit);
    return x % n;
  }
  /// Uniform integer in [lo, hi] (inclusive).
  int64_t range(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1)); }
  /// Uniform double in [0, 1) from the top 53 bits (used only in the province mode).
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  /// True with probability per_mille / 1000.
  bool chance(int per_mille) { return static_cast<int>(below(1000)) < per_mille; }
  /// Fisher–Yates shuffle with our own draws.
  template <class V> void shuffle(V& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace genzone
