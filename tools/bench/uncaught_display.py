#!/usr/bin/env python3
"""What printing an uncaught exception costs CPython at the end of a program,
in reference-loop iterations (the unit of the cost tables'
exception.display_ns and exception.display_frame_ns).

Each sample is a fresh interpreter that times the truth corpus's reference
loop (`for i in range(3_500_000): x = i * 2`), then lets a ZeroDivisionError
escape from D nested calls; an atexit hook reads the clock, so the sample is
the time from the raise to the end of the traceback display (3.10-3.12: the C
printer of Python/pythonrun.c, which opens the source file for every printed
line and, from 3.11, parses the line for the carets; 3.13: the traceback
module, imported then). stderr goes to a pipe, as in the measured runs. Two
depths give the cost per printed frame and the fixed part.

usage: tools/bench/uncaught_display.py [--python PATH ...] [--runs N]
"""
import argparse
import os
import statistics
import subprocess
import tempfile

PROG = r"""
import atexit, os, sys, time
ref = compile("for i in range(3500000):\n    x = i * 2\n", "<reference>", "exec")
r0 = time.perf_counter(); exec(ref, {}); ref_iter = (time.perf_counter() - r0) / 3.5e6
def ratio(a, b):
    return a / b
def deep(n):
    if n == 0:
        return ratio(1, 0)
    return deep(n - 1)
def done():
    os.write(1, b"%.1f\n" % ((time.perf_counter() - t0) / ref_iter))
atexit.register(done)
D = int(sys.argv[1])
t0 = time.perf_counter()
deep(D)
"""


def sample(python, depth, path):
    # a program file, as a learner's: the printer opens it for the source lines
    p = subprocess.run([python, path, str(depth)], capture_output=True, text=True)
    return float(p.stdout.strip())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", action="append")
    ap.add_argument("--runs", type=int, default=9)
    a = ap.parse_args()
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "uncaught.py")
    with open(path, "w") as f:
        f.write(PROG)
    for py in a.python or ["python3"]:
        ver = subprocess.run([py, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True).stdout.strip()
        shallow = statistics.median(sample(py, 0, path) for _ in range(a.runs))  # 3 frames printed
        deep = statistics.median(sample(py, 4, path) for _ in range(a.runs))     # 7 frames printed
        per_frame = max(0.0, (deep - shallow) / 4)
        fixed = max(0.0, shallow - 3 * per_frame)
        print("%s: 3 frames %.0f, 7 frames %.0f reference iterations -> fixed %.0f, per frame %.0f"
              % (ver, shallow, deep, fixed, per_frame))


if __name__ == "__main__":
    main()
