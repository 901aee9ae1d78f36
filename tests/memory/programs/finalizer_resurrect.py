# PEP 442: a cycle whose objects define __del__ is collected; __del__ runs once
# even when it resurrects its object, and the resurrected object survives.
import gc
gc.disable()
saved = []
calls = 0
class Phoenix:
    def __del__(self):
        global calls
        calls += 1
        saved.append(self)
for i in range(100):
    a = Phoenix()
    b = Phoenix()
    a.other = b
    b.other = a
del a, b
first = gc.collect()
saved.clear()
second = gc.collect()
print(first, second, calls)
