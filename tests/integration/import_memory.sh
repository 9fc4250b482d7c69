#!/usr/bin/env bash
# Memory of a large import (issue 6, item 3). Generates an N-row statistics CSV (gen_rows.py, 3
# facts per row), imports it into a fresh database under /usr/bin/time and prints the peak RSS.
#   import_memory.sh MUJUN_BINARY REPO_ROOT [ROWS]
# CTest runs it with 30,000 rows and checks the peak RSS stays under 64 MiB + 2 KiB per row: the
# readers stream, but the importer holds the whole validated batch until its one all-or-nothing
# write, so memory is linear in the rows (measured ~1 KiB/row; docs/SECURITY.md "Memory").
# By hand, the issue's measurement: import_memory.sh build/<dir>/mujun . 1000000
set -euo pipefail
MUJUN=${1:?mujun binary}; ROOT=${2:?repo root}; ROWS=${3:-30000}
W=$(mktemp -d "${TMPDIR:-/tmp}/mujun-mem.XXXXXX"); trap 'rm -rf "$W"' EXIT
python3 "$ROOT/tests/integration/gen_rows.py" "$ROWS" "$W/big-2024.csv" 1
echo "import_memory: $(du -k "$W/big-2024.csv" | cut -f1) kB, $ROWS rows"
"$MUJUN" init --db "$W/m.db" >/dev/null
/usr/bin/time -f "peak_rss_kb %M elapsed_s %e user_s %U" "$MUJUN" import "$W/big-2024.csv" --db "$W/m.db" >"$W/out" 2>"$W/err" \
  || { echo "FAIL: import exited $?"; tail -5 "$W/out" "$W/err"; exit 1; }
read -r _ rss _ el _ us < <(grep peak_rss_kb "$W/err")
facts=$(sqlite3 "$W/m.db" 'select count(*) from facts')
echo "import_memory: peak RSS ${rss} kB ($((rss * 1024 / ROWS)) B/row), ${el} s elapsed, ${us} s user, facts $facts"
[ "$facts" -eq $((3 * ROWS)) ] || { echo "FAIL: $facts facts stored, expected $((3 * ROWS))"; exit 1; }
bound=$((64 * 1024 + 2 * ROWS))
[ "$rss" -le "$bound" ] || { echo "FAIL: peak RSS $rss kB above the bound $bound kB"; exit 1; }
echo PASS
