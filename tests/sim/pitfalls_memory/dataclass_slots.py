# family: memory
# pitfall: every regular instance carries a __dict__; @dataclass(slots=True)
# (3.10+) stores the fields inline and cannot grow new attributes by accident.
import sys
import tracemalloc
from dataclasses import dataclass, fields, asdict


@dataclass
class Reading:
    sensor: str
    value: float
    ok: bool = True


@dataclass(slots=True)
class SlimReading:
    sensor: str
    value: float
    ok: bool = True


def build(cls, n):
    return [cls(f"s{i % 10}", i * 0.5) for i in range(n)]


tracemalloc.start()
fat = build(Reading, 20_000)
fat_bytes = tracemalloc.get_traced_memory()[0]
del fat
tracemalloc.reset_peak()
base = tracemalloc.get_traced_memory()[0]
slim = build(SlimReading, 20_000)
slim_bytes = tracemalloc.get_traced_memory()[0] - base
tracemalloc.stop()

r, s = Reading("a", 1.0), SlimReading("a", 1.0)
print("fields:", [f.name for f in fields(SlimReading)])
print("asdict:", asdict(s))
print("repr:", r, s)
print("equal across classes:", r == s, "| equal same class:", s == SlimReading("a", 1.0))
print("has __dict__:", hasattr(r, "__dict__"), hasattr(s, "__dict__"))
print("getsizeof:", sys.getsizeof(r), sys.getsizeof(s), "+ dict", sys.getsizeof(r.__dict__))
print("slots:", SlimReading.__slots__)
print("slots use under 70% of the memory:", slim_bytes < 0.7 * fat_bytes)
try:
    s.valu = 3.0   # typo: a regular instance would silently grow an attribute
except AttributeError as e:
    print("AttributeError:", e)
r.valu = 3.0
print("typo stored on the dict version:", r.__dict__)
