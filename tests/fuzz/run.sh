#!/usr/bin/env bash
# Runs one libFuzzer target for a while, niced (the machine is shared), with its seeds and a
# growing corpus kept in the build folder; a crash is written to BUILD/fuzz-artifacts/<target>/ —
# copy it to tests/fuzz/regressions/<target>-<what>, fix, and mujun_fuzz_replay keeps it fixed.
#   tests/fuzz/run.sh FUZZ_BUILD_DIR TARGET SECONDS [libFuzzer options...]
# FUZZ_BUILD_DIR is a build configured with MUJUN_BUILD_FUZZ=ON (tests/fuzz/CMakeLists.txt).
# Prints libFuzzer's final stats line (executions per second, coverage).
set -euo pipefail
B=$(realpath "${1:?fuzz build dir}"); T=${2:?target}; S=${3:?seconds}; shift 3
HERE=$(cd "$(dirname "$0")" && pwd)
BIN="$B/fuzz/fuzz_$T"
[ -x "$BIN" ] || { echo "没有 $BIN；先构建 / build it first: cmake --build $B --target fuzz_$T" >&2; exit 2; }
CORPUS="$B/fuzz-corpus/$T"; ART="$B/fuzz-artifacts/$T"
mkdir -p "$CORPUS" "$ART"
DICT=(); [ -f "$HERE/dict/$T.dict" ] && DICT=(-dict="$HERE/dict/$T.dict")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
exec nice -n 19 "$BIN" "$CORPUS" "$HERE/seeds/$T" "${DICT[@]}" -max_total_time="$S" -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$ART/" "$@"
