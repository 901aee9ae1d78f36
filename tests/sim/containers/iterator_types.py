# type() of the built-in iterators names CPython's iterator types.
import itertools

its = [iter([1]), iter((1,)), iter("ab"), iter({}), iter({}.items()), iter(range(2)), reversed([1]), zip(), map(str, []),
       filter(None, []), enumerate([]), itertools.chain([1]), itertools.count()]
for it in its:
    t = type(it)
    print(t.__name__, t, isinstance(it, t), it.__class__ is t)
print(type(iter([])) is type(iter([2])), type(iter([])) is type(iter(())))
