# The cyclic collector and weak references: a weak reference to an object of
# a garbage cycle is cleared before any callback runs, the callback of a weak
# reference that outlives the cycle runs (and may make new objects), one that
# is part of the garbage never runs; gc.collect() counts every object freed.
import gc
import weakref


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


def pair(name):
    a, b = Node(name + "a"), Node(name + "b")
    a.other, b.other = b, a
    return a, b


log = []
gc.collect()  # (start-up garbage of some versions)
gc.disable()

a, b = pair("plain")
del a, b
print("plain cycle:", gc.collect())

a, b = pair("watched")
w = weakref.ref(a, lambda r: log.append(("callback", r() is None, [Node("new")] * 2)))
del a, b
print("watched cycle:", gc.collect(), w() is None, [(x[0], x[1], len(x[2])) for x in log])

a, b = pair("inner")
a.ref = weakref.ref(b, lambda r: log.append("inner callback"))
del a, b
print("weakref inside the cycle:", gc.collect(), log[1:])

keep = []
for i in range(5):
    a, b = pair(str(i))
    keep.append(weakref.ref(b))
del a, b
print("five cycles:", gc.collect(), [r() for r in keep])
gc.enable()
