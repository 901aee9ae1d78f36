#!/usr/bin/env python3
"""How much a threaded program's per-thread start, end and CPU move from run
to run on a real CPython: the spread a single measured run sits in.

Runs PROGRAM R times in fresh interpreters (threading, and multiprocessing's
pool modules when the program uses them, pre-imported as the truth harness
does), seeing every thread the way the truth harness does (a hook on
Thread._bootstrap_inner: start when the new thread first runs Python, end,
time.thread_time inside), and prints per run each thread's start-end as a
share of the run's wall time and its CPU, then per thread the range of its
start and end shares and of its CPU over the runs. Which waiter the OS wakes
when the GIL is dropped (Python/ceval_gil.c drop_gil signals a condition
variable) decides who runs next, so CPU-bound threads' ends, and the start of
a thread whose starter waits for the GIL, change from run to run; a thread
that mostly sleeps spends tens of microseconds of CPU, and which of its
kernel paths run cold (futex, timer, page faults) changes with it.

Each child also times the truth corpus's reference loop
(`for i in range(3_500_000): x = i * 2`, module level, in its own fresh
namespace) before the program, so a thread's CPU is also given in
reference-loop units (CPU / reference wall), the unit a cost table and the
simulator use. The machine's other load during each run is read from
/proc/stat (busy time of all CPUs minus the child's own CPU, as a share of
the run's wall x CPUs, as the truth harness's machine_other_busy); runs above
--max-busy are dropped from the ranges (a loaded machine moves the threads
more than CPython does by itself).

--json FILE merges {program key: {python, runs, kept, max_busy, threads:
{name: {start: [min, max], end: [min, max], cpu_ref: [min, max]}}}} into FILE
(shares of wall time; key = PROGRAM relative to --root), for tests that
accept the spread CPython itself shows.

usage: tools/bench/thread_order.py PROGRAM [--python PATH] [--repeat R] [--max-busy B] [--quiet-wait S]
                                   [--json FILE --root DIR]
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import time

PROBE = r"""
import contextlib, io, json, sys, threading, time, types
if sys.argv[2] == "1":
    import multiprocessing, multiprocessing.pool, multiprocessing.queues, multiprocessing.synchronize
    import multiprocessing.connection, multiprocessing.popen_fork
recs = []
orig = threading.Thread._bootstrap_inner
def boot(self, _pc=time.perf_counter, _tt=time.thread_time):
    s = _pc(); c = _tt()
    try:
        orig(self)
    finally:
        recs.append([self.name, s, _pc(), _tt() - c])
threading.Thread._bootstrap_inner = boot
ref = compile("for i in range(3500000):\n    x = i * 2\n", "<reference>", "exec")
r0 = time.perf_counter()
exec(ref, {"__name__": "__main__"})
ref_s = time.perf_counter() - r0
code = compile(open(sys.argv[1]).read(), sys.argv[1], "exec")
main = types.ModuleType("__main__")  # a fresh __main__, so that fork workers find the program's functions
main.__builtins__ = __builtins__
sys.modules["__main__"] = main
t0 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    exec(code, main.__dict__)
    threading._shutdown()
wall = time.perf_counter() - t0
print(json.dumps({"wall": wall, "ref": ref_s,
                  "threads": [[n, (s - t0) / wall, (e - t0) / wall, c] for n, s, e, c in recs]}))
"""


def machine_ticks():
    """(busy_s, total_s) summed over all CPUs from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    hz = os.sysconf("SC_CLK_TCK")
    busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7]
    return busy / hz, (busy + v[3] + v[4]) / hz


def children_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def quiet_wait(limit, max_busy):
    """Waits up to `limit` seconds for the machine's load (share of all CPUs
    over half a second) to drop to `max_busy`."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        a = machine_ticks()
        time.sleep(0.5)
        b = machine_ticks()
        if (b[0] - a[0]) / max(1e-9, b[1] - a[1]) <= max_busy:
            break


def run_once(python, program, mp):
    c0, m0 = children_cpu(), machine_ticks()
    out = subprocess.run([python, "-s", "-c", PROBE, program, "1" if mp else "0"], capture_output=True, text=True,
                         check=True).stdout
    c1, m1 = children_cpu(), machine_ticks()
    total = m1[1] - m0[1]
    other = max(0.0, (m1[0] - m0[0]) - (c1 - c0)) / total if total > 0 else 0.0
    run = json.loads(out)
    run["busy"] = other
    return run


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("program")
    ap.add_argument("--python", default="python3")
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--max-busy", type=float, default=0.10,
                    help="drop runs during which other processes used more than this share of the machine")
    ap.add_argument("--quiet-wait", type=float, default=0.0,
                    help="before each run, wait up to this many seconds for the machine's load to drop")
    ap.add_argument("--json", help="merge the ranges into this file")
    ap.add_argument("--root", default=".", help="program keys in --json are relative to this folder")
    a = ap.parse_args()
    mp = "multiprocessing" in open(a.program).read()
    spans = {}
    kept = 0
    version = subprocess.run([a.python, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True,
                             text=True, check=True).stdout.strip()
    for _ in range(a.repeat):
        quiet_wait(a.quiet_wait, max(0.25, a.max_busy))
        run = run_once(a.python, a.program, mp)
        quiet = run["busy"] <= a.max_busy
        kept += quiet
        row = []
        for name, s, e, c in sorted(run["threads"]):
            if quiet:
                spans.setdefault(name, []).append((s, e, c / run["ref"]))
            row.append("%s %3.0f-%3.0f%% cpu %.3f ms" % (name, s * 100, e * 100, c * 1e3))
        print("wall %6.1f ms ref %5.1f ms busy %4.2f%s: %s" % (run["wall"] * 1e3, run["ref"] * 1e3, run["busy"],
                                                           "" if quiet else " (dropped)", "; ".join(row)))
        time.sleep(0.2)
    ranges = {}
    for name, v in sorted(spans.items()):
        ss = [x[0] for x in v]
        es = [x[1] for x in v]
        cs = [x[2] for x in v]
        ranges[name] = {"start": [min(ss), max(ss)], "end": [min(es), max(es)], "cpu_ref": [min(cs), max(cs)]}
        print("%s: start %.0f-%.0f%% of wall, end %.0f-%.0f%%, cpu %.5f-%.5f reference loops (median %.5f) over %d"
              " runs" % (name, min(ss) * 100, max(ss) * 100, min(es) * 100, max(es) * 100, min(cs), max(cs),
                         statistics.median(cs), len(v)))
    print("%s: %d of %d runs kept (other load <= %.2f)" % (version, kept, a.repeat, a.max_busy))
    if a.json and kept:
        data = json.load(open(a.json)) if os.path.exists(a.json) else {}
        key = os.path.relpath(os.path.abspath(a.program), os.path.abspath(a.root))
        data[key] = {"python": version, "runs": a.repeat, "kept": kept, "max_busy": a.max_busy, "threads": ranges}
        with open(a.json, "w") as f:
            json.dump(data, f, indent=1, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
