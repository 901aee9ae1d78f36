# family: memory
# pitfall: `is` compares identity, not value: it happens to work for small ints
# and identifier-like string constants, and fails for computed strings and big ints.
import sys


def make(prefix, n):
    return prefix + str(n)


a = "status"
b = "stat" + "us"              # folded at compile time: same constant
c = "".join(["stat", "us"])    # built at run time: a new object
print("a is b:", a is b, "| a is c:", a is c, "| a == c:", a == c)
d = sys.intern(c)
print("interned c is a:", d is a)

x = 256
y = int("256")
print("256 is 256:", x is y)
big1 = int("1000")
big2 = int("1000")
print("1000 is 1000 (computed):", big1 is big2, "| equal:", big1 == big2)

keys = [make("user_", i % 50) for i in range(10_000)]
distinct = {id(k) for k in keys}
print("distinct string objects without interning:", len(distinct))
interned = [sys.intern(k) for k in keys]
print("distinct after sys.intern:", len({id(k) for k in interned}))
print("empty and single-char strings are shared:", "".join([]) is "", chr(97) is "a")
t1 = (1, 2)
t2 = tuple([1, 2])
print("tuples equal, identical:", t1 == t2, t1 is t2)
print("sizes:", sys.getsizeof(""), sys.getsizeof("a"), sys.getsizeof("é"), sys.getsizeof("€"), sys.getsizeof("user_42"))
