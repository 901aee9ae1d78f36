# family: multiprocessing
# pitfall: a Manager's list / dict / Namespace are proxies: every operation is a
# round trip to the manager's server process (far slower than a plain list), and
# changing an object you got from a proxy changes only your copy.
import multiprocessing as mp
import time


def record(shared, log, ns, n):
    shared[n] = n * n
    log.append(n)
    setattr(ns, "worker%d" % n, n * 10)


if __name__ == "__main__":
    with mp.Manager() as manager:
        shared = manager.dict()
        log = manager.list()
        ns = manager.Namespace(started=True)
        procs = [mp.Process(target=record, args=(shared, log, ns, i)) for i in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        print("dict:", dict(sorted(shared.items())))
        print("list:", sorted(log), len(log))
        print("namespace:", ns)
        nested = manager.list([[1]])
        nested[0].append(2)
        print("nested update lost:", nested)
        row = nested[0]
        row.append(2)
        nested[0] = row
        print("reassigned:", nested)
        print(type(shared).__name__, type(log).__name__, type(manager).__name__, str(log) == str(list(log)))
        t0 = time.perf_counter()
        for i in range(200):
            log.append(i)
        t1 = time.perf_counter()
        plain = []
        for i in range(200):
            plain.append(i)
        t2 = time.perf_counter()
        print("proxy appends 10x slower than a plain list:", (t1 - t0) > 10 * (t2 - t1))
        print(repr(log).startswith("<ListProxy object, typeid 'list' at 0x"))
