# family: multiprocessing
# pitfall: memory a child process allocates is its own process's: the parent's
# tracemalloc never sees it. What the child sends back (a Pool's results) is
# unpickled in the parent and does count there.
import multiprocessing as mp
import tracemalloc


def build_table(n):
    table = {i: str(i) * 3 for i in range(n)}
    return len(table)


def build_rows(n):
    return [str(i) * 3 for i in range(n)]


if __name__ == "__main__":
    tracemalloc.start()
    p = mp.Process(target=build_table, args=(100_000,))
    p.start()
    p.join()
    _, peak = tracemalloc.get_traced_memory()
    print("after a child built 100k entries, parent peak under 1 MB:", peak < 1_000_000)
    tracemalloc.reset_peak()
    with mp.Pool(2) as pool:
        sizes = pool.map(build_table, [50_000, 50_000])
    _, peak = tracemalloc.get_traced_memory()
    print("pool returned", sizes, "- parent peak under 1 MB:", peak < 1_000_000)
    tracemalloc.reset_peak()
    with mp.Pool(2) as pool:
        rows = pool.map(build_rows, [50_000, 50_000])
    current, peak = tracemalloc.get_traced_memory()
    print("pool returned", sum(len(r) for r in rows), "rows - parent holds over 5 MB:", current > 5_000_000)
