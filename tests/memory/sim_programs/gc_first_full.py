# Cycles left to the collector: how many collections of each generation run.
# A fresh interpreter has had no full collection yet, so the first one comes
# as soon as generation 2's count passes its threshold.
import gc


class Node:
    def __init__(self):
        self.peer = None


def make_pair():
    a, b = Node(), Node()
    a.peer, b.peer = b, a


before = gc.get_stats()
for _ in range(60_000):
    make_pair()
after = gc.get_stats()
print("collections per generation:", [b["collections"] - a["collections"] for a, b in zip(before, after)])
