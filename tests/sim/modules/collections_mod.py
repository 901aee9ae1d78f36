# collections: namedtuple, deque, Counter, defaultdict, OrderedDict.
from collections import namedtuple, deque, Counter, defaultdict, OrderedDict
Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x, p.y, p[0], len(p), tuple(p), p == (1, 2), hash(p) == hash((1, 2)))
print(p._asdict(), p._replace(x=10), Point._make([5, 6]), Point._fields)
x, y = p
print(x + y, isinstance(p, tuple), type(p).__name__)
Card = namedtuple("Card", ["rank", "suit"], defaults=["spades"])
print(Card("A"), Card("K", "hearts"))
class Vec(namedtuple("Vec", "x y")):
    def norm2(self):
        return self.x ** 2 + self.y ** 2
v = Vec(3, 4)
print(v.norm2(), v, sorted([Point(2, 1), Point(1, 5)]))
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], d.pop(), d.popleft(), d)
d.extend([7, 8])
d.rotate(2)
print(d, list(d), 7 in d, d.count(7))
d2 = deque(range(10), maxlen=3)
print(d2, d2.maxlen)
d2.append(99)
print(d2)
try:
    deque().popleft()
except IndexError as e:
    print("IndexError:", e)
c = Counter("abracadabra")
print(c.most_common(3), c["a"], c["z"])
dd = defaultdict(list)
dd["k"].append(1)
print(dict(dd))
od = OrderedDict()
od["b"] = 1
od["a"] = 2
print(list(od))
