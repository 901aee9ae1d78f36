# copy (shallow/deep, cycles, instances, slots), contextlib (contextmanager, suppress,
# nullcontext), timeit with a function on the virtual clock, generator.throw(type, value)
import copy
from contextlib import contextmanager, suppress, nullcontext
import timeit, time
class Node:
    def __init__(self, v, kids=None):
        self.v = v
        self.kids = kids or []
    def __repr__(self): return f"Node({self.v}, {self.kids})"
grid = [[0] * 2 for _ in range(2)]
shallow = copy.copy(grid); deep = copy.deepcopy(grid)
grid[0][0] = 9
print(shallow, deep, shallow is grid, shallow[0] is grid[0], deep[0] is grid[0])
n = Node(1, [Node(2)])
n2 = copy.copy(n); n3 = copy.deepcopy(n)
n.kids[0].v = 5
print(n2, n3, n2.kids is n.kids, n3.kids is n.kids)
cyc = [1]; cyc.append(cyc)
d = copy.deepcopy(cyc); print(d[1] is d, d[0])
from collections import defaultdict, Counter
dd = defaultdict(list, a=[1]); dd2 = copy.deepcopy(dd); dd2["a"].append(2); print(dd, dd2, type(copy.copy(Counter("aab"))).__name__)
t = (1, [2]); t2 = copy.deepcopy(t); print(t2, t2 is t, copy.copy(t) is t, copy.deepcopy((1, 2)) == (1, 2))
class P:
    __slots__ = ("x", "y")
    def __init__(self): self.x, self.y = 1, [2]
p = copy.copy(P()); print(p.x, p.y)
@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")
with tag("b") as t:
    print("inside", t)
try:
    with tag("i"):
        raise KeyError("k")
except KeyError as e:
    print("caught", e)
with suppress(ZeroDivisionError):
    1 / 0
print("after suppress")
with nullcontext(5) as v: print(v)
def work(): return sum(range(100))
t = timeit.timeit(work, number=1000)
print(type(t).__name__, t > 0, len(timeit.repeat(work, repeat=3, number=10)))

def g():
    try:
        yield 1
    except KeyError as e:
        print("got", repr(e))
        yield 2
for val in (KeyError("k"), "v", ("a", "b")):
    it = g()
    next(it)
    print(it.throw(KeyError, val))
