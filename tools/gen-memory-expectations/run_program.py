"""Runs one program of tests/memory/programs in this interpreter and prints
JSON: gc.get_stats() deltas per generation, gc.get_count() at the end,
tracemalloc peak/final (bytes traced while the program ran) and its stdout."""
import gc, io, json, sys, tracemalloc, contextlib

path = sys.argv[1]
src = open(path).read()
code = compile(src, path, "exec")
gc.collect()
gc.collect()
tracked_at_start = len(gc.get_objects())  # long_lived_total after the full collection
before = gc.get_stats()
out = io.StringIO()
tracemalloc.start()
base = tracemalloc.get_traced_memory()[0]
with contextlib.redirect_stdout(out):
    g = {"__name__": "__main__"}
    exec(code, g)
cur, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
count = gc.get_count()
gc.enable()
after = gc.get_stats()
print(json.dumps({
    "collections": [a["collections"] - b["collections"] for a, b in zip(after, before)],
    "collected": [a["collected"] - b["collected"] for a, b in zip(after, before)],
    "uncollectable": [a["uncollectable"] - b["uncollectable"] for a, b in zip(after, before)],
    "count_at_end": list(count),
    "tracked_at_start": tracked_at_start,
    "threshold": list(gc.get_threshold()),
    "traced_peak": peak - base, "traced_final": cur - base,
    "stdout": out.getvalue(),
}))
