"""The peers' input: one row per enterprise, in mujun's canonical units, from gen-zone's agency CSVs.

usage: prepare.py CSV_DIR OUT.csv

Reads registry.csv, statistics-2024.csv, tax-2024.csv (GBK) and land-parcels.csv as an analyst
would with pandas, converts units exactly as mujun's importer does (千元 → 万元 ÷ 10, 元 → 万元
÷ 10000; money kept exact through integer cents, land summed in 0.01 m² integers) and writes
firm.csv: uscc, township, above_scale, owned_m2, leased_m2, land_m2, tax_paid, gross_output,
main_revenue, value_added, rd_expense, energy_tce, employees_avg (empty = missing). This is the
peers' equivalent of mujun's snapshot (Store::snapshot); its time is reported as "peer_prepare".
"""
import sys
import time

import pandas as pd

from common import report


def cents(series):
    """Decimal text with at most 2 decimals → integer hundredths (exact); missing stays missing."""
    s = series.astype("string").str.strip()
    parts = s.str.split(".", n=1, expand=True)
    whole = parts[0].astype("Int64")
    frac = parts[1].fillna("").str.ljust(2, "0").replace("", "00") if 1 in parts else "00"
    return whole * 100 + pd.Series(frac, index=s.index).astype("Int64")


def main(src, out):
    t0 = time.perf_counter()
    reg = pd.read_csv(f"{src}/registry.csv", dtype=str)
    st = pd.read_csv(f"{src}/statistics-2024.csv", dtype=str)
    tax = pd.read_csv(f"{src}/tax-2024.csv", dtype=str, encoding="gb18030")
    land = pd.read_csv(f"{src}/land-parcels.csv", dtype=str)
    f = pd.DataFrame({"uscc": reg["统一社会信用代码"], "township": reg["所在镇街"]})
    s = pd.DataFrame({"uscc": st["统一社会信用代码"]})
    s["above_scale"] = (st["是否规上"] == "是").astype(int)
    num = lambda c: pd.to_numeric(st[c], errors="coerce")  # "—" → missing
    s["gross_output"] = num("工业总产值(当年价格)(千元)") / 10
    s["main_revenue"] = num("主营业务收入（千元）") / 10
    s["value_added"] = num("工业增加值（万元）")
    s["rd_expense"] = num("R&D经费支出（万元）")
    s["energy_tce"] = num("综合能源消费量(吨标准煤)")
    s["employees_avg"] = num("从业人员平均人数(人)")
    t = pd.DataFrame({"uscc": tax["纳税人识别号"]})
    t["tax_paid"] = cents(tax["实缴税金(元)"]).astype("float64") / 1e6  # 1 分 = 1e-6 万元
    land["c"] = cents(land["宗地面积（平方米）"])
    land["owned"] = land["权属"] == "自有"
    g = land.groupby(["统一社会信用代码", "owned"])["c"].sum().unstack()
    parcels = pd.DataFrame(index=g.index)
    owned = g[True] if True in g else pd.Series(pd.NA, index=g.index, dtype="Int64")
    leased = g[False] if False in g else pd.Series(pd.NA, index=g.index, dtype="Int64")
    parcels["owned_m2"] = owned.astype("float64") / 100
    parcels["leased_m2"] = leased.astype("float64") / 100
    parcels["land_m2"] = owned.fillna(0).add(leased.fillna(0)).astype("float64") / 100
    parcels.index.name = "uscc"
    f = f.merge(s, on="uscc", how="left").merge(t, on="uscc", how="left").merge(parcels.reset_index(), on="uscc", how="left")
    cols = ["uscc", "township", "above_scale", "owned_m2", "leased_m2", "land_m2", "tax_paid", "gross_output",
            "main_revenue", "value_added", "rd_expense", "energy_tce", "employees_avg"]
    f[cols].to_csv(out, index=False, float_format="%.17g")
    report("peer_prepare_pandas", [time.perf_counter() - t0], enterprises=len(f))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
