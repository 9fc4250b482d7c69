#!/usr/bin/env python3
"""Hand computation of the golden cases, independent of the C++ engine.

Each case writes <case>/input.csv (and previous.csv) and <case>/expected.csv. The expected points
are the published formulas written out explicitly with exact rational arithmetic (fractions), on the
land area as the store keeps it (m² in micro-units; 1 亩 = 10000/15 m²). Classes and ranks are
stated by hand in this file (see the comments) and checked against the totals printed by --show.
Run: python3 tests/golden/compute_expected.py [--show]
"""
from fractions import Fraction as F
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
METRICS = ["tax_paid", "value_added", "revenue", "main_revenue", "energy_tce", "emissions", "employees_avg",
           "rd_expense", "electricity", "tech_upgrade_investment"]
HEAD = ["uscc", "name", "industry_code", "above_scale", "production_start_year", "land_owned_m2",
        "land_leased_m2", "flags", "certificates"] + METRICS


def m2(mu):  # 亩 → m² as stored (micro-units, rounded half up), as a decimal string
    micros = (F(mu) * F(10000, 15) * 10**6 + F(1, 2)).__floor__()
    return f"{micros // 10**6}.{micros % 10**6:06d}"


def land_mu(row):  # land as the engine sees it: stored m² × 15 / 10000
    s = F(0)
    for k in ("land_owned_m2", "land_leased_m2"):
        if row.get(k, "") != "":
            s += F(row[k])
    return s * 15 / 10000


def v(row, k):
    x = row.get(k, "")
    return None if x == "" else F(x)


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(HEAD) + "\n")
        for r in rows:
            f.write(",".join(str(r.get(h, "")) for h in HEAD) + "\n")


def write_expected(path, cols, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(cols) + "\n")
        for r in rows:
            f.write(",".join(r.get(c, "") if isinstance(r.get(c, ""), str) else f"{float(r[c]):.12f}" for c in cols) + "\n")


def ratio(n, d):
    return None if n is None or d is None or d == 0 else n / d


# ---------------------------------------------------------------------------------------------
# 黄岩 (both data years). Constants: evaluation-methods.md §3.1 (notices 2022-09-20 and 2023-09-25).
HUANGYAN = {
    2022: dict(t=F("24.097"), va=F("136.16"), e=F("2.694"), em=F("4929.81"), lp=F("18.14"), rd=F("0.0302"),
               bt=F("11.5932"), be=F("0.2352")),
    2021: dict(t=F("26.01"), va=F("132.27"), e=F("2.54"), em=F("4861.08"), lp=F("17.45"), rd=F("0.0305"),
               bt=F("16.601058"), be=F("0.236565")),
}
HY_ROWS = [
    # §6.1 worked case (total 119.453 with the 2022-data constants)
    dict(uscc="91331003MA2AAAAA01", name="甲公司（§6.1 算例）", industry_code="3311", above_scale=1,
         land_owned_m2=m2(50), tax_paid="1500", value_added="8000", energy_tce="2500", emissions="1.2",
         employees_avg="300", rd_expense="600", main_revenue="30000"),
    # no emission data → 单位排放增加值 gets the 规上 average points of that item
    dict(uscc="91331003MA2AAAAA02", name="乙公司（无排放数据）", industry_code="2929", above_scale=1,
         land_owned_m2=m2(30), tax_paid="600", value_added="3000", energy_tce="1500",
         employees_avg="150", rd_expense="90", main_revenue="9000"),
    # own 12 亩 + leased 3 亩 (leased land attributed to the user); no R&D
    dict(uscc="91331003MA2AAAAA03", name="丙公司（含租赁用地）", industry_code="3484", above_scale=1,
         land_owned_m2=m2(12), land_leased_m2=m2(3), tax_paid="300", value_added="2400", energy_tce="800",
         emissions="0.5", employees_avg="100", rd_expense="0", main_revenue="5000"),
    # 规下 §6.1 example: 10 亩, 税收 80, 用电 400 → 77.020 (2022 constants)
    dict(uscc="92331003MA2BBBBB01", name="丁厂（§6.1 规下算例）", industry_code="2438", above_scale=0,
         land_owned_m2=m2(10), tax_paid="80", electricity="400"),
    dict(uscc="92331003MA2BBBBB02", name="戊厂", industry_code="1810", above_scale=0,
         land_owned_m2=m2(6), tax_paid="30", electricity="150"),
    # 规下 without electricity data → 单位电耗税收 scores 0 (missing = "zero")
    dict(uscc="92331003MA2BBBBB03", name="己厂（无用电数据）", industry_code="2929", above_scale=0,
         land_owned_m2=m2(4.5), tax_paid="90"),
]


def huangyan_case(year):
    k = HUANGYAN[year]
    out = []
    above = [r for r in HY_ROWS if r["above_scale"] == 1]
    em_points = []
    for r in above:
        x = ratio(v(r, "value_added"), v(r, "emissions"))
        if x is not None:
            em_points.append(x / k["em"] * 10)
    em_avg = sum(em_points) / len(em_points)
    for r in HY_ROWS:
        L = land_mu(r)
        e = dict(uscc=r["uscc"])
        if r["above_scale"] == 1:
            e["cohort"] = "above_scale"
            p = {
                "tax_per_mu": v(r, "tax_paid") / L / k["t"] * 30,
                "value_added_per_mu": v(r, "value_added") / L / k["va"] * 20,
                "value_added_per_tce": v(r, "value_added") / v(r, "energy_tce") / k["e"] * 20,
                "labour_productivity": v(r, "value_added") / v(r, "employees_avg") / k["lp"] * 10,
                "rd_intensity": v(r, "rd_expense") / v(r, "main_revenue") / k["rd"] * 10,
            }
            x = ratio(v(r, "value_added"), v(r, "emissions"))
            p["value_added_per_emission"] = x / k["em"] * 10 if x is not None else em_avg
        else:
            e["cohort"] = "below_scale"
            x = ratio(v(r, "tax_paid"), v(r, "electricity"))
            p = {"tax_per_mu": v(r, "tax_paid") / L / k["bt"] * 50,
                 "tax_per_electricity": x / k["be"] * 50 if x is not None else F(0)}
        for key, val in p.items():
            e["points:" + key] = val
        e["total"] = sum(p.values())
        out.append(e)
    return out


# Classes (quota 20/40/35/5; N = 3 per cohort → seats A 1 (round 0.6), B 1 (round 1.8 − 1), C 1, D 0
# (round 0.15)); the order is by total (see --show): 规上 甲 > 丙 > 乙 in both years? see CLASSES.
def classify(rows, cohort_seats):
    by = {}
    for r in rows:
        by.setdefault(r["cohort"], []).append(r)
    for c, members in by.items():
        members.sort(key=lambda r: (-r["total"], r["uscc"]))
        seq = cohort_seats[c]
        for pos, r in enumerate(members):
            r["rank"] = str(pos + 1)
            r["class"] = seq[pos]


def main():
    show = "--show" in sys.argv
    for year in (2022, 2021):
        d = os.path.join(HERE, f"huangyan-{year}")
        os.makedirs(d, exist_ok=True)
        write_csv(os.path.join(d, "input.csv"), HY_ROWS)
        rows = huangyan_case(year)
        classify(rows, {"above_scale": "ABC", "below_scale": "ABC"})
        cols = ["uscc", "cohort", "class", "rank", "total"] + sorted({k for r in rows for k in r if k.startswith("points:")})
        write_expected(os.path.join(d, "expected.csv"), cols, rows)
        if show:
            for r in rows:
                print(year, r["uscc"], r["cohort"], float(r["total"]), r["rank"], r["class"])
    import golden_more
    golden_more.main(show)


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    main()
