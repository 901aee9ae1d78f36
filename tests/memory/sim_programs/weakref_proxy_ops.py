# weakref.proxy forwards every operation to its referent (Objects/weakrefobject.c:
# proxy_setattr, proxy_length, proxy_iter, the WRAP_BINARY number slots,
# proxy_richcompare, proxy_bool, proxy_contains, proxy_getitem), and each one
# raises ReferenceError once the referent died.
import weakref


class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)

    def __len__(self):
        return len(self.xs)

    def __iter__(self):
        return iter(self.xs)

    def __add__(self, other):
        other = other.xs if isinstance(other, Vec) else [other] * len(self.xs)
        return Vec(*[a + b for a, b in zip(self.xs, other)])

    def __radd__(self, other):
        return self.__add__(other)

    def __sub__(self, other):
        return Vec(*[a - other for a in self.xs])

    def __mul__(self, k):
        return Vec(*[a * k for a in self.xs])

    def __neg__(self):
        return Vec(*[-a for a in self.xs])

    def __lt__(self, other):
        return sum(self.xs) < sum(other.xs)

    def __le__(self, other):
        return sum(self.xs) <= sum(other.xs)

    def __eq__(self, other):
        return isinstance(other, Vec) and self.xs == other.xs

    def __hash__(self):
        return hash(tuple(self.xs))

    def __getitem__(self, i):
        return self.xs[i]

    def __setitem__(self, i, v):
        self.xs[i] = v

    def __delitem__(self, i):
        del self.xs[i]

    def __contains__(self, v):
        return v in self.xs

    def __bool__(self):
        return any(self.xs)

    def __repr__(self):
        return "Vec(%s)" % ", ".join(map(str, self.xs))


v = Vec(1, 2, 3)
w = Vec(4, 5, 6)
p = weakref.proxy(v)
q = weakref.proxy(w)

print("len", len(p), "list", list(p), "iter", [x * 10 for x in p])
print("add", p + w, "add proxies", p + q, "radd", 10 + p, "sub", p - 1, "mul", p * 2, "neg", -p)
print("lt", p < q, "le", p <= w, "gt", q > p, "ge", q >= p, "eq", p == Vec(1, 2, 3), "ne", p != q)
print("getitem", p[0], p[-1], "contains", 2 in p, 9 in p, "bool", bool(p), bool(weakref.proxy(Vec(0))) if False else "-")
p[0] = 100
del p[1]
print("after setitem/delitem", v)
p.label = "first"
print("setattr reaches the referent:", v.label, "getattr:", p.label)
del p.label
print("delattr:", hasattr(v, "label"))
def masked(text):
    parts = text.split("0x")
    return parts[0] + "".join("ADDR" + part.lstrip("0123456789abcdef") for part in parts[1:])


print("str", str(p), "type", type(p).__name__, "repr", masked(repr(p)))
try:
    hash(p)
except TypeError as e:
    print("hash:", e)
acc = Vec(0, 0)
acc2 = Vec(1, 1)
r = weakref.proxy(acc2)
acc += r
print("iadd with proxy on the right", acc)

del v
for what, op in [("len", lambda: len(p)), ("iter", lambda: list(p)), ("add", lambda: p + w),
                 ("lt", lambda: p < q), ("getattr", lambda: p.xs), ("setattr", lambda: setattr(p, "a", 1)),
                 ("getitem", lambda: p[0]), ("bool", lambda: bool(p)), ("str", lambda: str(p))]:
    try:
        op()
        print(what, "no error")
    except ReferenceError as e:
        print(what, "ReferenceError:", e)
print("repr of dead", masked(repr(p)))
