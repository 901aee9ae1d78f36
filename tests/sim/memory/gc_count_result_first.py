# A new list made from an operand that dies in the same operation (`[0] * 16`,
# `a + b`) is allocated before the operand is freed: right after a full
# collection (empty free lists) the result is a fresh allocation that raises
# generation 0's count, and the operand then goes to the free list.
import gc


def delta(step):
    c0 = gc.get_count()[0]
    step()
    return gc.get_count()[0] - c0


def swap(a, b):
    a, b = b, a
    x, y, z = a, b, [a]
    return [x, y, z]


keep = []
gc.collect()
gc.disable()
print("repeat, free lists empty:", delta(lambda: keep.append([0] * 16)))
print("repeat, a list freed before:", delta(lambda: keep.append([0] * 16)))
gc.collect()
print("concatenation, free lists empty:", delta(lambda: keep.append([1] + [2])))
print("concatenation again:", delta(lambda: keep.append([1] + [2])))
gc.collect()
print("two values, no tuple:", delta(lambda: keep.append(swap([1], [2]))))
gc.enable()



print("lists kept:", len(keep))
