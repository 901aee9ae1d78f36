#!/usr/bin/env python3
"""Robustness: compiles every .py file of CPython 3.11's standard library with
`pitfall dis` and checks that none crashes or hangs. Files using constructs the
simulator does not model must be reported with a located message instead.

usage: tools/bench/stdlib_compile.py [--pitfall build/vm-rel/pitfall] [--lib DIR]
"""
import argparse
import collections
import glob
import os
import subprocess

ap = argparse.ArgumentParser()
here = os.path.dirname(os.path.abspath(__file__))
ap.add_argument("--pitfall", default=os.path.join(here, "../../build/vm-rel/pitfall"))
ap.add_argument("--lib", default="/root/.pyenv/versions/3.11.7/lib/python3.11")
args = ap.parse_args()

files = sorted(glob.glob(os.path.join(args.lib, "**/*.py"), recursive=True))
crashes, hangs, ok, reported = [], [], 0, collections.Counter()
for f in files:
    try:
        p = subprocess.run([args.pitfall, "dis", f], capture_output=True, text=True, errors="replace", timeout=60)
    except subprocess.TimeoutExpired:
        hangs.append(f)
        continue
    if p.returncode < 0 or p.returncode >= 128:
        crashes.append((f, p.returncode))
    elif p.stdout.startswith("Disassembly"):
        ok += 1
    else:
        msg = p.stdout.split(": ", 2)[-1].strip()
        reported[msg[:70]] += 1
print(f"files: {len(files)}, compiled: {ok}, reported as not modelled / syntax: {sum(reported.values())}, "
      f"crashes: {len(crashes)}, hangs: {len(hangs)}")
for msg, n in reported.most_common(12):
    print(f"  {n:5d}  {msg}")
for f, rc in crashes[:20]:
    print("CRASH", rc, f)
for f in hangs[:20]:
    print("HANG", f)
raise SystemExit(1 if crashes or hangs else 0)
