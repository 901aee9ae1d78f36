# set and frozenset iteration order: CPython's hash table layout decides it
print({3, 1, 2})
print(list({10, 3, 7, 100}))
print({5, 20, 1, 2, 3})
a = 5
print({a, 20, 1, 2, 3})
print(set(range(20, 0, -3)))
s = {100, 200, 300, 8, 16, 1000}
print(s)
s.discard(200)
s.add(64)
s.add(200)
print(s, len(s))
print(sorted(s) == sorted(list(s)))

# strs (PYTHONHASHSEED=0), tuples, floats, bools mixed with ints
words = "the quick brown fox jumps over the lazy dog".split()
print(set(words))
print({"apple", "banana", "cherry", "date", "elderberry", "fig"})
print({(1, 2), (3, 4), (5, 6), (0, 0), (2, 1)})
print({0.5, 1.5, 2.25, 1e10, -3.0, 7.0})
print({1, 1.0, True, 2, 2.0, 3})
print(frozenset(["x", "y", "z", "w"]))
print(frozenset(range(12)))

# operators and methods
x = {1, 5, 9, 13, 17, 21, 33, 65}
y = {5, 17, 40, 8, 129, 1}
print(x | y, y | x)
print(x & y, y & x)
print(x - y, y - x)
print(x ^ y, y ^ x)
print(x.union([50, 34, 18], (2,)), x.intersection(range(10)), x.difference([1, 5]), x.symmetric_difference([9, 99]))
print(frozenset(x) | y, type(frozenset(x) | y).__name__)
print({"a", "b", "c"} | {"d", "e"}, {"k%d" % i for i in range(8)})
z = set(x)
z |= {1000, 2000, 3000}
print(z)
z &= {1, 5, 9, 1000, 77}
print(z)
z -= {5}
print(z)
z ^= {9, 10, 11, 12, 13}
print(z)
w = set(range(40))
w -= set(range(0, 40, 2))
print(w)
w.difference_update(range(0, 40, 3))
print(w)
w.intersection_update([31, 25, 7, 1, 50])
print(w)
w.symmetric_difference_update([1, 2, 3])
print(w)
w.update([64, 128], {256})
print(w)
print(x <= x | y, x < x, x >= {1, 5}, {1} > x, x.issubset(range(100)), x.issuperset([1, 5]), x.isdisjoint({2, 4}))

# pop follows the table's finger; removal then re-add
p = {40, 8, 16, 24, 32}
print([p.pop() for _ in range(3)], p)
q = {1, 2, 3, 4, 5, 6}
q.remove(3)
q.add(3)
q.add(11)
print(q)
for i in range(10):
    q.add(i * 8)
print(q)
q.clear()
q.update("hello")
print(sorted(q), len(q))

# comprehensions, unpacking, set of a dict
print({i * i % 17 for i in range(30)})
print({*range(3), *[10, 9, 8], 42})
print(set({"b": 1, "a": 2, "c": 3}))
print(set("mississippi"))
print(frozenset("abc") == {"a", "b", "c"}, {1, 2} == frozenset([2, 1]))
try:
    {1}.remove(2)
except KeyError as e:
    print("KeyError", e)
try:
    set().pop()
except KeyError as e:
    print("KeyError", e)
