# A class that defines __eq__ without __hash__ is unhashable (its __hash__
# is None); a subclass can restore hashing; a dataclass decides its own.
from dataclasses import dataclass


class P:
    def __init__(self, x):
        self.x = x

    def __eq__(self, other):
        return isinstance(other, P) and self.x == other.x


for make in (lambda: {P(1)}, lambda: {P(1): 1}, lambda: hash(P(1))):
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)
print(P.__hash__, "__hash__" in P.__dict__, P(1) == P(1))


class Q(P):
    __hash__ = object.__hash__


class R(P):
    def __hash__(self):
        return hash(self.x)


print(len({Q(1), Q(1)}), len({R(1), R(1)}), R.__eq__ is P.__eq__)


class Plain:
    pass


print(len({Plain(), Plain()}), Plain.__hash__ is object.__hash__)


@dataclass
class D:
    v: int

    def __eq__(self, other):
        return self.v == other.v


@dataclass(frozen=True)
class F:
    v: int


print(D.__hash__, hash(F(1)) == hash(F(1)), F(1) == F(1))
