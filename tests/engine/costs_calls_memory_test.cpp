// Two parts of the clock outside the instruction costs: the base cost of calls
// of built-ins that charge nothing themselves (builtin_call_costs.h: range(),
// str(), d.get(), ...) and the page faults of memory a program touches for the
// first time (fresh_pages.h).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "sim/costs/cost_table.h"
#include "test_support.h"

using pitfall::sim::costs::CostTable;

namespace {

const CostTable& table311() {
  static CostTable t = [] {
    std::string err;
    return *CostTable::load("3.11", false, false, err);
  }();
  return t;
}

double wall_ns(const std::string& src) {
  auto r = pitfall::test::simulate("t.py", src);
  REQUIRE(r.status == "ok");
  return r.wall_s * 1e9;
}

// Simulated ns per loop iteration of `a` minus `b` (in a function, `o` bound to
// `value`); one-off costs (first allocations) cancel between two loop lengths.
double per_iter_diff(const std::string& value, const std::string& a, const std::string& b) {
  auto prog = [&](const std::string& stmt, int n) {
    return "def f():\n    o = " + value + "\n    for i in range(" + std::to_string(n) + "):\n        " + stmt +
           "\nf()\n";
  };
  auto d = [&](int n) { return wall_ns(prog(a, n)) - wall_ns(prog(b, n)); };
  return (d(2000) - d(1000)) / 1000;
}

}  // namespace

TEST_CASE("calls of built-ins charge CALL.builtin plus the built-in's measured base", "[costs]") {
  const CostTable& t = table311();
  auto base = [&](const char* k) { return t.builtin(k).base_ns; };
  auto expect = [](double got, double want) {
    INFO("got " << got << " ns, want " << want << " ns");
    CHECK(std::abs(got - want) <= 0.02 * std::abs(want) + 0.05);
  };
  // a built-in type is called like a built-in function (CALL_BUILTIN_CLASS), not
  // like a Python class with an __init__ frame; abs() has base 0
  REQUIRE(t.has_builtin("builtin.range"));
  expect(per_iter_diff("3", "x = range(o)", "x = abs(o)"), base("builtin.range") - base("builtin.abs"));
  expect(per_iter_diff("3", "x = str(o)", "x = abs(o)"), base("builtin.str") - base("builtin.abs"));
  expect(per_iter_diff("[1]", "x = zip(o, o)", "x = max(o, o)") + t.builtin_ns("builtin.max", 2),
         base("builtin.zip"));
  // a method of a built-in type, by its type's name
  expect(per_iter_diff("{1: 2}", "x = o.get(1, 0)", "x = o.pop(1, 0)"), base("builtin.dict.get"));
  // a built-in without an entry of its own costs the call alone (no builtin.default)
  expect(per_iter_diff("3", "x = hash(o)", "x = abs(o)"), 0.0);
}

TEST_CASE("functions of modules charge their builtin.<module>.<name> entry", "[costs]") {
  const CostTable& t = table311();
  REQUIRE(t.has_builtin("builtin.math.sqrt"));
  REQUIRE(!t.has_builtin("builtin.math.fabs"));
  // the same loop calling math.sqrt or math.fabs (no entry: the call alone), per iteration
  auto diff = [](const std::string& imp, const std::string& a, const std::string& b) {
    auto prog = [&](const std::string& call, int n) {
      return imp + "\ndef f():\n    o = 2.0\n    for i in range(" + std::to_string(n) + "):\n        x = " + call +
             "(o)\nf()\n";
    };
    auto d = [&](int n) { return wall_ns(prog(a, n)) - wall_ns(prog(b, n)); };
    return (d(2000) - d(1000)) / 1000;
  };
  const double want = t.builtin("builtin.math.sqrt").base_ns;
  const double got = diff("import math", "math.sqrt", "math.fabs");
  INFO("got " << got << " ns, want " << want << " ns");
  CHECK(std::abs(got - want) <= 0.02 * want + 0.05);
  // imported by name, the function is still math's
  const double got_from = diff("from math import sqrt, fabs", "sqrt", "fabs");
  INFO("from-import: got " << got_from << " ns");
  CHECK(std::abs(got_from - want) <= 0.02 * want + 0.05);
}

TEST_CASE("memory touched for the first time pays a page fault per 4 KiB page", "[costs]") {
  const CostTable& t = table311();
  const double fault_ns = t.param("memory.page_fault_ns", 0);
  REQUIRE(fault_ns > 0);
  // the same instructions; the first keeps every string alive (the process
  // grows), the second frees the previous one at every store (pymalloc reuses
  // the block). Strings: not tracked by the cyclic GC, so no collections differ.
  auto prog = [](const char* index) {
    return std::string("def f():\n    s = 'x'\n    keep = [None] * 50000\n    for i in range(50000):\n        keep[") +
           index + "] = s * 200\nf()\n";
  };
  auto grows = pitfall::test::simulate("t.py", prog("i"));
  auto reuses = pitfall::test::simulate("t.py", prog("0"));
  REQUIRE(grows.status == "ok");
  REQUIRE(reuses.status == "ok");
  const double load_fast_vs_const = (t.op_ns("LOAD_FAST") - t.op_ns("LOAD_CONST")) * 50000;
  const double extra_ns = (grows.wall_s - reuses.wall_s) * 1e9 - load_fast_vs_const;
  // pages of the kept lists beyond what the interpreter had free at start-up
  const double kept = double(grows.mem_peak - reuses.mem_peak);
  const double pages = kept / 4096;
  INFO("extra " << extra_ns << " ns for " << pages << " pages of " << fault_ns << " ns");
  CHECK(extra_ns > 0.8 * pages * fault_ns);
  CHECK(extra_ns < 1.3 * pages * fault_ns);
}
