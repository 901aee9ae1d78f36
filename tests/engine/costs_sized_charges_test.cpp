// Charges that grow with what a built-in or an operation works on, beyond the
// instruction that runs it (engine/sim/costs/README.md, "builtins"): big-int
// arithmetic per digit, `x in list` by the items compared, json per byte, an
// exception raised by a built-in; and the host's page-fault figure
// (Options::page_fault_ns), which replaces the table's for heap growth only.
// The rows are measured from CPython (tools/calibrate_lib/ratio_costs.py).
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

double wall_ns(const std::string& src, double page_fault_ns = -1) {
  pitfall::sim::Options o;
  o.python = "3.11";
  o.page_fault_ns = page_fault_ns;
  auto r = pitfall::test::simulate("t.py", src, o);
  REQUIRE(r.status == "ok");
  return r.wall_s * 1e9;
}

// Simulated ns per iteration of `stmt_a` minus `stmt_b` in a function, `o`
// bound to `value_a` / `value_b`; one-off costs cancel between two lengths.
double per_iter_diff(const std::string& value_a, const std::string& stmt_a, const std::string& value_b,
                     const std::string& stmt_b) {
  auto prog = [&](const std::string& value, const std::string& stmt, int n) {
    return "import json\ndef f():\n    o = " + value + "\n    for i in range(" + std::to_string(n) + "):\n" +
           stmt + "\nf()\n";
  };
  auto d = [&](int n) { return wall_ns(prog(value_a, stmt_a, n)) - wall_ns(prog(value_b, stmt_b, n)); };
  return (d(400) - d(200)) / 200;
}

void expect_near(double got, double want) {
  INFO("got " << got << " ns, want " << want << " ns");
  CHECK(std::abs(got - want) <= 0.03 * std::abs(want) + 0.5);
}

}  // namespace

TEST_CASE("big-int arithmetic is charged per 30-bit digit", "[costs]") {
  const CostTable& t = table311();
  REQUIRE(t.has_builtin("builtin.int.__add__"));
  REQUIRE(t.has_builtin("builtin.int.__mul__"));
  // 2**(30*k) has k+1 digits; an add walks the longer operand
  const std::string big = "2 ** (30 * 3000)", small = "2 ** (30 * 3)";
  expect_near(per_iter_diff(big, "        x = o + o", small, "        x = o + o"),
              t.builtin("builtin.int.__add__").per_item_ns * (3001 - 4));
  // times a one-digit int: one digit product per digit
  expect_near(per_iter_diff(big, "        x = o * 7", small, "        x = o * 7"),
              t.builtin("builtin.int.__mul__").per_item_ns * (3001 - 4));
  // ints that fit 64 bits cost the instruction alone
  expect_near(per_iter_diff("12345", "        x = o * 7", "54321", "        x = o * 7"), 0);
}

TEST_CASE("x in list is charged by the items compared up to the first equal one", "[costs]") {
  const CostTable& t = table311();
  const double per = t.builtin("builtin.list.__contains__").per_item_ns;
  // list_contains stops at the first equal item: the last item costs 1000
  // comparisons, the first one 1, a miss all 1000
  expect_near(per_iter_diff("list(range(1000))", "        x = 999 in o", "list(range(1000))", "        x = 0 in o"),
              per * 999);
  expect_near(per_iter_diff("list(range(1000))", "        x = -1 in o", "list(range(1000))", "        x = 999 in o"), 0);
}

TEST_CASE("json.dumps and json.loads are charged per byte", "[costs]") {
  const CostTable& t = table311();
  // json.dumps(list(range(1000))) is 4890 bytes, of range(100) 390
  expect_near(per_iter_diff("list(range(1000))", "        x = json.dumps(o)", "list(range(100))",
                            "        x = json.dumps(o)"),
              t.builtin("builtin.json.dumps").per_item_ns * (4890 - 390));
  expect_near(per_iter_diff("json.dumps(list(range(1000)))", "        x = json.loads(o)",
                            "json.dumps(list(range(100)))", "        x = json.loads(o)"),
              t.builtin("builtin.json.loads").per_item_ns * (4890 - 390));
}

TEST_CASE("an exception raised by a built-in costs exception.builtin_raise_ns", "[costs]") {
  const CostTable& t = table311();
  const double raise = t.param("exception.builtin_raise_ns", 0);
  REQUIRE(raise > 100);
  // int('x5') fails where int('55') succeeds; the handler's own instructions
  // add a few tens of ns on top
  double d = per_iter_diff("'x5'", "        try:\n            int(o)\n        except ValueError:\n            pass",
                           "'55'", "        try:\n            int(o)\n        except ValueError:\n            pass");
  INFO("failing minus succeeding int(): " << d << " ns, builtin_raise_ns " << raise);
  CHECK(d >= raise);
  CHECK(d <= raise + 100);
}

TEST_CASE("the host's page-fault figure replaces the table's for heap growth only", "[costs]") {
  // 10^5 instances kept alive grow the heap by thousands of pages
  const std::string grows =
      "class P:\n    def __init__(self, x):\n        self.x = x\n\npts = [P(i) for i in range(100_000)]\n";
  double cheap = wall_ns(grows, 1000), dear = wall_ns(grows, 11000);
  double pages = (dear - cheap) / 10000;
  INFO("pages charged: " << pages);
  CHECK(pages > 1000);
  // the table's figure is the cited 1 us: a negative option keeps it
  CHECK(wall_ns(grows) == Approx(cheap).epsilon(1e-9));
  // a loop that allocates nothing is not affected
  const std::string loop = "for i in range(100_000):\n    x = i * 2\n";
  CHECK(wall_ns(loop, 11000) == Approx(wall_ns(loop, 1000)).epsilon(1e-9));
  // a str grown past the mmap threshold by s = s + t is modelled as fresh
  // mappings, which keep the table's figure (README "Accuracy")
  const std::string maps = "s = ''\nfor i in range(3000):\n    s = s + 'x' * 100\n";
  CHECK(wall_ns(maps, 11000) - wall_ns(maps, 1000) < 0.05 * wall_ns(maps, 1000));
}
