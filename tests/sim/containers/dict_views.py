# dict.keys()/values()/items() are live views: len, in, reversed, repr, set
# operations on keys/items views, comparisons; dict.fromkeys; set subclass repr.
d = {"a": 1, "b": 2, "c": 3}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it)
d["z"] = 26
print(k, len(k), len(v), len(it))
print("z" in k, 26 in v, ("a", 1) in it, ("a", 2) in it, "q" in k, ["a", 1] in it)
print(list(reversed(k)), list(reversed(v)), list(reversed(it)))
print(k & {"a", "q"}, k | {"q"}, k - {"a"}, k ^ {"a", "q"}, it & {("a", 1)})
print({"a", "x"} & k, {"a", "x"} - k, {"x"} | k, ["a", "b"] & k, k & ["b", "nope"])
print(type(k).__name__, type(v).__name__, type(it).__name__)
print(k == {"a", "b", "c", "z"}, k != {"a"}, k <= {"a", "b", "c", "z", "y"}, k > {"a"}, {"a"} < k)
print(k.isdisjoint({"x"}), k.isdisjoint(["a"]), sorted(k), max(v), min(it))
print(d.keys() == d.keys(), d.items() == {("a", 1), ("b", 2), ("c", 3), ("z", 26)}, d.values() == d.values())
print(list(d.items())[0], sum(d.values()), dict(d.items()) == d, set(d.items()) == set(it))
print({}.keys(), {}.values(), {}.items(), len({}.keys()))
del d["a"]
print(k, v, it)
for key, val in d.items():
    print(key, val, end="; ")
print()
try:
    for key in d.keys():
        d["new" + key] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    hash(d.keys())
except TypeError as e:
    print("TypeError:", e)
try:
    d.keys() | 5
except TypeError as e:
    print("TypeError:", e)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0), dict.fromkeys([]))
from collections import OrderedDict, Counter
print(OrderedDict.fromkeys("xy", 5))
class Registry(dict):
    pass
r = Registry.fromkeys(["p", "q"], [])
print(type(r).__name__, r, r.keys())
class MySet(set):
    pass
class MyFrozen(frozenset):
    pass
print(MySet({1, 2}), MySet(), MyFrozen([3]), repr(MySet("a")), MyFrozen())
class Loud(set):
    def __repr__(self):
        return "Loud!"
print(Loud([1]))
words = ["apple", "banana", "apple", "cherry"]
seen = {}
for w in words:
    if w not in seen.keys():
        seen[w] = len(seen)
print(seen, list(seen.keys())[::-1])
