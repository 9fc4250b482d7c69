#!/usr/bin/env bash
# Crash safety (issue 6, item 4): SIGKILL `mujun import` and `mujun evaluate` at random moments,
# many times, and check after each kill that the database is consistent:
#   * PRAGMA integrity_check = ok and PRAGMA foreign_key_check empty;
#   * the import batch is all or nothing: either no new batch and the baseline counts, or the new
#     batch with every one of its rows (enterprises + 3 facts each) — nothing in between;
#   * an evaluation run is stored whole (valid JSON) or not at all.
# Then two imports started at once on one database: both finish, serialised (SQLite BEGIN
# IMMEDIATE + busy timeout), or one is refused with the "busy" message — never interleaved.
#   kill_test.sh MUJUN_BINARY REPO_ROOT [KILLS=200] [ROWS=8000]
set -uo pipefail
MUJUN=${1:?mujun binary}; ROOT=${2:?repo root}; KILLS=${3:-${MUJUN_KILLS:-200}}; ROWS=${4:-${MUJUN_KILL_ROWS:-8000}}
command -v sqlite3 >/dev/null || { echo "kill_test: 需要 sqlite3 命令 / needs the sqlite3 CLI"; exit 1; }
W=$(mktemp -d "${TMPDIR:-/tmp}/mujun-kill.XXXXXX"); trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
q() { sqlite3 -batch -noheader "$1" "$2"; }

python3 "$ROOT/tests/integration/gen_rows.py" 50 "$W/base-2024.csv" 1
python3 "$ROOT/tests/integration/gen_rows.py" "$ROWS" "$W/big-2024.csv" 1000
python3 "$ROOT/tests/integration/gen_rows.py" 3000 "$W/other-2024.csv" 500000
"$MUJUN" init --db "$W/base.db" >/dev/null || fail "init"
"$MUJUN" import "$W/base-2024.csv" --db "$W/base.db" >/dev/null || fail "baseline import"
B_BATCH=$(q "$W/base.db" "select count(*) from import_batches")
B_FACTS=$(q "$W/base.db" "select count(*) from facts")
B_ENT=$(q "$W/base.db" "select count(*) from enterprises")

# A full import once: its duration sets the kill window, its counts are "the whole batch".
cp "$W/base.db" "$W/full.db"
t0=$(date +%s%N)
"$MUJUN" import "$W/big-2024.csv" --db "$W/full.db" >/dev/null || fail "full import"
t1=$(date +%s%N)
IMPORT_MS=$(( (t1 - t0) / 1000000 ))
F_FACTS=$(q "$W/full.db" "select count(*) from facts"); F_ENT=$(q "$W/full.db" "select count(*) from enterprises")
[ "$F_FACTS" -eq $((B_FACTS + 3 * ROWS)) ] || fail "full import stored $F_FACTS facts, expected $((B_FACTS + 3 * ROWS))"
t0=$(date +%s%N)
"$MUJUN" evaluate --year 2024 --scheme "$ROOT/schemes/chongqing-default.toml" --db "$W/full.db" >/dev/null \
  || fail "full evaluate"
t1=$(date +%s%N)
EVAL_MS=$(( (t1 - t0) / 1000000 ))
q "$W/full.db" "delete from runs" >/dev/null
echo "kill_test: $ROWS 行导入 ${IMPORT_MS} ms，评价 ${EVAL_MS} ms / import ${IMPORT_MS} ms, evaluate ${EVAL_MS} ms"

check_db() {  # $1 db, $2 label
  local ic fk
  ic=$(q "$1" "PRAGMA integrity_check") || fail "$2: cannot open the database after the kill"
  [ "$ic" = "ok" ] || fail "$2: integrity_check: $ic"
  fk=$(q "$1" "PRAGMA foreign_key_check")
  [ -z "$fk" ] || fail "$2: foreign_key_check: $fk"
}

RANDOM=20241129
whole=0; none=0; runs_whole=0; runs_none=0
for ((k = 1; k <= KILLS; k++)); do
  if (( k % 4 == 0 )); then  # every fourth kill hits an evaluation
    cp "$W/full.db" "$W/k.db"; rm -f "$W/k.db-wal" "$W/k.db-shm"
    "$MUJUN" evaluate --year 2024 --scheme "$ROOT/schemes/chongqing-default.toml" --db "$W/k.db" >/dev/null 2>&1 &
    pid=$!; win=$(( EVAL_MS * 12 / 10 + 1 ))
  else
    cp "$W/base.db" "$W/k.db"; rm -f "$W/k.db-wal" "$W/k.db-shm"
    "$MUJUN" import "$W/big-2024.csv" --db "$W/k.db" >/dev/null 2>&1 &
    pid=$!; win=$(( IMPORT_MS * 12 / 10 + 1 ))
  fi
  # Half the kills anywhere in the run, half in its last part, where the transaction commits.
  r=$(( RANDOM * 32768 + RANDOM ))
  if (( k % 2 )); then delay=$(( r % win )); else delay=$(( win / 2 + r % (win / 2 + 1) )); fi
  printf -v secs '%d.%03d' $((delay / 1000)) $((delay % 1000)); sleep "$secs"
  kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  check_db "$W/k.db" "kill $k (${delay} ms)"
  if (( k % 4 == 0 )); then
    n=$(q "$W/k.db" "select count(*) from runs")
    case "$n" in
      0) runs_none=$((runs_none + 1)) ;;
      1) [ "$(q "$W/k.db" "select json_valid(result_json) and length(result_json) > 100 from runs")" = 1 ] \
           || fail "kill $k: a stored run with damaged JSON"; runs_whole=$((runs_whole + 1)) ;;
      *) fail "kill $k: $n runs stored" ;;
    esac
  else
    nb=$(q "$W/k.db" "select count(*) from import_batches")
    nf=$(q "$W/k.db" "select count(*) from facts"); ne=$(q "$W/k.db" "select count(*) from enterprises")
    if [ "$nb" -eq "$B_BATCH" ] && [ "$nf" -eq "$B_FACTS" ] && [ "$ne" -eq "$B_ENT" ]; then none=$((none + 1))
    elif [ "$nb" -eq $((B_BATCH + 1)) ] && [ "$nf" -eq "$F_FACTS" ] && [ "$ne" -eq "$F_ENT" ]; then whole=$((whole + 1))
    else fail "kill $k after ${delay} ms: partial import: batches $nb facts $nf enterprises $ne (none = $B_BATCH/$B_FACTS/$B_ENT, whole = $((B_BATCH + 1))/$F_FACTS/$F_ENT)"
    fi
  fi
done
echo "kill_test: $KILLS 次 SIGKILL，全部一致 / $KILLS kills, all consistent:" \
     "import whole $whole, none $none; evaluate run stored $runs_whole, none $runs_none"

# Two imports at once on one database: serialised or refused, never interleaved.
cp "$W/base.db" "$W/two.db"
"$MUJUN" import "$W/big-2024.csv" --db "$W/two.db" >"$W/a.out" 2>&1 & pa=$!
"$MUJUN" import "$W/other-2024.csv" --db "$W/two.db" >"$W/b.out" 2>&1 & pb=$!
wait "$pa"; ra=$?; wait "$pb"; rb=$?
check_db "$W/two.db" "two imports"
for r in a b; do
  rc=$ra; [ $r = b ] && rc=$rb
  if [ "$rc" -ne 0 ]; then grep -q "数据库正被另一个进程写入" "$W/$r.out" || fail "import $r failed without the busy message: $(tail -3 "$W/$r.out")"; fi
done
# Each stored batch owns exactly its own file's rows (3 facts per row).
while IFS='|' read -r id file n; do
  case "$file" in *big-2024.csv) want=$((3 * ROWS)) ;; *other-2024.csv) want=9000 ;; *) want=150 ;; esac
  [ "$n" -eq "$want" ] || fail "two imports: batch $id ($file) holds $n facts, expected $want"
done < <(q "$W/two.db" "select b.id, b.file, count(f.enterprise_id) from import_batches b left join facts f on f.batch_id = b.id group by b.id")
echo "kill_test: 两个同时导入 / two imports at once: exit $ra and $rb, batches $(q "$W/two.db" "select count(*) from import_batches"), integrity ok"
# The same file twice at once: one import writes it, the other is refused with a message (busy, or
# "已由另一个导入写入" when it lost the race after its check) or reports it as already imported.
cp "$W/base.db" "$W/same.db"
"$MUJUN" import "$W/big-2024.csv" --db "$W/same.db" >"$W/c.out" 2>&1 & pc=$!
"$MUJUN" import "$W/big-2024.csv" --db "$W/same.db" >"$W/d.out" 2>&1 & pd=$!
wait "$pc"; rc_c=$?; wait "$pd"; rc_d=$?
check_db "$W/same.db" "same file twice"
[ "$(q "$W/same.db" "select count(*) from import_batches")" -eq $((B_BATCH + 1)) ] || fail "same file twice: not exactly one new batch"
for r in c d; do
  if grep -q "UNIQUE constraint" "$W/$r.out"; then fail "same file twice: SQLite's constraint text shown: $(tail -2 "$W/$r.out")"; fi
done
echo "kill_test: 同一文件同时导入两次 / the same file twice at once: exit $rc_c and $rc_d, one batch"
echo "PASS"
