# family: cpu
# pitfall: naive recursion recomputes the same subproblems exponentially often;
# functools.lru_cache turns it linear (and cache_info shows the hits).
import sys
import time
from functools import lru_cache, cache

calls = 0


def fib(n):
    global calls
    calls += 1
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@lru_cache(maxsize=None)
def fib_cached(n):
    return n if n < 2 else fib_cached(n - 1) + fib_cached(n - 2)


@lru_cache(maxsize=32)
def grid_paths(r, c):
    if r == 0 or c == 0:
        return 1
    return grid_paths(r - 1, c) + grid_paths(r, c - 1)


@cache
def partitions(n, k):
    if n == 0:
        return 1
    if n < 0 or k == 0:
        return 0
    return partitions(n - k, k) + partitions(n, k - 1)


t0 = time.perf_counter()
print("fib(22) =", fib(22), "calls:", calls)
t1 = time.perf_counter()
print("fib_cached(22) =", fib_cached(22), fib_cached.cache_info())
t2 = time.perf_counter()
print("cached at least 50x faster:", (t1 - t0) > 50 * (t2 - t1))
print("fib_cached(180) has", len(str(fib_cached(180))), "digits")
print("grid_paths(12, 12) =", grid_paths(12, 12), grid_paths.cache_info())
print("partitions(60, 60) =", partitions(60, 60), partitions.cache_info().currsize)
fib_cached.cache_clear()
print("after clear:", fib_cached.cache_info())
try:
    sys.setrecursionlimit(200)
    fib_cached(1000)
except RecursionError as e:
    print("RecursionError:", e)
