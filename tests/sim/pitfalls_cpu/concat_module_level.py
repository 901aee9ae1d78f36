# family: cpu
# pitfall: `s += piece` is only cheap inside a function. CPython 3.11+ resizes the
# string in place only when the next instruction stores it back into the same
# local (STORE_FAST) and nothing else refers to it; at module level the loop
# copies the whole string every time: quadratic.
import time

N = 30_000

t0 = time.perf_counter()
text = ""
for i in range(N):
    text += "ab,"
t_module = time.perf_counter() - t0


def build(n):
    s = ""
    for i in range(n):
        s += "ab,"
    return s


t0 = time.perf_counter()
local = build(N)
t_local = time.perf_counter() - t0

t0 = time.perf_counter()
joined = "".join(["ab,"] * N)
t_join = time.perf_counter() - t0

print("same text:", text == local == joined, len(text))
print("module-level += at least 5x slower than in a function:", t_module > 5 * t_local)
print("join faster than the module-level loop:", t_join < t_module)
