# Tuple displays of constants are constants of the code object (CPython's
# AST optimizer folds them): one object per value in a code object, no tuple
# built at run time; `in` / `for` over a list or set display of constants
# search a tuple or frozenset constant. Identity is what shows it.
import gc


def pair():
    return (1, 2)


def nested():
    return (1, ("a", -2.5), None, (), b"x")


print("same call twice:", pair() is pair())
print("nested:", nested() is nested(), nested()[1] is nested()[1])
print("equal values, one constant:", (1, 2) is (1, 2), (1, 2) is (1.0, 2))
print("bool is not int:", (1, True) is (1, 1), (True,) == (1,))
print("zero signs:", (0.0,) is (-0.0,), (0.0,) == (-0.0,))
print("empty:", () is (), () is nested()[3])
x = 7
print("a variable builds one:", (1, x) is (1, x), (1, x) == (1, x))


def f(a=1, b=(2, 3)):
    return a, b


print("defaults:", f(), f.__defaults__, f.__defaults__[1] is f()[1])
d = {}
d[1, 2] = "k"
print("subscript:", d, (1, 2) in d)

hits = 0
for i in range(10):
    if i in [2, 3, 5, 7]:
        hits += 1
    if i not in {0, 1}:
        hits += 10
print("membership:", hits)
print("over a list display:", [c for c in ["p", "q"]], sum(n for n in [1, 2, 3]))
for v in [1, 2]:
    print("loop", v)
y = 3
print("list with a variable:", y in [1, y], y in {y, 4}, 9 in [])

print("tracked constant:", gc.is_tracked((1, 2)), gc.is_tracked(("s", (1,))), gc.is_tracked(()))
print("tracked with a list:", gc.is_tracked((1, [])))
gc.collect()
print("after a collection:", gc.is_tracked((1, 2)), gc.is_tracked((1, frozenset({1}))))
a, b = 1, 2
c, = (3,)
print("unpacked:", a, b, c)


def rest(*a):
    return a


empty = ()
print("one empty tuple:", rest() is empty, tuple() is empty, tuple([]) is empty, (1, 2)[5:] is empty,
      tuple(n for n in []) is empty)
