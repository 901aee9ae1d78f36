# dir(): the sorted names of a scope, an instance, a class, a module.
import sys


def public(names):
    return [n for n in names if not n.startswith("__")]


class Base:
    kind = "base"

    def area(self):
        return 0


class Point(Base):
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5


class Slotted:
    __slots__ = ("a", "b")


class Custom:
    def __dir__(self):
        return ["zeta", "alpha", "mid"]


class MyError(ValueError):
    code = 3


p = Point(1, 2)
p.extra = True
print(public(dir(p)))
print(public(dir(Point)))
print(dir(Base()) == sorted(dir(Base())))
print(dir(Point) == sorted(set(dir(Base)) | {"dims", "norm", "__init__"}))
print(dir(object()))
print(dir(Point))
print(dir(p))
print(dir(Slotted))
print(dir(Custom()))
print(public(dir(MyError)))
print("__dict__" in dir(Point), "__weakref__" in dir(Point), "__dict__" in dir(Slotted))

print(dir(MyError))
print(dir(MyError("x")) == dir(MyError))
print(public(dir(StopIteration)), public(dir(AttributeError)), public(dir(OSError)))
mod = sys.modules[__name__]
print(public(dir(mod)))
print(dir(mod) == dir())


def scope(a, b=2):
    c = a + b
    return dir()


print(scope(1))


def closure():
    v = 1

    def inner():
        w = v
        return dir()
    return inner()


print(closure())
x_module_level = 1
print([n for n in dir() if not n.startswith("__")])
print(dir(Point) is not dir(Point), type(dir()).__name__)
try:
    dir(1, 2)
except TypeError as e:
    print("TypeError:", e)
