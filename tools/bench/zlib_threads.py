#!/usr/bin/env python3
"""Threads compressing with zlib: CPython releases the GIL around every
deflate() call (Modules/zlibmodule.c, whatever the size), so threads
compressing buffers run in parallel; with 1 KiB buffers the Python part of
each call (and deflateInit) holds the GIL a larger share of the time.

The same program runs on real CPython and in the simulator: 4 threads share a
fixed amount of compressing (level 6, text of numbers), once over 1 MiB
buffers and once over 1 KiB buffers; each shape also runs on one thread
alone. Printed per run: the wall time of one thread alone / the wall time of
4 threads (the speedup), for both buffer sizes. The simulator runs with
--cores equal to the machine's usable cores (os.sched_getaffinity) and with
--cores 4. tests/engine/zlib_threads_test.cpp runs the same program.

usage: tools/bench/zlib_threads.py [--python PATH] [--pitfall build/native/pitfall] [--repeat R]
"""

import gil_release_threads

SETUP = r"""
import zlib

TOTAL = 8 * 1024 * 1024
TEXT = " ".join(str(i * 7919 % 100003) for i in range(200000)).encode()


def work(buf, n):
    for _ in range(n):
        zlib.compress(buf)


def make_buffer(size):
    return TEXT[:size]
"""

if __name__ == "__main__":
    gil_release_threads.main(SETUP, "speedup of 4 threads over 1 (wall time ratio), zlib.compress of 8 MiB in all")
