#!/usr/bin/env python3
"""Training run for the speed build's profile (tools/lab bench): simulates the
project's own programs (tests/sim, tests/corpus) under 3.11 and 3.13 with the
instrumented CLI, which writes one raw profile per process into
$LLVM_PROFILE_FILE's folder. The truth programs the benchmark times are not
part of the training.

usage: tools/bench/pgo_train.py PITFALL [-j JOBS]
"""
import argparse
import glob
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

ap = argparse.ArgumentParser()
ap.add_argument("pitfall")
ap.add_argument("-j", type=int, default=os.cpu_count() or 2)
args = ap.parse_args()
args.pitfall = os.path.abspath(args.pitfall)
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../..")
progs = sorted(glob.glob(os.path.join(root, "tests/sim/**/*.py"), recursive=True)
               + glob.glob(os.path.join(root, "tests/corpus/**/*.py"), recursive=True))
if not progs:
    raise SystemExit("pgo_train: no programs under tests/sim or tests/corpus")


def run(job):
    prog, version = job
    try:
        subprocess.run([args.pitfall, "sim", "--json", prog, "--python", version], cwd=os.path.dirname(prog),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    except subprocess.TimeoutExpired:
        print(f"pgo_train: {prog} ({version}) timed out; its profile is left out")


with ThreadPoolExecutor(args.j) as ex:
    list(ex.map(run, [(p, v) for p in progs for v in ("3.11", "3.13")]))
print(f"pgo_train: {len(progs)} programs x 2 versions")
