# Python subclasses of weakref.ref (never shared, may carry slots or a
# __dict__, sized by their layout) and weakref.WeakMethod, which dies with
# its object or its function.
import sys
import weakref


class Target:
    def __init__(self, name):
        self.name = name

    def hello(self):
        return "hello from " + self.name


class Tagged(weakref.ref):
    __slots__ = ("tag",)

    def __new__(cls, ob, callback=None, tag=None):
        self = weakref.ref.__new__(cls, ob, callback)
        self.tag = tag
        return self

    def __init__(self, ob, callback=None, tag=None):
        super().__init__(ob, callback)


class Loose(weakref.ref):
    pass


t = Target("t")
a = Tagged(t, None, "first")
b = Tagged(t, lambda wr: print("callback of", wr.tag), "second")
loose = Loose(t)
loose.note = "free attribute"
print("not shared", a is not Tagged(t), weakref.ref(t) is not a, isinstance(a, weakref.ref), type(a).__name__)
print("attributes", a.tag, b.tag, loose.note, a() is t, a == b, hash(a) == hash(t))
print("count", weakref.getweakrefcount(t))
print("sizes", sys.getsizeof(a), sys.getsizeof(loose))
print("weakref to a subclass instance", weakref.ref(loose)() is loose)
del t
print("dead", a(), b(), loose())

t = Target("m")
wm = weakref.WeakMethod(t.hello, lambda w: print("method died"))
print("method", wm()(), wm == weakref.WeakMethod(t.hello), sys.getsizeof(wm))
del t
print("after", wm())
