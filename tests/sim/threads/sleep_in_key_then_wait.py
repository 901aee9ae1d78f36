# Sleeps inside C code (a sorted() key function), then a threading call in
# the same stretch of code: the time asleep still passes before the call.
import threading
import time

ev = threading.Event()
ev.set()
t0 = time.perf_counter()
order = sorted([3, 1, 2], key=lambda x: time.sleep(0.01) or x)
ev.wait()
print(order, time.perf_counter() - t0 >= 0.03)
