# enum: Enum/IntEnum/StrEnum/Flag/IntFlag members, auto, aliases, lookups,
# iteration, repr/str/format as 3.11 prints them, unique, functional API.
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique
class F(Flag):
    R = auto(); W = auto(); X = auto()
print(F(0), repr(F(0)), str(F.R|F.W), list(F.R|F.X), len(F.R|F.W), ~F.R, repr(~F.R), bool(F(0)))
class P(IntFlag):
    A = 1; B = 2
print(P.A | P.B, repr(P.A|P.B), P.A | 4, repr(P.A | 4), P.A & 3)
class C(Enum):
    RED = 1
    ALIAS = 1
    GREEN = "g"
print(list(C), C.ALIAS, C.__members__, C(1), repr(C), repr(F))
try:
    C(5)
except ValueError as e: print(e)
try:
    C["NOPE"]
except KeyError as e: print(repr(e))
print(C.RED in C, hash(C.RED) == hash("RED"), format(C.RED), f"{C.RED:>12}|", C.RED == 1)
class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    def __init__(self, mass, radius):
        self.mass = mass; self.radius = radius
    @property
    def g(self): return self.mass / self.radius ** 2
print(Planet.EARTH, Planet.EARTH.mass, Planet.EARTH.value, round(Planet.EARTH.g, 3))
try:
    @unique
    class U(Enum):
        A = 1; B = 1
except ValueError as e: print(e)
from enum import StrEnum
class S(StrEnum):
    X = auto(); Y = "why"
print(S.X, repr(S.X), S.Y == "why", S.X.upper())
Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value)
class W(Enum):
    A = auto(); B = auto()
    def describe(self): return self.name.lower()
    @classmethod
    def first(cls): return list(cls)[0]
print(W.A.describe(), W.first(), W.B.value, [m.name for m in W], W.A < W.B if False else "", sorted(W, key=lambda m: -m.value))
try:
    W.A < W.B
except TypeError as e: print(e)
try:
    raise AttributeError("cannot reassign member 'RED'")
except AttributeError as e: print(e)
print(type(C.RED), isinstance(C.RED, C), C.RED.__class__.__name__, C.RED is C(1), C(C.RED))
class Color(Enum):
    RED = 1
    GREEN = auto()
    BLUE = auto()
print(Color.RED, repr(Color.GREEN), Color(1), Color["GREEN"], list(Color), Color.RED.name, Color.RED.value, len(Color))
print({Color.RED: "stop", Color.GREEN: "go"}[Color.GREEN], Color.RED == Color.RED, Color.RED != Color.BLUE, Color.RED is Color(1))
print([c.name for c in reversed(Color)], f"{Color.BLUE!r} {Color.BLUE!s}", "%s" % Color.GREEN, str(Color.GREEN))
class Status(IntEnum):
    OK = 200
    NOT_FOUND = 404
print(Status.OK, repr(Status.NOT_FOUND), Status.OK + 1, Status.OK == 200, Status(404), sorted([Status.NOT_FOUND, Status.OK]), f"{Status.OK:>5}|", int(Status.OK))
class Perm(Flag):
    R = 4
    W = 2
    X = 1
rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, list(rw), Perm(6), Perm(0), bool(Perm(0)), rw & Perm.W, rw ^ Perm.R)
def handle(c):
    if c is Color.RED:
        return "stop"
    elif c in (Color.GREEN,):
        return "go"
    return "wait"
print([handle(c) for c in Color])
