"""Measures the cyclic collector's state when a program's first line runs
inside the truth corpus's measuring harness (/work/shared/truth/harness.py,
run in place, never copied), on the installed CPythons, and writes
tests/memory/gc_harness_start_state.json.

The harness imports its own modules, parses the program (ast.parse, ast.walk:
thousands of short-lived GC objects), installs its hooks and starts
tracemalloc before it runs a program, so generation 0 is already partly
filled and the list/dict/tuple free lists hold other numbers of entries than
in a plain `python prog.py`. When the program's collections run, and hence
which garbage cycles still wait in the young generations at exit, follow from
that state. tests/engine/memory_truth_test.cpp starts the simulator from it
(Options::gc_start_*), as a plain run starts from gc_start_state.json.

Because the harness's parse of the program moves the counts, the state is
measured for each program of the corpus's memory family: the program's own
text (read in place from /work/shared/truth, written only to a temporary
directory) with a probe in front that reads sys._debugmallocstats()'s free
lists, gc.get_count() and the size of the oldest generation without keeping
any GC object (an earlier probe that wrote JSON through a file object moved
the program's collections by tens of allocations). The probe adds a few
statements to what the harness parses. The traced run (tracemalloc on, as for
the memory figures) is the last one the harness runs, and its state is kept.

Output: {"versions": {"3.11": {"programs/memory/x.py": {"count", "old_objects",
"free_lists": [lists, dicts, 1-tuples, ..., 19-tuples]}}}}

Usage: python3 tools/gen-memory-expectations/gen_harness_gc_state.py
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import free_lists

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRUTH = "/work/shared/truth"
HARNESS = os.path.join(TRUTH, "harness.py")
PYTHONS = {
    "3.11": "/root/.pyenv/versions/3.11.7/bin/python",
    "3.13": "/root/.pyenv/versions/3.13.0/bin/python",
}
HERE = 'os.path.dirname(os.path.abspath(__file__))'
# Allocates no GC object that outlives it (the tuples come from and go back to
# their free lists), so the program that follows runs in the same phase of
# generation 0 as without the probe. The harness's traced run comes last, so
# the file holds its state.
PROBE = free_lists.probe_source('os.path.join(' + HERE + ', "state.txt")') + """import gc as _gc
os.write(_fd, ("\\ncount %r old %d\\n" % (_gc.get_count(), len(_gc.get_objects(2)))).encode())
os.close(_fd)
del _gc, _fd, _save
"""


def measure(exe, src, d):
    prog = os.path.join(d, "program.py")
    with open(prog, "w") as f:
        f.write(PROBE + src)
    subprocess.run([exe, HARNESS, prog, "--runs", "1", "--mem-runs", "1", "--no-ref"],
                   capture_output=True, text=True, check=True, cwd=d)
    with open(os.path.join(d, "state.txt")) as f:
        text = f.read()
    os.unlink(os.path.join(d, "state.txt"))
    m = re.search(r"count \((\d+), (\d+), (\d+)\) old (\d+)", text)
    return {"count": [int(m.group(i)) for i in (1, 2, 3)], "old_objects": int(m.group(4)),
            "free_lists": free_lists.parse(text)}


def main():
    if not os.path.exists(HARNESS):
        sys.exit("no harness at " + HARNESS)
    out = {"generated_by": "tools/gen-memory-expectations/gen_harness_gc_state.py", "versions": {}}
    programs = sorted(glob.glob(os.path.join(TRUTH, "programs", "memory", "*.py")))
    with tempfile.TemporaryDirectory() as d:
        for v, exe in PYTHONS.items():
            out["versions"][v] = {}
            for p in programs:
                with open(p) as f:
                    src = f.read()
                out["versions"][v][os.path.relpath(p, TRUTH)] = measure(exe, src, d)
    dest = os.path.join(ROOT, "tests", "memory", "gc_harness_start_state.json")
    with open(dest, "w") as f:
        json.dump(out, f, indent=1)
    print("->", dest)


if __name__ == "__main__":
    main()
