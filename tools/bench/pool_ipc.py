#!/usr/bin/env python3
"""What multiprocessing.Pool.map costs per task (one chunk sent to a worker
and its result sent back) and per item inside a chunk, measured on the
installed CPython with the default start method (fork on Linux).

A Pool(2) is started and warmed up; then the same map over N tiny items
(`(x * 7919) % 1009`) runs with chunksize=1 (N tasks) and with chunksize=N/8
(8 tasks), R times each, interleaved. N is kept small (a few ms per map) so
that some repeats run without being preempted on a loaded machine; the
minimum over repeats is used. For each run it records the wall time, the parent's CPU time (all
its threads: main, _handle_workers, _handle_tasks, _handle_results; each
thread's own share from its CPU clock) and the workers' CPU time (from
/proc/<pid>/stat, in clock ticks: averaged over the repeats). The per-task figures are the differences between the two
runs divided by the difference in task counts; the per-item figures are the
chunked run's costs divided by N. Minimum over repeats (the machine's other
load only adds time).

usage: tools/bench/pool_ipc.py [--python PATH] [--items N] [--repeat R]
Prints JSON: parent_task_ns (parent CPU per task, all threads), worker_task_ns
(worker CPU per task), parent_item_ns / worker_item_ns (per item in a big
chunk), thread shares of the parent's per-task CPU, wall per item at
chunksize=1, the reference loop's CPU per iteration measured in the same
child (`ref_cpu_ns_per_iter`) and the per-task costs in reference-loop
iterations (`*_ref_iters`): a cost table stores them as iterations x its own
machine.ref_loop_ns_per_iter, so figures taken on a busy machine keep their
ratio to the interpreter's speed.
"""
import argparse
import json
import subprocess
import sys

PROBE = r"""
import json, multiprocessing as mp, os, sys, time

N = int(sys.argv[1]); R = int(sys.argv[2])
TICK = os.sysconf("SC_CLK_TCK")

def score(x):
    return (x * 7919) % 1009

def proc_cpu(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime

def thread_cpu(th):
    return time.clock_gettime(time.pthread_getcpuclockid(th.ident))

def one(pool, cs):
    handlers = {"workers": pool._worker_handler, "tasks": pool._task_handler,
                "results": pool._result_handler}
    pids = [p.pid for p in pool._pool]
    w0 = sum(proc_cpu(p) for p in pids)
    h0 = {k: thread_cpu(t) for k, t in handlers.items()}
    m0 = time.thread_time()
    c0 = time.process_time()
    t0 = time.perf_counter()
    out = pool.map(score, range(N), chunksize=cs)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    main = time.thread_time() - m0
    h = {k: thread_cpu(t) - h0[k] for k, t in handlers.items()}
    time.sleep(0.01)  # let the workers' clocks settle after their last result
    w = sum(proc_cpu(p) for p in pids) - w0
    assert len(out) == N
    return {"wall": wall, "parent": cpu, "main": main, "workers": w, **{"h_" + k: v for k, v in h.items()}}

REF = compile("for i in range(3500000):\n    x = i * 2\n", "<reference>", "exec")

def ref_cpu():
    c = time.thread_time()
    exec(REF, {"__name__": "__main__"})
    return (time.thread_time() - c) / 3.5e6 * 1e9

if __name__ == "__main__":
    best = {}
    ref = min(ref_cpu() for _ in range(3))
    with mp.Pool(2) as pool:
        pool.map(score, range(1000))
        for _ in range(R):
            for cs in (1, N // 8):
                r = one(pool, cs)
                b = best.setdefault(cs, dict(r, workers=0.0))
                for k, v in r.items():
                    b[k] = min(b[k], v) if k != "workers" else b[k] + v / R  # clock ticks: mean, not min
    ref = min([ref] + [ref_cpu() for _ in range(3)])
    print(json.dumps({"items": N, "one": best[1], "chunked": best[N // 8], "chunks": 8, "ref_cpu_ns_per_iter": ref}))
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default="/root/.pyenv/versions/3.11.7/bin/python")
    ap.add_argument("--items", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=60)
    a = ap.parse_args()
    out = subprocess.run([a.python, "-s", "-c", PROBE, str(a.items), str(a.repeat)],
                         capture_output=True, text=True, check=True)
    d = json.loads(out.stdout)
    n, one, ch = d["items"], d["one"], d["chunked"]
    tasks = n - d["chunks"]
    res = {
        "python": a.python,
        "items": n,
        "wall_us_per_item_chunksize_1": one["wall"] / n * 1e6,
        "wall_s_chunked": ch["wall"],
        "parent_task_ns": (one["parent"] - ch["parent"]) / tasks * 1e9,
        "worker_task_ns": (one["workers"] - ch["workers"]) / tasks * 1e9,
        "parent_item_ns": ch["parent"] / n * 1e9,
        "worker_item_ns": ch["workers"] / n * 1e9,
        "ref_cpu_ns_per_iter": d["ref_cpu_ns_per_iter"],
        "parent_task_ref_iters": (one["parent"] - ch["parent"]) / tasks * 1e9 / d["ref_cpu_ns_per_iter"],
        "worker_task_ref_iters": (one["workers"] - ch["workers"]) / tasks * 1e9 / d["ref_cpu_ns_per_iter"],
        "parent_thread_share_chunksize_1": {
            k[2:]: one[k] / max(1e-12, one["h_workers"] + one["h_tasks"] + one["h_results"])
            for k in ("h_workers", "h_tasks", "h_results")},
        "raw": d,
    }
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
