#!/usr/bin/env python3
"""Whether a threading.Lock release hands the lock to a thread waiting for it
or lets the releaser take it back (barging), on real CPythons.

One thread takes a lock five times in a row, holding it 2 ms each time (a
sleep: the GIL is free meanwhile), and takes it again right after each
release; a second thread starts waiting for the lock 0.5 ms in. The program
prints after how many of the first thread's turns the waiter got the lock:
1 when a release hands the lock to a waiter parked for more than 1 ms (the
hand-over PyMutex makes after TIME_TO_BE_FAIR_NS, Python/lock.c), up to 5 when
the releaser always wins (3.11's sem_post in Python/thread_pthread.h wakes the
waiter, which retries only once the OS has run it). Runs R fresh interpreters
per python and prints the counts.

usage: tools/bench/lock_fairness.py [--python PATH ...] [--repeat R]
"""
import argparse
import collections
import subprocess
import sys

PROBE = r"""
import threading, time
lock = threading.Lock()
order = []
def hog():
    for i in range(5):
        with lock:
            time.sleep(0.002)
        order.append("hog")
def waiter():
    time.sleep(0.0005)
    with lock:
        order.append("waiter")
ts = [threading.Thread(target=hog), threading.Thread(target=waiter)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(order.index("waiter"))
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", action="append")
    ap.add_argument("--repeat", type=int, default=20)
    a = ap.parse_args()
    for py in a.python or [sys.executable]:
        version = subprocess.run([py, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True,
                                 text=True, check=True).stdout.strip()
        counts = collections.Counter(
            int(subprocess.run([py, "-s", "-c", PROBE], capture_output=True, text=True, check=True).stdout)
            for _ in range(a.repeat))
        print("%s: the waiter got the lock after %s of the holder's turns (runs: count)" % (
            version, ", ".join("%d: %d" % kv for kv in sorted(counts.items()))))


if __name__ == "__main__":
    main()
