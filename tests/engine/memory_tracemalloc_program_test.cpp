// tracemalloc inside a program: a snapshot's statistics carry the traceback
// of the line that allocated (Statistic.traceback[0].filename / .lineno, one
// frame as the traceback limit is 1), as Lib/tracemalloc.py gives them.
#include <catch2/catch.hpp>

#include <string>

#include "sim/simulation.h"

TEST_CASE("tracemalloc Statistic.traceback names the allocating line", "[memory][tracemalloc]") {
  const char* src = R"(import tracemalloc
tracemalloc.start()
small = [0] * 10
big = [[i] * 50 for i in range(1000)]
top = tracemalloc.take_snapshot().statistics("lineno")[0]
frame = top.traceback[0]
print(frame.filename, frame.lineno, len(top.traceback), top.count >= 1000)
)";
  for (const char* v : {"3.11", "3.13", "3.14"}) {
    pitfall::sim::Options o;
    o.python = v;
    pitfall::sim::Simulation sim("tm.py", src, o);
    while (!sim.step(1'000'000)) {
    }
    const auto r = sim.report();
    INFO(v << ": " << r.stderr_text);
    CHECK(r.stdout_text == "tm.py 4 1 True\n");
  }
}
