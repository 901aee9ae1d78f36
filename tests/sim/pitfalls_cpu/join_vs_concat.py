# family: cpu
# pitfall: building a string with += in a loop vs collecting parts and joining once.
# CPython's in-place += fast path hides much of the cost when the string has one
# reference; keep a second reference and every += copies the whole string.
import time


def build_concat(n):
    s = ""
    for i in range(n):
        s += f"{i},"
    return s


def build_concat_shared(n):
    s = ""
    history = []
    for i in range(n):
        s += f"{i},"
        if i % 500 == 0:
            history.append(s)    # a second reference now and then
    return s


def build_join(n):
    return "".join([f"{i}," for i in range(n)])


N = 20_000
a = build_concat(N)
b = build_join(N)
c = build_concat_shared(N)
print("lengths:", len(a), len(b), len(c))
print("identical:", a == b == c)
print("tail:", b[-12:])
