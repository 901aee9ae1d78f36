# Global, builtin and module attribute loads at one instruction, run again
# after what they found has changed (the simulator caches these lookups per
# instruction).
import math

counter = 1


def read_counter():
    return counter


def use_len(x):
    return len(x)


def sqrt_of(x):
    return math.sqrt(x)


def pi_value():
    return math.pi


for _ in range(50):
    read_counter()
    use_len("ab")
    sqrt_of(4.0)
    pi_value()

# a global rebound
counter = 2
print("rebound:", read_counter())

# a global deleted
del counter
try:
    read_counter()
except NameError as e:
    print("deleted:", e)
counter = 3
print("defined again:", read_counter())

# a builtin shadowed by a global later, then the global removed
print("builtin:", use_len("abc"))
len = lambda x: "global len"
print("shadowed builtin:", use_len("abc"))
del len
print("builtin again:", use_len("abc"))

# module attributes reassigned
math.sqrt = lambda x: "patched sqrt"
math.pi = 3
print("module attrs reassigned:", sqrt_of(9.0), pi_value())
del math.pi
try:
    pi_value()
except AttributeError as e:
    print("module attr deleted:", e)

# many globals added: the globals table is rebuilt
for i in range(100):
    globals()["g%d" % i] = i
print("after rebuild:", read_counter(), g99)

# module-level names (LOAD_NAME / STORE_NAME)
total = 0
for v in range(30):
    total += v
    if v == 10:
        globals().pop("total")
        total = 1000
print("module-level:", total)

# class bodies read names through their own namespace first
x = "global x"


class Body:
    for i in range(3):
        y = x
    x = "class x"
    z = x


print("class body:", Body.y, Body.z)
