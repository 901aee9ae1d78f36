# family: multiprocessing
# pitfall: each process has its own copy of module globals: appending to a global
# list in a child changes nothing in the parent. Return results, or use a Queue /
# Value / Manager explicitly.
import multiprocessing as mp

seen = []
counter = 0


def record(x):
    global counter
    seen.append(x)
    counter += 1
    return x * 10


def bump(shared, n):
    for _ in range(n):
        with shared.get_lock():
            shared.value += 1


if __name__ == "__main__":
    p = mp.Process(target=record, args=(1,))
    p.start()
    p.join()
    print("after a child ran record(1):", seen, counter)
    with mp.Pool(2) as pool:
        out = pool.map(record, range(5))
    print("pool returned:", out)
    print("parent globals unchanged:", seen, counter)
    total = mp.Value("i", 0)
    workers = [mp.Process(target=bump, args=(total, 100)) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("shared Value:", total.value)
    record(99)
    print("parent's own call:", seen, counter)
