# family: gil
# pitfall: a module-level "current request" shared by worker threads gets
# overwritten by whichever thread ran last; threading.local gives each thread its own.
import threading
import time

shared = {"user": None}
local = threading.local()
mixed_up = []
results = {}
lock = threading.Lock()


def handle(user, delay):
    shared["user"] = user
    local.user = user
    time.sleep(delay)                  # another thread runs meanwhile
    if shared["user"] != user:
        with lock:
            mixed_up.append(user)
    with lock:
        results[user] = local.user


threads = [threading.Thread(target=handle, args=(f"u{i}", 0.01 * (5 - i)), name=f"req-{i}")
           for i in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("threading.local kept each user:", all(k == v for k, v in results.items()), len(results))
print("requests that saw another user's data:", sorted(mixed_up))
print("main thread has no local.user:", not hasattr(local, "user"))
print("names:", [t.name for t in threads], "alive:", any(t.is_alive() for t in threads))
print("current thread:", threading.current_thread().name, "| active:", threading.active_count())
