# The traced bytes of an int depend on how CPython made it: results of
# arithmetic and range() go through the medium-int fast path
# (_PyLong_FromMedium: sizeof(PyLongObject), 32 bytes), while ints converted
# from a C Py_ssize_t (PyLong_FromSsize_t: len(), hash(), enumerate's index,
# str.find/count, list.index/count) are allocated with exactly their digits
# (28 bytes). sys.getsizeof says 28 for all of them.
import sys
import tracemalloc

N = 2000
strs = ["x" * 1000] * N
s = "a" * 5000 + "b"
nums = list(range(300, 700))
tracemalloc.start()


def per_item(label, make):
    before = tracemalloc.get_traced_memory()[0]
    items = make()
    grown = tracemalloc.get_traced_memory()[0] - before
    # the list holding them: 56 bytes + 8 per item (exact size from a comprehension
    # varies with over-allocation, so it is taken out as sys.getsizeof reports it)
    print(label, round((grown - sys.getsizeof(items)) / len(items)), sys.getsizeof(items[-1]))


per_item("enumerate", lambda: [i for i, x in enumerate(strs)])
per_item("range", lambda: [i for i in range(1000, 1000 + N)])
per_item("len", lambda: [len(x) for x in strs])
per_item("str.find", lambda: [s.find("b") for _ in range(N)])
per_item("str.count", lambda: [s.count("a") for _ in range(N)])
per_item("list.index", lambda: [nums.index(699) for _ in range(N)])
per_item("hash", lambda: [hash(i) for i in range(1000, 1000 + N)])
per_item("mul", lambda: [i * 3 for i in range(1000, 1000 + N)])
per_item("floordiv", lambda: [i // 3 for i in range(3000, 3000 + N)])
