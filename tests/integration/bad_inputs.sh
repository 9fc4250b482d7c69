#!/usr/bin/env bash
# The bad-input catalogue (issue 6, item 5): every file in tests/bad-inputs/files/ is imported into
# a database holding one earlier batch; the exit code must be the one in tests/bad-inputs/expected.tsv,
# the output exactly tests/bad-inputs/expected/<file>.out (stdout, then stderr; the database path
# written as $DB), and the database file byte-identical afterwards (SHA-256), with no WAL left.
#   bad_inputs.sh MUJUN_BINARY REPO_ROOT [--regen]   (--regen rewrites the .out files: review the diff!)
set -uo pipefail
MUJUN=$(realpath "${1:?mujun binary}"); ROOT=${2:?repo root}; REGEN=${3:-}
CAT="$ROOT/tests/bad-inputs"
W=$(mktemp -d "${TMPDIR:-/tmp}/mujun-bad.XXXXXX"); trap 'rm -rf "$W"' EXIT
"$MUJUN" init --db "$W/base.db" >/dev/null || { echo "FAIL: init"; exit 1; }
(cd "$CAT" && "$MUJUN" import baseline-2024.csv --db "$W/base.db" >/dev/null) || { echo "FAIL: baseline import"; exit 1; }
pass=0; failed=0
while IFS=$'\t' read -r file code args; do
  [[ -z "$file" || "$file" == \#* ]] && continue
  cp "$W/base.db" "$W/db"; rm -f "$W/db-wal" "$W/db-shm"
  before=$(sha256sum < "$W/db")
  # shellcheck disable=SC2086
  (cd "$CAT/files" && timeout 60 "$MUJUN" import "$file" $args --db "$W/db" >"$W/out" 2>"$W/err"); rc=$?
  { echo "--- stdout"; cat "$W/out"; echo "--- stderr"; cat "$W/err"; } | sed "s#$W/db#\$DB#g" > "$W/got"
  after=$(sha256sum < "$W/db")
  exp="$CAT/expected/$file.out"
  if [ "$REGEN" = "--regen" ]; then mkdir -p "$CAT/expected"; cp "$W/got" "$exp"; fi
  problems=()
  [ "$rc" = "$code" ] || problems+=("exit $rc, expected $code")
  diff -q "$exp" "$W/got" >/dev/null 2>&1 || problems+=("output differs: $(diff "$exp" "$W/got" 2>&1 | head -6)")
  [ "$before" = "$after" ] || problems+=("the database changed")
  [ ! -s "$W/db-wal" ] || problems+=("a WAL file was left behind")
  if [ ${#problems[@]} -eq 0 ]; then pass=$((pass + 1)); else
    failed=$((failed + 1)); echo "FAIL $file: ${problems[*]}"
  fi
done < "$CAT/expected.tsv"
echo "bad_inputs: $pass passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$pass" -gt 0 ]
