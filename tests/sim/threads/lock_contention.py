# Four threads increment a shared counter under a Lock; a Condition-based
# producer/consumer and a Barrier; results are exact whatever the interleaving.
import threading
from queue import Queue, LifoQueue, PriorityQueue

counter = 0
lock = threading.Lock()


def add(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1


ts = [threading.Thread(target=add, args=(2000,)) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("counter", counter)

items = []
cond = threading.Condition()


def consumer():
    with cond:
        while len(items) < 3:
            cond.wait()
        print("consumer saw", items)


c = threading.Thread(target=consumer)
c.start()
for i in range(3):
    with cond:
        items.append(i)
        cond.notify()
c.join()

barrier = threading.Barrier(3)
arrived = []


def party(k):
    arrived.append(k)
    barrier.wait()


ps = [threading.Thread(target=party, args=(k,)) for k in range(3)]
for p in ps:
    p.start()
for p in ps:
    p.join()
print("barrier passed by", sorted(arrived))

for cls in (Queue, LifoQueue, PriorityQueue):
    q = cls()
    for x in (3, 1, 2):
        q.put(x)
    print(cls.__name__, [q.get() for _ in range(3)])

sem = threading.BoundedSemaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(blocking=False))
sem.release()
try:
    sem.release()
    sem.release()
except ValueError as e:
    print("ValueError:", e)
r = threading.RLock()
with r:
    with r:
        print("rlock reentered")
