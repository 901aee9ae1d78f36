from dataclasses import dataclass
def classify(v):
    match v:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case int(n) if n < 0:
            return f"negative {n}"
        case str() as s:
            return "str " + s
        case [x, y]:
            return f"pair {x} {y}"
        case [x, *rest]:
            return f"seq {x} rest={rest}"
        case {"type": "circle", "r": r}:
            return f"circle {r}"
        case {"k": k, **others}:
            return f"k={k} others={others}"
        case None:
            return "none"
        case True:
            return "true"
        case float():
            return "float"
        case _:
            return "other"
for v in [0, 2, -5, "hi", [1, 2], (1, 2, 3), {"type": "circle", "r": 2}, {"k": 1, "z": 2}, None, True, 1.5, {1}, []]:
    print(repr(v), classify(v))
@dataclass
class Point:
    x: int
    y: int
class Color:
    RED = "red"
    BLUE = "blue"
def where(p):
    match p:
        case Point(x=0, y=0): return "origin"
        case Point(0, y): return f"y-axis {y}"
        case Point(x, 0): return f"x-axis {x}"
        case Point(x=x, y=y) if x == y: return "diag"
        case Point(): return "somewhere"
        case _: return "not a point"
for p in [Point(0,0), Point(0,3), Point(4,0), Point(2,2), Point(1,5), 7]:
    print(where(p))
def col(c):
    match c:
        case Color.RED: return "R"
        case Color.BLUE: return "B"
        case "green" | "GREEN" as g: return "G:" + g
    return "?"
print(col("red"), col("blue"), col("GREEN"), col("x"))
def cmd(s):
    match s.split():
        case ["go", ("north" | "south") as d]: return "go " + d
        case ["take", *items] if items: return "take " + ",".join(items)
        case ["quit"]: return "bye"
        case _: return "?"
print(cmd("go north"), cmd("take a b"), cmd("take"), cmd("quit"), cmd("go east"))
match (1, [2, 3]):
    case (a, [b, c]):
        print(a, b, c)
x = 5
match x:
    case 1: print("one")
print("after")
match "abc":
    case [*_]: print("str is seq?")
    case _: print("str not seq")
match {"a": 1}:
    case {}: print("empty mapping matches any")
class P2:
    __match_args__ = ("a", "b")
    def __init__(self, a, b): self.a, self.b = a, b
match P2(1, 2):
    case P2(1, b=bb): print("P2", bb)
match 3:
    case int(3): print("int(3)")
seq = [1, 2, 3, 4]
match seq:
    case [1, *mid, 4]: print(mid)
match {"x": 1}:
    case {"x": 1, "y": _}: print("no")
    case {"x": v}: print("x", v)
def http(status):
    match status:
        case 400 | 404 as code:
            return f"client {code}"
        case -1:
            return "minus one"
        case 1.5:
            return "float"
        case _ if status > 500:
            return "server"
    return "unknown"
print([http(s) for s in [400, 404, -1, 1.5, 503, 200]])
def deep(v):
    match v:
        case {"items": [{"id": int(i)}, *_], **rest}:
            return f"first id {i}, rest {rest}"
        case (a, b), c:
            return f"nested {a} {b} {c}"
        case Point(x=Point(x=inner)):
            return f"inner {inner}"
    return "none"
print(deep({"items": [{"id": 7}, 1], "k": 2}), deep(((1, 2), 3)), deep(Point(Point(5, 6), 0)), deep(3))
try:
    match Point(1, 2):
        case Point(1, 2, 3): pass
except TypeError as e:
    print("TE", e)
try:
    match 5:
        case len(): pass
except TypeError as e:
    print("TE", e)
