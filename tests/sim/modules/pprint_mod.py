# pprint: sorted dicts, wrapping at the width, nested indentation, pformat,
# pp (insertion order), depth, compact, and the recursion marker.
import pprint
from collections import OrderedDict, defaultdict, deque, Counter

data = {"name": "Widget", "tags": ["a", "b", "c"], "dims": {"w": 10, "h": 20, "d": [1, 2, 3]}, "id": 12345}
pprint.pprint(data)
pprint.pprint({"key%d" % i: list(range(i)) for i in range(8)})
pprint.pprint([list(range(12)) for _ in range(3)], width=40)
print(pprint.pformat({"b": 1, "a": 2}), pprint.pformat({"b": 1, "a": 2}, sort_dicts=False))
pprint.pprint(("x" * 30, "y" * 30, "z" * 30))
pprint.pprint({"long": "word " * 30})
pprint.pp({3: 1, 1: 2})
pprint.pprint(data, depth=1)
pprint.pprint(list(range(40)), compact=True, width=50)
pprint.pprint([OrderedDict(a=1), defaultdict(int, {"x": 2}), deque(range(30)), Counter("mississippi")], width=60)
loop = [1, 2]
loop.append(loop)
print(pprint.pformat(loop).split(" with id=")[0], pprint.isrecursive(loop), pprint.isreadable(data), pprint.saferepr(loop).split(" id=")[0])
