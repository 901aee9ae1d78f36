# family: gil
# pitfall: starting one thread per download hammers the server; a Semaphore caps
# how many run at once (here 3), so 12 downloads of 0.05 s take 4 rounds.
import threading
import time

limit = threading.BoundedSemaphore(3)
lock = threading.Lock()
running = 0
peak = 0
done = []


def download(i):
    global running, peak
    with limit:
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.05)
        with lock:
            running -= 1
            done.append(i)


t0 = time.perf_counter()
threads = [threading.Thread(target=download, args=(i,)) for i in range(12)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - t0
print("downloads:", len(done), "peak concurrency:", peak)
print("four rounds of 0.05 s:", 0.2 <= elapsed < 0.45)
try:
    limit.release()
except ValueError as e:
    print("ValueError:", e)
s = threading.Semaphore(0)
print("acquire without waiting:", s.acquire(blocking=False), "| with timeout:", s.acquire(timeout=0.01))
