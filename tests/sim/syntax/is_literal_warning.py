# `is` / `is not` with a literal (a constant other than None, True, False,
# ...) is a SyntaxWarning when the file compiles: on stderr before anything
# runs, one per comparison, the outer comparison before the ones inside it,
# folded constants (-1, (1, 2), 2 * 3) counting as literals.
x = 5
if x is 5:
    print("five")
print(x is None, x is True, x is ..., x is not None)
print(x is -1, x is not (1, 2), x is 2 * 3, 1.5 is x, x is b"a")
print((x is "s") is (x is 0))
y = [x]
print(x is y[0], y is not y, x is x is 5)


def f(a):
    return a is 10


print(f(10))
exec("print(7 is 7)")
