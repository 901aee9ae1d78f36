# Dicts around the size of a first hash table (5 keys in 8 slots) and past it,
# with deletions, re-insertions, copies and clears; instances with and without
# __slots__: insertion order, lookups and membership must not depend on how
# the table is stored.


def show(d):
    print(len(d), list(d.items()))


d = {}
for i in range(12):
    d["k%d" % i] = i
    if i in (3, 4, 5, 6, 10):
        show(d)
for k in ("k1", "k4", "k7"):
    del d[k]
show(d)
d["k4"] = "again"
d["k1"] = "again"
show(d)
print("k7" in d, "k4" in d, d.get("k7"), d.get("k1"))

small = {1: "a", 2: "b", 3: "c", 4: "d", 5: "e"}
c = small.copy()
c[6] = "f"
show(small)
show(c)
del small[3]
small[3] = "c2"
show(small)
print(small.popitem(), small.pop(1), small.setdefault(9, "z"))
show(small)
small.clear()
show(small)
small.update(c)
show(small)

churn = {}
for round_ in range(4):
    for i in range(6):
        churn[(round_, i)] = i
    for i in range(5):
        del churn[(round_, i)]
show(churn)

for n in range(9):
    e = dict.fromkeys(range(n))
    for i in range(0, n, 2):
        del e[i]
    print(n, list(e), [i in e for i in range(n)])


class Plain:
    def __init__(self, n):
        for i in range(n):
            setattr(self, "a%d" % i, i)


for n in (0, 3, 5, 6, 9):
    p = Plain(n)
    print(n, vars(p))
    if n:
        del p.a0
        p.extra = "x"
        print(sorted(vars(p)), hasattr(p, "a0"))


class Slotted:
    __slots__ = ("x", "y", "z")

    def __init__(self, x):
        self.x = x


s = Slotted(1)
print(s.x, hasattr(s, "y"))
s.y = 2
s.z = 3
print(s.x, s.y, s.z)
del s.y
print(hasattr(s, "y"))
try:
    print(s.y)
except AttributeError as exc:
    print("AttributeError:", exc)
s.y = 20
print(s.x, s.y, s.z)


class SlottedChild(Slotted):
    __slots__ = ("w",)


c2 = SlottedChild(5)
c2.w = 6
c2.z = 7
print(c2.x, c2.w, c2.z, hasattr(c2, "y"))


class Both(Slotted):
    pass


b = Both(8)
b.y = 9
b.other = 10
print(b.x, b.y, vars(b))

many = [Slotted(i) for i in range(1000)]
print(sum(m.x for m in many))
