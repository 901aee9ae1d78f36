# type() of the built-in iterators names CPython's iterator types.
import itertools

its = [iter([1]), iter((1,)), iter("ab"), iter({}), iter({}.items()), iter(range(2)), reversed([1]), zip(), map(str, []),
       filter(None, []), enumerate([]), itertools.chain([1]), itertools.count()]
for it in its:
    t = type(it)
    print(t.__name__, t, isinstance(it, t), it.__class__ is t)
print(type(iter([])) is type(iter([2])), type(iter([])) is type(iter(())))


class Seq:
    def __len__(self):
        return 2

    def __getitem__(self, i):
        if i >= 2:
            raise IndexError(i)
        return i


print([type(reversed(x)).__name__ for x in ([1], (1,), "ab", b"ab", {1: 2}, range(3), Seq())])
