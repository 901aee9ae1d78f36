// The interpreter's own tracked objects: a fresh interpreter's and each
// imported module's (measured data, interpreter_objects.h), traversed by full
// collections only, and what a `gc.collect()` after `import asyncio` costs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "report/report.h"
#include "sim/memory/gc_model.h"
#include "sim/memory/interpreter_objects.h"
#include "sim/vm/range_items.h"
#include "test_support.h"

using namespace pitfall::sim;
using namespace pitfall::sim::memory;

namespace {
struct Empty : GcHeap {
  std::int64_t refcount(GcId) override { return 1; }
  void traverse(GcId, GcVisit) override {}
  void clear(GcId) override {}
};

double max_gc_pause_ms(const pitfall::report::Report& r) {
  double m = 0;
  for (const auto& e : r.gc_events) m = std::max(m, e.ms);
  return m;
}
}  // namespace

TEST_CASE("Imported modules add their measured objects once each", "[memory][gc]") {
  for (int minor : {10, 11, 12, 13, 14}) {
    InterpreterObjects io(minor);
    CHECK(io.startup() > 3000);
    const std::int64_t asyncio = io.import("asyncio");
    // asyncio loads ~90 modules (socket, ssl, inspect, typing, logging ...)
    CHECK(asyncio > 6000);
    CHECK(asyncio < 15000);
    // threading and concurrent.futures are part of what asyncio loaded
    CHECK(io.import("threading") == 0);
    CHECK(io.import("concurrent.futures") == 0);
    CHECK(io.import("asyncio") == 0);
    CHECK(io.import("no_such_module") == 0);
  }
  InterpreterObjects a(11), b(11);
  const std::int64_t t = a.import("threading");
  CHECK(t > 300);
  // the modules threading loads come out of asyncio's share when imported first
  CHECK(a.import("asyncio") + t == b.import("asyncio"));
}

TEST_CASE("Interpreter objects are examined by full collections only, at their own cost", "[memory][gc]") {
  GcCosts c;
  c.young_per_object_ns = 10;
  c.full_per_object_ns = 100;
  c.interpreter_per_object_ns = 200;
  GcModel gc(11, 0, c);
  Empty heap;
  gc.add_interpreter_objects(5000);
  for (GcId id = 1; id <= 10; ++id) gc.track(id);
  const GcResult young = gc.collect(heap, 0, 0);
  CHECK(young.examined == 10);
  CHECK(young.pause_ns == Approx(10 * 10));
  const GcResult full = gc.collect(heap, 2, 0);
  CHECK(full.examined == 5010);
  CHECK(full.pause_ns == Approx(10 * 100 + 5000 * 200));
}

TEST_CASE("Range items outside the small-int cache are counted", "[memory][costs]") {
  CHECK(range_items_uncached(0, 1, 256) == 0);     // 0..255
  CHECK(range_items_uncached(0, 1, 258) == 1);     // 257
  CHECK(range_items_uncached(-10, 1, 10) == 5);    // -10..-6
  CHECK(range_items_uncached(100000, 1, 50) == 50);
  CHECK(range_items_uncached(25, 1, 20000 - 25) == 20000 - 25 - 232);  // 25..256 cached
  CHECK(range_items_uncached(300, -1, 300) == 44);  // 300..257 allocate, 256..1 cached
  CHECK(range_items_uncached(0, 7, 100) == 100 - 37);  // 0, 7, ..., 252 cached
  CHECK(range_items_uncached(10, -3, 10) == 4);    // 10, 7, ..., -17: -8 and below allocate
}

TEST_CASE("gc.collect() after import asyncio pays for asyncio's objects", "[memory][gc]") {
  const std::string with = "import asyncio\nimport gc\ngc.collect()\n";
  const std::string without = "import gc\ngc.collect()\n";
  for (const char* py : {"3.11", "3.13"}) {
    const auto a = pitfall::test::simulate("with.py", with, py);
    const auto b = pitfall::test::simulate("without.py", without, py);
    REQUIRE(a.gc_events.size() == 1);
    REQUIRE(b.gc_events.size() == 1);
    // ~9,500 more objects at 100-300 ns each: 1-3 ms more
    CHECK(max_gc_pause_ms(a) - max_gc_pause_ms(b) > 0.8);
    CHECK(max_gc_pause_ms(a) - max_gc_pause_ms(b) < 4.0);
  }
}
