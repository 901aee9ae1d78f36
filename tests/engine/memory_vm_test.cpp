// The memory layer inside the simulator: a program that makes cycles with the
// collector disabled grows until the virtual memory limit stops it with a
// located MemoryError (never the host running out); the same program with the
// collector on stays small; the report's memory and gc sections follow.
#include <catch2/catch.hpp>

#include <string>

#include "sim/simulation.h"

namespace {
pitfall::report::Report run(const std::string& src, const std::string& python, std::uint64_t limit) {
  pitfall::sim::Options o;
  o.python = python;
  o.memory_limit = limit;
  pitfall::sim::Simulation sim("grow.py", src, o);
  while (!sim.step(1'000'000)) {
  }
  return sim.report();
}

const char* kCycles = R"(import gc

class Node:
    def __init__(self):
        self.peer = None
        self.payload = [0] * 16

def make_pair():
    a, b = Node(), Node()
    a.peer, b.peer = b, a

GC_OFF
n = 0
while n < 200_000:
    make_pair()
    n += 1
print("done")
)";

std::string program(bool gc_off) {
  std::string s = kCycles;
  s.replace(s.find("GC_OFF"), 6, gc_off ? "gc.disable()" : "pass");
  return s;
}
}  // namespace

TEST_CASE("cycles under gc.disable() grow until the virtual memory limit raises MemoryError", "[memory][vm]") {
  for (const std::string version : {"3.11", "3.13"}) {
    INFO(version);
    const std::uint64_t limit = 32ull << 20;
    const auto r = run(program(true), version, limit);
    CHECK(r.status == "exception");
    REQUIRE(r.exception.has_value());
    CHECK(*r.exception == "MemoryError");
    // located: the traceback names the line that allocated
    CHECK(r.stderr_text.find("line 6, in __init__") != std::string::npos);
    CHECK(r.stderr_text.find("MemoryError") != std::string::npos);
    CHECK(r.stdout_text.empty());
    CHECK(r.rss_peak <= std::int64_t(limit));
    CHECK(r.mem_peak > std::int64_t(limit) * 3 / 4);
    // the chart grows: samples rise from start to the end
    REQUIRE(r.mem_samples.size() > 100);
    CHECK(r.mem_samples.back().second > r.mem_samples[r.mem_samples.size() / 2].second);
    CHECK(r.mem_samples[r.mem_samples.size() / 2].second > r.mem_samples[r.mem_samples.size() / 10].second);
    CHECK(r.gc_collections[0] == 0);
  }
}

TEST_CASE("the same cycles with the collector on stay small and are collected", "[memory][vm]") {
  const auto r = run(program(false), "3.11", 32ull << 20);
  CHECK(r.status == "ok");
  CHECK(r.stdout_text == "done\n");
  CHECK(r.mem_peak < 400'000);
  CHECK(r.gc_collections[0] > 500);
  CHECK(r.gc_collected > 390'000);
  REQUIRE_FALSE(r.gc_events.empty());
  CHECK(r.gc_events.front().ms > 0);
  bool alloc_line = false;
  for (const auto& l : r.lines) if (l.line == 6 && l.alloc_bytes > 0) alloc_line = true;
  CHECK(alloc_line);
}
