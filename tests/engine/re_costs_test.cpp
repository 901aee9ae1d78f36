// The `re` module's costs on the virtual clock: the pitfalls lessons show
// come out in CPython's order (tools/bench/re_costs.py measures the ratios
// against the installed CPython), and catastrophic backtracking ends at the
// instruction budget with its time on the clock.
#include <catch2/catch.hpp>

#include "sim/costs/cost_table.h"
#include "test_support.h"

using pitfall::test::simulate;

namespace {

const char* kData = "lines = ['%04d-%02d-%02d,item%d' % (2000 + i % 20, i % 12 + 1, i % 28 + 1, i) for i in range(3000)]\n";

double wall(const std::string& body) {
  auto r = simulate("prog.py", std::string(kData) + body);
  INFO(r.stderr_text);
  REQUIRE(r.status == "ok");
  return r.wall_s;
}

}  // namespace

TEST_CASE("re: compiling once beats re.match(pattern, s) in a loop, which beats compiling each time", "[re][costs]") {
  double base = wall("n = 0\n");
  double in_loop = wall("import re\nn = 0\nfor s in lines:\n    if re.match(r'\\d{4}-\\d{2}', s):\n        n += 1\n") - base;
  double once = wall("import re\nP = re.compile(r'\\d{4}-\\d{2}')\nn = 0\nfor s in lines:\n    if P.match(s):\n        n += 1\n") - base;
  double purged = wall("import re\nn = 0\nfor s in lines:\n    re.purge()\n    if re.match(r'\\d{4}-\\d{2}', s):\n        n += 1\n") - base;
  CHECK(in_loop > once * 1.3);
  CHECK(purged > in_loop * 2);
}

TEST_CASE("re: a regex prefix test costs more than str.startswith", "[re][costs]") {
  double base = wall("n = 0\n");
  double regex = wall("import re\nP = re.compile('2005')\nn = 0\nfor s in lines:\n    if P.match(s):\n        n += 1\n") - base;
  double sw = wall("n = 0\nfor s in lines:\n    if s.startswith('2005'):\n        n += 1\n") - base;
  CHECK(regex > sw);
}

TEST_CASE("re: catastrophic backtracking grows exponentially and ends at the instruction budget", "[re][costs]") {
  double t16 = wall("import re\nre.match(r'(a+)+b', 'a' * 16)\n");
  double t18 = wall("import re\nre.match(r'(a+)+b', 'a' * 18)\n");
  CHECK(t18 > t16 * 3);
  pitfall::sim::Options o;
  o.python = "3.11";
  o.budget_instructions = 3'000'000;
  auto r = simulate("prog.py", "import re\nprint('start')\nre.match(r'(a+)+b', 'a' * 30)\nprint('never')\n", o);
  CHECK(r.status == "budget");
  CHECK(r.stdout_text == "start\n");
  CHECK(r.wall_s > 0.005);  // millions of matcher steps on the clock
  CHECK(r.stderr_text.find("instruction budget") != std::string::npos);
}

TEST_CASE("re: every cost table has the regex keys (tools/calibrate_lib/re_costs.py, re-run after tools/calibrate)", "[re][costs]") {
  using pitfall::sim::costs::CostTable;
  struct Build { const char* v; bool ft, jit; };
  for (Build b : {Build{"3.10", false, false}, {"3.11", false, false}, {"3.12", false, false}, {"3.13", false, false},
                  {"3.14", false, false}, {"3.13", true, false}, {"3.14", true, false}, {"3.13", false, true},
                  {"3.14", false, true}}) {
    std::string error;
    auto t = CostTable::load(b.v, b.ft, b.jit, error);
    INFO(b.v << (b.ft ? "t" : "") << (b.jit ? "-jit" : "") << ": " << error);
    REQUIRE(t);
    for (const char* k : {"builtin.re.match", "builtin.re.scan", "builtin.re.findall", "builtin.re.attempt", "builtin.re.compile"}) {
      INFO(k);
      CHECK(t->has_builtin(k));
      CHECK(t->builtin(k).per_item_ns > 0);
    }
    CHECK(t->builtin("builtin.re.match").base_ns > 0);
  }
}
