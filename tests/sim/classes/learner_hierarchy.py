# a learner-style mix: ABC hierarchy with properties, exception chaining, closures,
# generators with send, comprehensions, string building and formatting
import abc
class Shape(abc.ABC):
    count = 0
    def __init__(self, name):
        self._name = name
        Shape.count += 1
    @property
    def name(self): return self._name
    @name.setter
    def name(self, v):
        if not v: raise ValueError("empty name")
        self._name = v
    @abc.abstractmethod
    def area(self): ...
    def __str__(self): return f"{type(self).__name__}({self.name}, area={self.area():.2f})"
    def __lt__(self, other): return self.area() < other.area()
class Circle(Shape):
    def __init__(self, r): super().__init__("circle"); self.r = r
    def area(self): return 3.14159 * self.r ** 2
class Rect(Shape):
    def __init__(self, w, h): super().__init__("rect"); self.w, self.h = w, h
    def area(self): return self.w * self.h
    def __repr__(self): return f"Rect({self.w!r}, {self.h!r})"
shapes = sorted([Circle(1), Rect(2, 3), Rect(1, 1)])
print([str(s) for s in shapes], Shape.count, repr(shapes[0]))
try:
    Shape("x")
except TypeError as e:
    print(e)
try:
    shapes[0].name = ""
except ValueError as e:
    print("bad:", e)
class AppError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
def load(x):
    try:
        return int(x)
    except ValueError as e:
        raise AppError(f"cannot load {x!r}", 42) from e
try:
    load("abc")
except AppError as e:
    print(e, e.code, type(e.__cause__).__name__, e.__cause__)
def counter():
    n = 0
    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc
c = counter(); c(); c(5); print(c(), c.__name__, c.__qualname__)
def chunks(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]
gen = chunks(list(range(7)), 3)
print(next(gen), list(gen))
def averager():
    total = count = 0
    avg = None
    while True:
        x = yield avg
        if x is None: break
        total += x; count += 1; avg = total / count
    return avg
a = averager(); next(a); a.send(10); print(a.send(20))
try:
    a.send(None)
except StopIteration as e:
    print("done", e.value)
squares = {x: x * x for x in range(5) if x % 2 == 0}
matrix = [[i * j for j in range(3)] for i in range(3)]
flat = [v for row in matrix for v in row]
print(squares, matrix, flat, sum(x for x in flat if x), any(v > 3 for v in flat), all(flat))
s = ""
for i in range(5):
    s += str(i) + ","
print(s.rstrip(","), "-".join(map(str, range(5))), " ".join(reversed("a b c".split())), "abc"[::-1], "Hello World".swapcase().title())
text = "  Hello, World!  "
print(text.strip().lower().replace("world", "there"), text.center(20, "*"), text.split(","), text.count("l"), text.find("W"), text.partition(","))
print(sorted(["banana", "Apple", "cherry"], key=str.lower), sorted([(1, "b"), (1, "a"), (0, "z")]), max(["aa", "b", "ccc"], key=len), min([], default=None))
print(divmod(17, 5), round(2.675, 2), round(0.5), round(1.5), 7 // -2, -7 % 3, 2 ** -1, int("ff", 16), float("1e-3"), 0.1 + 0.2, 1 / 3)
x = [1, 2, 3]; y = x; y += [4]; print(x, x is y, [1] * 3, [[0] * 2] * 2)
print(isinstance(True, int), type(1) is int, bool([]), None or "default", 0 and 1)
print(list(enumerate("ab", start=1)), list(zip([1, 2], "ab")), dict(zip("ab", [1, 2])), list(map(lambda t: t[0] * t[1], [(1, 2), (3, 4)])))
