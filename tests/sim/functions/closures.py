# defaults, *args/**kwargs, keyword-only, closures, nonlocal, decorators, lambdas
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))
print(f(1, c=3), f(1, 5, 6, 7, c=8, e=9), f(*[1, 2], **{"c": 3, "z": 0}))
def counter():
    n = 0
    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc
c = counter(); c(); c(); print(c(10))
def deco(fn):
    def wrapper(*a, **k):
        print("calling", fn.__name__)
        return fn(*a, **k)
    return wrapper
@deco
def add(x, y):
    return x + y
print(add(2, 3))
adders = [lambda x, i=i: x + i for i in range(3)]
print([g(10) for g in adders], (lambda *a: len(a))(1, 2, 3))
def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner()
    return middle()
print(outer())
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(20), list(map(lambda v: v * 2, range(4))))
def defaults(x=[]):
    x.append(1)
    return len(x)
print(defaults(), defaults(), defaults([]))
def kw_only(*, key):
    return key
print(kw_only(key="k"))
g = 1
def set_global():
    global g
    g = 2
set_global(); print(g)
