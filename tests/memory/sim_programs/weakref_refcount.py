# weakref.ref when the referent dies by reference count: every weak reference
# is cleared before any callback runs, callbacks run newest first with the
# weak reference as argument, after __del__; a dead reference returns None.
# Also: the shared callback-less ref, hash and equality rules,
# getweakrefcount/getweakrefs, __callback__, and the types that cannot be
# weakly referenced.
import sys
import weakref


class Node:
    def __init__(self, name):
        self.name = name


class Closing(Node):
    def __del__(self):
        print("del", self.name)


def callback(tag):
    def cb(wr):
        print("callback", tag, wr() is None, wr in refs)
    return cb


a = Closing("a")
refs = [weakref.ref(a, callback(1)), weakref.ref(a, callback(2)), weakref.ref(a), weakref.ref(a, callback(3))]
print("shared plain ref:", weakref.ref(a) is refs[2], weakref.ref(a, None) is refs[2])
print("count", weakref.getweakrefcount(a), [r.__callback__ is None for r in weakref.getweakrefs(a)])
print("alive", refs[0]() is a, refs[0] == refs[3], refs[0] != refs[1], hash(refs[0]) == hash(a))
del a
print("after del", [r() for r in refs], refs[0] == refs[3], refs[0] == refs[0])
print("callbacks after death", [r.__callback__ for r in refs])

# a hashed reference keeps its hash after death; one never hashed raises
b = Node("b")
hashed, unhashed = weakref.ref(b), weakref.ref(b, lambda wr: None)
h = hash(hashed)
del b
print("hash kept", hash(hashed) == h)
try:
    hash(unhashed)
except TypeError as e:
    print("TypeError:", e)

# a weak reference used as a dict key finds its referent's entry
c = Node("c")
table = {weakref.ref(c): "value"}
print("lookup", table[weakref.ref(c)], weakref.ref(c) in table)


class Slotted:
    __slots__ = ("x",)


class SlottedWeak:
    __slots__ = ("x", "__weakref__")


def function():
    pass


for obj in [1, 2.5, "text", b"bytes", (1, 2), [1], {1: 2}, None, object(), Slotted(), range(3), ValueError("v")]:
    try:
        weakref.ref(obj)
        print(type(obj).__name__, "ok")
    except TypeError as e:
        print(type(obj).__name__, "TypeError:", e)
for obj in [SlottedWeak(), function, Node, {1, 2}, frozenset([1]), (i for i in range(2)), Node("m").__init__, len]:
    print(type(obj).__name__, "ok", weakref.ref(obj)() is obj)

for base in (int, str, tuple, list, dict, float, set):
    Sub = type("Sub" + base.__name__, (base,), {})
    try:
        weakref.ref(Sub())
        print("subclass of", base.__name__, "ok")
    except TypeError as e:
        print("subclass of", base.__name__, "TypeError:", e)

d = Node("d")
print("sizes", sys.getsizeof(weakref.ref(d)), sys.getsizeof(weakref.ref(d, print)), sys.getsizeof(weakref.proxy(d)),
      sys.getsizeof(weakref.KeyedRef(d, None, "k")))
print("types", type(weakref.ref(d)).__name__, type(weakref.proxy(d)).__name__, type(weakref.proxy(function)).__name__)
p = weakref.proxy(d)
print("proxy", p.name, p == d)
del d
try:
    p.name
except ReferenceError as e:
    print("ReferenceError:", e)

e = Node("e")
r = weakref.ref(e, lambda wr: 1 / 0)
del e
print("a failing callback is reported, not raised")
