#!/usr/bin/env python3
"""The `re` pitfalls as lessons show them, timed on the installed CPython and
simulated by `pitfall sim` in the same run: compiling once vs calling
re.match(pattern, s) in a loop (the module cache makes the second a Python
call plus a dict lookup, not a compile), a regex vs str.startswith, findall vs
split, and the growth of catastrophic backtracking with the input length.
Each program times its own loop with time.perf_counter (the virtual clock
under the simulator); prints both times and the ratio of each pair on both
sides (the order and the ratio are what a lesson shows).

usage: tools/bench/re_costs.py [--python PATH] [--pitfall PATH] [--repeat N]
"""
import argparse
import os
import subprocess
import tempfile
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

DATA = "import re, time\nlines = ['%04d-%02d-%02d,item%d,%d' % (2000 + i % 20, i % 12 + 1, i % 28 + 1, i, i * 7) for i in range(20000)]\n"

# each program times its own loop (time.perf_counter: the virtual clock in the simulator)
BODIES = {
    "match_in_loop": "n = 0\nfor s in lines:\n    if re.match(r'\\d{4}-\\d{2}', s):\n        n += 1\n",
    "compiled_once": "P = re.compile(r'\\d{4}-\\d{2}')\nn = 0\nfor s in lines:\n    if P.match(s):\n        n += 1\n",
    "regex_prefix": "P = re.compile('2005')\nn = 0\nfor s in lines:\n    if P.match(s):\n        n += 1\n",
    "startswith": "n = 0\nfor s in lines:\n    if s.startswith('2005'):\n        n += 1\n",
    "findall_fields": "P = re.compile(r'[^,]+')\nn = 0\nfor s in lines:\n    n += len(P.findall(s))\n",
    "split_fields": "n = 0\nfor s in lines:\n    n += len(s.split(','))\n",
    "compile_each_time": "n = 0\nfor s in lines:\n    re.purge()\n    if re.match(r'\\d{4}-\\d{2}', s):\n        n += 1\n",
    "backtrack_16": "for _ in range(5):\n    re.match(r'(a+)+b', 'a' * 16)\n",
    "backtrack_18": "for _ in range(5):\n    re.match(r'(a+)+b', 'a' * 18)\n",
    "backtrack_20": "for _ in range(5):\n    re.match(r'(a+)+b', 'a' * 20)\n",
}
PROGRAMS = {k: DATA + "t0 = time.perf_counter()\n" + v + "print(time.perf_counter() - t0)\n" for k, v in BODIES.items()}
PAIRS = [
    ("match_in_loop", "compiled_once", "re.match(p, s) in a loop / compiled once"),
    ("compile_each_time", "match_in_loop", "cache purged each call / cached"),
    ("regex_prefix", "startswith", "P.match('2005') / s.startswith('2005')"),
    ("findall_fields", "split_fields", "P.findall('[^,]+') / s.split(',')"),
    ("backtrack_18", "backtrack_16", "(a+)+b on 18 a's / 16 a's"),
    ("backtrack_20", "backtrack_18", "(a+)+b on 20 a's / 18 a's"),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default="/root/.pyenv/versions/3.11.7/bin/python3")
    ap.add_argument("--pitfall", default=os.path.join(ROOT, "build", "native", "pitfall"))
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    ver = subprocess.run([args.python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                         capture_output=True, text=True, check=True).stdout.strip()
    real, sim, native = {}, {}, {}
    with tempfile.TemporaryDirectory() as d:
        paths = {}
        for name, src in PROGRAMS.items():
            paths[name] = os.path.join(d, name + ".py")
            with open(paths[name], "w") as f:
                f.write(src)
        # rounds over all programs (not one program's repeats in a row), the minimum of each:
        # a loaded stretch of the machine then slows one sample of every program, not all of one
        for _ in range(args.repeat):
            for name, path in paths.items():
                t = float(subprocess.run([args.python, path], capture_output=True, text=True, check=True).stdout)
                real[name] = min(real.get(name, t), t)
        for name, path in paths.items():
            t = time.perf_counter()
            out = subprocess.run([args.pitfall, "run", path, "--python", ver], capture_output=True, text=True)
            native[name] = time.perf_counter() - t
            sim[name] = float(out.stdout)
    print(f"CPython {ver} (best of {args.repeat}) vs pitfall run --python {ver}: each program's timed loop")
    print(f"{'program':20} {'CPython ms':>11} {'simulated ms':>13} {'sim/real':>9} {'native s':>9}")
    for name in PROGRAMS:
        print(f"{name:20} {real[name] * 1e3:11.2f} {sim[name] * 1e3:13.2f} {sim[name] / real[name]:9.2f} {native[name]:9.2f}")
    print()
    print(f"{'pair':45} {'CPython':>8} {'sim':>8}")
    for a, b, label in PAIRS:
        print(f"{label:45} {real[a] / real[b]:8.2f} {sim[a] / sim[b]:8.2f}")


if __name__ == "__main__":
    main()
