// How the simulator spends its cost table: variant keys charged where the VM
// knows the operands (cost_variants.h), size-dependent built-ins attributed to
// their line, generator resumes from built-ins, and the steady-state estimate
// when the instruction budget runs out (steady_state.h).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "sim/costs/cost_table.h"
#include "sim/simulation.h"

using pitfall::sim::Options;
using pitfall::sim::Simulation;
using pitfall::sim::costs::CostTable;

namespace {

pitfall::report::Report run(const std::string& text, std::uint64_t budget = 0) {
  Options opt;
  opt.python = "3.11";
  if (budget) opt.budget_instructions = budget;
  Simulation s("t.py", text, opt);
  int guard = 0;
  while (!s.step(100000) && ++guard < 100000) {
  }
  return s.report();
}

const CostTable& table() {
  static CostTable t = [] {
    std::string err;
    return *CostTable::load("3.11", false, false, err);
  }();
  return t;
}

// Simulated ns of `N` loop iterations of `a` minus the same with `b` (both in
// a function, after `setup`).
double diff_ns(const std::string& setup, const std::string& a, const std::string& b, int n) {
  auto prog = [&](const std::string& stmt) {
    return setup + "def f():\n    o = O\n    for i in range(" + std::to_string(n) + "):\n        " + stmt + "\nf()\n";
  };
  auto ra = run(prog(a)), rb = run(prog(b));
  REQUIRE(ra.status == "ok");
  REQUIRE(rb.status == "ok");
  return (ra.wall_s - rb.wall_s) * 1e9;
}

}  // namespace

TEST_CASE("variant keys are charged where the VM knows the operands", "[costs]") {
  const CostTable& t = table();
  const int n = 1000;
  auto expect = [&](double got, double want) {
    INFO("got " << got << " ns, want " << want << " ns");
    CHECK(std::abs(got - want) <= 0.02 * std::abs(want) + 1.0);
  };
  std::string cls = "class C:\n    k = 1\n    def __init__(self):\n        self.k = 2\n";
  // class attribute vs instance attribute
  expect(diff_ns(cls + "O = C\n", "x = o.k", "x = o.k", n), 0);
  double inst = diff_ns(cls + "O = C()\n", "x = o.k", "x = o", n);
  double klass = diff_ns(cls + "O = C\n", "x = o.k", "x = o", n);
  expect(klass - inst, n * (t.op_ns("LOAD_ATTR.class") - t.op_ns("LOAD_ATTR.instance")));
  // float vs small-int arithmetic
  expect(diff_ns("O = 1.5\n", "x = o + o", "x = o", n) - diff_ns("O = 3\n", "x = o + o", "x = o", n),
         n * (t.op_ns("BINARY_OP.float") - t.op_ns("BINARY_OP.int")));
  // `%` on ints is not specialised
  expect(diff_ns("O = 7\n", "x = o % 3", "x = o - 3", n), n * (t.op_ns("BINARY_OP.int.div") - t.op_ns("BINARY_OP.int")));
  // dict vs list subscript
  expect(diff_ns("O = {0: 1}\n", "x = o[0]", "x = o", n) - diff_ns("O = [1]\n", "x = o[0]", "x = o", n),
         n * (t.op_ns("BINARY_SUBSCR.dict") - t.op_ns("BINARY_SUBSCR.list")));
  // calling a built-in vs a Python function (the callee's body aside)
  double py = diff_ns("def g(x):\n    return x\nO = g\n", "x = o(i)", "x = o", n);
  double bi = diff_ns("O = abs\n", "x = o(i)", "x = o", n);
  double body = t.op_ns("LOAD_FAST") + t.op_ns("RETURN_VALUE");  // g's own instructions
  expect(bi - (py - body * n),
         n * (t.op_ns("CALL.builtin") - t.op_ns("CALL.py")));
}

TEST_CASE("iterating a list costs FOR_ITER.list, a generator FOR_ITER.generator even inside sum()", "[costs]") {
  const CostTable& t = table();
  std::string data = "R = range(1000)\nL = list(R)\n";
  auto a = run(data + "def f():\n    for x in L:\n        pass\nf()\n");
  auto b = run(data + "def f():\n    for x in R:\n        pass\nf()\n");
  REQUIRE(a.status == "ok");
  REQUIRE(b.status == "ok");
  // the range also makes a new int for each item past 256 (743 of them: int.alloc)
  CHECK(std::abs((a.wall_s - b.wall_s) * 1e9 - 1000 * (t.op_ns("FOR_ITER.list") - t.op_ns("FOR_ITER.range")) +
                 743 * t.op_ns("int.alloc")) < 20);
  // sum() resuming a generator pays a resume per item, like a for loop would
  auto g = run("def gen(n):\n    for i in range(n):\n        yield i\nx = sum(gen(1000))\n");
  auto l = run("def gen(n):\n    for i in range(n):\n        yield i\nx = sum(list(range(1000)))\n");
  REQUIRE(g.status == "ok");
  CHECK((g.wall_s - l.wall_s) * 1e9 > 1000 * t.op_ns("FOR_ITER.generator"));
}

TEST_CASE("size-dependent built-in costs land on their line", "[costs]") {
  auto r = run("L = [(i * 7919) % 10007 for i in range(20000)]\ny = sorted(L)\nz = 1\n");
  REQUIRE(r.status == "ok");
  double line2 = 0;
  for (auto& l : r.lines)
    if (l.line == 2) line2 = l.time_s * 1e9;
  double want = table().builtin_ns("builtin.list.sort", 20000);
  CHECK(line2 >= want);
  // string concatenation copies the result; `s += t` and `s = s + t` on a
  // local append in place (CPython 3.11.7, 3000 appends: 0.108 / 0.110 ms;
  // `s = t + s` copies every time: 0.807 ms)
  auto quad = run("def f():\n    s = ''\n    for i in range(3000):\n        s = 'abcdefgh' + s\n    return s\nf()\n");
  auto lin = run("def f():\n    s = ''\n    for i in range(3000):\n        s += 'abcdefgh'\n    return s\nf()\n");
  auto lin2 = run("def f():\n    s = ''\n    for i in range(3000):\n        s = s + 'abcdefgh'\n    return s\nf()\n");
  REQUIRE(quad.status == "ok");
  REQUIRE(lin.status == "ok");
  REQUIRE(lin2.status == "ok");
  CHECK(quad.wall_s > lin.wall_s + 0.5 * table().builtin_ns("builtin.str.__add__", 3000.0 * 8 / 2) * 3000 * 1e-9);
  CHECK(std::abs(lin2.wall_s - lin.wall_s) < 0.1 * lin.wall_s);
}

TEST_CASE("a run that exhausts the budget inside loops is extrapolated to their end", "[costs]") {
  std::string flat = "def f(n):\n    t = 0\n    for i in range(n):\n        t += i * i\n    return t\nf(200000)\nprint('done')\n";
  auto full = run(flat);
  REQUIRE(full.status == "ok");
  REQUIRE_FALSE(full.estimated);
  auto cut = run(flat, 300000);
  CHECK(cut.status == "budget");
  CHECK(cut.estimated);
  CHECK(cut.estimate_note.find("line 3") != std::string::npos);
  CHECK(std::abs(std::log(cut.wall_s / full.wall_s)) < 0.03);
  CHECK(std::abs(std::log(cut.cpu_s / full.cpu_s)) < 0.03);

  // nested loops across frames: module loop -> function -> inner loop
  std::string nested =
      "def inner(k):\n    s = 0\n    for j in range(k):\n        s += j\n    return s\n"
      "tot = 0\nfor i in range(40):\n    tot += inner(3000)\n";
  full = run(nested);
  REQUIRE(full.status == "ok");
  cut = run(nested, 150000);
  CHECK(cut.status == "budget");
  CHECK(cut.estimated);
  CHECK(cut.estimate_note.find("line 7") != std::string::npos);
  CHECK(std::abs(std::log(cut.wall_s / full.wall_s)) < 0.05);

  // no loop of known length: nothing is estimated
  auto forever = run("while True:\n    pass\n", 100000);
  CHECK(forever.status == "budget");
  CHECK_FALSE(forever.estimated);
}
