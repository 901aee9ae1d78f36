#!/usr/bin/env python3
"""What multiprocessing.Pool's three handler threads in the parent do, as a
program sees them: CPython's Pool.__init__ starts `_handle_workers`,
`_handle_tasks` and `_handle_results` (Lib/multiprocessing/pool.py), named
`Thread-N (_handle_workers)` and so on, and they take the parent's GIL.

Each repeat is a fresh interpreter (a cold pool, as a program starts one;
multiprocessing.pool pre-imported as the truth harness does):
`with Pool(2) as p: p.map(score, range(N), chunksize=C)` with the tiny
`(x * 7919) % 1009` task, for three shapes: an empty map (the pool's fixed
cost: start-up and terminate), N items in 8 chunks, and N items one per task.
Threads are seen the way the truth harness sees them (a hook on
Thread._bootstrap_inner: start, end, time.thread_time inside the thread).
Per handler thread and per shape the median over repeats of its CPU, its
start and end (seconds from the Pool() call), plus the main thread's time in
Pool(), map and the with-exit (terminate). From the three shapes it derives,
per handler thread, a fixed CPU per pool, a CPU per task (one chunk out and
its result back) and a CPU per item, and prints them also in reference-loop
iterations (the truth corpus's `for i in range(3_500_000): x = i * 2`,
measured in the same child), so a cost table can store them as iterations x
its own machine's reference loop.

usage: tools/bench/pool_threads.py [--python PATH] [--items N] [--repeat R]
"""
import argparse
import json
import statistics
import subprocess

PROBE = r"""
import json, sys, threading, time
import multiprocessing as mp
import multiprocessing.pool  # the truth harness pre-imports it: its import is not the pool's cost

N = int(sys.argv[1]); CS = int(sys.argv[2])
REF = compile("for i in range(3500000):\n    x = i * 2\n", "<reference>", "exec")

def score(x):
    return (x * 7919) % 1009

recs = []
orig = threading.Thread._bootstrap_inner
def boot(self, _pc=time.perf_counter, _tt=time.thread_time):
    s = _pc(); c = _tt()
    try:
        orig(self)
    finally:
        recs.append([self.name, s, _pc(), _tt() - c])
threading.Thread._bootstrap_inner = boot

if __name__ == "__main__":
    c = time.thread_time(); exec(REF, {"__name__": "__main__"}); ref = (time.thread_time() - c) / 3.5e6 * 1e9
    t0 = time.perf_counter(); m0 = time.thread_time()
    with mp.Pool(2) as pool:
        t1 = time.perf_counter(); m1 = time.thread_time()
        out = pool.map(score, range(N), chunksize=CS) if N else pool.map(score, [])
        t2 = time.perf_counter(); m2 = time.thread_time()
    t3 = time.perf_counter(); m3 = time.thread_time()
    assert len(out) == N
    th = {r[0].split("(")[-1].rstrip(")"): {"start": r[1] - t0, "end": r[2] - t0, "cpu": r[3]} for r in recs}
    print(json.dumps({"ref_ns_per_iter": ref, "init": t1 - t0, "init_cpu": m1 - m0, "map": t2 - t1,
                      "map_main_cpu": m2 - m1, "exit": t3 - t2, "exit_cpu": m3 - m2,
                      "names": [r[0] for r in recs], "threads": th}))
"""

HANDLERS = ("_handle_workers", "_handle_tasks", "_handle_results")


def run(python, n, cs, repeat):
    runs = []
    for _ in range(repeat):
        out = subprocess.run([python, "-s", "-c", PROBE, str(n), str(cs)], capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout))
    med = lambda f: statistics.median(f(r) for r in runs)
    res = {k: med(lambda r, k=k: r[k]) for k in ("ref_ns_per_iter", "init", "init_cpu", "map", "map_main_cpu", "exit", "exit_cpu")}
    res["names"] = runs[0]["names"]
    res["threads"] = {h: {k: med(lambda r, h=h, k=k: r["threads"][h][k]) for k in ("start", "end", "cpu")} for h in HANDLERS}
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default="/root/.pyenv/versions/3.11.7/bin/python")
    ap.add_argument("--items", type=int, default=4000)
    ap.add_argument("--repeat", type=int, default=7)
    a = ap.parse_args()
    n = a.items
    empty = run(a.python, 0, 1, a.repeat)
    chunked = run(a.python, n, n // 8, a.repeat)
    one = run(a.python, n, 1, a.repeat)
    ref = statistics.median([empty["ref_ns_per_iter"], chunked["ref_ns_per_iter"], one["ref_ns_per_iter"]])
    derived = {}
    for h in HANDLERS:
        e, c, o = (s["threads"][h]["cpu"] for s in (empty, chunked, one))
        per_task = (o - c) / (n - 8)
        per_item = max(0.0, (c - e - 8 * per_task) / n)
        derived[h] = {"fixed_ns": e * 1e9, "task_ns": per_task * 1e9, "item_ns": per_item * 1e9,
                      "fixed_ref_iters": e * 1e9 / ref, "task_ref_iters": per_task * 1e9 / ref,
                      "item_ref_iters": per_item * 1e9 / ref}
    print(json.dumps({"python": a.python, "items": n, "repeat": a.repeat, "ref_ns_per_iter": ref,
                      "derived": derived, "empty": empty, "chunked": chunked, "one": one}, indent=1))


if __name__ == "__main__":
    main()
