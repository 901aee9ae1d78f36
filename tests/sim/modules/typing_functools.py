# typing.NamedTuple (class and functional forms), TypedDict, cast, NewType and
# the placeholder names; functools.singledispatch with explicit registration.
from typing import NamedTuple, TypedDict, List, Dict, Optional, Literal, cast, NewType, Deque, Type, TYPE_CHECKING
import functools


class Point(NamedTuple):
    x: int
    y: int = 0

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)


p = Point(3)
print(p, p._asdict(), p._replace(y=-4), p.x, p[1], p.norm1(), Point._fields, Point(1, 2) == (1, 2))
print(isinstance(p, tuple), sorted(Point.__annotations__), sorted([Point(2, 1), Point(1, 5)]), Point._field_defaults)
x, y = Point(7, 8)
print(x + y, type(p).__name__, len(p))
Pair = NamedTuple("Pair", [("left", str), ("right", str)])
print(Pair("a", "b"), Pair._fields)
try:
    class Bad(NamedTuple):
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError:", e)


class Movie(TypedDict):
    title: str
    year: int


m = Movie(title="Heat", year=1995)
print(m, type(m).__name__, m["year"])
UserId = NewType("UserId", int)
print(UserId(5), cast(List[int], [1, 2]), TYPE_CHECKING)


def total(xs: List[int], scale: Optional[float] = None, mode: Literal["a", "b"] = "a") -> Dict[str, int]:
    return {"sum": sum(xs) * int(scale or 1)}


print(total([1, 2, 3], 2.0))


@functools.singledispatch
def show(x):
    return "object " + repr(x)


@show.register(int)
def _(x):
    return "int " + str(x + 1)


@show.register(list)
def _(x):
    return "list of " + str(len(x))


show.register(str, lambda s: "str " + s.upper())
print(show(1), show("ab"), show([1, 2]), show(2.5), show(True), show.dispatch(bool).__name__)


class Shape:
    @functools.singledispatchmethod
    def scale(self, factor):
        return "unknown"

    @scale.register(int)
    def _(self, factor):
        return "int scale " + str(factor)


print(Shape().scale(3), Shape().scale("x"))
print(functools.reduce(lambda a, b: a * b, [1, 2, 3, 4]), functools.partial(max, 1, key=abs))
