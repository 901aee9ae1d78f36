# next(gen) / gen.__next__() raise StopIteration carrying the generator's
# return value; next(gen, default) gives the default; gi_running and
# gi_suspended.
def gen_ret():
    yield 1
    return 5


g = gen_ret()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("value", e.value, e.args)
try:
    next(g)
except StopIteration as e:
    print("again", e.value, e.args)
g2 = gen_ret()
g2.__next__()
try:
    g2.__next__()
except StopIteration as e:
    print("dunder", e.value)
g3 = gen_ret()
print(next(g3), next(g3, "default"), next(g3, "default"))


def inner():
    yield "a"
    return "inner done"


def outer():
    result = yield from inner()
    yield result


o = outer()
print(o.gi_running, o.gi_suspended)
print(next(o), o.gi_suspended, next(o), o.gi_suspended)


def watch():
    yield g4.gi_running


g4 = watch()
print(next(g4), g4.gi_running)
