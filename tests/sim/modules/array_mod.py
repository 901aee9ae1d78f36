# array: typecodes, construction, methods, indexing and slicing, repr,
# comparisons, the range errors, and sys.getsizeof with array_resize's
# over-allocation
import sys
from array import array

for tc in "bBhHiIlLqQfd":
    a = array(tc, [1, 2, 3])
    print(tc, a.itemsize, a.typecode, a, a.tolist(), len(a.tobytes()))
d = array("d", [1.5, 2.25])
d.append(3.0)
d.extend([4.0, 5.0])
d.insert(0, 0.5)
d.insert(-1, 9.0)
print(d, d.pop(), d.pop(0), d.index(9.0), d.count(2.25), 2.25 in d, 7.0 in d)
d.remove(9.0)
d.reverse()
print(d, d[0], d[-1], d[1:3], d[::-1], list(d), sum(d))
d[0] = 7
d[1:2] = array("d", [8.0, 8.5])
del d[0]
print(d, len(d))
print(array("f", [0.1]), array("f", [0.1])[0], array("u", "héllo"), array("u", "hi")[1])
print(array("i"), repr(array("b")), str(array("d", [1.0])))
b = array("B", b"\x01\x02\x03\x04")
print(b, b.tobytes(), array("H", b"\x01\x02\x03\x04"), array("i", range(5)))
c = array("h", [1, 2])
c.frombytes(b"\x05\x00")
c.fromlist([6, 7])
print(c, c + array("h", [9]), c * 2, array("h", [1]) == array("h", [1]), array("h", [1, 2]) < array("h", [1, 3]))
c += array("h", [10])
c *= 2
print(c, c.buffer_info()[1], array("Q", [2 ** 64 - 1]), array("q", [-(2 ** 63)]))
for tc, v in [("b", 128), ("b", -129), ("B", -1), ("B", 256), ("h", 40000), ("H", -1), ("H", 70000),
              ("i", 2 ** 31), ("I", -1), ("I", 2 ** 32), ("l", 2 ** 63), ("L", -1), ("q", 2 ** 63), ("Q", -1),
              ("Q", 2 ** 64), ("i", 1.5), ("d", "x"), ("u", "ab"), ("u", 1)]:
    try:
        array(tc, [v])
    except (OverflowError, TypeError) as e:
        print(tc, v, type(e).__name__, e)
for bad in [lambda: array("z"), lambda: array("d", "abc"), lambda: array("d", [1.0])[5],
            lambda: array("d").pop(), lambda: array("d", [1.0]).remove(2.0), lambda: array("d", [1.0]).index(2.0),
            lambda: array("i", [1]) + array("d", [1.0]), lambda: array("i", [1]) + [1],
            lambda: array("d", b"abc")]:
    try:
        bad()
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__, e)
# sizes: literal (exact), appended one by one (over-allocated), slices and repeats (exact)
print(sys.getsizeof(array("d")), sys.getsizeof(array("d", [1.0] * 10)), sys.getsizeof(array("b", [1] * 10)))
g = array("d")
sizes = []
for i in range(40):
    g.append(float(i))
    sizes.append(sys.getsizeof(g))
print(sizes)
print(sys.getsizeof(g[:5]), sys.getsizeof(g * 2), sys.getsizeof(array("d", range(10))), sys.getsizeof(array("i", b"\x00" * 40)))
while len(g) > 3:
    g.pop()
print(sys.getsizeof(g), len(g))
h = array("i", [1] * 100)
h.extend(array("i", [2] * 5))
print(sys.getsizeof(h))
print(sys.getsizeof(array("d", [0.0]) * 1000), sys.getsizeof([0.0] * 1000))
