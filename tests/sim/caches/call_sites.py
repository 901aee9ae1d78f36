# Calls at one instruction, run again after what they found has changed or
# with other receivers: built-in methods called on an object (`o.m(x)`),
# bound built-in methods kept in a variable, classes called to make
# instances, and attribute stores into instance dicts. The simulator takes
# direct paths for the common shapes; every other shape must behave as usual.


def add(container, x):
    return container.append(x)


def call_bound(m, *args):
    return m(*args)


def call1(m, x):
    return m(x)


class Sub(list):
    pass


items = []
sub = Sub()
for i in range(20):
    add(items, i)
    add(sub, i)
print("append:", len(items), sum(items), len(sub), type(sub).__name__)

# the same site with an object whose method raises, or of another type
try:
    add((1, 2), 3)
except AttributeError as e:
    print("AttributeError:", e)


class Appender:
    def __init__(self):
        self.seen = []

    def append(self, x):
        self.seen.append(x * 2)
        return "python method"


a = Appender()
print("python append:", add(a, 5), a.seen)

# wrong argument counts at a method call site
for args in ((), (1, 2)):
    try:
        items.append(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    items.pop(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    items.index(999)
except ValueError as e:
    print("ValueError:", e)

# unbound methods called with another type's object
try:
    list.append((), 1)
except TypeError as e:
    print("TypeError:", e)

# bound built-in methods
app = items.append
for i in range(5):
    call1(app, i)
print("bound:", len(items), items[-5:])
get = {"a": 1}.get
print("dict.get:", call_bound(get, "a"), call_bound(get, "b"), call_bound(get, "b", 0))
for args in ((), (1, 2, 3)):
    try:
        call_bound(app, *args)
    except TypeError as e:
        print("TypeError:", e)
upper = "abc".upper
print("str method:", call_bound(upper), call_bound("x,y".split, ","))
keys = []
for m in (keys.append, items.count, "q".join, len):
    print("mixed site:", call1(m, "qq"))
print("keys:", keys)


# classes called at one site: different classes, then changed ones
class A:
    def __init__(self, v):
        self.v = v


class B(A):
    def __init__(self, v):
        super().__init__(v * 10)


class C:
    pass


class E(Exception):
    def __init__(self, v):
        super().__init__("E", v)
        self.v = v


def make(cls, v):
    return cls(v)


for _ in range(3):
    print("made:", make(A, 1).v, make(B, 2).v, make(E, 3).args, make(E, 4).v)
try:
    make(C, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    make(A, 1) and A()
except TypeError as e:
    print("TypeError:", e)


def init2(self, v):
    self.v = -v


A.__init__ = init2
print("new __init__:", make(A, 5).v, make(B, 5).v)


def new_a(cls, v):
    print("  __new__ runs for", cls.__name__, v)
    return object.__new__(cls)


A.__new__ = new_a
print("with __new__:", make(A, 6).v)


def bad_init(self, v):
    return v


A.__init__ = bad_init
try:
    make(A, 8)
except TypeError as e:
    print("TypeError:", e)


class D:
    def __init__(self, n):
        self.child = D(n - 1) if n else None


try:
    D(10000)
except RecursionError as e:
    print("RecursionError:", e)


# attribute stores: new names, names stored again, deleted and set again,
# a name stored through another (equal, not interned) str, many names
class Bag:
    pass


def fill(obj, n):
    obj.a = n
    obj.b = n + 1
    obj.c = n + 2


bags = [Bag() for _ in range(5)]
for i, b in enumerate(bags):
    fill(b, i)
    fill(b, i * 10)
del bags[0].b
fill(bags[0], 7)
print("bag 0:", vars(bags[0]))
name = "".join(["a", "b"])
setattr(bags[1], name, "joined")
bags[1].ab = "attr"
print("bag 1:", vars(bags[1]), getattr(bags[1], name))
for k in range(12):
    setattr(bags[2], "attr_%d" % k, k)
    bags[2].a = k
print("bag 2:", sorted(vars(bags[2]).items())[:4], len(vars(bags[2])))
bags[3].__dict__.clear()
fill(bags[3], 100)
print("bag 3:", vars(bags[3]))
bags[4].__dict__[1] = "int key"
fill(bags[4], 200)
print("bag 4:", vars(bags[4]))
