# family: gil
# pitfall: cpu-threads-no-speedup
# pair: none
# expect: one producer feeds two CPU-bound consumers through a bounded queue.Queue, one None sentinel per consumer ends them; the GIL runs the consumers one at a time, so the pipeline takes as long as the work done in one thread
import queue
import threading

q = queue.Queue(maxsize=8)
totals = {}


def produce(n, consumers):
    for i in range(n):
        q.put(i)
    for _ in range(consumers):
        q.put(None)


def consume(name):
    total = 0
    count = 0
    while True:
        item = q.get()
        if item is None:
            break
        s = 0
        for k in range(1500):
            s += (item * k) % 7
        total += s
        count += 1
    totals[name] = (count, total)


consumers = [threading.Thread(target=consume, args=(f"c{i}",), name=f"consumer-{i}") for i in range(2)]
producer = threading.Thread(target=produce, args=(200, len(consumers)), name="producer")
for t in consumers:
    t.start()
producer.start()
producer.join()
for t in consumers:
    t.join()
print("items:", sum(c for c, _ in totals.values()), "total:", sum(s for _, s in totals.values()))
