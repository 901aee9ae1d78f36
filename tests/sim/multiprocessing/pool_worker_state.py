# family: multiprocessing
# pitfall: each Pool worker is its own process with its own copy of the
# module's globals: a counter the task function increments counts only that
# worker's tasks, the parent's copy never changes, and os.getpid() tells the
# workers apart. Aggregate results in the parent instead.
import multiprocessing as mp
import os

calls = 0


def task(x):
    global calls
    calls += 1
    total = 0
    for i in range(20_000):
        total += i % (x + 2)
    return os.getpid(), calls, total


if __name__ == "__main__":
    with mp.Pool(3) as pool:
        results = pool.map(task, range(30), chunksize=2)
    pids = {pid for pid, _, _ in results}
    last = {}
    for pid, n, _ in results:
        last[pid] = max(last.get(pid, 0), n)
    print("tasks:", len(results), "parent's counter:", calls)
    print("workers used:", len(pids), "none is the parent:", os.getpid() not in pids)
    print("each worker counted only its own tasks:", sum(last.values()) == len(results))
    print("every count from 1 up:", all(sorted(n for p, n, _ in results if p == q) == list(range(1, last[q] + 1)) for q in pids))
