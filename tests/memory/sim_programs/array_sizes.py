# array.array's memory against a list of floats: sys.getsizeof as the array
# grows item by item (array_resize's over-allocation), exact sizes of arrays
# built at once, and tracemalloc's traced bytes for the object and its item
# buffer (one block each), freed when the array dies.
import sys
import tracemalloc
from array import array


def main():
    a = array("d")
    prev = None
    for i in range(70):
        a.append(float(i))
        s = sys.getsizeof(a)
        if s != prev:
            print("append", i + 1, s)
            prev = s
    for n in (0, 1, 10, 1000):
        print("exact", n, sys.getsizeof(array("d", [0.0] * n)), sys.getsizeof(array("b", bytes(n))),
              sys.getsizeof(array("i", [0]) * n))
    print("bytes", sys.getsizeof(array("b", b"x" * 100)), sys.getsizeof(array("b", range(100))))
    b = array("q", range(50))
    while len(b) > 5:
        b.pop()
        if len(b) % 9 == 0:
            print("pop", len(b), sys.getsizeof(b))
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    big = array("d", [0.0]) * 100000
    after = tracemalloc.get_traced_memory()[0]
    print("traced array", after - base)
    del big
    print("freed with it", tracemalloc.get_traced_memory()[0] - base < 200)
    tracemalloc.stop()


main()
