#!/usr/bin/env python3
"""Threads hashing with hashlib: CPython releases the GIL while it hashes a
buffer of at least 2048 bytes (Modules/hashlib.h HASHLIB_GIL_MINSIZE), so
threads hashing big buffers run in parallel, while threads hashing small
buffers take turns on the GIL.

The same program runs on real CPython and in the simulator: 4 threads share a
fixed amount of hashing (sha256), once over 1 MiB buffers and once over
1 KiB buffers; each shape also runs on one thread alone. Printed per run:
the wall time of one thread alone / the wall time of 4 threads (the
speedup), for both buffer sizes. The simulator runs with --cores equal to
the machine's usable cores (os.sched_getaffinity) and with --cores 4.

usage: tools/bench/hashlib_threads.py [--python PATH] [--pitfall build/native/pitfall] [--repeat R]
"""

import gil_release_threads

SETUP = r"""
import hashlib

TOTAL = 16 * 1024 * 1024


def work(buf, n):
    for _ in range(n):
        hashlib.sha256(buf).digest()


def make_buffer(size):
    return b"x" * size
"""

if __name__ == "__main__":
    gil_release_threads.main(SETUP, "speedup of 4 threads over 1 (wall time ratio), sha256 over 16 MiB in all")
