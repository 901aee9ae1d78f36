#!/usr/bin/env python3
"""How long the parent waits for a Pool's worker processes to go away at
terminate: the last step of multiprocessing.pool.Pool._terminate_pool (the
`with Pool(...)` exit): once the worker handler thread has exited, the parent
sends every worker SIGTERM (Process.terminate) and then joins them
(Process.join -> os.waitpid). The workers are forked interpreters blocked on
the task pipe; the wait is the kernel's signal delivery, the child's exit
(tearing down its copy-on-write address space) and the parent's wake-up:
wall time of the parent with the GIL released.

Each python runs one fresh child that pre-imports multiprocessing.pool (as
the truth harness does) and, per sample, forks two workers the way Pool does
(fork start method, each blocked reading a pipe), lets them settle, then times
terminate() of both followed by join() of both with time.perf_counter_ns,
right after a companion reference loop (the truth corpus's `for i in
range(N): x = i * 2`, 350 000 iterations). Samples whose companion ran more
than 15% slower than the fastest are dropped (a loaded machine), and the
median of the rest is printed in ns and in reference-loop iterations, so a
cost table can store it as iterations x its own machine's reference loop; the
fastest sample is printed beside it.

usage: tools/bench/pool_reap.py [--python PATH ...] [--samples N]
"""
import argparse
import json
import statistics
import subprocess
import sys

PROBE = r"""
import json, os, sys, time
import multiprocessing as mp
import multiprocessing.pool  # pre-imported by the truth harness

REF_N = 350000
REF = compile("for i in range(%d):\n    x = i * 2\n" % REF_N, "<reference>", "exec")

def worker(conn):
    conn.recv()   # blocked on the task pipe, like a Pool worker in inqueue.get()

if __name__ == "__main__":
    ctx = mp.get_context("fork")
    rows = []
    for _ in range(int(sys.argv[1])):
        pipes = [ctx.Pipe(duplex=False) for _ in range(2)]
        procs = [ctx.Process(target=worker, args=(r,)) for r, w in pipes]
        for p in procs:
            p.start()
        time.sleep(0.03)
        c = time.thread_time_ns(); exec(REF, {}); ref = (time.thread_time_ns() - c) / REF_N
        t = time.perf_counter_ns()
        for p in procs:
            p.terminate()
        for p in procs:
            p.join()
        rows.append([time.perf_counter_ns() - t, ref])
        for r, w in pipes:
            r.close(); w.close()
    print(json.dumps({"version": sys.version.split()[0], "rows": rows}))
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", action="append")
    ap.add_argument("--samples", type=int, default=30)
    a = ap.parse_args()
    for py in a.python or [sys.executable]:
        res = json.loads(subprocess.run([py, "-s", "-c", PROBE, str(a.samples)], capture_output=True, text=True,
                                        check=True).stdout)
        rows = res["rows"]
        fastest = min(r[1] for r in rows)
        kept = [r for r in rows if r[1] <= 1.15 * fastest]
        ns = statistics.median(r[0] for r in kept)
        iters = statistics.median(r[0] / r[1] for r in kept)
        low = min(r[0] / r[1] for r in rows)
        print("%s: terminate + join of 2 idle forked workers %.3f ms = %.0f reference iterations"
              " (%d of %d samples kept; fastest reference iteration %.1f ns); fastest sample %.0f iterations" % (
                  res["version"], ns / 1e6, iters, len(kept), len(rows), fastest, low))


if __name__ == "__main__":
    main()
