# __annotations__ of functions, classes and modules; enum members refuse
# reassignment; metaclass __setattr__/__delattr__; ChainMap views
from collections import ChainMap
from dataclasses import dataclass, fields
from enum import Enum
from typing import List, Optional


def area(width: float, height: float = 1.0, *, unit: str = "m") -> float:
    return width * height


def plain(a, b=2, *, c=3):
    return a


def typed(xs: List[int], name: Optional[str] = None, *args: int, **kw: "Config") -> None:
    pass


print(area.__annotations__)
print(plain.__annotations__, plain.__kwdefaults__, plain.__defaults__)
print(list(typed.__annotations__), typed.__annotations__["return"], typed.__annotations__["kw"])


class Point:
    x: int
    y: int = 0
    label: "str"

    def norm(self) -> float:
        return (self.x ** 2 + self.y ** 2) ** 0.5


print(Point.__annotations__, Point.norm.__annotations__)
count: int = 0
total: float
print(__annotations__)


@dataclass
class Item:
    name: str
    price: float = 0.0


print([(f.name, f.type) for f in fields(Item)], Item("pen", 1.5))


class Color(Enum):
    RED = 1
    GREEN = 2


for attempt in ("assign", "delete"):
    try:
        if attempt == "assign":
            Color.RED = 3
        else:
            del Color.GREEN
    except AttributeError as e:
        print(attempt, e)
Color.extra = "ok"
print(Color.extra, list(Color))
del Color.extra
print(hasattr(Color, "extra"))


class Tracked(type):
    def __setattr__(cls, name, value):
        print("set", cls.__name__, name, value)
        super().__setattr__(name, value)

    def __delattr__(cls, name):
        print("del", cls.__name__, name)
        super().__delattr__(name)


class Config(metaclass=Tracked):
    debug = False


Config.debug = True
del Config.debug
print(hasattr(Config, "debug"))


class Guarded:
    def __init__(self):
        self.value = 1

    def __delattr__(self, name):
        print("deleting", name)
        super().__delattr__(name)


g = Guarded()
del g.value
print(hasattr(g, "value"))

cm = ChainMap({"a": 1}, {"b": 2, "a": 3})
keys, items, values = cm.keys(), cm.items(), cm.values()
print(keys, len(keys), "a" in keys, ("a", 1) in items, ("a", 3) in items, 2 in values)
cm["c"] = 5
print(list(keys), list(items), list(values), keys & {"a", "z"}, sorted(keys | {"z"}))
