# family: gil
# pitfall: `counter += 1` is several bytecodes, so threads can interleave inside it;
# a Lock makes the read-modify-write atomic. With time.sleep(0) between the read
# and the write the race shows up every time.
import threading
import time

counter = 0
safe_counter = 0
lock = threading.Lock()


def unsafe(n):
    global counter
    for _ in range(n):
        value = counter
        time.sleep(0)          # yield the GIL between read and write
        counter = value + 1


def safe(n):
    global safe_counter
    for _ in range(n):
        with lock:
            value = safe_counter
            time.sleep(0)
            safe_counter = value + 1


for target in (unsafe, safe):
    threads = [threading.Thread(target=target, args=(200,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
print("unsafe counter lost updates:", counter < 800)
print("safe counter:", safe_counter)
print("lock released:", not lock.locked())
rl = threading.RLock()
with rl:
    with rl:
        print("RLock re-entered by its owner")
