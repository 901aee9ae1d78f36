# family: multiprocessing
# pitfall: to share state between processes use the explicit tools: a Value or
# Array lives in shared memory (guard updates with its lock), a Queue carries
# pickled copies of objects from one process to another.
import multiprocessing as mp


def add_many(counter, arr, idx, n):
    for _ in range(n):
        with counter.get_lock():
            counter.value += 1
    arr[idx] = n * 1.5


def produce(q, items):
    for it in items:
        q.put({"item": it, "square": it * it})
    q.put(None)


if __name__ == "__main__":
    counter = mp.Value("i", 0)
    arr = mp.Array("d", 3)
    procs = [mp.Process(target=add_many, args=(counter, arr, i, 50 * (i + 1))) for i in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("counter:", counter.value, "array:", arr[:], len(arr))
    print("value type:", type(counter).__name__, counter)
    ratio = mp.Value("d", 1)
    ratio.value = ratio.value / 4
    print("double value:", ratio.value)
    q = mp.Queue()
    print("empty at first:", q.empty(), q.qsize())
    try:
        q.get_nowait()
    except Exception as e:
        print("get_nowait on empty:", type(e).__name__)
    payload = {"item": 0, "square": 0}
    q.put(payload)
    got = q.get()
    print("a copy:", got == payload, got is payload)
    worker = mp.Process(target=produce, args=(q, [1, 2, 3]))
    worker.start()
    received = []
    while True:
        msg = q.get()
        if msg is None:
            break
        received.append(msg["square"])
    worker.join()
    print("received:", received, "exit:", worker.exitcode)
