#!/usr/bin/env bash
# Memory of a large import (issue 6, item 3). Generates an N-row statistics CSV (gen_rows.py, 3
# facts per row), imports it into a fresh database under /usr/bin/time and prints the peak RSS.
#   import_memory.sh MUJUN_BINARY REPO_ROOT [ROWS]
# Without ROWS (CTest): imports 10,000 rows, then 100,000 rows, and fails unless
#   * each peak RSS stays under a constant bound (BOUND_KB, 96 MiB: rows are streamed into the open
#     transaction, duplicate keys and rejected rows go to a temporary database, the page caches are
#     fixed at 32 + 8 MiB — docs/SECURITY.md "Memory"), and
#   * the 100,000-row peak is at most GROWTH_KB (48 MiB) above the 10,000-row one: the SQLite page
#     caches (40 MiB) fill up over the first ~100,000 rows, nothing else may grow (the old importer
#     grew ~0.85 KB per row: +75 MiB here). Measured: 200,000 rows 57 MiB, 1,000,000 rows 59 MiB.
# By hand, the issue's measurement: import_memory.sh build/<dir>/mujun . 1000000
set -euo pipefail
MUJUN=${1:?mujun binary}; ROOT=${2:?repo root}; ROWS=${3:-}
BOUND_KB=$((96 * 1024)); GROWTH_KB=$((48 * 1024))
W=$(mktemp -d "${TMPDIR:-/tmp}/mujun-mem.XXXXXX"); trap 'rm -rf "$W"' EXIT

# measure N → sets RSS (kB); prints the line of the run
measure() {
  local n=$1 el us facts
  python3 "$ROOT/tests/integration/gen_rows.py" "$n" "$W/big-2024.csv" 1
  rm -f "$W/m.db" "$W/m.db-wal" "$W/m.db-shm"
  "$MUJUN" init --db "$W/m.db" >/dev/null
  /usr/bin/time -f "peak_rss_kb %M elapsed_s %e user_s %U" "$MUJUN" import "$W/big-2024.csv" --db "$W/m.db" \
    >"$W/out" 2>"$W/err" || { echo "FAIL: import of $n rows exited $?"; tail -5 "$W/out" "$W/err"; exit 1; }
  read -r _ RSS _ el _ us < <(grep peak_rss_kb "$W/err")
  facts=$(sqlite3 "$W/m.db" 'select count(*) from facts')
  echo "import_memory: $n rows ($(du -k "$W/big-2024.csv" | cut -f1) kB): peak RSS ${RSS} kB" \
       "($((RSS * 1024 / n)) B/row), ${el} s elapsed, ${us} s user, facts $facts"
  [ "$facts" -eq $((3 * n)) ] || { echo "FAIL: $facts facts stored, expected $((3 * n))"; exit 1; }
  [ "$RSS" -le "$BOUND_KB" ] || { echo "FAIL: peak RSS $RSS kB above the bound $BOUND_KB kB"; exit 1; }
}

if [ -n "$ROWS" ]; then
  measure "$ROWS"
else
  measure 10000; small=$RSS
  measure 100000; large=$RSS
  [ "$large" -le $((small + GROWTH_KB)) ] || {
    echo "FAIL: memory grows with rows: 100,000 rows $large kB vs 10,000 rows $small kB (allowed +$GROWTH_KB kB)"; exit 1; }
fi
echo PASS
