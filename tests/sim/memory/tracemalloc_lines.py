# tracemalloc in a program: traced growth of a list of ints, what a del gives
# back, the peak, and the statistics of a snapshot by line (figures rounded:
# the simulator's are within a few percent of CPython's).
import tracemalloc

tracemalloc.start()
base = tracemalloc.get_traced_memory()[0]
data = [i * 3 for i in range(10000)]
words = {str(i): i for i in range(500)}
now, peak = tracemalloc.get_traced_memory()
print("grew by about", round(now - base, -4), "peak >= current:", peak >= now)
for stat in tracemalloc.take_snapshot().statistics("lineno")[:2]:
    where = str(stat).split(":")[1]
    print("line", where, "blocks about", round(stat.count, -2), "average about", stat.size // stat.count // 10 * 10)
del data
print("after del about", round(tracemalloc.get_traced_memory()[0] - base, -4))
tracemalloc.reset_peak()
tmp = [0] * 10000
del tmp
print("peak after reset about", round(tracemalloc.get_traced_memory()[1] - base, -4))
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
