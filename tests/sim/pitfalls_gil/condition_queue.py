# family: gil
# pitfall: polling a shared list in a busy loop burns the GIL; a Condition lets the
# consumer sleep until notified (and must re-check its predicate in a while loop).
import threading
import time

items = []
cond = threading.Condition()
consumed = []
DONE = object()


def producer(n):
    for i in range(n):
        time.sleep(0.005)
        with cond:
            items.append(i)
            cond.notify()
    with cond:
        items.append(DONE)
        cond.notify_all()


def consumer(name):
    while True:
        with cond:
            while not items:
                cond.wait()
            item = items[0]
            if item is DONE:
                return
            items.pop(0)
        consumed.append((name, item))


workers = [threading.Thread(target=consumer, args=(f"c{i}",)) for i in range(3)]
for w in workers:
    w.start()
t0 = time.perf_counter()
prod = threading.Thread(target=producer, args=(30,))
prod.start()
prod.join()
for w in workers:
    w.join()
elapsed = time.perf_counter() - t0
print("consumed:", len(consumed), "sum:", sum(i for _, i in consumed))
print("in order:", [i for _, i in consumed] == list(range(30)))
print("at least 30 x 5 ms:", elapsed >= 0.15)
with cond:
    ok = cond.wait_for(lambda: True, timeout=0.1)
print("wait_for with a true predicate:", ok)
with cond:
    got = cond.wait(timeout=0.05)
print("wait timed out:", got)
