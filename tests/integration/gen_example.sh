#!/usr/bin/env bash
# Integration test: the committed example zone (examples/wansheng-2024/) is exactly what tools/gen-zone
# produces from its seed, and its calibration figures hold when read back from the files.
#   $1 = path of the built mujun binary (gen-zone is built next to it: <build>/tools/gen-zone)
#   $2 = repository root
set -euo pipefail
MUJUN="$1"; ROOT="$2"
BUILD="$(cd "$(dirname "$MUJUN")" && pwd)"
GEN="$BUILD/tools/gen-zone"
if [ ! -x "$GEN" ]; then echo "FAIL: gen-zone not built at $GEN (cmake --build $BUILD --target gen-zone)"; exit 1; fi
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
"$GEN" --out "$tmp" --seed 20240101 2>/dev/null
n=0
for f in "$tmp"/*; do
  name="$(basename "$f")"
  if ! cmp -s "$f" "$ROOT/examples/wansheng-2024/$name"; then echo "FAIL: $name differs from the committed file"; exit 1; fi
  n=$((n + 1))
done
[ "$n" -ge 16 ] || { echo "FAIL: only $n files generated"; exit 1; }
echo "ok: $n generated files byte-identical to examples/wansheng-2024/"
# A second seed must give different data (the seed is really used).
"$GEN" --out "$tmp/other" --seed 7 2>/dev/null
if cmp -s "$tmp/other/statistics-2024.xlsx" "$ROOT/examples/wansheng-2024/statistics-2024.xlsx"; then
  echo "FAIL: --seed 7 produced the same statistics file"; exit 1
fi
python3 "$ROOT/tests/integration/gen_example_check.py" "$ROOT/examples/wansheng-2024"
