# 5 000 self-referencing lists and 5 000 two-instance cycles, then one
# explicit gc.collect(): its return value counts the unreachable objects.
import gc
gc.disable()
class Node:
    pass
for i in range(5_000):
    l = []
    l.append(l)
    a = Node()
    b = Node()
    a.other = b
    b.other = a
del l, a, b
found = gc.collect()
print(found)
