# bytearray: constructors, mutation (index, slice, extended slice, del), growth as
# sys.getsizeof sees it (CPython's over-allocation), shared bytes methods, errors
import sys
b = bytearray()
sizes = []
for i in range(20):
    b.append(i)
    sizes.append(sys.getsizeof(b))
print(sizes)
b += b"xyz"; print(len(b), sys.getsizeof(b))
b.extend([1, 2, 3]); b.extend(bytearray(b"q")); print(b[-4:], sys.getsizeof(b))
b[2:5] = b""; print(b[:6], len(b))
b[::2] = bytes(len(b[::2])); print(b[:8])
del b[::3]; print(b, len(b))
b.insert(0, 255); b.insert(-1, 7); b.insert(100, 8); print(b[:3], b[-3:])
b.remove(255); print(b.pop(0), b.pop(), b.count(0), b.find(b"q"), b"q" in b, 7 in b)
c = bytearray(b"a,b,,c")
print(c.split(b","), c.upper(), c.replace(b",", b";"), c.startswith(b"a"), c.decode(), c.hex(), bytes(c))
print(bytearray(b"-").join([b"x", bytearray(b"y")]), b"ab" + bytearray(b"cd"), bytearray(b"ab") + b"cd", bytearray(b"ab") * 2, 3 * bytearray(b"z"))
print(bytearray(b"abc") == b"abc", bytearray(b"abc") < b"abd", b"abc" == bytearray(b"abc"), list(bytearray(b"hi")))
print(bytearray("héllo", "utf-8"), bytearray(range(5)), bytearray(b"x").copy(), type(bytearray(b"a")[0:1]))
d = bytearray(b"hello"); d.reverse(); print(d); d.clear(); print(d, sys.getsizeof(d))
x = bytearray(b"ab"); x *= 3; print(x)
for bad in [lambda: hash(bytearray()), lambda: bytearray(b"a").append(256), lambda: bytearray("s"), lambda: bytearray(-1),
            lambda: bytearray(b"ab")[5], lambda: bytearray().pop(), lambda: bytearray(b"a").remove(9), lambda: bytearray([1, 300]),
            lambda: bytearray(b"abc").__setitem__(slice(None, None, 2), b"x"), lambda: {bytearray(): 1}, lambda: bytearray(3.5)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(isinstance(b, bytearray), isinstance(b, bytes), type(b).__name__, bytearray.__name__)
b = bytearray(b"hello")
print(b, len(b))
b[0] = 72
print(b)
b.append(33)
b.extend(b" ok")
print(b)
b[1:3] = b"EE"
print(b, bytes(b))
print(bytearray(3), bytearray([1,2,3]), bytearray("hé", "utf-8"))
print(b.upper(), b.find(b"l"), b.decode())
print(b"ab" * 3, 2 * b"x")
del b[0]
print(b, b.pop(), b)
print(sys.getsizeof(bytearray()), sys.getsizeof(bytearray(b"abc")))
print(bytearray(b"x") == b"x", isinstance(b, bytearray))
b.reverse(); print(b)
print(b.hex())
