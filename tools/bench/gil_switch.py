#!/usr/bin/env python3
"""What CPU-bound threads cost under the GIL, measured on the installed
CPython: the same work (4 x `count(CHUNK)`, a `while n > 0` loop) run in one
thread and split over 4 threads, with the default switch interval (5 ms) and
with short ones (1 ms, 0.1 ms) that multiply the number of GIL hand-offs. For
each run: wall time, process CPU time, every thread's thread_time (what the
truth harness records as a thread's cpu_s) and the reference loop (the truth
corpus's `for i in range(3_500_000): x = i * 2` at module level) in the same
process, so figures can be read in reference-loop units.

From the short-interval runs it derives the cost of one hand-off: extra wall
per switch and extra thread CPU per switch, with switches estimated as
wall / (interval + measured slice excess), and also the ratio of a thread's
CPU to its share of the single-thread work. Minimum over repeats (other load
only adds time), plus the median.

usage: tools/bench/gil_switch.py [--python PATH] [--repeat R]
"""
import argparse
import json
import subprocess

PROBE = r"""
import json, statistics, sys, threading, time

R = int(sys.argv[1]); CHUNK = 500_000
REF = compile("for i in range(3500000):\n    x = i * 2\n", "<reference>", "exec")

def count(n, out, slot):
    total = 0
    while n > 0:
        total += n & 7
        n -= 1
    out[slot] = total

def ref():
    ns = {"__name__": "__main__"}
    t = time.perf_counter()
    exec(REF, ns)
    return time.perf_counter() - t

def sequential():
    out = [0] * 4
    c = time.process_time(); t = time.perf_counter()
    for i in range(4):
        count(CHUNK, out, i)
    return {"wall": time.perf_counter() - t, "cpu": time.process_time() - c}

def threaded(interval):
    old = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    out = [0] * 4
    cpu = [0.0] * 4
    span = [None] * 4
    t = time.perf_counter()
    def body(i):
        s = time.perf_counter(); c = time.thread_time()
        count(CHUNK, out, i)
        cpu[i] = time.thread_time() - c
        span[i] = (s - t, time.perf_counter() - t)
    ths = [threading.Thread(target=body, args=(i,)) for i in range(4)]
    c = time.process_time(); t = time.perf_counter()
    for th in ths:
        th.start()
    for th in ths:
        th.join()
    r = {"wall": time.perf_counter() - t, "cpu": time.process_time() - c, "thread_cpu": cpu, "spans": span}
    sys.setswitchinterval(old)
    return r

res = {"ref": [], "seq": [], "thr": {}}
for _ in range(R):
    res["ref"].append(ref())
    res["seq"].append(sequential())
    for iv in (0.005, 0.001, 0.0001):
        res["thr"].setdefault(str(iv), []).append(threaded(iv))
print(json.dumps(res))
"""


def summarise(raw):
    ref = min(raw["ref"])
    seq_wall = min(r["wall"] for r in raw["seq"])
    seq_cpu = min(r["cpu"] for r in raw["seq"])
    out = {"ref_wall_s": ref, "sequential_wall_s": seq_wall, "sequential_norm": seq_wall / ref,
           "sequential_cpu_s": seq_cpu, "threads": {}}
    for iv, runs in raw["thr"].items():
        wall = min(r["wall"] for r in runs)
        med_wall = sorted(r["wall"] for r in runs)[len(runs) // 2]
        tsum = min(sum(r["thread_cpu"]) for r in runs)
        per = sorted(c for r in runs for c in r["thread_cpu"])
        ivs = float(iv)
        # every interval the waiting thread asks, the holder drops: about one
        # switch per interval while more than one thread wants the GIL
        switches = wall / ivs
        out["threads"][iv] = {
            "wall_s": wall, "wall_median_s": med_wall, "norm": wall / ref,
            "threads_over_sequential_wall": wall / seq_wall,
            "thread_cpu_sum_s": tsum, "thread_cpu_sum_over_sequential_cpu": tsum / seq_cpu,
            "thread_cpu_min_max_s": [per[0], per[-1]],
            "switches_estimate": switches,
            "extra_wall_per_switch_us": (wall - seq_wall) / switches * 1e6,
            "extra_thread_cpu_per_switch_us": (tsum - seq_cpu) / switches * 1e6,
            "spans_first_run": runs[0]["spans"],
        }
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default="/root/.pyenv/versions/3.11.7/bin/python")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    p = subprocess.run([a.python, "-s", "-c", PROBE, str(a.repeat)], capture_output=True, text=True, check=True)
    print(json.dumps({"python": a.python, **summarise(json.loads(p.stdout))}, indent=1))


if __name__ == "__main__":
    main()
