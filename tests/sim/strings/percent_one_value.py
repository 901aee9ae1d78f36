# `fmt % value` with one value: the common shapes (one bare %d, %i or %s, with
# %% around it) and their neighbours that must go the general way.
class MyInt(int):
    def __str__(self):
        return "my"


class MyStr(str):
    pass


for fmt, value in [
    ("item%d", 7), ("item%d", -123456789012), ("%d", 0), ("%i", 2**62), ("%d%%", 50),
    ("%%%d%%", 3), ("100%% of %s", "x"), ("%s", "héllo wörld ✓"), ("[%s]", ""),
    ("%s", 12), ("%s", -5), ("%d", True), ("%s", True), ("%d", 2**100), ("%s", 2**100),
    ("%d", MyInt(4)), ("%s", MyInt(4)), ("%s", MyStr("sub")), ("%5d", 42), ("%-4s|", "ab"),
    ("%.2s", "abc"), ("%x", 255), ("%r", "q"), ("%d", 3.9), ("%s", None), ("%s", [1, 2]),
    ("no spec", 1), ("%s and %s", "one"), ("%d", "text"), ("trailing %", 1), ("%(a)s", 1),
    ("%s", (1,)), ("%s", ()), ("%c", 65), ("%d", -0),
]:
    try:
        print(repr(fmt), repr(value), "->", repr(fmt % value))
    except Exception as e:
        print(repr(fmt), repr(value), "->", type(e).__name__, e)
