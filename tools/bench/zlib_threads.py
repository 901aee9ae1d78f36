#!/usr/bin/env python3
"""Threads compressing with zlib: CPython releases the GIL around every
deflate() call (Modules/zlibmodule.c, whatever the size), so threads
compressing buffers run in parallel; with 1 KiB buffers the Python part of
each call (and deflateInit) holds the GIL a larger share of the time.

The same program runs on real CPython and in the simulator: 4 threads share a
fixed amount of compressing (level 6, text of numbers), once over 1 MiB
buffers and once over 1 KiB buffers; each shape also runs on one thread
alone. Printed per run: the wall time of one thread alone / the wall time of
4 threads (the speedup), for both buffer sizes. The simulator runs with
--cores equal to the machine's usable cores (os.sched_getaffinity) and with
--cores 4. tests/engine/zlib_threads_test.cpp runs the same program.

usage: tools/bench/zlib_threads.py [--python PATH] [--pitfall build/native/pitfall] [--repeat R]
"""
import argparse
import json
import os
import subprocess
import tempfile

PROGRAM = r"""
import threading
import time
import zlib

TOTAL = 8 * 1024 * 1024
TEXT = " ".join(str(i * 7919 % 100003) for i in range(200000)).encode()


def work(buf, n):
    for _ in range(n):
        zlib.compress(buf)


def run(threads, size):
    buf = TEXT[:size]
    per = TOTAL // size // threads
    t0 = time.perf_counter()
    ts = [threading.Thread(target=work, args=(buf, per)) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - t0


for size in (1024 * 1024, 1024):
    one = run(1, size)
    four = run(4, size)
    print(size, round(one / four, 3))
"""


def parse(text):
    out = {}
    for line in text.strip().splitlines():
        size, ratio = line.split()
        out[int(size)] = float(ratio)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default="/root/.pyenv/versions/3.11.7/bin/python")
    ap.add_argument("--pitfall", default=os.path.join(os.path.dirname(__file__), "..", "..", "build", "native", "pitfall"))
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(PROGRAM)
        path = f.name
    cores = len(os.sched_getaffinity(0))
    runs = []
    for _ in range(a.repeat):
        runs.append(parse(subprocess.run([a.python, path], capture_output=True, text=True, check=True).stdout))
    best = {k: max(r[k] for r in runs) for k in runs[0]}
    rows = [("CPython (%d usable cores, best of %d)" % (cores, a.repeat), best)]
    for c in sorted({cores, 4}):
        rep = json.loads(subprocess.run([a.pitfall, "sim", path, "--json", "--python", "3.11", "--cores", str(c)],
                                        capture_output=True, text=True, check=True).stdout)
        rows.append(("simulator --cores %d" % c, parse(rep["stdout"])))
    os.unlink(path)
    print("speedup of 4 threads over 1 (wall time ratio), zlib.compress of 8 MiB in all")
    print("%-40s %14s %14s" % ("", "1 MiB buffers", "1 KiB buffers"))
    for name, r in rows:
        print("%-40s %14.2f %14.2f" % (name, r[1024 * 1024], r[1024]))


if __name__ == "__main__":
    main()
