"""Records the chunksize multiprocessing.Pool.map picks by default for several
(items, workers) pairs on the running CPython (by wrapping Pool._get_tasks,
which receives it). Checked by tests/engine/sched_processes_test.cpp.

Usage: python3 pool_chunksize.py > pool_chunksize-3.11.json
"""
import json
import multiprocessing.pool as mpp
import sys

seen = []
_orig = mpp.Pool._get_tasks


def _get_tasks(func, it, size):
    seen.append(size)
    return _orig(func, it, size)


mpp.Pool._get_tasks = staticmethod(_get_tasks)

if __name__ == "__main__":
    rows = []
    for workers in (1, 2, 4, 8):
        with mpp.Pool(workers) as p:
            for items in (1, 7, 8, 9, 100, 1000, 20000, 10**6 // 10):
                seen.clear()
                p.map(abs, range(items))
                rows.append({"items": items, "workers": workers, "chunksize": seen[0]})
    json.dump({"python": sys.version.split()[0], "rows": rows}, sys.stdout, indent=1)
    print()
