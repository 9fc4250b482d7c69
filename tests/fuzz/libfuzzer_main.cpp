// libFuzzer entry point of one target: compiled once per target with -DMUJUN_FUZZ_TARGET=<name>
// (tests/fuzz/CMakeLists.txt, clang, -fsanitize=fuzzer,address).
#include <cstddef>
#include <cstdint>

#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return mujun::fuzz::MUJUN_FUZZ_TARGET(data, size);
}
