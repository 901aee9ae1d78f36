#!/usr/bin/env python3
"""Robustness: compiles every .py file of CPython 3.11's standard library in
one process (the hidden Catch2 test "[.stdlib-all]" of pitfall_tests) and
reports how many compiled, how many were refused with a located "not
modelled"/syntax message, and the most frequent reasons. A crash or hang
fails the run (exit status != 0 or the timeout).

usage: tools/bench/stdlib_compile.py [--tests build/native/pitfall_tests] [--lib DIR]
"""
import argparse
import os
import subprocess
import sys
import time

ap = argparse.ArgumentParser()
here = os.path.dirname(os.path.abspath(__file__))
ap.add_argument("--tests", default=os.path.join(here, "../../build/native/pitfall_tests"))
ap.add_argument("--lib", default=None, help="standard library directory (default: the installed CPython 3.11)")
ap.add_argument("--timeout", type=int, default=1800)
args = ap.parse_args()

env = dict(os.environ)
if args.lib:
    env["PITFALL_STDLIB_DIR"] = args.lib
t0 = time.perf_counter()
try:
    p = subprocess.run([args.tests, "[.stdlib-all]"], capture_output=True, text=True, errors="replace",
                       timeout=args.timeout, env=env)
except subprocess.TimeoutExpired:
    print(f"HANG: no result within {args.timeout}s")
    sys.exit(1)
dt = time.perf_counter() - t0
for line in p.stdout.splitlines():
    if line.startswith("stdlib compile:") or line.startswith("  "):
        print(line)
print(f"time: {dt:.1f}s, exit status {p.returncode}")
if p.returncode != 0:
    print(p.stdout[-3000:])
sys.exit(0 if p.returncode == 0 else 1)
