// Printing the program's uncaught exception is charged on the main thread's
// clock: the table's exception.display_ns plus exception.display_frame_ns per
// printed traceback line, a recursion's repeated line folded after three as
// CPython prints it (tools/bench/uncaught_display.py measured both parts).
#include <catch2/catch.hpp>

#include <string>

#include "sim/costs/cost_table.h"
#include "sim/simulation.h"

namespace {

pitfall::report::Report run(const std::string& src, const std::string& python) {
  pitfall::sim::Options o;
  o.python = python;
  pitfall::sim::Simulation s("prog.py", src, o);
  for (int i = 0; i < 100000 && !s.step(1'000'000); ++i) {
  }
  return s.report();
}

// the same work, the exception caught or not; `depth` nested calls of one line
std::string program(int depth, bool caught) {
  std::string body = "def down(n):\n    if n == 0:\n        return 1 / 0\n    return down(n - 1)\n";
  std::string call = "down(" + std::to_string(depth) + ")\n";
  return body + (caught ? "try:\n    " + call + "except ZeroDivisionError:\n    pass\n" : call);
}

}  // namespace

TEST_CASE("an uncaught exception costs its display: a fixed part and each printed line", "[costs]") {
  for (std::string v : {"3.11", "3.13"}) {
    INFO(v);
    std::string err;
    auto table = pitfall::sim::costs::CostTable::load(v, false, false, err);
    REQUIRE(table);
    double fixed = table->param("exception.display_ns", 0), per_line = table->param("exception.display_frame_ns", 0);
    REQUIRE(fixed > 0);
    REQUIRE(per_line > 0);
    // <module>, down(2), down(1), down(0): four printed lines
    auto caught = run(program(2, true), v), uncaught = run(program(2, false), v);
    REQUIRE(uncaught.status == "exception");
    CHECK(uncaught.stderr_text.find("ZeroDivisionError: division by zero") != std::string::npos);
    double extra_ns = (uncaught.wall_s - caught.wall_s) * 1e9;
    CHECK(extra_ns == Approx(fixed + 4 * per_line).epsilon(0.02).margin(2000));
    CHECK(uncaught.cpu_s > caught.cpu_s);
    // 40 nested calls print <module>, down's recursive line three times (the
    // rest folded into "[Previous line repeated ...]") and the raising line
    auto deep_caught = run(program(40, true), v), deep = run(program(40, false), v);
    double deep_extra_ns = (deep.wall_s - deep_caught.wall_s) * 1e9;
    CHECK(deep_extra_ns == Approx(fixed + 5 * per_line).epsilon(0.02).margin(2000));
  }
}

TEST_CASE("SystemExit and a caught exception print nothing and cost no display", "[costs]") {
  auto quiet = run("import sys\nx = 1\nsys.exit(0)\n", "3.11");
  auto plain = run("import sys\nx = 1\n", "3.11");
  CHECK(quiet.status == "ok");
  CHECK(quiet.wall_s < plain.wall_s + 50e-6);
}
