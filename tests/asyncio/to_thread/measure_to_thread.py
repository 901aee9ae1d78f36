#!/usr/bin/env python3
"""Measures, on the installed CPython, how late an asyncio heartbeat wakes up
with and without a CPU-bound asyncio.to_thread worker (to_thread_gil.py), and
how long the worker takes. Runs the program `--runs` times; per run, the
median lateness of the ticks while the worker computes (busy) and while it
does not (idle); across runs, the smallest of each figure (the machine's own
scheduling noise only ever adds lateness). Measured at two GIL switch
intervals (sys.setswitchinterval 5 ms, the default, and 20 ms): the busy
lateness follows the interval, which sets it apart from the machine's noise. Writes to_thread_gil-<version>.json next to it; the
simulator is tested against it (tests/engine/asyncio_to_thread_test.cpp).

usage: tests/asyncio/to_thread/measure_to_thread.py [--python PATH] [--runs N]
"""
import argparse
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
PROBE = r"""
import json, runpy, statistics, sys
sys.setswitchinterval(float(sys.argv[1]))
g = runpy.run_path("to_thread_gil.py", run_name="__main__")
busy = [d for w, d in g["ticks"] if w]
idle = [d for w, d in g["ticks"] if not w]
print("@@" + json.dumps({
    "idle_ticks": len(idle), "idle_late_median_ms": statistics.median(idle) * 1e3,
    "busy_ticks": len(busy), "busy_late_median_ms": statistics.median(busy) * 1e3,
    "worker_s": g["span"][1] - g["span"][0]}))
"""

ap = argparse.ArgumentParser()
ap.add_argument("--python", default="/root/.pyenv/versions/3.11.7/bin/python3")
ap.add_argument("--runs", type=int, default=7)
args = ap.parse_args()
ver = subprocess.run([args.python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                     capture_output=True, text=True).stdout.strip()
env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
out = {"python": ver, "runs": args.runs, "load_average": os.getloadavg()[0]}
for interval in ("0.005", "0.02"):
    runs = []
    for _ in range(args.runs):
        p = subprocess.run([args.python, "-c", PROBE, interval], cwd=HERE, capture_output=True, text=True, env=env,
                           timeout=120)
        line = [l for l in p.stdout.splitlines() if l.startswith("@@")]
        if p.returncode or not line:
            raise SystemExit(p.stderr)
        runs.append(json.loads(line[0][2:]))
    out["switch_interval_" + interval] = {k: min(r[k] for r in runs) for k in runs[0]}
print(json.dumps(out, indent=1))
with open(os.path.join(HERE, f"to_thread_gil-{ver}.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
