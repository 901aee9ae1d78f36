# Subclassing built-in types: list, dict, str, int, float, tuple, Exception.
class Stack(list):
    def push(self, v):
        self.append(v)
    def peek(self):
        return self[-1]
s = Stack([1, 2])
s.push(3)
print(s, len(s), s.peek(), isinstance(s, list), type(s).__name__, s + [4], sum(s))
class Registry(dict):
    def register(self, k):
        self[k] = len(self)
r = Registry(a=0)
r.register("b")
print(r, r["b"], list(r.items()), isinstance(r, dict))
class Upper(str):
    def shout(self):
        return self.upper() + "!"
u = Upper("hi")
print(u, u.shout(), len(u), u + "x", repr(u), u == "hi")
class Meters(float):
    def __repr__(self):
        return f"{float(self)}m"
m = Meters(2.5)
print(m, m * 2, repr(m))
class Count(int):
    def double(self):
        return Count(self * 2)
n = Count(21)
print(n, n.double(), n + 1, isinstance(n, int), type(n.double()).__name__)
class Pair(tuple):
    def swap(self):
        return Pair((self[1], self[0]))
pr = Pair((1, 2))
print(pr, pr.swap(), len(pr))
class AppError(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
try:
    raise AppError(404, "not found")
except AppError as e:
    print(e, e.code, e.args)
class Celsius(float):
    def __init__(self, v):
        super().__init__()
print(Celsius(3.0) + 1, Celsius(2) * 2)
Dyn = type("Dyn", (object,), {"x": 5, "hello": lambda self: "hi " + str(self.x)})
print(Dyn().hello(), Dyn.__name__, type(Dyn()).__name__)
value = 42
print(f"{value=}", f"{value = }", f"{value=:>6}", f"{s=}")
