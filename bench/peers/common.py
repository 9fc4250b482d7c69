"""Shared helpers of the peer scripts: timing, peak memory, result lines like mujun-bench's."""
import json
import resource
import statistics
import sys
import time


def peak_rss_mib():
    """Peak resident set of this process (and waited-for children are not included), MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def report(step, runs, cpu=None, **extra):
    """Prints one JSON line: step, median wall seconds, every run, median CPU seconds (user + system of
    this process, when given), peak RSS, extra members."""
    line = {"step": step, "seconds": round(statistics.median(runs), 6), "runs": [round(r, 6) for r in runs]}
    if cpu:
        line["cpu_seconds"] = round(statistics.median(cpu), 6)
    line["peak_rss_mib"] = round(peak_rss_mib(), 1)
    line.update(extra)
    print(json.dumps(line, ensure_ascii=False))
    sys.stdout.flush()


def timed(fn, repeat):
    """Runs fn() `repeat` times; returns (last result, wall seconds per run, CPU seconds per run)."""
    runs, cpu, out = [], [], None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        runs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return out, runs, cpu


def timed_after_warmup(fn, repeat):
    """One untimed-for-the-median first run of fn() (its wall and CPU seconds returned apart), then
    `repeat` timed runs: returns (last result, wall seconds per run, CPU seconds per run, first wall,
    first CPU). The evaluations of mujun and of its peers are timed this way (docs/PERFORMANCE.md
    "Method"): the first call of a process also pays for fresh memory and code paths."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    first, first_cpu = time.perf_counter() - t0, time.process_time() - c0
    out, runs, cpu = timed(fn, repeat)
    return out, runs, cpu, first, first_cpu


def port_in_use(port, host="127.0.0.1"):
    """True when a socket already listens on (or is bound to) host:port — binding it the way a server
    does (SO_REUSEADDR, so a TIME_WAIT remnant does not count) fails with "address in use"."""
    import errno
    import socket
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((host, port))
        return False
    except OSError as e:
        if e.errno in (errno.EADDRINUSE, errno.EACCES):
            return True
        raise
    finally:
        s.close()


def port_in_use_message(port):
    """The user message for a taken port (scripts/bench --port chooses another)."""
    return f"端口 {port} 已被占用，请用 --port 换一个 / port {port} is in use: choose another with --port"
