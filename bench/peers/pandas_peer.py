"""pandas peer: the benchmark evaluation (schemes/bench-huangyan-township.toml) on a DataFrame.

usage: pandas_peer.py FIRM.csv REPEAT CLASSES_OUT.csv
Loading firm.csv is timed apart ("peer_load_pandas"); the evaluation of the in-memory DataFrame is
timed REPEAT times after a first run reported apart ("peer_evaluate_pandas", first_seconds), the
same work and the same method as mujun's evaluate of an in-memory snapshot. Rules: see evaluate.sql (identical arithmetic, vectorised with numpy/pandas).
"""
import sys
import time

import numpy as np
import pandas as pd

from common import report, timed_after_warmup

# (numerator, denominator) per indicator, in the scheme's order; weights per cohort 0..3.
IND = [("tax_paid", "land_mu"), ("value_added", "land_mu"), ("value_added", "energy_tce"),
       ("value_added", "employees_avg"), ("rd_expense", "main_revenue"), ("gross_output", "land_mu")]
W = np.array([[40, 20, 10, 10, 10, 10], [30, 20, 20, 10, 10, 10], [40, 20, 15, 10, 5, 10], [50, 15, 10, 10, 5, 10]],
             dtype=float)


def evaluate(df):
    land_mu = df["land_m2"].to_numpy() * 15.0 / 10000.0
    owned = df["owned_m2"].fillna(0).to_numpy()
    leased = df["leased_m2"].fillna(0).to_numpy()
    above = df["above_scale"].to_numpy()
    cohort = np.select([(owned <= 0) & (leased > 0), above == 1, (above == 0) & (land_mu >= 3), (above == 0) & (land_mu < 3)],
                       [0, 1, 2, 3], default=-1)
    keep = cohort >= 0
    cols = {"land_mu": land_mu}
    total = np.zeros(len(df))
    for k, (num, den) in enumerate(IND):
        n = cols[num] if num in cols else df[num].to_numpy(dtype=float)
        d = cols[den] if den in cols else df[den].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            x = n / d
        x[~np.isfinite(x)] = np.nan
        has = ~np.isnan(x) & keep
        sn = np.bincount(cohort[has], weights=n[has], minlength=4)
        sd = np.bincount(cohort[has], weights=d[has], minlength=4)
        with np.errstate(divide="ignore", invalid="ignore"):
            bench = sn / sd
        r = np.minimum(x / bench[np.where(keep, cohort, 0)], 2.0)
        pts = np.where(np.isnan(x), 0.0, r * W[np.where(keep, cohort, 0), k])
        total = total + pts
    out = pd.DataFrame({"uscc": df["uscc"], "cohort": cohort, "township": df["township"],
                        "key": np.round(total * 1e6)})[keep]
    g = out.groupby(["cohort", "township"], sort=False)["key"]
    seat = (g.rank(method="min", ascending=False) - 1).to_numpy()
    n = g.transform("size").to_numpy().astype(np.int64)
    a = (n * 200000 + 500000) // 1000000
    d = (n * 50000 + 500000) // 1000000
    b = np.clip((n * 600000 + 500000) // 1000000 - a, 0, np.maximum(0, n - a - d))
    c = np.maximum(0, n - a - b - d)
    cls = np.select([seat < a, seat < a + b, seat < a + b + c], ["A", "B", "C"], default="D")
    return pd.DataFrame({"uscc": out["uscc"].to_numpy(), "class": cls})


def main(firm_csv, repeat, out):
    t0 = time.perf_counter()
    df = pd.read_csv(firm_csv, dtype={"uscc": str, "township": str})
    report("peer_load_pandas", [time.perf_counter() - t0])
    res, runs, cpu, first, first_cpu = timed_after_warmup(lambda: evaluate(df), repeat)
    report("peer_evaluate_pandas", runs, cpu, evaluated=len(res), pandas=pd.__version__,
           first_seconds=round(first, 6), first_cpu_seconds=round(first_cpu, 6))
    res.sort_values("uscc").to_csv(out, index=False)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
