# Annotations are evaluated when the def or class statement runs, as CPython
# 3.11 does: generic aliases, unions, names, strings stay strings.
from collections import deque
from dataclasses import dataclass, field, fields


def f(x: int | None = None, *items: tuple[int, ...], **opts: dict[str, list[int]]) -> list[int]:
    return [x or 0]


print(f.__annotations__)


class Config:
    name: str
    sizes: dict[str, list[int]]
    queue: deque[int] | None = None
    forward: "Config"


print(Config.__annotations__)


@dataclass
class Inventory:
    name: str
    items: list[str] = field(default_factory=list)
    counts: dict[str, int] | None = None


print([(fl.name, fl.type) for fl in fields(Inventory)], Inventory("box"))


def g(a: set[frozenset[int]], b: type[Config]) -> None:
    pass


print(g.__annotations__)
