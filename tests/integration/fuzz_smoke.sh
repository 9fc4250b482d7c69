#!/usr/bin/env bash
# A short libFuzzer run of every fuzz target (issue 6): builds the targets with clang in
# <build>/fuzz-smoke (MUJUN_BUILD_FUZZ=ON, only what they need) and runs each for
# MUJUN_FUZZ_SECONDS (default 10) from its seeds. Skipped (exit 0, says so) without clang.
# Long runs: tests/fuzz/run.sh. A crash fails the test and leaves its input in
# <build>/fuzz-smoke/fuzz-artifacts/<target>/.
#   fuzz_smoke.sh MUJUN_BINARY REPO_ROOT
set -uo pipefail
MUJUN=${1:?mujun binary}; ROOT=${2:?repo root}
SECS=${MUJUN_FUZZ_SECONDS:-10}
if [ "$SECS" = 0 ]; then echo "fuzz_smoke: 跳过（MUJUN_FUZZ_SECONDS=0）/ skipped by MUJUN_FUZZ_SECONDS=0"; exit 0; fi
# clang >= 16 with its libFuzzer runtime (tests/fuzz/CMakeLists.txt says why not 14).
CXX=""
for v in 19 18 17 16; do
  if command -v "clang++-$v" >/dev/null && ls /usr/lib/llvm-$v/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
    CXX="clang++-$v"; CC="clang-$v"; break
  fi
done
if [ -z "$CXX" ]; then
  echo "fuzz_smoke: 跳过，没有 clang >= 16 / libFuzzer / skipped: no clang >= 16 with libFuzzer (apt-get install clang-16 libclang-rt-16-dev)"
  exit 0
fi
# MUJUN_FUZZ_BUILD: an existing MUJUN_BUILD_FUZZ=ON build to reuse (saves the clang build, minutes).
B=${MUJUN_FUZZ_BUILD:-"$(cd "$(dirname "$MUJUN")" && pwd)/fuzz-smoke"}
if [ ! -f "$B/build.ninja" ]; then
  cmake -S "$ROOT" -B "$B" -G Ninja -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_C_COMPILER="$CC" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMUJUN_BUILD_FUZZ=ON -DMUJUN_BUILD_TESTS=OFF >/dev/null || exit 1
fi
cmake --build "$B" --target mujun_fuzzers >/dev/null || { echo "FAIL: building the fuzz targets"; exit 1; }
failed=0
for t in xlsx_raw xlsx_parts sheet_diff csv import_csv values uscc scheme rules; do
  log="$B/fuzz-smoke-$t.log"
  if "$ROOT/tests/fuzz/run.sh" "$B" "$t" "$SECS" >"$log" 2>&1; then
    echo "fuzz_smoke: $t ok — $(grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec' "$log" | awk '{print $1 $2}' | tr '\n' ' ') $(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)"
  else
    failed=1; echo "FAIL: fuzz target $t"; grep -E 'ERROR|SUMMARY|invariant|Test unit written' "$log" | head -5
  fi
done
[ "$failed" -eq 0 ] && echo PASS
