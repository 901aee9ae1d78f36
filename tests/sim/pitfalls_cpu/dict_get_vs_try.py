# family: cpu
# pitfall: counting with try/except KeyError is fast when keys usually exist,
# but raising and catching for most keys is much slower than dict.get or Counter.
import time
from collections import Counter, defaultdict

words = [f"w{(i * i) % 3001}" for i in range(30_000)]


def count_try(ws):
    counts = {}
    for w in ws:
        try:
            counts[w] += 1
        except KeyError:
            counts[w] = 1
    return counts


def count_get(ws):
    counts = {}
    for w in ws:
        counts[w] = counts.get(w, 0) + 1
    return counts


def count_default(ws):
    counts = defaultdict(int)
    for w in ws:
        counts[w] += 1
    return counts


timings = {}
results = {}
for fn in (count_try, count_get, count_default, Counter):
    t0 = time.perf_counter()
    results[fn.__name__] = dict(fn(words))
    timings[fn.__name__] = time.perf_counter() - t0

print("distinct words:", len(results["count_get"]))
print("all agree:", all(r == results["count_get"] for r in results.values()))
top = sorted(results["Counter"].items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print("most common:", top)
missing = [f"new{i}" for i in range(20_000)]
t0 = time.perf_counter()
count_try(missing)
t1 = time.perf_counter()
count_get(missing)
t2 = time.perf_counter()
print("try/except slower when every key is missing:", (t1 - t0) > (t2 - t1))
