"""Records the exception types and messages CPython raises for misuse of the
threading and queue primitives, plus the results of timed waits. The scheduler
tests (tests/engine/sched_sync_test.cpp) check the model's Outcome against it.

Usage: python3 threading_messages.py > threading_messages-3.11.json
"""
import json
import queue
import sys
import threading


def capture(fn):
    try:
        r = fn()
        return {"raised": None, "result": r}
    except BaseException as e:  # noqa: BLE001 - recording any exception is the point
        return {"raised": type(e).__name__, "message": str(e)}


out = {}
out["join_current"] = capture(lambda: threading.current_thread().join())
out["join_unstarted"] = capture(lambda: threading.Thread(target=lambda: None).join())
out["start_twice"] = capture(lambda: [t := threading.Thread(target=lambda: None), t.start(), t.join(), t.start()])
out["lock_release_unlocked"] = capture(lambda: threading.Lock().release())
out["rlock_release_unowned"] = capture(lambda: threading.RLock().release())
out["bounded_semaphore_over_release"] = capture(lambda: threading.BoundedSemaphore(1).release())
out["condition_wait_unowned"] = capture(lambda: threading.Condition().wait(0.01))
out["condition_notify_unowned"] = capture(lambda: threading.Condition().notify())
lk = threading.Lock()
lk.acquire()
out["lock_acquire_timeout"] = capture(lambda: lk.acquire(timeout=0.01))
out["lock_acquire_nonblocking"] = capture(lambda: lk.acquire(blocking=False))
out["event_wait_timeout"] = capture(lambda: threading.Event().wait(0.01))
out["queue_get_timeout"] = capture(lambda: queue.Queue().get(timeout=0.01))
out["queue_get_nowait"] = capture(lambda: queue.Queue().get_nowait())
q1 = queue.Queue(maxsize=1)
q1.put(1)
out["queue_put_full_timeout"] = capture(lambda: q1.put(2, timeout=0.01))
b = threading.Barrier(2)
out["barrier_timeout"] = capture(lambda: b.wait(timeout=0.01))
# Barrier indices: arrival order of 3 parties.
bar = threading.Barrier(3)
idx = {}
def party(name, delay):
    threading.Event().wait(delay)
    idx[name] = bar.wait()
ts = [threading.Thread(target=party, args=(n, d)) for n, d in (("a", 0.0), ("b", 0.05), ("c", 0.1))]
for t in ts: t.start()
for t in ts: t.join()
out["barrier_indices_by_arrival"] = [idx["a"], idx["b"], idx["c"]]
out["python"] = sys.version.split()[0]
json.dump(out, sys.stdout, indent=1, sort_keys=True)
print()
