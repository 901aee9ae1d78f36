#!/usr/bin/env python3
"""How much a threaded program's per-thread start and end move from run to
run on a real CPython: the spread a single measured run sits in.

Runs PROGRAM R times in fresh interpreters (threading pre-imported), seeing
every thread the way the truth harness does (a hook on
Thread._bootstrap_inner: start when the new thread first runs Python, end,
time.thread_time inside), and prints per run each thread's start-end as a
share of the run's wall time and its CPU, then per thread the range of its
start and end shares over the runs. Which waiter the OS wakes when the GIL
is dropped (Python/ceval_gil.c drop_gil signals a condition variable) decides
who runs next, so CPU-bound threads' ends, and the start of a thread whose
starter waits for the GIL, change from run to run.

usage: tools/bench/thread_order.py PROGRAM [--python PATH] [--repeat R]
"""
import argparse
import json
import subprocess

PROBE = r"""
import contextlib, io, json, sys, threading, time
recs = []
orig = threading.Thread._bootstrap_inner
def boot(self, _pc=time.perf_counter, _tt=time.thread_time):
    s = _pc(); c = _tt()
    try:
        orig(self)
    finally:
        recs.append([self.name, s, _pc(), _tt() - c])
threading.Thread._bootstrap_inner = boot
code = compile(open(sys.argv[1]).read(), sys.argv[1], "exec")
t0 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    exec(code, {"__name__": "__main__"})
wall = time.perf_counter() - t0
print(json.dumps({"wall": wall, "threads": [[n, (s - t0) / wall, (e - t0) / wall, c] for n, s, e, c in recs]}))
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("program")
    ap.add_argument("--python", default="python3")
    ap.add_argument("--repeat", type=int, default=10)
    a = ap.parse_args()
    spans = {}
    for _ in range(a.repeat):
        run = json.loads(subprocess.run([a.python, "-s", "-c", PROBE, a.program], capture_output=True, text=True,
                                        check=True).stdout)
        row = []
        for name, s, e, c in sorted(run["threads"]):
            spans.setdefault(name, []).append((s, e))
            row.append("%s %3.0f-%3.0f%% cpu %.1f ms" % (name, s * 100, e * 100, c * 1e3))
        print("wall %6.1f ms: %s" % (run["wall"] * 1e3, "; ".join(row)))
    for name, v in sorted(spans.items()):
        ss = [x[0] * 100 for x in v]
        es = [x[1] * 100 for x in v]
        print("%s: start %.0f-%.0f%% of wall, end %.0f-%.0f%% over %d runs" % (
            name, min(ss), max(ss), min(es), max(es), len(v)))


if __name__ == "__main__":
    main()
