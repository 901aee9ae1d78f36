# family: gil
# pitfall: lock-per-increment
# pair: none
# expect: three threads take a shared lock for every single increment; besides the GIL's turns, a thread that loses the GIL while holding the lock makes the others wait for it
import threading

lock = threading.Lock()
counter = 0


def bump(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1


workers = [threading.Thread(target=bump, args=(60_000,), name=f"bump-{i}") for i in range(3)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print("counter:", counter)
