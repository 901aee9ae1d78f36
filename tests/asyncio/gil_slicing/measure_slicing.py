#!/usr/bin/env python3
"""Measures, on the installed CPython, the event loop's longest step in
step_vs_worker.py (a coroutine computing in one step while a to_thread
worker computes the same) and in step_alone.py (the same step with no
worker), the way the truth harness instruments the loop: every
asyncio.events.Handle._run timed with perf_counter. For the longest step it
also records the loop thread's CPU (thread_time) inside it and the CPU the
other threads (the to_thread worker) used meanwhile: with one GIL the two
add up to the step's duration on an idle machine, a figure the machine's
load does not inflate the way it inflates the measured wall time.
Runs each program `--runs` times and keeps the median of each figure.
Writes slicing-<version>.json next to it; tests/engine/asyncio_gil_slicing_test.cpp
compares the simulator with it.

usage: tests/asyncio/gil_slicing/measure_slicing.py [--python PATH] [--runs N]
"""
import argparse
import json
import os
import statistics
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
PROBE = r"""
import asyncio.events, json, runpy, sys, threading, time
s = {"steps": 0, "max": 0.0, "max_cpu": 0.0, "max_others_cpu": 0.0}
def others_cpu():
    me, total = threading.get_ident(), {}
    for t in threading.enumerate():
        if t.ident != me and t.ident is not None:
            try:
                total[t.ident] = time.clock_gettime(time.pthread_getcpuclockid(t.ident))
            except OSError:
                pass
    return total
_run = asyncio.events.Handle._run
def timed(self):
    o = others_cpu()
    t, c = time.perf_counter(), time.thread_time()
    _run(self)
    d, dc = time.perf_counter() - t, time.thread_time() - c
    o2 = others_cpu()
    s["steps"] += 1
    if d > s["max"]:
        s["max"], s["max_cpu"] = d, dc
        s["max_others_cpu"] = sum(v - o.get(k, 0.0) for k, v in o2.items())
asyncio.events.Handle._run = timed
runpy.run_path(sys.argv[1], run_name="__main__")
print("@@" + json.dumps({"steps": s["steps"], "max_step_ms": s["max"] * 1e3, "max_step_cpu_ms": s["max_cpu"] * 1e3,
                         "max_step_others_cpu_ms": s["max_others_cpu"] * 1e3}))
"""
ap = argparse.ArgumentParser()
ap.add_argument("--python", default="/root/.pyenv/versions/3.11.7/bin/python3")
ap.add_argument("--runs", type=int, default=9)
args = ap.parse_args()
ver = subprocess.run([args.python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                     capture_output=True, text=True).stdout.strip()
env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
out = {"python": ver, "runs": args.runs, "load_average": os.getloadavg()[0]}
for prog in ("step_vs_worker.py", "step_alone.py"):
    runs = []
    for _ in range(args.runs):
        p = subprocess.run([args.python, "-c", PROBE, prog], cwd=HERE, capture_output=True, text=True, env=env,
                           timeout=120)
        line = [l for l in p.stdout.splitlines() if l.startswith("@@")]
        if p.returncode or not line:
            raise SystemExit(p.stderr)
        runs.append(json.loads(line[0][2:]))
    out[prog] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    out[prog]["stdout"] = "".join(l + "\n" for l in p.stdout.splitlines() if not l.startswith("@@"))
print(json.dumps(out, indent=1))
with open(os.path.join(HERE, f"slicing-{ver}.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
