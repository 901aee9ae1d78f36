# family: multiprocessing
# pitfall: with the spawn start method every worker starts a fresh
# interpreter that imports the program again (as __mp_main__): module-level
# code runs once more in each child, so keep it cheap and put the work under
# `if __name__ == "__main__":`; the workers still share a Queue's jobs.
import multiprocessing as mp

print("module imported as", __name__)
TABLE = {n: n * n for n in range(10)}


def worker(jobs, results):
    for n in iter(jobs.get, None):
        results.put((n, TABLE[n] + 1))


if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    jobs, results = ctx.Queue(), ctx.Queue()
    procs = [ctx.Process(target=worker, args=(jobs, results)) for _ in range(2)]
    for p in procs:
        p.start()
    for n in range(10):
        jobs.put(n)
    for _ in procs:
        jobs.put(None)
    got = sorted(results.get() for _ in range(10))
    for p in procs:
        p.join()
    print(got[:3], len(got), [p.exitcode for p in procs])
