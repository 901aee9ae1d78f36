// hashlib on threads: hashing a buffer of at least hashlib.gil_release_min_bytes
// (2048) runs off the GIL (a CCall request), so 4 threads hashing 1 MiB
// buffers finish about 4x sooner than one thread doing all of it, on 4
// simulated cores; hashing 1 KiB buffers holds the GIL and gains nothing.
// (tools/bench/hashlib_threads.py compares the same program with CPython.)
// With 2 cores the 4 hashing threads share them (sched/ccall_sharing.cpp): ~2x.
#include <catch2/catch.hpp>

#include <string>

#include "sim/simulation.h"
#include "test_support.h"

namespace {

const char* const kProgram = R"PY(
import hashlib
import threading
import time

TOTAL = 32 * 1024 * 1024


def work(buf, n):
    for _ in range(n):
        hashlib.sha256(buf).digest()


def run(threads, size):
    buf = b"x" * size
    per = TOTAL // size // threads
    t0 = time.perf_counter()
    ts = [threading.Thread(target=work, args=(buf, per)) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - t0


for size in (1024 * 1024, 1024):
    print(run(1, size) / run(4, size))
)PY";

std::pair<double, double> speedups(int cores) {
  return pitfall::test::two_printed_numbers(pitfall::test::run_program(kProgram, "3.11", cores));
}

}  // namespace

TEST_CASE("hashlib: threads hashing big buffers run in parallel, small buffers hold the GIL", "[sim][threads][hashlib]") {
  auto [big4, small4] = speedups(4);
  CHECK(big4 > 3.3);
  CHECK(big4 < 4.05);
  CHECK(small4 < 1.1);
  CHECK(small4 > 0.7);
  auto [big2, small2] = speedups(2);
  CHECK(big2 > 1.7);
  CHECK(big2 < 2.05);
  CHECK(small2 < 1.1);
}
