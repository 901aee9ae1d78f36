# Each built-in type has its own __repr__: dict.__repr__(d) prints the dict,
# a subclass's __repr__ can call super().__repr__() or list.__repr__(self),
# and Counter / OrderedDict / defaultdict reprs are not dict's.
import collections
from enum import Enum, IntEnum


class MyDict(dict):
    def __repr__(self):
        return f"MyDict({super().__repr__()})"


class MyList(list):
    def __repr__(self):
        return "ML" + list.__repr__(self)


class Plain(list):
    pass


print(MyDict(a=1), MyList([1, 2]), Plain([3]), [MyList([0])], str(MyDict()))
print(dict.__repr__({"a": 1}), list.__repr__([1]), tuple.__repr__((1,)), set.__repr__({1}), str.__repr__("x"), int.__repr__(5),
      float.__repr__(1.5), bool.__repr__(True), bytes.__repr__(b"x"), frozenset.__repr__(frozenset()))
print(dict.__repr__ is object.__repr__, collections.Counter.__repr__ is dict.__repr__, collections.OrderedDict.__repr__ is dict.__repr__,
      collections.Counter.__repr__(collections.Counter("aab")), dict.__repr__(collections.Counter("ab")))
try:
    dict.__repr__([1])
except TypeError as e:
    print("TypeError:", e)


class Color(str, Enum):
    RED = "r"


class Level(IntEnum):
    LOW = 1


print(repr(Color.RED), repr(Level.LOW), [Color.RED, Level.LOW])
