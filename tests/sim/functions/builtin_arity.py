# Built-in functions check their argument counts before they run, each with
# the message of the C form it is written in (METH_O, METH_NOARGS,
# PyArg_UnpackTuple, Argument Clinic).


def show(name, *args, **kwargs):
    f = eval(name)
    try:
        f(*args, **kwargs)
        print(name, len(args), "ok")
    except TypeError as e:
        print(name, len(args), "TypeError:", e)


for name in ["abs", "all", "any", "ascii", "bin", "callable", "chr", "hash", "hex", "id", "len", "oct", "ord", "repr"]:
    show(name)
    show(name, 1, 2)
    show(name, 1, 2, 3)
    show(name, x=1)

for name in ["delattr", "divmod", "getattr", "hasattr", "isinstance", "issubclass", "iter", "next", "setattr", "format", "vars", "sorted"]:
    show(name)
    show(name, 1, 2, 3, 4)
show("isinstance", 1)
show("isinstance", 1, int, 3)
show("isinstance", 1, int, x=1)
show("getattr", 1)
show("sorted", [1], [2], key=None)
show("max")
show("min", key=len)
show("globals", 1)
show("locals", x=1)
show("eval")
show("eval", "1", {}, {}, 4)
show("exec")
show("exec", "1", {}, {}, 4)
show("sum")
show("sum", start=1)
show("sum", [1], 2, 3)
show("sum", [1], 2, start=0)
show("round")
show("round", 1, 2, 3)
show("round", ndigits=2)
show("pow")
show("pow", 2)
show("pow", 1, 2, 3, 4)
show("pow", exp=2)
show("pow", 2, base=3)
show("pow", 2, 3, zz=1)
show("round", 1, number=2)
show("round", 1, foo=2)
print(round(2.675, ndigits=2), round(number=7.5), pow(2, 3, mod=5), pow(exp=2, base=5))

# the check leaves calls that fit alone
print(len([1, 2]), abs(-3), isinstance(1, int), sorted([3, 1], reverse=True), sum([1, 2], start=10))
print(round(2.675, 2), pow(2, 10), pow(base=2, exp=3), divmod(7, 2), getattr("ab", "upper")(), max([1, 5], key=lambda v: -v))
print(repr(len), len.__name__)


def nested():
    return hex(1, 2)


try:
    nested()
except TypeError as e:
    print("caught:", e)
chr()
