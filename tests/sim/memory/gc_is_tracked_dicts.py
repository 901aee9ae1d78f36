# Which dicts does the cyclic garbage collector have to watch?
# A dict of atomic values (ints, strings, None, tuples of those) cannot be
# part of a reference cycle, so CPython leaves it untracked.
import gc


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


cases = {
    "empty": {},
    "ints": {"a": 1, "b": 2},
    "strings": {1: "one", 2: "two"},
    "none and floats": {"x": None, "y": 1.5},
    "list value": {"a": []},
    "dict value": {"inner": {}},
    "tuple of atoms": {"t": (1, 2)},
    "tuple with a list": {"t": (1, [])},
    "dict()": dict(a=1, b="x"),
    "comprehension": {i: i * i for i in range(10)},
    "comprehension of lists": {i: [i] for i in range(3)},
    "from zip": dict(zip("abc", range(3))),
    "object value": {"p": Point(1, 2)},
    "function value": {"f": print},
    "set value": {"s": {1, 2}},
}
for name, d in cases.items():
    print(f"{name:24} {gc.is_tracked(d)}")

d = {}
print("grows:", gc.is_tracked(d), end=" ")
d["n"] = 1
print(gc.is_tracked(d), end=" ")
d["l"] = [1, 2]
print(gc.is_tracked(d))

p = Point(1, 2)
print("instance:", gc.is_tracked(p), gc.is_tracked(p.__dict__))
q = Point([], 2)
print("instance with a list:", gc.is_tracked(q.__dict__))

rows = [{"id": i, "name": "row%d" % i} for i in range(1000)]
print("tracked rows:", sum(gc.is_tracked(r) for r in rows))
nested = [{"id": i, "tags": ["a"]} for i in range(1000)]
print("tracked nested rows:", sum(gc.is_tracked(r) for r in nested))

# after a full collection, dicts that only hold atomic values are untracked
d = {"a": []}
d["a"] = 0
gc.collect()
print("after collect:", gc.is_tracked(d))
print(gc.is_tracked([]), gc.is_tracked(()), gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked(set()))
