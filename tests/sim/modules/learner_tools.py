# a learner-style mix of the standard tools: dataclass ordering with heapq, Counter,
# defaultdict, itertools, lru_cache, json, namedtuple, bisect, format specs, deque
from dataclasses import dataclass, field
from typing import List
import heapq, bisect, itertools, functools, json
from collections import defaultdict, Counter, deque, namedtuple

@dataclass(order=True)
class Task:
    priority: int
    name: str = field(compare=False)
    tags: List[str] = field(default_factory=list, compare=False)

tasks = [Task(3, "write"), Task(1, "plan", ["a"]), Task(2, "test")]
heapq.heapify(tasks)
while tasks:
    t = heapq.heappop(tasks)
    print(f"{t.priority:>3} | {t.name:<8}| {','.join(t.tags) or '-':^5}|")
words = "the quick brown fox jumps over the lazy dog the end".split()
c = Counter(words)
print(c.most_common(3), sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:4])
groups = defaultdict(list)
for w in words:
    groups[len(w)].append(w)
print(dict(sorted(groups.items())))
for k, g in itertools.groupby(sorted(words, key=len), key=len):
    print(k, list(g))
print(list(itertools.accumulate([1, 2, 3, 4], lambda a, b: a * b)), list(itertools.combinations("abc", 2)), list(itertools.permutations([1, 2, 3], 2))[:3])
print(list(itertools.zip_longest("ab", "xyz", fillvalue="-")), list(itertools.starmap(pow, [(2, 3), (3, 2)])), list(itertools.takewhile(lambda x: x < 3, [1, 2, 5, 1])))
@functools.lru_cache(maxsize=None)
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
data = {"name": "Ann", "scores": [1, 2.5, None], "ok": True, "nested": {"k": "v"}}
s = json.dumps(data, indent=2, sort_keys=True)
print(s)
print(json.loads(s) == data, json.dumps(data, separators=(",", ":")))
Point = namedtuple("Point", "x y")
p = Point(1, 2)
print(p, p._replace(x=5), p._asdict(), Point._fields)
sorted_list = [1, 3, 5, 7]
bisect.insort(sorted_list, 4)
print(sorted_list, bisect.bisect_left(sorted_list, 5), bisect.bisect_right(sorted_list, 5))
print(f"{3.14159:.2f} {1234567:,} {0.25:.1%} {42:08b} {255:#x} {'hi':*^10} {1e6:e} {12.0:g} {-3:+d}")
print("%5.1f|%-6s|%03d|%x" % (2.345, "ab", 7, 255), "{:>6}".format("r"), "{0}{1}{0}".format("a", "b"))
dq = deque(maxlen=3)
for i in range(5): dq.append(i)
print(dq, list(reversed(dq)), dq[0])
