# family: memory
# pitfall: instances of one class share their attribute names (PEP 412 key-sharing
# dicts): each __dict__ only stores the values. Set every attribute in __init__;
# names added later, a __dict__ used as a general dict, or dozens of dynamic
# attributes make an instance fall back to a full dict of its own.
import sys


class Point:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z


class Record:
    def __init__(self, **fields):
        for name, value in fields.items():
            setattr(self, name, value)


first = Point(1, 2, 3)
print("first instance dict:", sys.getsizeof(first.__dict__))
points = [Point(i, i, i) for i in range(1000)]
print("after 1000 more, each dict:", sys.getsizeof(points[0].__dict__), sys.getsizeof(first.__dict__))

late = Point(0, 0, 0)
late.label = "added later"          # a new shared name: still shared
print("late attribute, still shared:", sys.getsizeof(late.__dict__))

used_as_dict = Point(0, 0, 0)
d = vars(used_as_dict)
d["colour"] = "red"                 # new key through a materialised dict, out of step
print("new key through vars():", sys.getsizeof(d), len(d))

odd = Point(0, 0, 0)
odd.__dict__[42] = "not a name"     # a non-str key: a general dict
print("non-str key:", sys.getsizeof(odd.__dict__))

gone = Point(1, 2, 3)
del gone.y                          # deleting keeps the shared layout
gone.y = 5
print("after del and re-set:", sys.getsizeof(gone.__dict__), list(vars(gone)))

wide = Record(**{f"f{i}": i for i in range(40)})
print("40 dynamic attributes:", sys.getsizeof(wide.__dict__), len(vars(wide)))
narrow = Record(a=1, b=2)
print("later records:", sys.getsizeof(narrow.__dict__))

cleared = Point(1, 2, 3)
cleared.__dict__.clear()
print("cleared:", sys.getsizeof(cleared.__dict__), vars(cleared))
print("plain dict of 3 for comparison:", sys.getsizeof({"x": 1, "y": 2, "z": 3}))
