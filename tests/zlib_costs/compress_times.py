# zlib.compress/decompress times on data that is none of the cost table's
# anchors (tools/bench/zlib_costs.py), in units of the reference loop
# (`for i in R: x = i * 2` at module level, per iteration), so the figures of
# a CPython run and of the simulator compare across machines. Printed:
# kind, level, compression ratio, compress time per byte, decompress time per
# output byte (both in reference-loop iterations x 1000).
# tests/zlib_costs/compress_times.expected is this program's output on
# CPython 3.11 (best of 5 rounds of time.thread_time: CPU time, steady under
# load); tests/engine/zlib_costs_test.cpp runs it in the simulator and compares.
import time
import zlib

N = 200000
WORDS = ("time person year way day thing man world life hand part child eye woman place work week case point "
         "government company number group problem fact").split()
kinds = {
    "log_lines": "".join("2024-01-%02d 12:%02d:%02d INFO request id=%d took %dms\n"
                         % (i % 28 + 1, i % 60, i * 7 % 60, i, i * 7919 % 500) for i in range(N // 48)).encode()[:N],
    "range_repr": str(list(range(N // 6))).encode()[:N],
    "words": " ".join(WORDS[i * 7919 % 97 % len(WORDS)] for i in range(N // 5)).encode()[:N],
    "numbers": " ".join(str(i * 7919 % 100003) for i in range(N // 5)).encode()[:N],
    "hex": "".join("%08x" % (i * 2654435761 % 4294967296) for i in range(N // 8)).encode()[:N],
}

LOOP = compile("for i in R:\n    x = i * 2\n", "<loop>", "exec")


def best(f, rounds):
    b = 1e9
    for _ in range(rounds):
        t0 = time.thread_time()
        f()
        b = min(b, time.thread_time() - t0)
    return b


env = {"R": range(100000)}
rounds = 5
loop = best(lambda: exec(LOOP, env), rounds) / 100000
for name, data in kinds.items():
    for level in (1, 6, 9):
        c = zlib.compress(data, level)
        tc = best(lambda: zlib.compress(data, level), rounds) / len(data)
        td = best(lambda: zlib.decompress(c), rounds) / len(data)
        print("%-10s %d %.3f %8.3f %8.3f" % (name, level, len(c) / len(data), tc / loop * 1000, td / loop * 1000))
