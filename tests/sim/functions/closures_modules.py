# __closure__ cells, positional-only parameters passed by keyword, the
# builtins module, types.ModuleType, class __base__.
import builtins
import types


def counter():
    n = 0

    def inc():
        nonlocal n
        n += 1
        return n
    return inc


c = counter()
c()
print(c(), len(c.__closure__), c.__closure__[0].cell_contents, counter.__closure__)


def pos(a, b, /, c):
    return a + b + c


print(pos(1, 2, c=3))
for call in (lambda: pos(a=1, b=2, c=3), lambda: pos(1, b=2, c=3), lambda: pos(1, 2, 3, d=4)):
    try:
        call()
    except TypeError as e:
        print(e)
print(builtins.len([1, 2]), builtins.max is max, hasattr(builtins, "print"), builtins.__name__)
m = types.ModuleType("plugin", "A plugin.")
m.value = 3
print(m, m.__name__, m.__doc__, m.value, type(m) is types.ModuleType, isinstance(m, types.ModuleType))


class A:
    pass


class B(A):
    pass


print(B.__base__, A.__base__, object.__base__)
