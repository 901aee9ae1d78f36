# gc.callbacks: each collection calls every callback with "start" before it and
# "stop" after it, with an info dict; the "stop" call carries what was collected.
import gc

gc.disable()
seen = []


def record(phase, info):
    seen.append((phase, info["generation"], info["collected"], info["uncollectable"], sorted(info)))


gc.callbacks.append(record)


class Node:
    pass


for i in range(50):
    a = Node()
    b = Node()
    a.other = b
    b.other = a
del a, b
young = gc.collect(0)
full = gc.collect()
gc.callbacks.remove(record)
gc.collect()
for s in seen:
    print(*s)
print(young, full, len(seen))
