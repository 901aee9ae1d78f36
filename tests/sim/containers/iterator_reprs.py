# The built-in iterators print with their own type names; itertools objects
# print as itertools.NAME, count and repeat as their call.
import itertools


def name(it):
    return repr(it).split(" object at ")[0] + ">"


for it in (iter([1]), iter((1,)), iter("ab"), iter({}), iter({1}), iter(range(2)), reversed([1]), iter({}.values()),
           iter({}.items()), zip(), map(str, []), filter(None, []), enumerate([]), itertools.chain([1]),
           itertools.islice("ab", 1), itertools.cycle("a"), itertools.pairwise("ab")):
    print(name(it))
print(itertools.count(5), itertools.count(2, 3), itertools.count(1.5), itertools.repeat("x"), itertools.repeat(7, 2))
c = itertools.count()
next(c)
next(c)
print(c)
