#!/usr/bin/env python3
"""The CPU a new thread spends in its own bootstrap, and the extra the first
thread of a process pays.

A process's first thread runs C and Python code nobody has run yet in that
process: Modules/_threadmodule.c thread_run and the thread-state set-up,
the pages of libpython holding them (first-touch page faults on code pages),
Thread._bootstrap_inner's bytecode and the threading functions it calls
(Lib/threading.py: _set_ident, _set_tstate_lock, _started.set, the _active
bookkeeping) whose code objects and inline caches are warmed for the first
time. The threads after it find all of that warm.

Each repeat is a fresh interpreter (threading pre-imported, as the truth
harness does) that starts 16 threads one after the other and joins them, in
three shapes: the target returns at once (`nop`), sleeps 50 ms first
(`sleep`: the GIL is dropped and taken again around the sleep), or sleeps
after a no-op thread has been started and joined (`warm-sleep`: whether the
extra belongs to the process's first thread or to the first sleeper). Every
thread's CPU is taken the way the truth harness takes it: a hook on
Thread._bootstrap_inner reading time.thread_time before and after. Prints per
shape the median over repeats of each thread's CPU, the first thread's extra
(thread 0 minus the median of threads 8-15) and the same in reference-loop
iterations, over all runs and over the quiet runs (the truth corpus's `for i in range(3_500_000): x = i * 2`, timed in
the same child), so a cost table can store it as iterations x its own
machine's reference loop.

usage: tools/bench/thread_first_use.py [--python PATH ...] [--repeat R]
"""
import argparse
import json
import statistics
import subprocess
import sys

PROBE = r"""
import json, sys, threading, time
REF_N = 350000
REF = compile("for i in range(%d):\n    x = i * 2\n" % REF_N, "<reference>", "exec")
recs = {}
orig = threading.Thread._bootstrap_inner
def boot(self, _tt=time.thread_time_ns):
    c = _tt()
    try:
        orig(self)
    finally:
        recs[self.name] = _tt() - c
threading.Thread._bootstrap_inner = boot
sleep = sys.argv[1] != "nop"
def target(i, out):
    if sleep:
        time.sleep(0.05)
    out[i] = i * i
if sys.argv[1] == "warm-sleep":  # a no-op thread first: is the extra the first thread's or the first sleeper's?
    w = threading.Thread(target=lambda: None, name="warm-up")
    w.start()
    w.join()
c = time.thread_time_ns(); exec(REF, {}); ref = (time.thread_time_ns() - c) / REF_N
out = [None] * 16
ws = [threading.Thread(target=target, args=(i, out), name="t-%d" % i) for i in range(16)]
for w in ws:
    w.start()
for w in ws:
    w.join()
print(json.dumps({"ref_ns_per_iter": ref, "cpu_ns": [recs["t-%d" % i] for i in range(16)]}))
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", action="append")
    ap.add_argument("--repeat", type=int, default=15)
    a = ap.parse_args()
    for py in a.python or [sys.executable]:
        version = subprocess.run([py, "-c", "import sys; print(sys.version.split()[0])"],
                                 capture_output=True, text=True, check=True).stdout.strip()
        for shape in ("nop", "sleep", "warm-sleep"):
            runs = [json.loads(subprocess.run([py, "-s", "-c", PROBE, shape], capture_output=True, text=True,
                                              check=True).stdout) for _ in range(a.repeat)]
            per = [statistics.median(r["cpu_ns"][i] for r in runs) for i in range(16)]
            ref = statistics.median(r["ref_ns_per_iter"] for r in runs)
            tail = statistics.median(per[8:])
            extra = statistics.median(r["cpu_ns"][0] - statistics.median(r["cpu_ns"][8:]) for r in runs)
            print("%s %-5s per-thread CPU (us, median of %d): %s" % (
                version, shape, a.repeat, " ".join("%.0f" % (x / 1e3) for x in per)))
            print("%s %-5s threads 8-15: %.1f us = %.0f reference iterations; first thread's extra %.1f us = %.0f"
                  " reference iterations (reference %.1f ns/iteration)" % (
                      version, shape, tail / 1e3, tail / ref, extra / 1e3, extra / ref, ref))
            # quiet runs: a loaded host slows the kernel paths of every thread
            # (futex, timers, faults) far more than the reference loop, so the
            # runs whose threads 8-15 were cheapest are kept (within 30% of the
            # cheapest run's)
            tails = [statistics.median(r["cpu_ns"][8:]) for r in runs]
            quiet = [r for r, t in zip(runs, tails) if t <= 1.3 * min(tails)]
            qtail = statistics.median(statistics.median(r["cpu_ns"][8:]) for r in quiet)
            qextra = statistics.median(r["cpu_ns"][0] - statistics.median(r["cpu_ns"][8:]) for r in quiet)
            qref = statistics.median(r["ref_ns_per_iter"] for r in quiet)
            print("%s %-5s quiet runs (%d): threads 8-15 %.1f us; first thread's extra %.1f us = %.0f reference"
                  " iterations" % (version, shape, len(quiet), qtail / 1e3, qextra / 1e3, qextra / qref))


if __name__ == "__main__":
    main()
