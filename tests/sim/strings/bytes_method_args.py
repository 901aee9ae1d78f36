# bytes methods with their optional arguments: find/rfind/index/rindex and
# count with start/end, split with maxsplit, startswith/endswith with bounds,
# replace with a count (and an empty pattern), hex with a separator.
b = b"abcabc"
print(b.find(b"b", 2), b.find(b"b", 2, 4), b.find(99, -3), b.find(b"", 7), b.rfind(b"c", 0, 4), b.rfind(b"a"), b.index(b"c", 3), b.rindex(b"b", 0, 3))
print(b.count(b"a", 1), b.count(b"bc", 0, 5), b.count(b""), b.count(b"", 2, 4), b.count(b"", 9), b.count(97))
print(b.split(b"b", 1), b.split(b"b", 0), b" a  b c ".split(None, 1), b"a b".split(maxsplit=-1), b"x,y,z".split(b",", maxsplit=1))
print(b.startswith(b"c", 2), b.endswith(b"b", 0, 5), b.startswith((b"x", b"ca"), 2), b.endswith(b"", 7), b.startswith(b"a", -3))
print(b.replace(b"a", b"", 1), b.replace(b"bc", b"-", 0), b.replace(b"", b"|"), b.replace(b"", b"|", 2), b.replace(b"c", b"C", -1))
print(b.hex(), b.hex(":"), b.hex("-", 2), b"abcde".hex("-", 2), b"abcde".hex("-", -2), b"abcde".hex(b"_", 3), b"".hex("-"))
for bad in (lambda: b.find(256), lambda: b.index(b"z"), lambda: b.hex("--"), lambda: b.find(b"a", "x")):
    try:
        print(bad())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(b"abcde".hex("-", 2**31 - 1), b"abcde".hex("-", -2**31), b"abc".hex("-", 0), b"abc".hex(":", 3), b"abc".hex(":", -4))
try:
    b"ab".hex("-", 2**40)
except OverflowError as e:
    print("OverflowError", e)
