# A full collection empties the list free list: the lists made right after it
# are new allocations and count towards generation 0 again.
import gc


class Node:
    def __init__(self):
        self.peer = None
        self.payload = [0] * 16


def make_pair():
    a, b = Node(), Node()
    a.peer, b.peer = b, a


gc.collect()
gc.disable()
c0 = gc.get_count()[0]
for _ in range(100):
    make_pair()
print("allocations counted, collector off:", gc.get_count()[0] - c0)
gc.enable()
gc.collect()
c0 = gc.get_count()[0]
for _ in range(100):
    make_pair()
print("allocations counted after a full collection:", gc.get_count()[0] - c0)
