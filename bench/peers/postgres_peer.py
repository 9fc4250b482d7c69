"""PostgreSQL 15 peer: a private cluster on 127.0.0.1, firm.csv loaded with COPY, evaluate.sql timed.

usage: postgres_peer.py FIRM.csv WORKDIR PORT REPEAT CLASSES_OUT.csv
       postgres_peer.py --check-port PORT     (exit 1 with a message when 127.0.0.1:PORT is taken)

First checks that 127.0.0.1:PORT is free (else: "端口 PORT 已被占用，请用 --port 换一个 / port PORT is
in use: choose another with --port", exit 1). Runs initdb/pg_ctl from /usr/lib/postgresql/15/bin as the
"postgres" user when started as root (root cannot run postgres), in WORKDIR (created, owned by that
user), listening on 127.0.0.1:PORT only. On every path — success, a failed initdb, start, load or
query, Ctrl-C or SIGTERM — the cluster is stopped when it was started and WORKDIR is deleted. A failure
prints the failed command, its exit code and the end of its output (and of the server log) on stderr
and exits 1, without a traceback. Settings: shared_buffers 2GB, work_mem 512MB (window
sorts of 1,000,000 rows stay in memory), everything else default (parallel workers 2, JIT on).
The evaluation time is psql's \\timing of the CREATE TEMP TABLE statement (server-side execution plus
the round trip); its CPU time is the session backend's utime + stime (/proc/PID/stat) around it: the
CPU of parallel workers, if the planner starts any, is not included. Peak memory: VmHWM of the
session's backend process, read by pg_read_file.
"""
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import time

from common import port_in_use, port_in_use_message, report

BIN = "/usr/lib/postgresql/15/bin"


class Failed(Exception):
    """A failure already explained to the user (message in str())."""


def as_pg(args, **kw):
    """Runs args as the postgres user when we are root."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + args
    return subprocess.run(args, check=True, text=True, capture_output=True, **kw)


def tail(text, lines=15):
    return "\n".join((text or "").strip().splitlines()[-lines:])


def main(firm_csv, work, port, repeat, out):
    work = os.path.abspath(work)
    data, sock, log = os.path.join(work, "data"), os.path.join(work, "sock"), os.path.join(work, "log")
    try:
        if port_in_use(port):
            raise Failed(port_in_use_message(port))
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(sock)
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            for p in (work, sock):
                os.chown(p, pw.pw_uid, pw.pw_gid)
        as_pg([f"{BIN}/initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"])
        opts = (f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c shared_buffers=2GB -c work_mem=512MB "
                "-c fsync=off")
        as_pg([f"{BIN}/pg_ctl", "-D", data, "-l", log, "-w", "-o", opts, "start"])
        psql = [f"{BIN}/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
                "-d", "postgres"]
        cols = ("uscc text PRIMARY KEY, township text, above_scale integer, owned_m2 float8, leased_m2 float8, "
                "land_m2 float8, tax_paid float8, gross_output float8, main_revenue float8, value_added float8, "
                "rd_expense float8, energy_tce float8, employees_avg float8")
        t0 = time.perf_counter()
        as_pg(psql, input=f"CREATE TABLE firm ({cols});\n\\copy firm FROM '{os.path.abspath(firm_csv)}' CSV HEADER\n"
                          "VACUUM ANALYZE firm;\n")
        report("peer_load_postgres", [time.perf_counter() - t0])
        sql = open(os.path.join(os.path.dirname(__file__), "evaluate.sql"), encoding="utf-8").read()
        sql = sql.replace("DROP TABLE IF EXISTS cls;\n", "")
        res_file = os.path.join(work, "cls.csv")
        cpu = ("SELECT 'CPU ' || split_part(s, ' ', 12) || ' ' || split_part(s, ' ', 13) FROM "
               "(SELECT split_part(pg_read_file('/proc/' || pg_backend_pid() || '/stat'), ') ', 2) AS s) x;\n")
        script = "\\pset tuples_only on\n\\pset format unaligned\nSELECT 1;\n"  # warm the session
        script += "DROP TABLE IF EXISTS cls;\n" + sql  # a first run, not timed (as mujun's and pandas')
        for _ in range(repeat):
            script += "DROP TABLE IF EXISTS cls;\n" + cpu + "\\timing on\n" + sql + "\\timing off\n" + cpu
        script += ("SELECT 'VmHWM ' || substring(pg_read_file('/proc/' || pg_backend_pid() || '/status') "
                   "from 'VmHWM:\\s+(\\d+) kB');\n"
                   f"\\copy (SELECT uscc, class FROM cls ORDER BY uscc) TO '{res_file}' CSV HEADER\n"
                   "SELECT 'N ' || count(*) FROM cls;\n")
        r = as_pg(psql, input=script)
        runs = [float(m) / 1000.0 for m in re.findall(r"Time: ([0-9.]+) ms", r.stdout)]
        ticks = [int(a) + int(b) for a, b in re.findall(r"CPU (\d+) (\d+)", r.stdout)]
        hz = os.sysconf("SC_CLK_TCK")
        cpu_runs = [(ticks[2 * k + 1] - ticks[2 * k]) / hz for k in range(len(ticks) // 2)]
        hwm = re.search(r"VmHWM (\d+)", r.stdout)
        n = re.search(r"N (\d+)", r.stdout)
        version = as_pg(psql + ["-t", "-A", "-c", "SHOW server_version"]).stdout.strip()
        report("peer_evaluate_postgres", runs, cpu_runs, evaluated=int(n.group(1)) if n else 0, postgres=version,
               backend_peak_rss_mib=round(int(hwm.group(1)) / 1024.0, 1) if hwm else None)
        shutil.copyfile(res_file, out)
    except subprocess.CalledProcessError as e:
        msg = (f"命令失败（退出码 {e.returncode}）/ command failed (exit code {e.returncode}): {' '.join(e.cmd)}\n"
               f"{tail(e.stderr) or tail(e.stdout)}")
        if os.path.exists(log):
            with open(log, encoding="utf-8", errors="replace") as fh:
                msg += f"\n服务器日志末尾 / end of the server log:\n{tail(fh.read())}"
        raise Failed(msg) from None
    finally:
        stop(data)
        shutil.rmtree(work, ignore_errors=True)


def stop(data):
    """Stops the cluster of `data` when it runs (postmaster.pid present, e.g. also after a pg_ctl start
    that timed out); a failure to stop is reported, never raised over the first error."""
    if not os.path.exists(os.path.join(data, "postmaster.pid")):
        return
    try:
        as_pg([f"{BIN}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"])
    except (subprocess.CalledProcessError, OSError) as e:
        print(f"postgres_peer: 停止 PostgreSQL 失败 / could not stop PostgreSQL in {data}: {e}", file=sys.stderr)


if __name__ == "__main__":
    # SIGTERM (e.g. the bench being stopped) unwinds like Ctrl-C, so the finally above stops the cluster
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        if len(sys.argv) == 3 and sys.argv[1] == "--check-port":
            if port_in_use(int(sys.argv[2])):
                print(f"scripts/bench: {port_in_use_message(sys.argv[2])}", file=sys.stderr)
                sys.exit(1)
            sys.exit(0)
        if len(sys.argv) != 6:
            print(__doc__, file=sys.stderr)
            sys.exit(2)
        main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    except Failed as e:
        print(f"postgres_peer: PostgreSQL 对比失败 / PostgreSQL peer failed: {e}", file=sys.stderr)
        sys.exit(1)
