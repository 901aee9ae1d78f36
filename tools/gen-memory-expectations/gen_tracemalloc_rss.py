"""Generates tests/memory/tracemalloc_rss.json with CPython 3.11 and 3.13:
- tracemalloc's size formatting and str(Statistic) for a range of values;
- RSS (from /proc/self/statm) of the "2 M floats in a list, keep 1 in 64,
  free all" sequence, relative to the process baseline, to check that freed
  small objects keep their arenas. Run: python3 gen_tracemalloc_rss.py"""
import json, os, subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHONS = {"3.11": "/root/.pyenv/versions/3.11.7/bin/python3",
           "3.13": "/root/.pyenv/versions/3.13.0/bin/python3"}

CHILD = r'''
import json, os, tracemalloc
sizes = [0, 1, 99, 100, 1023, 10239, 10240, 102399, 102400, 1048576, 5000000, 123456789, 10**13, 2.5, 511.5]
fmt = {repr(s): tracemalloc._format_size(s, False) for s in sizes}
stats = []
for size, count in [(1024, 3), (59, 1), (20816840, 200000), (0, 0), (1536000, 7)]:
    tb = tracemalloc.Traceback((("prog.py", 12),))
    stats.append({"size": size, "count": count, "text": str(tracemalloc.Statistic(tb, size, count))})
page = os.sysconf("SC_PAGE_SIZE")
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * page
base = rss()
xs = [i + 0.5 for i in range(2_000_000)]
created = rss() - base
xs = xs[::64]
partial = rss() - base
del xs
freed = rss() - base
print(json.dumps({"format_size": fmt, "statistics": stats,
                  "rss_floats": {"created": created, "keep_1_in_64": partial, "freed": freed}}))
'''

def main():
    out = {"generated_by": "tools/gen-memory-expectations/gen_tracemalloc_rss.py"}
    for v, exe in PYTHONS.items():
        r = subprocess.run([exe, "-c", CHILD], capture_output=True, text=True)
        if r.returncode:
            raise SystemExit(r.stderr)
        out[v] = json.loads(r.stdout)
    dest = os.path.join(HERE, "..", "..", "tests", "memory", "tracemalloc_rss.json")
    with open(dest, "w") as f:
        json.dump(out, f, indent=1)
    print("->", dest)

if __name__ == "__main__":
    main()
