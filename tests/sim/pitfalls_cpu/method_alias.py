# family: cpu
# pitfall: looking up a global module attribute and a bound method on every
# iteration; aliasing them to locals before the loop saves the lookups.
import math
import time


def norms_plain(points):
    out = []
    for x, y in points:
        out.append(math.sqrt(x * x + y * y))
    return out


def norms_aliased(points):
    out = []
    append = out.append
    sqrt = math.sqrt
    for x, y in points:
        append(sqrt(x * x + y * y))
    return out


def norms_comprehension(points):
    sqrt = math.sqrt
    return [sqrt(x * x + y * y) for x, y in points]


def norms_map(points):
    return list(map(lambda p: math.hypot(*p), points))


pts = [(i % 97, i % 89) for i in range(60_000)]
res = {}
for fn in (norms_plain, norms_aliased, norms_comprehension, norms_map):
    t0 = time.perf_counter()
    r = fn(pts)
    res[fn.__name__] = (time.perf_counter() - t0, r)

print("sum of norms:", round(sum(res["norms_plain"][1]), 3))
print("same results:", res["norms_plain"][1] == res["norms_aliased"][1] == res["norms_comprehension"][1])
print("hypot close to sqrt:", all(abs(a - b) < 1e-9 for a, b in zip(res["norms_map"][1], res["norms_plain"][1])))
print("all four ran:", sorted(res))
