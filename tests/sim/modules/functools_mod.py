# functools: lru_cache, cache, partial, wraps, reduce, cached_property, total_ordering, cmp_to_key.
from functools import lru_cache, cache, partial, wraps, reduce, cached_property, total_ordering, cmp_to_key
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
fib.cache_clear()
print(fib.cache_info())
@lru_cache(maxsize=2)
def sq(x):
    print("computing", x)
    return x * x
for v in [1, 2, 1, 3, 1, 2]:
    sq(v)
print(sq.cache_info())
@cache
def tri(n):
    return 0 if n == 0 else n + tri(n - 1)
print(tri(50), tri.cache_info().hits)
@lru_cache
def plain(a, b=1):
    return a + b
print(plain(1), plain(1, b=2), plain(1), plain.cache_info())
def power(base, exp):
    return base ** exp
square = partial(power, exp=2)
cube = partial(power, exp=3)
print(square(5), cube(2), partial(power, 2)(10), square.func.__name__, square.keywords)
def logged(f):
    @wraps(f)
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs)
    return wrapper
@logged
def add(a, b):
    return a + b
print(add(2, 3), add.__name__, add.__wrapped__.__name__)
print(reduce(lambda a, b: a * b, range(1, 10)), reduce(lambda a, b: a + b, [], 0))
class Circle:
    def __init__(self, r):
        self.r = r
    @cached_property
    def area(self):
        print("computing area")
        return 3 * self.r * self.r
c = Circle(2)
print(c.area, c.area)
@total_ordering
class Version:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return self.n == other.n
    def __lt__(self, other):
        return self.n < other.n
print(Version(1) < Version(2), Version(2) >= Version(1), Version(3) <= Version(1), Version(3) > Version(1))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
class Account:
    @lru_cache(maxsize=None)
    def rate(self, years):
        return 1.05 ** years
print(Account().rate(2))
