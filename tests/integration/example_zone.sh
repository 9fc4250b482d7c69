#!/usr/bin/env bash
# Integration test: the main job on the bundled example zone reproduces the published 2024 figures
# it is calibrated to (../shared/reference/wansheng-2024.md; issues 2, 3, 4, 5):
#   mujun demo → import report, evaluation summary, results.xlsx, bulletin.html
#   mujun stats --json → 290.00 亿元, +5.3 %, 260.96, 124.18, 116.72, 448/22/146 万元/亩, 5 firms, tier counts
#   mujun stats --check published.toml → the 92 % share flagged, with the arithmetic
#   mujun evaluate twice → identical JSON (reproducible); mujun tiers → runs, lists candidates
# $1 = mujun binary, $2 = repository root.
set -euo pipefail
MUJUN="$1"; ROOT="$2"
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$MUJUN" demo --out "$T/demo" > "$T/demo.log" 2>&1 || { cat "$T/demo.log"; fail "demo exited non-zero"; }
grep -q "导入报告 / import report" "$T/demo.log" || fail "no import report"
grep -q "above_scale_manufacturing" "$T/demo.log" || fail "no evaluation summary"
for f in results.xlsx bulletin.html rejects.xlsx mujun.db; do [ -s "$T/demo/$f" ] || fail "missing $f"; done
DB="$T/demo/mujun.db"

# The workbook is a valid OOXML package with the expected sheets.
python3 - "$T/demo/results.xlsx" <<'PY' || fail "results.xlsx"
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]+)"', wb)
assert names[0] == "汇总" and "评价说明" in names and "来源" in names, names
print("sheets:", names)
PY

"$MUJUN" --db "$DB" stats --year 2024 --json > "$T/stats.json"
python3 - "$T/stats.json" <<'PY' || fail "stats figures"
import json, sys
figs = {f["id"]: f for f in json.load(open(sys.argv[1]))["figures"]}
def near(fid, want, tol):
    v = figs[fid]["value"]
    assert abs(v - want) <= tol, (fid, v, want)
near("above_scale_gross_output", 290.00, 0.005)
near("above_scale_gross_output_growth", 5.3, 0.05)
near("clusters_output", 260.96, 0.005)
near("cluster_output.new_energy_storage", 124.18, 0.005)
near("cluster_output.new_materials", 116.72, 0.005)
near("above_scale_manufacturing_output_per_mu", 448, 0.5)
near("above_scale_manufacturing_tax_per_mu", 22, 0.5)
near("above_scale_manufacturing_value_added_per_mu", 146, 0.5)
near("industrial_firms_tax_over_threshold", 5, 0)
near("certificates.high_tech_enterprise", 72, 0)
near("certificates.tech_enterprise", 743, 0)
near("certificates.little_giant", 3, 0)
near("rd_expense_total", 6.38, 0.005)
near("high_tech_output_share", 47, 0.5)
near("support.support_reward", 282, 0)  # 30 reward records summed per firm (published 282 万元)
print("figures ok:", len(figs))
PY

"$MUJUN" --db "$DB" stats --year 2024 --check "$ROOT/examples/wansheng-2024/published.toml" > "$T/check.log"
grep -q "260.96 / 290" "$T/check.log" || grep -q "89.99" "$T/check.log" || fail "92 % share not shown with its arithmetic"
grep -A2 "clusters_share" "$T/check.log" | grep -q "不符" || fail "92 % share not flagged"

SCHEME="$ROOT/schemes/chongqing-default.toml"
"$MUJUN" --db "$DB" evaluate --year 2024 --scheme "$SCHEME" --json > "$T/e1.json"
"$MUJUN" --db "$DB" evaluate --year 2024 --scheme "$SCHEME" --json > "$T/e2.json"
cmp -s "$T/e1.json" "$T/e2.json" || fail "re-running the evaluation changed the result"

"$MUJUN" --db "$DB" tiers --year 2024 > "$T/tiers.log" || fail "tiers"
grep -q "高新" "$T/tiers.log" || fail "tiers printed no 高新 section"
echo "ok: example zone end to end"
