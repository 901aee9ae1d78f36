# More ways an int is made, and the bytes tracemalloc sees for each (the
# medium-int fast path _PyLong_FromMedium allocates sizeof(PyLongObject), 32
# bytes; conversions that size the object by its digits allocate 28 for a
# one-digit value). sys.getsizeof says 28 for all of them.
import json
import math
import sys
import tracemalloc

N = 2000
texts = [str(1000 + i) for i in range(N)]
floats = [1000.5 + i for i in range(N)]
pairs = [[i, 1000 + i] for i in range(N)]
doc = json.dumps(list(range(1000, 1000 + N)))
tracemalloc.start()


def per_item(label, make):
    before = tracemalloc.get_traced_memory()[0]
    items = make()
    grown = tracemalloc.get_traced_memory()[0] - before
    print(label, round((grown - sys.getsizeof(items)) / len(items)), sys.getsizeof(items[-1]))


per_item("int(str)", lambda: [int(t) for t in texts])
per_item("json.loads", lambda: json.loads(doc))
per_item("int(float)", lambda: [int(f) for f in floats])
per_item("round(float)", lambda: [round(f) for f in floats])
per_item("math.floor", lambda: [math.floor(f) for f in floats])
per_item("math.ceil", lambda: [math.ceil(f) for f in floats])
per_item("sum(list)", lambda: [sum(p) for p in pairs])
per_item("abs", lambda: [abs(-1000 - i) for i in range(N)])
per_item("add", lambda: [i + 1000 for i in range(N)])
per_item("max", lambda: [max(p) for p in pairs])
