#!/usr/bin/env python3
"""Who gets the items when one producer feeds two consumers through a bounded
queue.Queue, and how often a woken consumer finds the queue already empty.

Lib/queue.py's get() waits on the not_empty Condition; put() notifies it,
which releases the first waiter's lock (Lib/threading.py Condition.notify);
the woken thread then needs the GIL back (Python/ceval_gil.c take_gil) and the
queue's mutex, and re-checks the queue. Which thread takes the GIL at each
drop decides which consumer drains the next batch. Each run is a fresh
interpreter whose Condition.wait is the stdlib one plus a log entry after the
waiter lock is re-acquired (holding the GIL again): a wake-up followed by
another wake-up of the same thread without an item in between is an empty
wake-up. Prints per run the smaller consumer's share of the items and the
empty wake-ups out of all consumer wake-ups; tests/engine/
threads_queue_wakeup_test.cpp runs the same program in the simulator.

usage: tools/bench/queue_wakeups.py [--python PATH ...] [--runs N]
"""
import argparse
import json
import subprocess
import sys

PROBE = r'''
import json, queue, threading
from threading import _allocate_lock
log = []
def wait(self, timeout=None):
    waiter = _allocate_lock()
    waiter.acquire()
    self._waiters.append(waiter)
    saved_state = self._release_save()
    try:
        waiter.acquire()
        log.append((threading.current_thread().name, "G"))
        return True
    finally:
        self._acquire_restore(saved_state)
threading.Condition.wait = wait

q = queue.Queue(maxsize=4)
got = {"a": 0, "b": 0}

def producer():
    for i in range(120):
        q.put(i)
    q.put(None)
    q.put(None)

def consumer(name):
    while True:
        item = q.get()
        if item is None:
            return
        log.append((name, "g"))
        got[name] += 1
        s = 0
        for k in range(1000):
            s += (item * k) % 7

ts = [threading.Thread(target=consumer, args=(n,), name=n) for n in "ab"]
ts.append(threading.Thread(target=producer, name="p"))
for t in ts:
    t.start()
for t in ts:
    t.join()
empty = wakes = 0
for n in "ab":
    ev = [e for w, e in log if w == n]
    for i, e in enumerate(ev):
        if e == "G":
            wakes += 1
            empty += i + 1 < len(ev) and ev[i + 1] == "G"
print(json.dumps({"items": sum(got.values()), "min_share": min(got.values()) / 120, "empty": empty, "wakes": wakes}))
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", action="append")
    ap.add_argument("--runs", type=int, default=10)
    a = ap.parse_args()
    for py in a.python or [sys.executable]:
        rows = [json.loads(subprocess.run([py, "-s", "-c", PROBE], capture_output=True, text=True, check=True).stdout)
                for _ in range(a.runs)]
        shares = sorted(r["min_share"] for r in rows)
        fr = sorted(r["empty"] / r["wakes"] for r in rows)
        print("%s: smaller consumer's share %.2f-%.2f (median %.2f); empty wake-ups %.0f%%-%.0f%% of wake-ups"
              " (median %.0f%%) over %d runs" % (py, shares[0], shares[-1], shares[len(shares) // 2], fr[0] * 100,
                                                  fr[-1] * 100, fr[len(fr) // 2] * 100, len(rows)))


if __name__ == "__main__":
    main()
