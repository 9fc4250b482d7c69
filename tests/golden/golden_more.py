"""Golden cases for the min–max scheme (旌德 formula) and 淮安 2024 (2 × previous-year mean).
Called by compute_expected.py; same conventions."""
from fractions import Fraction as F
import os
from compute_expected import HERE, m2, land_mu, v, ratio, write_csv, write_expected

# ---------------------------------------------------------------------------------------------
# 旌德 min–max: 单项得分 = w × [20 + 80 × (x − min)/(max − min)] / 100 over the cohort's firms with a
# value; weights of schemes/jingde-minmax.toml (examples); missing → 0 points.
JD_ROWS = [
    dict(uscc="91341825MA2CCCCC01", name="旌甲", industry_code="3130", above_scale=1, land_owned_m2=m2(30),
         tax_paid="450", revenue="9000", tech_upgrade_investment="300", value_added="2500", employees_avg="120",
         emissions="2", rd_expense="270", energy_tce="1500"),
    dict(uscc="91341825MA2CCCCC02", name="旌乙", industry_code="2641", above_scale=1, land_owned_m2=m2(60),
         tax_paid="600", revenue="30000", tech_upgrade_investment="1200", value_added="6000", employees_avg="400",
         emissions="10", rd_expense="450", energy_tce="6000"),
    # no 技术改造投资 data → that indicator scores 0 and is left out of min/max
    dict(uscc="91341825MA2CCCCC03", name="旌丙（无技改数据）", industry_code="1713", above_scale=1,
         land_owned_m2=m2(15), tax_paid="90", revenue="2400", value_added="500", employees_avg="60",
         emissions="1.5", rd_expense="12", energy_tce="800"),
    dict(uscc="91341825MA2CCCCC04", name="旌丁", industry_code="3360", above_scale=1, land_owned_m2=m2(9),
         tax_paid="180", revenue="3000", tech_upgrade_investment="50", value_added="900", employees_avg="45",
         emissions="0.4", rd_expense="120", energy_tce="300"),
    dict(uscc="92341825MA2DDDDD01", name="旌戊（规下 6 亩）", industry_code="2110", above_scale=0,
         land_owned_m2=m2(6), tax_paid="24", revenue="600", emissions="0.3", energy_tce="100"),
    dict(uscc="92341825MA2DDDDD02", name="旌己（规下 7.5 亩）", industry_code="2110", above_scale=0,
         land_owned_m2=m2(7.5), tax_paid="15", revenue="900", emissions="0.2", energy_tce="200"),
    # 规下 < 5 亩: in no cohort, not evaluated
    dict(uscc="92341825MA2DDDDD03", name="旌庚（规下 3 亩，不参评）", industry_code="2110", above_scale=0,
         land_owned_m2=m2(3), tax_paid="9", revenue="100", emissions="0.1", energy_tce="20"),
]
JD_IND = {
    "tax_per_mu": lambda r: ratio(v(r, "tax_paid"), land_mu(r)),
    "revenue_per_mu": lambda r: ratio(v(r, "revenue"), land_mu(r)),
    "tech_upgrade_per_mu": lambda r: ratio(v(r, "tech_upgrade_investment"), land_mu(r)),
    "labour_productivity": lambda r: ratio(v(r, "value_added"), v(r, "employees_avg")),
    "revenue_per_emission": lambda r: ratio(v(r, "revenue"), v(r, "emissions")),
    "rd_intensity": lambda r: ratio(v(r, "rd_expense"), v(r, "revenue")),
    "revenue_per_tce": lambda r: ratio(v(r, "revenue"), v(r, "energy_tce")),
}
JD_W = {
    "above_scale": dict(tax_per_mu=30, revenue_per_mu=20, tech_upgrade_per_mu=10, labour_productivity=10,
                        revenue_per_emission=10, rd_intensity=10, revenue_per_tce=10),
    "below_scale_5mu": dict(tax_per_mu=50, revenue_per_tce=25, revenue_per_emission=25),
}


def jingde():
    groups = {"above_scale": [r for r in JD_ROWS if r["above_scale"] == 1],
              "below_scale_5mu": [r for r in JD_ROWS if r["above_scale"] == 0 and land_mu(r) >= 5]}
    out = []
    for c, members in groups.items():
        pts = {r["uscc"]: {} for r in members}
        for ind, w in JD_W[c].items():
            xs = {r["uscc"]: JD_IND[ind](r) for r in members}
            have = [x for x in xs.values() if x is not None]
            lo, hi = min(have), max(have)
            for u, x in xs.items():
                pts[u][ind] = F(0) if x is None else F(w) * (20 + 80 * (x - lo) / (hi - lo)) / 100
        for r in members:
            e = dict(uscc=r["uscc"], cohort=c, total=sum(pts[r["uscc"]].values()))
            for ind, p in pts[r["uscc"]].items():
                e["points:" + ind] = p
            out.append(e)
    # seats 25/45/25/5: N = 4 → A round(1.0)=1, D round(0.2)=0, B round(2.8)−1 = 2, C 1 → A B B C;
    # N = 2 → A round(0.5)=1 (half up), D 0, B round(1.4)−1 = 0, C 1 → A C.
    seq = {"above_scale": "ABBC", "below_scale_5mu": "AC"}
    for c in seq:
        m = sorted([e for e in out if e["cohort"] == c], key=lambda e: (-e["total"], e["uscc"]))
        for pos, e in enumerate(m):
            e["rank"], e["class"] = str(pos + 1), seq[c][pos]
    out.append(dict(uscc="92341825MA2DDDDD03", cohort="", **{"class": ""}))
    return out


# ---------------------------------------------------------------------------------------------
# 淮安 2024: 得分 = Σ x / (2 × previous-year pool mean) × w + bonus; w 45/35/20; mean = Σnum/Σden over
# the 2023 pool (规上 + 规下 ≥ 3 亩, without T firms).
def H(u, name, code, above, mu, tax, rev, tce, start=0, flags="", certs=""):
    return dict(uscc=u, name=name, industry_code=code, above_scale=above, land_owned_m2=m2(mu), tax_paid=tax,
                revenue=rev, energy_tce=tce, production_start_year=start or "", flags=flags, certificates=certs)


HA_2024 = [
    H("91320800MA2EEEEE01", "淮甲（高新技术企业 +2）", "3981", 1, 30, "900", "15000", "3000",
      certs="high_tech_enterprise@national@2022-11-01@2025-10-31"),
    H("91320800MA2EEEEE02", "淮乙", "3311", 1, 60, "600", "24000", "8000"),
    H("92320800MA2EEEEE03", "淮丙（规下 6 亩）", "2929", 0, 6, "60", "1500", "200"),
    H("92320800MA2EEEEE04", "淮丁（规下 1.5 亩，不参评）", "2929", 0, 1.5, "20", "300", "30"),
    H("91320800MA2EEEEE05", "淮戊（供电，T 类）", "4420", 1, 45, "2000", "30000", "50000"),
    H("91320800MA2EEEEE06", "淮己（2023 年投产，T 类）", "3670", 1, 15, "100", "2000", "500", start=2023),
    H("91320800MA2EEEEE07", "淮庚（重大安全事故，D）", "2614", 1, 24, "1200", "20000", "2500",
      flags="major_safety_accident"),
    H("91320800MA2EEEEE08", "淮辛", "3130", 1, 9, "150", "4000", "700"),
]
HA_2023 = [
    H("91320800MA2EEEEE01", "淮甲（高新技术企业 +2）", "3981", 1, 30, "800", "14000", "2900"),
    H("91320800MA2EEEEE02", "淮乙", "3311", 1, 60, "500", "22000", "7800"),
    H("92320800MA2EEEEE03", "淮丙（规下 6 亩）", "2929", 0, 6, "50", "1400", "190"),
    H("92320800MA2EEEEE04", "淮丁（规下 1.5 亩，不参评）", "2929", 0, 1.5, "18", "280", "28"),
    H("91320800MA2EEEEE05", "淮戊（供电，T 类）", "4420", 1, 45, "1900", "29000", "49000"),
    H("91320800MA2EEEEE06", "淮己（2023 年投产，T 类）", "3670", 1, 15, "10", "200", "100", start=2023),
    H("91320800MA2EEEEE07", "淮庚（重大安全事故，D）", "2614", 1, 24, "1000", "18000", "2400"),
    H("91320800MA2EEEEE08", "淮辛", "3130", 1, 9, "120", "3600", "650"),
]
HA_POOL_2023 = ["91320800MA2EEEEE01", "91320800MA2EEEEE02", "92320800MA2EEEEE03", "91320800MA2EEEEE07",
                "91320800MA2EEEEE08"]  # 戊 (4420, utility) and 己 (投产 2023: 0 years) are T in 2023


def huaian():
    prev = [r for r in HA_2023 if r["uscc"] in HA_POOL_2023]
    S = lambda rows, k: sum(v(r, k) for r in rows)
    L = lambda rows: sum(land_mu(r) for r in rows)
    B = {"tax_per_mu": 2 * S(prev, "tax_paid") / L(prev),
         "revenue_per_mu": 2 * S(prev, "revenue") / L(prev),
         "tax_per_tce": 2 * S(prev, "tax_paid") / S(prev, "energy_tce")}
    W = {"tax_per_mu": 45, "revenue_per_mu": 35, "tax_per_tce": 20}
    out = []
    for r in HA_2024:
        if r["above_scale"] == 0 and land_mu(r) < 3:
            out.append(dict(uscc=r["uscc"], cohort="", **{"class": ""}))
            continue
        x = {"tax_per_mu": v(r, "tax_paid") / land_mu(r), "revenue_per_mu": v(r, "revenue") / land_mu(r),
             "tax_per_tce": v(r, "tax_paid") / v(r, "energy_tce")}
        e = dict(uscc=r["uscc"], cohort="pool")
        for k in W:
            e["points:" + k] = x[k] / B[k] * W[k]
        bonus = 2 if "high_tech" in r["certificates"] else 0
        e["total"] = sum(e["points:" + k] for k in W) + bonus
        out.append(e)
    members = sorted([e for e in out if e["cohort"]], key=lambda e: (-e["total"], e["uscc"]))
    for pos, e in enumerate(members):
        e["rank"] = str(pos + 1)
    special = {"91320800MA2EEEEE05": "T", "91320800MA2EEEEE06": "T", "91320800MA2EEEEE07": "D"}
    pool = [e for e in members if e["uscc"] not in special]
    # N = 4: A round(0.8)=1, D round(0.2)=0, B round(2.4)−1 = 1, C 2 → A B C C
    for e, k in zip(pool, "ABCC"):
        e["class"] = k
    for e in members:
        e.setdefault("class", special.get(e["uscc"], ""))
    return out, B


def main(show):
    d = os.path.join(HERE, "jingde-minmax")
    os.makedirs(d, exist_ok=True)
    write_csv(os.path.join(d, "input.csv"), JD_ROWS)
    rows = jingde()
    cols = ["uscc", "cohort", "class", "rank", "total"] + sorted({k for r in rows for k in r if k.startswith("points:")})
    write_expected(os.path.join(d, "expected.csv"), cols, rows)
    d = os.path.join(HERE, "huaian-2024")
    os.makedirs(d, exist_ok=True)
    write_csv(os.path.join(d, "input.csv"), HA_2024)
    write_csv(os.path.join(d, "previous.csv"), HA_2023)
    rows, B = huaian()
    cols = ["uscc", "cohort", "class", "rank", "total"] + sorted({k for r in rows for k in r if k.startswith("points:")})
    write_expected(os.path.join(d, "expected.csv"), cols, rows)
    with open(os.path.join(d, "benchmarks.csv"), "w") as f:
        f.write("indicator,benchmark\n")
        for k, b in B.items():
            f.write(f"{k},{float(b):.12f}\n")
    if show:
        for name, rs in (("jingde", jingde()), ("huaian", huaian()[0])):
            for r in rs:
                print(name, r["uscc"], r.get("cohort"), float(r.get("total", 0)), r.get("rank"), r.get("class"))
        print("huaian benchmarks", {k: float(b) for k, b in B.items()})
