# Threads that sleep for different times print in the order their sleeps end;
# the main thread's prints interleave with theirs (sleep releases the GIL).
import threading
import time

log = []


def worker(name, delay, steps):
    for i in range(steps):
        time.sleep(delay)
        print(f"{name} step {i}")
        log.append(name)


threads = [threading.Thread(target=worker, args=(n, d, s), name=n)
           for n, d, s in (("fast", 0.030, 4), ("slow", 0.140, 2), ("mid", 0.075, 3))]
for t in threads:
    t.start()
print("main: started", [t.name for t in threads])
time.sleep(0.1)
print("main: after 100 ms", sorted(set(log)))
for t in threads:
    t.join()
print("main: joined, alive:", [t.is_alive() for t in threads])
print("order:", log)
