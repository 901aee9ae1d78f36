// An int that BINARY_OP's int fast path or FOR_ITER over a range pushes as
// the instruction's last step (a float from BINARY_OP's float fast path too) is accounted when it is made instead of at the
// next instruction boundary (sim/vm/scalar_results.h): a host speed change
// only. The whole report (memory samples, traced bytes per line, peaks, gc
// counts, clock, per-line time, output, status) must be the one the deferred
// accounting gives, in the cases that need care: the virtual memory limit
// reached by ints (MemoryError at the boundary), the program's tracemalloc on
// (ints get blocks of their own), collections and __del__ running Python code
// while the memory layer flushes, threads switching slices, generators, the
// instruction budget running out, and lists resized in place between them.
#include <catch2/catch.hpp>

#include <string>

#include "report/json.h"
#include "sim/vm/scalar_results.h"
#include "test_support.h"

namespace {
std::string report_json(const std::string& src, pitfall::sim::Options o, bool at_once) {
  pitfall::sim::g_scalar_results_at_once = at_once;
  const auto r = pitfall::test::simulate("scalars.py", src, o, 1'000'000);
  pitfall::sim::g_scalar_results_at_once = true;
  return pitfall::report::to_json(r).dump();
}

struct Case {
  const char* src;
  std::uint64_t memory_limit = 1ull << 30;
  std::uint64_t budget = 200'000'000;
  const char* status = "ok";
};

const Case kCases[] = {
    // arithmetic loops, comprehensions, big ints, ints freed and kept
    {R"(def count(n):
    total = 0
    while n > 0:
        total += n & 7
        n -= 1
    return total
sq = [i * i for i in range(30000) if i % 3 == 0]
keep = []
for i in range(2000, 40000, 7):
    keep.append(i * 1000 + 3)
big = 1
for k in range(80):
    big = big * 3 + k
print(count(50000), len(sq), len(keep), big % 1000)
)"},
    // ints alone reach the virtual memory limit: MemoryError at a boundary, caught, then again uncaught
    {R"(keep = []
try:
    for i in range(10 ** 7):
        keep.append(i + 100000)
except MemoryError:
    n = len(keep)
    keep = []
print("caught", n > 0)
more = [i * 3 + 1000 for i in range(10 ** 7)]
)", 24ull << 20, 200'000'000, "exception"},
    // the program's tracemalloc on and off around int loops
    {R"(import tracemalloc
tracemalloc.start()
s = 0
for i in range(20000):
    s += i * 1000
snap = tracemalloc.get_traced_memory()
tracemalloc.stop()
t = 0
for i in range(20000):
    t += i * 1000
print(s, t, snap[0] >= 0)
)"},
    // collections with __del__ making ints, cycles, gc.collect() while ints are live
    {R"(import gc
class Node:
    def __del__(self):
        total = 0
        for i in range(300, 340):
            total += i * 1000
        sink.append(total)
sink = []
for r in range(2000):
    a, b = Node(), Node()
    a.peer, b.peer = b, a
    a.v = r * 1000 + 1
    if r % 400 == 0:
        gc.collect()
print(len(sink), sum(sink) % 1000)
)"},
    // the same with only gc.collect() collecting: __del__ runs while the memory layer is collecting
    {R"(import gc
gc.disable()
class Node:
    def __del__(self):
        sink.append(self.v * 1000 + 7)
sink = []
for r in range(600):
    a, b = Node(), Node()
    a.peer, b.peer = b, a
    a.v = b.v = r + 1000
    if r % 100 == 0:
        gc.collect()
print(len(sink), sum(sink) % 1000)
)"},
    // threads switching slices mid-loop, a generator pipeline
    {R"(import threading
def work(n, out):
    total = 0
    while n > 0:
        total += n * 3
        n -= 1
    out.append(total)
out = []
ts = [threading.Thread(target=work, args=(60000, out)) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
def gen(n):
    for i in range(n):
        yield i * 1000
print(sorted(out), sum(gen(30000)))
)"},
    // the instruction budget runs out inside an int loop
    {R"(n = 0
while True:
    n += 1000
)", 1ull << 30, 300'000, "budget"},
    // floats from BINARY_OP's float fast path: float and int operands, bools, in-place
    // operators, a float subclass and division by zero (the generic path), floats kept and freed
    {R"(class F(float):
    def __add__(self, o):
        return 7.5
prices = [(i % 50) * 0.25 + 1.0 for i in range(20000)]
total = 0.0
for p in prices:
    total += p
    total -= p / 3
    total *= 1.0000001
x = 3 / 2.0 + True * 0.5 - 2 * 1.5
try:
    y = 1.0 / 0
except ZeroDivisionError:
    y = -1.0
keep = [p * 2.5 for p in prices if p > 5]
print(round(total, 3), x, y, F(1.0) + 2.0, len(keep), sum(keep))
)"},
    // floats alone reach the virtual memory limit
    {R"(keep = []
try:
    for i in range(10 ** 7):
        keep.append(i * 0.5 + 0.25)
except MemoryError:
    n = len(keep)
    keep = []
print("caught", n > 0)
more = [i * 1.5 for i in range(10 ** 7)]
)", 24ull << 20, 200'000'000, "exception"},
    // floats with the program's tracemalloc on, in threads and in a generator
    {R"(import threading, tracemalloc
tracemalloc.start()
s = 0.0
for i in range(5000):
    s += i * 0.5
print(s, tracemalloc.get_traced_memory()[0] >= 0)
tracemalloc.stop()
def work(n, out):
    t = 0.0
    while n > 0:
        t += n * 0.5
        n -= 1
    out.append(t)
out = []
ts = [threading.Thread(target=work, args=(40000, out)) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
def gen(n):
    for i in range(n):
        yield i / 4
print(sorted(out), sum(gen(30000)))
)"},
};
}  // namespace

TEST_CASE("ints accounted when made as an instruction's last step give the deferred report", "[memory][vm]") {
  for (const std::string version : {"3.11", "3.13"}) {
    for (const Case& c : kCases) {
      INFO(version << "\n" << c.src);
      pitfall::sim::Options o;
      o.python = version;
      o.memory_limit = c.memory_limit;
      o.budget_instructions = c.budget;
      const std::string deferred = report_json(c.src, o, false);
      CHECK(deferred.find(std::string("\"status\":\"") + c.status + "\"") != std::string::npos);
      CHECK(report_json(c.src, o, true) == deferred);
    }
  }
}
