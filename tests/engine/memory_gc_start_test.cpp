// The collector's state at a program's first line: a fresh interpreter's
// counts and free lists per version (tests/memory/gc_start_state.json), or a
// launcher's (Options::gc_start_*), as the memory truth comparison uses.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "sim/simulation.h"

namespace {
pitfall::report::Report run(const std::string& src, const pitfall::sim::Options& o) {
  pitfall::sim::Simulation sim("start.py", src, o);
  while (!sim.step(1'000'000)) {
  }
  return sim.report();
}
}  // namespace

TEST_CASE("a program starts with a fresh interpreter's gc counts", "[memory][gc]") {
  std::ifstream f(std::string(PITFALL_SOURCE_DIR) + "/tests/memory/gc_start_state.json");
  std::stringstream s;
  s << f.rdbuf();
  const auto state = nlohmann::json::parse(s.str());
  for (const std::string v : {"3.11", "3.12", "3.13"}) {
    pitfall::sim::Options o;
    o.python = v;
    const auto r = run("import gc\nprint(list(gc.get_count()))\n", o);
    INFO(v << " " << r.stderr_text);
    const auto& c = state["versions"][v]["count"];
    CHECK(r.stdout_text == "[" + c[0].dump() + ", " + c[1].dump() + ", " + c[2].dump() + "]\n");
  }
}

TEST_CASE("a launcher's gc counts and free lists carry into the program", "[memory][gc]") {
  pitfall::sim::Options o;
  o.python = "3.11";
  o.gc_start_count = {650, 3, 1};
  // 60 empty lists on 3.11: with no free list entries each one counts, so
  // generation 0 passes 700 and a collection runs; with 80 entries none does
  const std::string prog =
      "import gc\nprint(list(gc.get_count()))\nkeep = [[] for _ in range(60)]\n"
      "print(gc.get_count()[0] >= 650)\n";  // False: a collection reset the count
  o.gc_start_free_lists = {0};
  auto r = run(prog, o);
  INFO(r.stderr_text);
  CHECK(r.stdout_text.rfind("[650, 3, 1]\n", 0) == 0);
  CHECK(r.stdout_text.find("False") != std::string::npos);
  o.gc_start_free_lists = {80};
  r = run(prog, o);
  CHECK(r.stdout_text.find("True") != std::string::npos);
}
