#!/usr/bin/env bash
# Browser test of the dashboard (issue 8): Debian chromium + playwright-core, headless (tests/web/e2e.mjs).
#   database: `mujun demo` (the example zone, run #1 = chongqing-default 2024);
#   accounts: admin, analyst (--export), viewer, firm (enterprise 915001106925916133, --export);
#   server:   `mujun serve` on a free loopback port with the built dashboard (web/dist, rebuilt when web/ changed);
#   test:     login, overview, clusters, results filter + export, enterprise, import with rejects, run + publish,
#             enterprise isolation, two objections filed (one with an attachment): one rejected, one upheld with
#             a re-run whose results open from the objection, exports (overview, clusters, enterprise page,
#             objections as filtered), freeze, viewer limits.
# Screenshots: <build dir>/test-artifacts/web/NN-step.png, or $MUJUN_TEST_ARTIFACTS/web (printed at the end).
# $1 = mujun binary, $2 = repository root. Needs node ≥ 20.19, web/node_modules (npm ci), /usr/bin/chromium.
set -euo pipefail
MUJUN="$(realpath "$1")"; ROOT="$(realpath "$2")"
T="$(mktemp -d)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
ART="${MUJUN_TEST_ARTIFACTS:-$(dirname "$MUJUN")/test-artifacts}/web"
rm -rf "$ART"; mkdir -p "$ART"

command -v node >/dev/null || fail "node 未安装 / not installed (scripts/setup)"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || fail "chromium 未安装 / not installed: apt-get install chromium (scripts/setup)"
[ -d "$ROOT/web/node_modules/playwright-core" ] || (cd "$ROOT/web" && npm ci --no-audit --no-fund >/dev/null) \
  || fail "npm ci in web/"
# Rebuild the dashboard when a source is newer than the build.
if [ ! -f "$ROOT/web/dist/index.html" ] || [ -n "$(find "$ROOT/web/src" "$ROOT/web/index.html" "$ROOT/web/package.json" \
     -newer "$ROOT/web/dist/index.html" -print -quit)" ]; then
  (cd "$ROOT/web" && npm run build >"$T/build.log" 2>&1) || { cat "$T/build.log"; fail "npm run build"; }
fi

"$MUJUN" demo --out "$T/demo" >"$T/demo.log" 2>&1 || { tail -20 "$T/demo.log"; fail "mujun demo"; }
DB="$T/demo/mujun.db"
# The 规上 class-A count of run #1 from the CLI's own summary (23 for chongqing-default 2024).
EXPECT_A="$(awk '$1 == "above_scale_manufacturing" && NF >= 8 { print $3; exit }' "$T/demo.log")"
[ -n "$EXPECT_A" ] || fail "no class-A count in the demo summary"
EXPECT_OUTPUT="$("$MUJUN" --db "$DB" stats --year 2024 --json | python3 -c '
import json, sys
f = {x["id"]: x for x in json.load(sys.stdin)["figures"]}["above_scale_gross_output"]
print("%.2f" % f["value"])')"
[ "$EXPECT_OUTPUT" = "290.00" ] || fail "stats gives $EXPECT_OUTPUT 亿元, the example zone is calibrated to 290.00"

PW='Mujun-e2e-密码-2024'
OWN=915001106925916133     # 重庆綦华储能科技股份有限公司 (rank 1 of run #1)
OTHER=91500110459692186D   # 重庆金信新能源科技股份有限公司 (rank 2)
add_user() { printf '%s\n' "$PW" | "$MUJUN" --db "$DB" user add "$@" >>"$T/users.log" 2>&1 || { cat "$T/users.log"; fail "user add $*"; }; }
add_user admin --role admin --export
add_user analyst --role analyst --export
add_user viewer --role viewer
add_user firm --role enterprise --enterprise "$OWN" --export

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$MUJUN" --db "$DB" serve --listen "127.0.0.1:$PORT" --web "$ROOT/web/dist" >"$T/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$T/serve.log"; fail "mujun serve exited"; }
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null || { cat "$T/serve.log"; fail "no /api/health"; }

BASE="http://127.0.0.1:$PORT" ART="$ART" PW="$PW" OWN_USCC="$OWN" OTHER_USCC="$OTHER" \
  BAD_CSV="$ROOT/tests/bad-inputs/files/bad-uscc-2024.csv" EXPECT_A="$EXPECT_A" EXPECT_OUTPUT="$EXPECT_OUTPUT" \
  node "$ROOT/tests/web/e2e.mjs" || { echo "--- server log (tail)"; tail -30 "$T/serve.log"; fail "browser test"; }

# The downloaded workbooks: the rejects file lists the 2 bad rows; the results export has the 23 class-A firms.
python3 - "$ART/rejects.xlsx" "$ART/results-A.xlsx" "$EXPECT_A" "$OWN" "$ART/overview-2024.xlsx" "$ART/objections-upheld.xlsx" <<'PY' || fail "downloaded workbooks"
import re, sys, zipfile
def sheets(path):
    z = zipfile.ZipFile(path)
    names = sorted(n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n))
    shared = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
    return [(n, z.read(n).decode()) for n in names], shared
rej, _ = sheets(sys.argv[1])
rows = len(re.findall(r"<row ", rej[0][1]))
assert rows == 3, f"rejects.xlsx first sheet has {rows} rows, expected header + 2"
print(f"rejects.xlsx: {rows - 1} rejected rows + header")
res, shared = sheets(sys.argv[2])
assert sys.argv[4] in shared or any(sys.argv[4] in s for _, s in res), "results export lacks the top firm"
counts = [len(re.findall(r"<row ", s)) for _, s in res]
assert any(c - 1 == int(sys.argv[3]) or c == int(sys.argv[3]) for c in counts), \
    f"no sheet of results-A.xlsx has {sys.argv[3]} data rows: {counts}"
print(f"results-A.xlsx: sheets' rows {counts} (expected {sys.argv[3]} data rows in one)")
ov, shared = sheets(sys.argv[5])
assert len(ov) == 5, f"overview-2024.xlsx has {len(ov)} sheets, expected 5 (全部指标, 产业集群, 评价分类, 梯度培育, 近年趋势)"
assert "规上工业总产值" in shared + "".join(s for _, s in ov), "overview export lacks 规上工业总产值"
print(f"overview-2024.xlsx: {len(ov)} sheets")
ob, shared = sheets(sys.argv[6])
rows = len(re.findall(r"<row ", ob[0][1]))
text = shared + ob[0][1]
assert rows == 2 and "已采纳" in text and sys.argv[4] in text, f"objections-upheld.xlsx: {rows} rows, expected header + the upheld one"
print("objections-upheld.xlsx: 1 upheld objection + header")
PY
echo "screenshots: $ART"
ls "$ART"
echo "PASS web_e2e"
