# family: multiprocessing
# pitfall: a child process returns nothing to the parent; results travel through
# a Queue (get them before join to avoid a deadlock on a full pipe).
import multiprocessing as mp


def worker(wid, jobs, results):
    while True:
        n = jobs.get()
        if n is None:
            break
        results.put((wid, n, sum(i * i for i in range(n))))


if __name__ == "__main__":
    jobs = mp.Queue()
    results = mp.Queue()
    procs = [mp.Process(target=worker, args=(w, jobs, results), name=f"worker-{w}") for w in range(3)]
    for p in procs:
        p.start()
    sizes = [1000 * k for k in range(1, 10)]
    for n in sizes:
        jobs.put(n)
    for _ in procs:
        jobs.put(None)
    got = [results.get() for _ in sizes]
    for p in procs:
        p.join()
    print("results:", len(got))
    print("by size:", sorted((n, s) for _, n, s in got)[:3])
    print("exit codes:", [p.exitcode for p in procs])
    print("names:", [p.name for p in procs])
    print("alive after join:", any(p.is_alive() for p in procs))
