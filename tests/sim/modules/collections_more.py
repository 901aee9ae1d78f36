# collections: Counter arithmetic and comparisons, elements, subtract, total,
# most_common ties; OrderedDict.move_to_end/popitem(last=) and its 3.11 repr;
# ChainMap; defaultdict repr.
from collections import Counter, ChainMap, OrderedDict, defaultdict
a = Counter("abracadabra")
b = Counter("alakazam")
print(a + b)
print(a - b)
print(a & b)
print(a | b)
c = Counter(x=3, y=-2, z=0)
print(+c, -c)
print(a.most_common(3), Counter("aabbccd").most_common(), Counter("zzyx").most_common(2))
print(sorted(a.elements()), list(Counter(q=2, r=0, s=-1).elements()))
a.subtract("aaa")
print(a)
a.subtract({"b": 5}, )
a.subtract(c=1)
print(a, a.total(), Counter().total())
print(Counter({"x": 1}) == Counter({"x": 1, "y": 0}), Counter(a=1) != Counter(a=2))
print(Counter(a=1) < Counter(a=2), Counter(a=1) <= Counter(a=1), Counter(a=3) > Counter(a=1, b=0), Counter(a=1) >= Counter(b=1))
m = Counter(a=3)
m += Counter(a=-5, b=2)
print(m)
m -= Counter(b=1)
print(m)
m |= Counter(x=4)
print(m)
m &= Counter(x=2)
print(m)
print(Counter(), Counter({"k": 2.5, "j": 3}), Counter(["x", "y", "x"]))
try:
    Counter(a=1) + {"a": 1}
except TypeError as e:
    print("TypeError:", e)
od = OrderedDict.fromkeys("abcde")
od.move_to_end("b")
print(od)
od.move_to_end("d", last=False)
print(list(od))
print(od.popitem(), od.popitem(last=False), od)
try:
    od.move_to_end("missing")
except KeyError as e:
    print("KeyError:", e)
try:
    OrderedDict().popitem()
except KeyError as e:
    print("KeyError:", e)
print(OrderedDict(), OrderedDict(a=1) == OrderedDict(a=1), OrderedDict([("k", [1, 2])]))
dd = defaultdict(list)
dd["x"].append(1)
print(dd, repr(defaultdict(int)), defaultdict(set, {"s": {1}}))
cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], len(cm), list(cm), cm)
cm2 = cm.new_child({"c": 4})
print(cm2, cm2.parents, cm2.maps)
cm["z"] = 9
print(cm.maps[0], cm.get("q", 5), "b" in cm, dict(cm), sorted(cm.items()))
del cm["z"]
try:
    del cm["b"]
except KeyError as e:
    print("KeyError:", e)
try:
    cm["nope"]
except KeyError as e:
    print("KeyError:", e)
defaults = {"color": "red", "user": "guest"}
cli = {"user": "ann"}
settings = ChainMap(cli, defaults)
print(settings["user"], settings["color"], ChainMap(), bool(ChainMap()), ChainMap)
