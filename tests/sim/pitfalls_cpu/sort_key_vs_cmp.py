# family: cpu
# pitfall: cmp_to_key calls a Python comparison for every pair the sort compares;
# a key function is called once per item and the sort then compares plain tuples.
import time
from functools import cmp_to_key


def by_age_then_name(a, b):
    if a[1] != b[1]:
        return -1 if a[1] < b[1] else 1
    if a[0] != b[0]:
        return -1 if a[0] < b[0] else 1
    return 0


people = [(f"user{(i * 7919) % 5000:04d}", (i * 31) % 90) for i in range(5000)]

t0 = time.perf_counter()
a = sorted(people, key=cmp_to_key(by_age_then_name))
t1 = time.perf_counter()
b = sorted(people, key=lambda p: (p[1], p[0]))
t2 = time.perf_counter()
calls = 0


def counting_cmp(x, y):
    global calls
    calls += 1
    return by_age_then_name(x, y)


sorted(people, key=cmp_to_key(counting_cmp))
print("same order:", a == b)
print("first three:", b[:3])
print("comparisons made by the cmp sort: more than 10x the items:", calls > 10 * len(people))
print("key version faster:", (t2 - t1) < (t1 - t0))
