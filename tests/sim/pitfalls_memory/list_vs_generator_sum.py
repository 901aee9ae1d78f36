# family: memory
# pitfall: sum([...]) builds the whole list before adding; sum(... for ...) streams.
# tracemalloc snapshots show where the memory went.
import tracemalloc

N = 200_000
tracemalloc.start()
snap0 = tracemalloc.take_snapshot()
total_list = sum([i * i for i in range(N)])
_, peak_list = tracemalloc.get_traced_memory()
tracemalloc.reset_peak()
total_gen = sum(i * i for i in range(N))
_, peak_gen = tracemalloc.get_traced_memory()
print("same totals:", total_list == total_gen, total_gen)
print("list peak in MB (1 decimal):", round(peak_list / 1e6, 1))
print("generator peak under 10 KB:", peak_gen < 10_000)
print("list/generator peak ratio over 100:", peak_list / peak_gen > 100)

squares = [i * i for i in range(N)]          # kept alive on purpose
snap1 = tracemalloc.take_snapshot()
stats = snap1.compare_to(snap0, "lineno")
top = stats[0]
print("top growth on line:", top.traceback[0].lineno, "| about MB:", round(top.size_diff / 1e6, 1))
print("blocks on that line about:", round(top.count_diff, -4))
del squares
current, _ = tracemalloc.get_traced_memory()
print("after del under 100 KB:", current < 100_000)
tracemalloc.stop()
