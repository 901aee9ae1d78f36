# A function's or class's docstring is its __doc__; functools.wraps copies it.
import functools


def documented(x):
    """Return x doubled."""
    return x * 2


def plain(x):
    return x


def not_first():
    x = 1
    "not a docstring"
    return x


class Shape:
    """A shape with an area."""

    def area(self):
        "Area in square units."
        return 0


class Bare:
    pass


def deco(f):
    @functools.wraps(f)
    def wrapper(*args):
        return f(*args)
    return wrapper


@deco
def wrapped():
    """Wrapped docstring."""


print(documented.__doc__, plain.__doc__, not_first.__doc__)
print(Shape.__doc__, Shape.area.__doc__, Shape().area.__doc__, Bare.__doc__)
print(wrapped.__doc__, wrapped.__name__, documented(4))
print((lambda: 0).__doc__)
