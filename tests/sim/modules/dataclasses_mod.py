# dataclasses: generated __init__/__repr__/__eq__/order/frozen/hash, field(), helpers.
from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError
from typing import List, ClassVar
@dataclass
class Point:
    x: int
    y: int = 0
p = Point(1)
print(p, Point(1, 2) == Point(1, 2), Point(1) == Point(2), p.x, p.y)
@dataclass
class Inventory:
    name: str
    items: List[str] = field(default_factory=list)
    count: ClassVar[int] = 0
    secret: str = field(default="s", repr=False)
inv = Inventory("box")
inv.items.append("apple")
print(inv, Inventory("b").items, Inventory.count)
@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
print(sorted([Version(2, 1), Version(1, 5), Version(2, 0)]), Version(1) < Version(1, 1))
print(hash(Version(1, 2)) == hash((1, 2)), {Version(1): "one"}[Version(1)])
try:
    Version(1).major = 3
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
@dataclass
class Child(Point):
    z: int = 5
    def total(self):
        return self.x + self.y + self.z
c = Child(1, 2)
print(c, c.total(), [f.name for f in fields(c)])
print(asdict(c), astuple(c), replace(c, z=9), is_dataclass(c), is_dataclass(3))
@dataclass
class Tree:
    value: int
    children: list = field(default_factory=list)
    def __post_init__(self):
        self.size = 1 + len(self.children)
t = Tree(1, [Tree(2)])
print(t, t.size, asdict(t))
try:
    Point()
except TypeError as e:
    print("TypeError:", e)
try:
    Point(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    Point(1, w=2)
except TypeError as e:
    print("TypeError:", e)
try:
    @dataclass
    class Bad:
        xs: list = []
except ValueError as e:
    print("ValueError:", e)
try:
    hash(Point(1))
except TypeError as e:
    print("TypeError:", e)
