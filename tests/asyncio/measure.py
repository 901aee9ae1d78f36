#!/usr/bin/env python3
"""Runs every tests/asyncio/*.py with the installed CPython (3.11 by default)
and records what it printed (stdout, stderr) and how many event-loop steps
(asyncio.events.Handle._run calls, as the truth harness counts them) it took.
Programs under syntax/ must fail to compile: their stderr (the SyntaxError
with its caret line) is recorded from a direct run.
Writes expected-<version>.json next to the programs; commit the result.

usage: tests/asyncio/measure.py [--python PATH]
"""
import argparse
import glob
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
WRAP = r"""
import asyncio.events, runpy, sys, atexit
n = [0]
_run = asyncio.events.Handle._run
def counted(self):
    n[0] += 1
    return _run(self)
asyncio.events.Handle._run = counted
atexit.register(lambda: sys.__stderr__.write("\n@@steps %d\n" % n[0]))
sys.argv = [sys.argv[1]]
runpy.run_path(sys.argv[0], run_name="__main__")
"""

ap = argparse.ArgumentParser()
ap.add_argument("--python", default="/root/.pyenv/versions/3.11.7/bin/python3")
args = ap.parse_args()
ver = subprocess.run([args.python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                     capture_output=True, text=True).stdout.strip()
env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
env.update(PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
out = {}
for path in sorted(glob.glob(os.path.join(HERE, "*.py"))):
    name = os.path.basename(path)
    if name == "measure.py":
        continue
    p = subprocess.run([args.python, "-c", WRAP, name], cwd=HERE, capture_output=True, text=True, env=env, timeout=60)
    err, _, tail = p.stderr.rpartition("\n@@steps ")
    out[name] = {"stdout": p.stdout, "stderr": err, "exit": p.returncode, "steps": int(tail.strip() or 0)}
    print(f"{name}: exit {p.returncode}, {out[name]['steps']} steps")
# syntax/*.py: programs CPython refuses to compile, run directly (the error
# and its caret line are the whole output)
for path in sorted(glob.glob(os.path.join(HERE, "syntax", "*.py"))):
    name = "syntax/" + os.path.basename(path)
    p = subprocess.run([args.python, name], cwd=HERE, capture_output=True, text=True, env=env, timeout=60)
    # the script's path as given (CPython prints it made absolute)
    out[name] = {"stdout": p.stdout, "stderr": p.stderr.replace(HERE + os.sep, ""), "exit": p.returncode, "steps": 0}
    print(f"{name}: exit {p.returncode}")
with open(os.path.join(HERE, f"expected-{ver}.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
