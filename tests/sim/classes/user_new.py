class Singleton:
    _inst = None
    def __new__(cls, *args, **kw):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
            print("new", cls.__name__, args, kw)
        return cls._inst
    def __init__(self, v=0):
        print("init", v)
        self.v = v
a = Singleton(1); b = Singleton(2)
print(a is b, a.v)
class Other:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never")
print(Other())
class Pos(int):
    def __new__(cls, v):
        if v < 0: raise ValueError("neg")
        return super().__new__(cls, v)
p = Pos(5); print(p, type(p).__name__, p + 1)
try: Pos(-1)
except ValueError as e: print("VE", e)
class Point(tuple):
    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))
    @property
    def x(self): return self[0]
pt = Point(1, 2); print(pt, pt.x, type(pt).__name__)
class Up(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())
print(Up("abc"), len(Up("abc")))
class Base:
    def __new__(cls, *a):
        obj = object.__new__(cls)
        obj.created = True
        return obj
class Child(Base):
    def __init__(self, x):
        self.x = x
c = Child(3); print(c.created, c.x)
class Sub(Other): pass
print(Sub())
class WithInitOnly:
    def __init__(self, a): self.a = a
w = WithInitOnly.__new__(WithInitOnly); print(type(w).__name__, hasattr(w, "a"))
try:
    object.__new__(WithInitOnly, 1)
    print("ok extra args")
except TypeError as e: print("TE", e)
class NoInit: pass
try: NoInit(1)
except TypeError as e: print("TE", e)
class Cache:
    _c = {}
    def __new__(cls, key):
        if key not in cls._c:
            inst = super().__new__(cls)
            inst.key = key
            cls._c[key] = inst
        return cls._c[key]
print(Cache("a") is Cache("a"), Cache("b").key)
class Err(Exception):
    def __new__(cls, *args):
        e = super().__new__(cls, *args)
        e.extra = len(args)
        return e
e = Err("a", "b"); print(e.args, e.extra)
class Imm(tuple):
    def __new__(cls, *items):
        return super().__new__(cls, items)
    def __init__(self, *items):
        self.n = len(items)
i = Imm(1, 2, 3); print(i, i.n, type(i).__name__)
class BadNew:
    def __new__(cls, x):
        return object.__new__(cls, x)
try: BadNew(1)
except TypeError as ex: print("TE", ex)
