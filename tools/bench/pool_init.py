#!/usr/bin/env python3
"""The parent's CPU in `multiprocessing.Pool(2)`'s constructor, cold (the
first pool of a fresh interpreter that imported multiprocessing.pool, as the
truth harness leaves it): Lib/multiprocessing/pool.py Pool.__init__ makes
three SimpleQueues (each a Pipe and a SemLock), the Process objects and their
configuration, forks the workers (_repopulate_pool_static) and starts the
three handler threads. The simulator charges the forks
(process.start_ns.fork) and the thread starts (thread.start_ns) itself; the
rest is process.pool_init_ns = this figure - 2 forks - 3 thread starts.

Each sample is a fresh interpreter that runs the truth corpus's reference
loop (`for i in range(N): x = i * 2`, 350 000 iterations) as a companion,
then times `mp.Pool(2)` with time.thread_time_ns (the main thread's CPU).
Samples whose companion ran more than 15% slower than the fastest are dropped
(a loaded machine); the median of the rest is printed in ns and in
reference-loop iterations, so a cost table can store it as iterations x its
own machine's reference loop.

usage: tools/bench/pool_init.py [--python PATH ...] [--samples N]
"""
import argparse
import json
import statistics
import subprocess
import sys

PROBE = r"""
import json, time
import multiprocessing as mp
import multiprocessing.pool  # pre-imported by the truth harness

if __name__ == "__main__":
    REF = compile("for i in range(350000):\n    x = i * 2\n", "<reference>", "exec")
    c = time.thread_time_ns(); exec(REF, {}); ref = (time.thread_time_ns() - c) / 350000
    t = time.thread_time_ns()
    pool = mp.Pool(2)
    d = time.thread_time_ns() - t
    pool.terminate()
    print(json.dumps([d, ref]))
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", action="append")
    ap.add_argument("--samples", type=int, default=15)
    a = ap.parse_args()
    for py in a.python or [sys.executable]:
        rows = [json.loads(subprocess.run([py, "-s", "-c", PROBE], capture_output=True, text=True,
                                          check=True).stdout) for _ in range(a.samples)]
        fastest = min(r[1] for r in rows)
        kept = [r for r in rows if r[1] <= 1.15 * fastest]
        print("%s: Pool(2) constructor, main thread CPU %.3f ms = %.0f reference iterations"
              " (%d of %d samples kept; fastest reference iteration %.1f ns)" % (
                  py, statistics.median(r[0] for r in kept) / 1e6, statistics.median(r[0] / r[1] for r in kept), len(kept), len(rows),
                  fastest))


if __name__ == "__main__":
    main()
