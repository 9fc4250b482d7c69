"""SQLite peer: loads firm.csv into a SQLite database, then times evaluate.sql (median of R runs).

usage: sqlite_peer.py FIRM.csv DB REPEAT CLASSES_OUT.csv
Uses Debian's python3 sqlite3 module (the system libsqlite3, the same library mujun links).
"""
import csv
import os
import sqlite3
import sys
import time

from common import report, timed_after_warmup

COLS = ["uscc", "township", "above_scale", "owned_m2", "leased_m2", "land_m2", "tax_paid", "gross_output",
        "main_revenue", "value_added", "rd_expense", "energy_tce", "employees_avg"]


def main(firm_csv, db, repeat, out):
    for ext in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + ext):
            os.remove(db + ext)
    t0 = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE firm (uscc TEXT PRIMARY KEY, township TEXT, above_scale INTEGER, " +
                ", ".join(f"{c} REAL" for c in COLS[3:]) + ")")
    with open(firm_csv, newline="", encoding="utf-8") as fh:
        rows = csv.reader(fh)
        next(rows)
        conv = lambda r: [r[0], r[1], int(r[2]) if r[2] else None] + [float(v) if v else None for v in r[3:]]
        con.executemany(f"INSERT INTO firm VALUES ({','.join('?' * len(COLS))})", (conv(r) for r in rows))
    con.commit()
    report("peer_load_sqlite", [time.perf_counter() - t0])
    sql = open(os.path.join(os.path.dirname(__file__), "evaluate.sql"), encoding="utf-8").read()
    _, runs, cpu, first, first_cpu = timed_after_warmup(lambda: con.executescript(sql), repeat)
    n = con.execute("SELECT COUNT(*) FROM cls").fetchone()[0]
    report("peer_evaluate_sqlite", runs, cpu, evaluated=n, sqlite=sqlite3.sqlite_version,
           first_seconds=round(first, 6), first_cpu_seconds=round(first_cpu, 6))
    with open(out, "w", newline="") as fh:
        fh.write("uscc,class\n")
        for u, k in con.execute("SELECT uscc, class FROM cls ORDER BY uscc"):
            fh.write(f"{u},{k}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])
