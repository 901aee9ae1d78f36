"""Shared harness of the GIL-releasing thread benchmarks (hashlib_threads.py,
zlib_threads.py): a program whose `work(buf, n)` does one built-in call per
iteration runs with 1 and 4 threads over 1 MiB and 1 KiB buffers, on CPython
and in the simulator (--cores equal to the machine's usable cores, and 4);
printed: the wall time of one thread alone / the wall time of 4 threads.
"""
import argparse
import json
import os
import subprocess
import tempfile

# `setup` defines TOTAL, work(buf, n) and make_buffer(size).
RUNNER = r"""

def run(threads, size):
    buf = make_buffer(size)
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


def program(setup):
    return "import threading\nimport time\n" + setup + RUNNER


def parse(text):
    out = {}
    for line in text.strip().splitlines():
        size, ratio = line.split()
        out[int(size)] = float(ratio)
    return out


def main(setup, title):
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default="/root/.pyenv/versions/3.11.7/bin/python")
    ap.add_argument("--pitfall", default=os.path.join(os.path.dirname(__file__), "..", "..", "build", "native", "pitfall"))
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(program(setup))
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
    print(title)
    print("%-40s %14s %14s" % ("", "1 MiB buffers", "1 KiB buffers"))
    for name, r in rows:
        print("%-40s %14.2f %14.2f" % (name, r[1024 * 1024], r[1024]))
