"""XLSX reading peers on one workbook: openpyxl (read-only mode) and orcus (orcus-xlsx -f csv).

usage: xlsx_peers.py FILE.xlsx REPEAT SUM_COL WORKDIR [openpyxl|orcus ...]

Each peer reads every row of every sheet; the check values are the data rows (header excluded) and
the sum of the numbers in column SUM_COL (0-based), compared by scripts/bench with mujun-bench read.
openpyxl runs in this process (peak RSS of the process); orcus-xlsx runs as a child under
/usr/bin/time (its own peak RSS, wall seconds). orcus writes one CSV per sheet into WORKDIR; note that
orcus 0.17 leaves inline strings (<is>, what libxlsxwriter's constant-memory mode writes) empty, so
its text columns come out blank: its row count and numbers are still checked. orcus-xlsx 0.17 also
exits with status 1 after a complete conversion, so its output, not its status, is checked.
"""
import csv
import os
import shutil
import subprocess
import sys
import time

from common import report, timed


def openpyxl_read(path, col):
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows, total = 0, 0.0
    for ws in wb.worksheets:
        first = True
        for r in ws.iter_rows(values_only=True):
            if first:
                first = False
                continue
            rows += 1
            v = r[col] if col < len(r) else None
            if isinstance(v, (int, float)):
                total += v
            elif isinstance(v, str):
                try:
                    total += float(v)
                except ValueError:
                    pass
    wb.close()
    return rows, total


def orcus_read(path, col, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    t0 = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "MAXRSS %M CPU %U %S", "orcus-xlsx", "-f", "csv", "-o", work, path],
                       capture_output=True, text=True, check=False)
    secs = time.perf_counter() - t0
    if not os.listdir(work):  # orcus-xlsx 0.17 exits 1 even after writing every sheet: judge by the output
        raise RuntimeError(f"orcus-xlsx wrote nothing (exit {r.returncode}): {r.stderr.strip()}")
    stat = r.stderr.rsplit("MAXRSS ", 1)[1].split()
    rss, cpu = int(stat[0]) / 1024.0, float(stat[2]) + float(stat[3])
    rows, total = 0, 0.0
    for name in sorted(os.listdir(work)):
        with open(os.path.join(work, name), newline="", encoding="utf-8", errors="replace") as fh:
            first = True
            for rec in csv.reader(fh):
                if first:
                    first = False
                    continue
                rows += 1
                try:
                    total += float(rec[col])
                except (ValueError, IndexError):
                    pass
    return rows, total, secs, rss, cpu


def main(path, repeat, col, work, peers):
    for p in peers:
        if p == "openpyxl":
            (rows, total), runs, cpu = timed(lambda: openpyxl_read(path, col), repeat)
            import openpyxl
            report("peer_read_xlsx_openpyxl", runs, cpu, rows=rows, sum=round(total, 2), openpyxl=openpyxl.__version__)
        elif p == "orcus":
            runs, cpus, rss = [], [], 0.0
            for _ in range(repeat):
                rows, total, secs, r, c = orcus_read(path, col, work)
                runs.append(secs)
                cpus.append(c)
                rss = max(rss, r)
            line_rss = {"orcus_peak_rss_mib": round(rss, 1)}
            report("peer_read_xlsx_orcus", runs, cpus, rows=rows, sum=round(total, 2), **line_rss)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5:] or ["openpyxl", "orcus"])
