#!/usr/bin/env python3
"""Native simulator speed vs real CPython 3.11 on the CPU-bound truth programs,
measured in the same run: for each program the best of N runs of
`pitfall run` and of CPython itself. Target ratio <= 1.0.

The simulator is the speed build (build/bench/pitfall: ThinLTO + PGO, made by
`tools/lab bench`) when there is one, else the plain release build
(build/native/pitfall).

usage: tools/bench/speed.py [--pitfall PATH] [-n 3]
"""
import argparse
import glob
import os
import subprocess
import time

ap = argparse.ArgumentParser()
here = os.path.dirname(os.path.abspath(__file__))
builds = [os.path.normpath(os.path.join(here, "../../build", b, "pitfall")) for b in ("bench", "native")]
ap.add_argument("--pitfall", default=next((b for b in builds if os.path.exists(b)), builds[-1]))
ap.add_argument("--python", default="/root/.pyenv/versions/3.11.7/bin/python3")
ap.add_argument("--truth", default="/work/shared/truth/programs")
ap.add_argument("-n", type=int, default=3)
args = ap.parse_args()
if not os.path.exists(args.pitfall):
    raise SystemExit(f"speed.py: no simulator at {args.pitfall} (build it: tools/lab build, or tools/lab bench)")
if not os.path.exists(args.python):
    raise SystemExit(f"speed.py: no CPython at {args.python} (--python PATH)")

CPU_FAMILIES = ("bytecode", "gil/cpu", "memory", "misc")
progs = sorted(p for p in glob.glob(os.path.join(args.truth, "*/*.py"))
               if any(f in os.path.relpath(p, args.truth) for f in CPU_FAMILIES))


def best(cmd):
    t = float("inf")
    for _ in range(args.n):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=dict(os.environ, PYTHONHASHSEED="0"))
        t = min(t, time.perf_counter() - t0)
    return t


tot_sim = tot_py = 0.0
print(f"simulator: {os.path.relpath(args.pitfall)}")
print(f"{'program':45s} {'sim s':>7s} {'cpython s':>9s} {'ratio':>6s}")
for p in progs:
    s = best([args.pitfall, "run", p, "--python", "3.11"])
    c = best([args.python, p])
    tot_sim += s
    tot_py += c
    print(f"{os.path.relpath(p, args.truth):45s} {s:7.3f} {c:9.3f} {s / c:6.2f}")
print(f"{'total':45s} {tot_sim:7.3f} {tot_py:9.3f} {tot_sim / tot_py:6.2f}")
