# lists, tuples, dicts, sets: construction, mutation, slicing, ordering
a = [3, 1, 2]
a.append(5); a.extend([7, 0]); a.insert(1, 9)
print(a, len(a), a.pop(), a.pop(0), a, a.index(2), a.count(1))
a.sort(); print(a); a.sort(reverse=True); print(a); a.reverse(); print(a)
print(sorted([3, 1, 2], key=lambda x: -x), sorted(["bb", "a", "ccc"], key=len))
b = a[:]; b[1:3] = [10, 20, 30]; del b[0]; print(b, a[1:-1], a[::-1], a[5:1:-2])
t = (1, 2, 3)
x, *rest = t; print(x, rest, t[1:], t + (4,), t * 2, (5,), ())
first, (p, q), last = 1, (2, 3), 4; print(first, p, q, last)
d = {"b": 2, "a": 1}
d["c"] = 3; d.update({"a": 10}, z=26)
print(d, d.get("q"), d.get("q", 0), list(d.keys()), list(d.values()), list(d.items()))
print(d.pop("b"), d.setdefault("n", []), d, "a" in d, len(d))
for k, v in sorted(d.items()):
    print(k, v, end="; ")
print()
del d["a"]; print(d, dict(x=1, y=2), dict([("k", "v")]), {k: k * 2 for k in range(3)})
s = {3, 1, 2}
s.add(4); s.discard(1); print(sorted(s), 2 in s, len(s), sorted(s | {9}), sorted(s & {2, 3}), sorted(s - {2}))
print([x * x for x in range(6) if x % 2], {x % 3 for x in range(10)} == {0, 1, 2}, [[i, j] for i in range(2) for j in range(2)])
print(list(zip([1, 2, 3], "ab")), list(enumerate("xy", 1)), list(map(str, [1, 2])), list(filter(None, [0, 1, "", "a"])))
print(list(reversed([1, 2, 3])), list(range(10, 0, -3)), range(5)[2], len(range(0, 10, 3)), any([0, 1]), all([]))
print([1, 2] == [1, 2], (1, 2) < (1, 3), [1, [2]] + [3], [0] * 3, sum([[1], [2]], []))
m = [[0] * 2 for _ in range(2)]; m[0][1] = 5; print(m)
from collections import defaultdict, Counter
dd = defaultdict(list); dd["x"].append(1); dd["y"]; print(dict(dd), len(dd))
c = Counter("abracadabra"); print(c.most_common(2), c["a"], c["z"])
