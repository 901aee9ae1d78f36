# collections.abc: isinstance/issubclass through the ABCs (registered
# built-in types, structural __subclasshook__ checks), and classes that
# subclass them and get the mixin methods.
import collections.abc
from collections.abc import (Callable, Collection, Container, Generator, Hashable, ItemsView, Iterable, Iterator, KeysView, Mapping,
                             MutableMapping, MutableSequence, MutableSet, Reversible, Sequence, Set, Sized)

values = [[1], (1,), "s", b"b", {"k": 1}, {1}, frozenset(), range(2), 3, 2.5, None, len, iter([]), (x for x in ()), {}.keys(), bytearray()]
for abc in (Iterable, Iterator, Sized, Container, Collection, Reversible, Sequence, MutableSequence, Mapping, MutableMapping, Set, MutableSet, Hashable, Callable, Generator):
    print(abc.__name__.ljust(15), "".join("x" if isinstance(v, abc) else "." for v in values))
print(issubclass(list, Sequence), issubclass(dict, Mapping), issubclass(int, Hashable), issubclass(list, Hashable), issubclass(str, Iterable))


class Bag:
    def __init__(self, items):
        self.items = list(items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __contains__(self, x):
        return x in self.items


class Unhashable:
    __hash__ = None


class OnlyEq:
    def __eq__(self, other):
        return True


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n


b = Bag("ab")
print(isinstance(b, Iterable), isinstance(b, Sized), isinstance(b, Container), isinstance(b, Collection), isinstance(b, Sequence), isinstance(b, Iterator))
print(isinstance(Unhashable(), Hashable), isinstance(OnlyEq(), Hashable), isinstance(Bag, Callable), isinstance(b, Callable), isinstance(b.__len__, Callable))
print(isinstance(Countdown(2), Iterator), list(Countdown(3)), issubclass(Countdown, Iterable))


class Registry(Mapping):
    def __init__(self, **kw):
        self._d = dict(kw)

    def __getitem__(self, k):
        return self._d[k]

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)


r = Registry(a=1, b=2)
print(r.get("a"), r.get("z", 0), "b" in r, "z" in r, list(r.keys()), list(r.items()), list(r.values()), r == {"a": 1, "b": 2}, len(r))
print(isinstance(r.keys(), KeysView), isinstance(r.items(), ItemsView), r.keys() & {"a", "q"}, ("a", 1) in r.items())


class Store(MutableMapping):
    def __init__(self):
        self._d = {}

    def __getitem__(self, k):
        return self._d[k]

    def __setitem__(self, k, v):
        self._d[k] = v

    def __delitem__(self, k):
        del self._d[k]

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)


s = Store()
s.update({"x": 1}, y=2)
print(s.setdefault("z", 3), s.pop("x"), s.pop("missing", "dflt"), sorted(s.items()), s.popitem(), len(s), isinstance(s, dict))


class Span(Sequence):
    def __init__(self, n):
        self.n = n

    def __getitem__(self, i):
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return i * 10

    def __len__(self):
        return self.n


sp = Span(4)
print(list(sp), 20 in sp, 25 in sp, sp.index(30), sp.count(10), list(reversed(sp)), isinstance(sp, Reversible))


class Deck(MutableSequence):
    def __init__(self):
        self._c = []

    def __getitem__(self, i):
        return self._c[i]

    def __setitem__(self, i, v):
        self._c[i] = v

    def __delitem__(self, i):
        del self._c[i]

    def __len__(self):
        return len(self._c)

    def insert(self, i, v):
        self._c.insert(i, v)


d = Deck()
d.append(1)
d.extend([2, 3, 4])
d.remove(2)
d += [5]
d.reverse()
print(list(d), d.pop(), d.pop(0), list(d))


class Ints(Set):
    def __init__(self, it=()):
        self._s = set(it)

    def __contains__(self, x):
        return x in self._s

    def __iter__(self):
        return iter(sorted(self._s))

    def __len__(self):
        return len(self._s)


a, c = Ints([1, 2, 3]), Ints([2, 3, 4])
print(list(a & c), list(a | c), list(a - c), list(a ^ c), a <= Ints([1, 2, 3, 9]), a == Ints([3, 2, 1]), a.isdisjoint([7]))


class Plain:
    pass


Sized.register(Plain)
print(isinstance(Plain(), Sized), issubclass(Plain, Collection), Iterable, collections.abc.Sequence)
for bad in (Sequence, Mapping, Iterator):
    try:
        type("Half", (bad,), {})()
    except TypeError as e:
        print("TypeError:", e)
