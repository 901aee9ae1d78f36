# Weak references and the cyclic collector: the references to unreachable
# objects are cleared before any __del__ runs, the callbacks of references
# that are garbage themselves never run, and the references a callback frees
# count as collected (gc.collect's return value).
import gc
import weakref

gc.collect()  # the interpreter's own start-up garbage
gc.disable()


class Node:
    def __init__(self, name):
        self.name = name


class Closing(Node):
    def __del__(self):
        print("del", self.name, "sees its weakref dead:", self.watch() is None)


def callback(tag):
    def cb(wr):
        print("callback", tag, wr() is None)
    return cb


x = Closing("x")
y = Node("y")
x.other, y.other = y, x
x.watch = weakref.ref(x)
rx1 = weakref.ref(x, callback("x1"))
ry = weakref.ref(y, callback("y"))
rx2 = weakref.ref(x, callback("x2"))
del x, y
print("collected", gc.collect())
print("dead", rx1(), ry(), rx2())

# a reference that belongs to the garbage: its callback is not called
z = Node("z")
z.me = z
z.inner = weakref.ref(z, callback("inner"))
outer = weakref.ref(z, callback("outer"))
del z
print("collected", gc.collect())

# a callback that frees its own reference: counted as collected
holder = {}
w = Node("w")
w.me = w
holder["w"] = weakref.ref(w, lambda wr: holder.pop("w"))
del w
print("collected", gc.collect(), "holder", holder)

# a weak reference in a cycle with its callback is collected with it
v = Node("v")
cycle = [None]
cycle[0] = weakref.ref(v, lambda wr, keep=cycle: print("never"))
del cycle
print("collected", gc.collect())
del v
print("end")
