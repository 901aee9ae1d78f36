# itertools: lazy iterators with CPython's order and results.
from itertools import (count, islice, chain, repeat, product, accumulate, groupby, permutations,
                       combinations, combinations_with_replacement, zip_longest, takewhile,
                       dropwhile, starmap, cycle, compress, pairwise, filterfalse, tee)
import itertools
import operator
print(list(islice(count(10, 3), 5)), list(islice(count(), 2, 10, 3)))
print(list(chain([1, 2], (3,), "ab")), list(chain.from_iterable([[1], [2, 3]])))
print(list(repeat("x", 3)), list(zip(range(3), repeat(0))))
print(list(product("ab", range(2))), len(list(product(range(3), repeat=3))))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([1, 2], initial=10)))
print(list(accumulate([1, 2, 3, 4], operator.mul)))
for k, g in groupby("aaabbcdd"):
    print(k, list(g))
print([(k, len(list(g))) for k, g in groupby([1, 3, 5, 2, 4, 7], key=lambda v: v % 2)])
print(list(permutations([1, 2, 3])), list(permutations("abc", 2)))
print(list(combinations(range(4), 2)), list(combinations_with_replacement("ab", 2)))
print(list(zip_longest("abc", [1], fillvalue="-")))
print(list(takewhile(lambda v: v < 3, [1, 2, 3, 1])), list(dropwhile(lambda v: v < 3, [1, 2, 3, 1])))
print(list(starmap(pow, [(2, 3), (3, 2)])), list(islice(cycle("ab"), 5)))
print(list(compress("abcdef", [1, 0, 1, 0, 1, 1])), list(pairwise([1, 2, 3, 4])))
print(list(filterfalse(lambda v: v % 2, range(6))))
a, b = tee([1, 2, 3])
print(list(a), list(b))
print(sum(1 for _ in itertools.combinations(range(10), 3)))
