# Ints in tracemalloc's view: those made before tracemalloc.start() (and
# floats) are not in the program's traces when they are freed, those made
# while it traces are, by line in a snapshot, whatever their size.
import tracemalloc


def fill(slots, values, delta):
    for k in range(len(slots)):
        slots[k] = values[k] + delta


def scale(slots, factor):
    for k in range(len(slots)):
        slots[k] = (k + 1000) * factor


def blocks_on(line):
    stats = tracemalloc.take_snapshot().statistics("lineno")
    return [(s.count, s.size) for s in stats if s.traceback[0].lineno == line]


slots = [None] * 2000
early = [k * 7 for k in range(1000, 3000)]
floats = [k / 4 for k in range(2000)]
tracemalloc.start()
print("start:", tracemalloc.get_traced_memory())
fill(slots, early, 1)
now = tracemalloc.get_traced_memory()[0]
print("2000 ints made while tracing:", now)
del early, floats
print("after freeing ints and floats made before:", tracemalloc.get_traced_memory()[0] - now)
print("blocks on the fill line:", blocks_on(9))
scale(slots, 1_000_000_007)
print("two-digit ints replace them:", blocks_on(9), blocks_on(14))
tracemalloc.stop()
print("stopped:", tracemalloc.get_traced_memory())
slots.clear()
