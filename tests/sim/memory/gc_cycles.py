# The cyclic collector: gc.collect() returns the unreachable objects it found,
# __del__ runs once per object (PEP 442) even when it resurrects, and
# disabling the collector leaves cycles alone until an explicit collect.
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


def make_cycles(n):
    for i in range(n):
        a = Node(i)
        b = Node(i)
        a.other = b
        b.other = a


class Phoenix:
    saved = []

    def __init__(self, tag):
        self.tag = tag
        self.peer = None

    def __del__(self):
        print("finalizing", self.tag)
        Phoenix.saved.append(self)


print(gc.get_threshold())
gc.disable()
print("enabled:", gc.isenabled())
make_cycles(10)
print("collected:", gc.collect())
make_cycles(3)
box = [Node("kept")]
box.append(box)
del box
print("collected:", gc.collect())
p, q = Phoenix("p"), Phoenix("q")
p.peer, q.peer = q, p
del p, q
print("collected with resurrection:", gc.collect())
print("saved:", sorted(x.tag for x in Phoenix.saved))
Phoenix.saved.clear()
print("collected after release:", gc.collect())
gc.enable()
print("enabled:", gc.isenabled())
