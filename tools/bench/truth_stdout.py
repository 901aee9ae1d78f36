#!/usr/bin/env python3
"""Compares `pitfall run` stdout with CPython 3.11's recorded stdout for every
program of the truth corpus; prints one line per program, the match count,
and the simulator's time next to the recorded CPython time.

usage: tools/bench/truth_stdout.py [--pitfall build/vm/pitfall] [--truth /work/shared/truth]
"""
import argparse
import json
import os
import subprocess
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--pitfall", default=os.path.join(os.path.dirname(__file__), "../../build/vm/pitfall"))
ap.add_argument("--truth", default="/work/shared/truth")
ap.add_argument("--python", default="3.11")
ap.add_argument("-v", action="store_true", help="show diffs")
args = ap.parse_args()

results = json.load(open(os.path.join(args.truth, f"results-{args.python}.json")))
ok = 0
total = 0
for prog, rec in sorted(results.items()):
    path = os.path.join(args.truth, prog)
    if not os.path.exists(path):
        continue
    total += 1
    t0 = time.perf_counter()
    p = subprocess.run([args.pitfall, "run", path, "--python", args.python], capture_output=True, text=True, timeout=600)
    dt = time.perf_counter() - t0
    same = p.stdout == rec.get("stdout")
    ok += same
    ref = rec.get("wall_s") or 0
    print(f"{'ok  ' if same else 'DIFF'} {prog:50s} sim {dt:6.2f}s  cpython {ref if isinstance(ref, (int, float)) else 0:6.2f}s")
    if not same and args.v:
        print("   expected:", repr(rec.get("stdout"))[:300])
        print("   got:     ", repr(p.stdout)[:300])
        print("   stderr:  ", p.stderr[-600:])
print(f"stdout matches: {ok}/{total}")
sys.exit(0 if total and ok * 100 >= 95 * total else 1)
