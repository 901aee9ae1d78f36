"""Measures the cyclic collector's state when a program's first line runs in a
fresh `python prog.py` on the installed CPythons, and writes
tests/memory/gc_start_state.json: gc.get_count(), collections per generation
so far, the number of objects in each generation, and the list/dict/tuple
free lists ("free_lists": [lists, dicts, 1-tuples, ..., 19-tuples], from
sys._debugmallocstats()): allocations they serve do not move generation 0's
count.

No full collection has run at that point in any version (collections[2] == 0),
so CPython's long_lived_total is still 0 and long_lived_pending is the size of
generation 2: the first automatic full collection of a program happens as soon
as generations[2].count passes its threshold (Modules/gcmodule.c,
gc_collect_generations). engine/sim/vm/vm_memory.cpp (interpreter_start) holds
these figures.

Usage: python3 tools/gen-memory-expectations/gen_gc_start_state.py
"""
import json
import os
import subprocess
import tempfile

import free_lists

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHONS = {
    "3.10": "/root/.pyenv/versions/3.10.13/bin/python",
    "3.11": "/root/.pyenv/versions/3.11.7/bin/python",
    "3.12": "/root/.pyenv/versions/3.12.1/bin/python",
    "3.13": "/root/.pyenv/versions/3.13.0/bin/python",
}
# the free lists first (sys._debugmallocstats() into a file, no GC object
# allocated), then the collector's counts
PROGRAM = free_lists.probe_source('"free.txt"') + """import gc
count = gc.get_count()
collections = [s["collections"] for s in gc.get_stats()]
sizes = [len(gc.get_objects(g)) for g in range(3)]
print(list(count), collections, sizes)
"""


def main():
    out = {"generated_by": "tools/gen-memory-expectations/gen_gc_start_state.py", "versions": {}}
    with tempfile.TemporaryDirectory() as d:
        prog = os.path.join(d, "start.py")
        with open(prog, "w") as f:
            f.write(PROGRAM)
        for v, exe in PYTHONS.items():
            r = subprocess.run([exe, prog], capture_output=True, text=True, check=True, cwd=d)
            count, collections, sizes = (json.loads(x) for x in r.stdout.replace("] [", "]\n[").split("\n") if x)
            with open(os.path.join(d, "free.txt")) as f:
                fl = free_lists.parse(f.read())
            out["versions"][v] = {"count": count, "collections": collections, "generation_sizes": sizes,
                                  "free_lists": fl}
    dest = os.path.join(ROOT, "tests", "memory", "gc_start_state.json")
    with open(dest, "w") as f:
        json.dump(out, f, indent=1)
    print("->", dest)


if __name__ == "__main__":
    main()
