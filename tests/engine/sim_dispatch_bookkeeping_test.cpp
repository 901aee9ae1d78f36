// The dispatch loop's per-instruction bookkeeping (vm/eval.cpp): the one
// "slow path" test that covers the instruction budget and the memory layer's
// pending work, and the per-line statistics read from each code object's
// line words. Printed output is CPython 3.11's (python3.11 on each program).
#include <catch2/catch.hpp>

#include <string>

#include "sim/simulation.h"
#include "test_support.h"

using pitfall::sim::Options;
using pitfall::test::simulate;

namespace {
const pitfall::report::LineCost* line_of(const pitfall::report::Report& r, int line) {
  for (const auto& l : r.lines)
    if (l.line == line) return &l;
  return nullptr;
}
}  // namespace

TEST_CASE("the instruction budget stops a program after exactly that many instructions", "[sim][dispatch]") {
  for (const char* py : {"3.11", "3.13"}) {
    for (std::uint64_t budget : {1000ull, 12345ull, 100000ull}) {
      Options o;
      o.python = py;
      o.budget_instructions = budget;
      // slices smaller and larger than the budget: the slice ends do not move the stop
      for (std::uint64_t slice : {997ull, 5'000'000ull}) {
        const auto r = simulate("loop.py", "while True:\n    pass\n", o, slice);
        CHECK(r.status == "budget");
        CHECK(std::uint64_t(r.instructions) == budget);
      }
    }
  }
}

TEST_CASE("a MemoryError raised where the memory layer accounts an allocation can be caught", "[sim][dispatch]") {
  // python3.11: caught / after
  const auto r = simulate("mem.py", "try:\n    x = [0] * 10**10\nexcept MemoryError:\n    print('caught')\nprint('after')\n");
  CHECK(r.status == "ok");
  CHECK(r.stdout_text == "caught\nafter\n");
}

TEST_CASE("code run by exec() adds no counts and no time to the program's lines", "[sim][dispatch]") {
  // python3.11: 4950. The exec'd loop body is its line 3: the program has no line 3 to count.
  const auto r = simulate("ex.py", "exec('x = 0\\nfor i in range(100):\\n    x += i\\n')\nprint(x)\n");
  CHECK(r.stdout_text == "4950\n");
  const auto* l1 = line_of(r, 1);
  const auto* l2 = line_of(r, 2);
  REQUIRE(l1);
  REQUIRE(l2);
  CHECK(l1->count == 1);
  CHECK(l2->count == 1);
  // nor time: the built-ins the exec'd code calls (range) are charged to no
  // program line, not to the program's line with the same number
  CHECK(line_of(r, 3) == nullptr);
  const auto plain = simulate("ex.py", "x = 4950\nprint(x)\n");
  const auto* p2 = line_of(plain, 2);
  REQUIRE(p2);
  CHECK(l2->time_s == p2->time_s);
}

TEST_CASE("a loop's lines are counted once per entry, whatever the slice size", "[sim][dispatch]") {
  // python3.11: 499500
  const std::string src = "s = 0\nfor i in range(1000):\n    s += i\nprint(s)\n";
  Options o;
  o.python = "3.11";
  const auto a = simulate("loop.py", src, o, 1000);
  const auto b = simulate("loop.py", src, o, 5'000'000);
  CHECK(a.stdout_text == "499500\n");
  CHECK(b.stdout_text == a.stdout_text);
  CHECK(a.instructions == b.instructions);
  REQUIRE(a.lines.size() == b.lines.size());
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    CHECK(a.lines[i].line == b.lines[i].line);
    CHECK(a.lines[i].count == b.lines[i].count);
    CHECK(a.lines[i].time_s == b.lines[i].time_s);
  }
  const auto* body = line_of(a, 3);
  REQUIRE(body);
  CHECK(body->count == 1000);
}

TEST_CASE("a budget of a few instructions stops the program, not the interpreter's set-up", "[sim][dispatch]") {
  // The exception-group types are made from Python source before the program
  // starts; a budget smaller than their set-up used to crash the simulator.
  for (const char* py : {"3.10", "3.11", "3.13"}) {
    for (std::uint64_t budget : {1ull, 2ull, 10ull, 50ull}) {
      Options o;
      o.python = py;
      o.budget_instructions = budget;
      const auto r = simulate("tiny.py", "x = 1\nwhile True:\n    x += 1\n", o);
      CHECK(r.status == "budget");
      CHECK(std::uint64_t(r.instructions) == budget);
    }
  }
}
