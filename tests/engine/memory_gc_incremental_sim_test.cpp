// `--python 3.14` runs 3.14.0's incremental collector inside the simulator
// (engine/sim/memory/gc_incremental.cpp); the same cycle-making program on
// 3.13 and 3.14 shows what changes for a learner: the gc module's figures,
// how long garbage waits (the memory chart) and how long the pauses are.
// No 3.14 interpreter is installed here: expectations follow from
// Python/gc.c of the 3.14 branch, the reasoning is next to each check.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "sim/simulation.h"

namespace {
pitfall::report::Report run(const std::string& src, const std::string& python) {
  pitfall::sim::Options o;
  o.python = python;
  pitfall::sim::Simulation sim("cycles.py", src, o);
  while (!sim.step(1'000'000)) {
  }
  return sim.report();
}

const char* kCycles = R"(import gc

class Node:
    def __init__(self):
        self.other = None

print(gc.get_threshold())
for i in range(200_000):
    a = Node()
    b = Node()
    a.other = b
    b.other = a
print(gc.get_count()[1:], [s["collections"] for s in gc.get_stats()])
)";

double max_pause_ms(const pitfall::report::Report& r) {
  double m = 0;
  for (const auto& e : r.gc_events) m = std::max(m, e.ms);
  return m;
}
}  // namespace

TEST_CASE("3.14's incremental collector on a cycle-making loop, next to 3.13", "[memory][gc][gc314]") {
  const auto r13 = run(kCycles, "3.13");
  const auto r14 = run(kCycles, "3.14");
  REQUIRE(r13.status == "ok");
  REQUIRE(r14.status == "ok");
  // gc.get_threshold(): (young.threshold, old[0].threshold, 0)
  CHECK(r14.stdout_text.rfind("(2000, 10, 0)\n", 0) == 0);
  CHECK(r13.stdout_text.rfind("(2000, 10, 10)\n", 0) == 0);
  // Every automatic collection is an increment (generation 1): 400 000
  // instance allocations (3.13+ instances carry their values inline, no
  // dict) plus the start-up count of 30, one increment per 2002 counted
  // allocations once young.count passes 2000: 199. gc.collect(0) never ran,
  // so old[visited].count and old[pending].count stay 0.
  CHECK(r14.gc_collections[0] == 0);
  CHECK(r14.gc_collections[2] == 0);
  CHECK(r14.gc_collections[1] >= 198);
  CHECK(r14.gc_collections[1] <= 200);
  CHECK(r14.stdout_text.find("(0, 0) [0, " + std::to_string(r14.gc_collections[1]) + ", 0]") != std::string::npos);
  // The pairs are all collected in the end (but the newest ones), as on 3.13.
  CHECK(r14.gc_collected > 390'000);
  CHECK(r13.gc_collected > 390'000);
  // Each cycle's mark takes twice the interpreter's start-up objects
  // (thousands) off work_to_do, and the increments that follow idle while
  // young garbage piles up: far more memory waits than with 3.13's young
  // collections every 2001 allocations.
  CHECK(r14.mem_peak > 3 * r13.mem_peak);
  // The longest pause: 3.13's is its full collection (every interpreter
  // object examined); 3.14's increments never examine them, its marks
  // traverse them once.
  CHECK(max_pause_ms(r14) < max_pause_ms(r13));
}
