#!/usr/bin/env python3
"""The `re` pitfalls as lessons show them, timed on the installed CPython and
simulated by `pitfall sim` in the same run: compiling once vs calling
re.match(pattern, s) in a loop (the module cache makes the second a Python
call plus a dict lookup, not a compile), a regex vs str.startswith, findall vs
split, and the growth of catastrophic backtracking with the input length.
Prints each program's CPython time, the simulated time, and the ratio of
each pair on both sides (the order and the ratio are what a lesson shows).

usage: tools/bench/re_costs.py [--python PATH] [--pitfall PATH] [--repeat N]
"""
import argparse
import json
import os
import subprocess
import tempfile
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

DATA = "lines = ['%04d-%02d-%02d,item%d,%d' % (2000 + i % 20, i % 12 + 1, i % 28 + 1, i, i * 7) for i in range(20000)]\n"

PROGRAMS = {
    "match_in_loop": DATA + "import re\nn = 0\nfor s in lines:\n    if re.match(r'\\d{4}-\\d{2}', s):\n        n += 1\n",
    "compiled_once": DATA + "import re\nP = re.compile(r'\\d{4}-\\d{2}')\nn = 0\nfor s in lines:\n    if P.match(s):\n        n += 1\n",
    "regex_prefix": DATA + "import re\nP = re.compile('2005')\nn = 0\nfor s in lines:\n    if P.match(s):\n        n += 1\n",
    "startswith": DATA + "n = 0\nfor s in lines:\n    if s.startswith('2005'):\n        n += 1\n",
    "findall_fields": DATA + "import re\nP = re.compile(r'[^,]+')\nn = 0\nfor s in lines:\n    n += len(P.findall(s))\n",
    "split_fields": DATA + "n = 0\nfor s in lines:\n    n += len(s.split(','))\n",
    "compile_each_time": DATA + "import re\nn = 0\nfor i, s in enumerate(lines[:2000]):\n    re.purge()\n    if re.match(r'\\d{4}-\\d{2}', s):\n        n += 1\n",
    "backtrack_16": "import re\nfor _ in range(5):\n    re.match(r'(a+)+b', 'a' * 16)\n",
    "backtrack_18": "import re\nfor _ in range(5):\n    re.match(r'(a+)+b', 'a' * 18)\n",
    "backtrack_20": "import re\nfor _ in range(5):\n    re.match(r'(a+)+b', 'a' * 20)\n",
}
PAIRS = [
    ("match_in_loop", "compiled_once", "re.match(p, s) in a loop / compiled once"),
    ("compile_each_time", "match_in_loop", "cache purged each call (2000 lines) / cached (20000 lines)"),
    ("regex_prefix", "startswith", "P.match('2005') / s.startswith('2005')"),
    ("findall_fields", "split_fields", "P.findall('[^,]+') / s.split(',')"),
    ("backtrack_18", "backtrack_16", "(a+)+b on 18 a's / 16 a's"),
    ("backtrack_20", "backtrack_18", "(a+)+b on 20 a's / 18 a's"),
]

TIMER = r"""
import sys, time
src = open(sys.argv[1]).read()
best = 1e9
for _ in range(int(sys.argv[2])):
    g = {"__name__": "__main__"}
    code = compile(src, "prog", "exec")
    t = time.perf_counter()
    exec(code, g)
    best = min(best, time.perf_counter() - t)
print(best)
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default="/root/.pyenv/versions/3.11.7/bin/python3")
    ap.add_argument("--pitfall", default=os.path.join(ROOT, "build", "native", "pitfall"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    ver = subprocess.run([args.python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                         capture_output=True, text=True, check=True).stdout.strip()
    real, sim, sim_real = {}, {}, {}
    with tempfile.TemporaryDirectory() as d:
        for name, src in PROGRAMS.items():
            path = os.path.join(d, name + ".py")
            with open(path, "w") as f:
                f.write(src)
            # the data setup is timed on both sides alike: subtract a run of DATA alone
            real[name] = float(subprocess.run([args.python, "-c", TIMER, path, str(args.repeat)],
                                              capture_output=True, text=True, check=True).stdout)
            t = time.perf_counter()
            p = subprocess.run([args.pitfall, "sim", path, "--json", "--python", ver],
                               capture_output=True, text=True)
            sim_real[name] = time.perf_counter() - t
            rep = json.loads(p.stdout)
            sim[name] = rep["wall_s"]
        base = os.path.join(d, "data.py")
        with open(base, "w") as f:
            f.write(DATA)
        real_data = float(subprocess.run([args.python, "-c", TIMER, base, str(args.repeat)],
                                         capture_output=True, text=True, check=True).stdout)
        sim_data = json.loads(subprocess.run([args.pitfall, "sim", base, "--json", "--python", ver],
                                             capture_output=True, text=True).stdout)["wall_s"]
    print(f"CPython {ver} vs pitfall sim --python {ver} (data setup subtracted where the program builds it)")
    print(f"{'program':20} {'CPython ms':>11} {'simulated ms':>13} {'sim/real':>9} {'native s':>9}")
    net_real, net_sim = {}, {}
    for name in PROGRAMS:
        has_data = PROGRAMS[name].startswith(DATA)
        net_real[name] = real[name] - (real_data if has_data else 0)
        net_sim[name] = sim[name] - (sim_data if has_data else 0)
        print(f"{name:20} {net_real[name] * 1e3:11.2f} {net_sim[name] * 1e3:13.2f} "
              f"{net_sim[name] / net_real[name]:9.2f} {sim_real[name]:9.2f}")
    print()
    print(f"{'pair':58} {'CPython':>8} {'sim':>8}")
    for a, b, label in PAIRS:
        print(f"{label:58} {net_real[a] / net_real[b]:8.2f} {net_sim[a] / net_sim[b]:8.2f}")


if __name__ == "__main__":
    main()
