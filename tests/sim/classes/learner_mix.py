# A learner-style mix: properties, inheritance, exception chaining with notes,
# generators, closures, format specs, sorting with keys, dataclass ordering.
import time
from dataclasses import dataclass, field
class Account:
    interest = 0.02
    def __init__(self, owner, balance=0.0):
        self.owner = owner
        self._balance = balance
    @property
    def balance(self):
        return self._balance
    @balance.setter
    def balance(self, v):
        if v < 0:
            raise ValueError(f"negative balance: {v!r}")
        self._balance = v
    def __repr__(self):
        return f"{type(self).__name__}({self.owner!r}, {self._balance:,.2f})"
class Savings(Account):
    interest = 0.05
    def add_interest(self):
        self.balance *= 1 + self.interest
accts = [Savings("ann", 1200.5), Account("bob", 99), Savings("cy", 1e6)]
for a in sorted(accts, key=lambda a: (-a.balance, a.owner)):
    print(f"{a.owner:<6}|{a.balance:>12,.2f}|{a.balance:e}|{a.balance:08.1f}|{type(a).__name__:^10}|")
try:
    accts[1].balance = -5
except ValueError as e:
    print("error:", e)
class InsufficientFunds(Exception):
    def __init__(self, need, have):
        super().__init__(f"need {need}, have {have}")
        self.need = need
def withdraw(a, amt):
    try:
        if amt > a.balance:
            raise InsufficientFunds(amt, a.balance)
    except InsufficientFunds as e:
        e.add_note(f"account: {a.owner}")
        raise RuntimeError("withdraw failed") from e
try:
    withdraw(accts[1], 500)
except RuntimeError as e:
    print(repr(e), repr(e.__cause__), e.__cause__.__notes__, e.__cause__.need)
def gen_squares(n):
    for i in range(n):
        yield i * i
    return "done"
g = gen_squares(3)
print(list(g), sum(x for x in gen_squares(10) if x % 2), [*gen_squares(4)])
def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
c = counter(); c(); c(5)
print(c(), c.__name__, c.__qualname__)
parts = []
for i in range(5):
    parts.append(str(i) * i)
print("-".join(parts), "%5.2f|%-5d|%x|%o|%e|%r|%s" % (3.14159, 42, 255, 8, 12345.678, "s", None))
print(f"{'centered':*^20}", f"{12345678:_}", f"{0.5:.1%}", f"{-3:+d}", f"{255:#x} {255:#b} {7:03d}", f"{3.0:g} {1e20:g} {1.5e-7:g}")
words = "the quick brown fox jumps over the lazy dog the end".split()
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print(top, max(freq, key=freq.get), min(words, key=len), sorted(words, key=str.lower, reverse=True)[:3])
@dataclass(order=True)
class Task:
    priority: int
    name: str = field(compare=False)
    tags: list = field(default_factory=list, repr=False)
ts = sorted([Task(3, "c"), Task(1, "a"), Task(2, "b")])
print(ts, ts[0] < ts[1], Task(1, "x") == Task(1, "y"))
print(divmod(-7, 2), -7 // 2, -7 % 2, round(2.5), round(3.5), round(2.675, 2), 0.1 + 0.2, 1/3, 2**100, 10**20 / 3)
matrix = [[i * j for j in range(3)] for i in range(3)]
print(matrix, list(zip(*matrix)), [row[::-1] for row in matrix][::2])
s = "Hello, World"
print(s[::-1], s.swapcase(), s.center(20, "."), s.partition(", "), s.rsplit("o", 1), s.casefold(), s.title(), s.zfill(15))
print(isinstance(True, int), True + True, bool([]), None is None, [] == [], [] is [], int("0x1f", 16), int("  42 "), float("1e3"))
