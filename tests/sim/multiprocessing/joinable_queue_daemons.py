# family: multiprocessing
# pitfall: daemon workers that loop forever on a JoinableQueue need
# task_done() for every get(): the parent's join() waits until each item is
# marked done, and the daemons are stopped when the parent exits. One
# task_done() too many is an error.
import multiprocessing as mp


def worker(jobs, results):
    while True:
        n = jobs.get()
        results.put(n * n)
        jobs.task_done()


if __name__ == "__main__":
    jobs, results = mp.JoinableQueue(), mp.Queue()
    for _ in range(3):
        mp.Process(target=worker, args=(jobs, results), daemon=True).start()
    for n in range(20):
        jobs.put(n)
    jobs.join()
    print("all done:", sorted(results.get() for _ in range(20))[-3:])
    print(type(jobs).__name__, type(jobs).__module__, jobs.empty())
    try:
        jobs.task_done()
    except ValueError as e:
        print("ValueError:", e)
    print("workers still alive:", len(mp.active_children()))
