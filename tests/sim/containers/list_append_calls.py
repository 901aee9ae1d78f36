# list.append called every way a program can: as a method, bound and kept,
# through the type, with the wrong arguments, on subclasses and look-alikes,
# and the memory it leaves (sizes while the list grows, references held).
import sys
import tracemalloc


class Bag:
    def __init__(self):
        self.items = []
        self.total = 0

    def add(self, n):
        for i in range(n):
            self.items.append(i & 7)
            self.total += i & 7


b = Bag()
b.add(100)
print("bag", len(b.items), b.total, b.items[:10])

sizes = []
grow = []
for i in range(40):
    grow.append(i)
    sizes.append(sys.getsizeof(grow))
print("sizes", sizes)

append = grow.append
for i in range(5):
    append(-i)
print("bound", grow[-5:], len(grow))

list.append(grow, "via type")
print("type", grow[-1])

me = []
me.append(me)
print("self", me, me[0] is me)


class Counted(list):
    calls = 0

    def append(self, x):
        Counted.calls += 1
        super().append(x * 2)


c = Counted()
for i in range(4):
    c.append(i)
print("override", c, Counted.calls)


class Plain(list):
    pass


p = Plain()
for i in range(3):
    p.append(i)
p_append = p.append
p_append("bound")
print("subclass", p, type(p).__name__)


class LooksLike:
    def __init__(self):
        self.got = []

    def append(self, x):
        self.got.append(("seen", x))


l = LooksLike()
for i in range(3):
    l.append(i)
print("looks like", l.got)

for bad in (lambda: grow.append(), lambda: grow.append(1, 2), lambda: grow.append(x=1),
            lambda: list.append((), 1), lambda: list.append(1)):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

obj = object()
before = sys.getrefcount(obj)
held = []
for i in range(10):
    held.append(obj)
print("refs", sys.getrefcount(obj) - before)
del held
print("refs after", sys.getrefcount(obj) - before)

tracemalloc.start()
t = []
for i in range(1000):
    t.append(i)
cur, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print("traced", cur > 0, peak >= cur)

nested = [[] for _ in range(5)]
for k, inner in enumerate(nested):
    for j in range(k):
        inner.append(j)
print("nested", nested, [sys.getsizeof(x) for x in nested])
