// Hidden ("[.][gaps]"): the learner programs of tests/sim_gaps/ that the
// simulator does not yet run like CPython 3.11 (the README there says why).
// Run with `pitfall_tests "[gaps]"`; a program that passes belongs in tests/sim/.
#include <catch2/catch.hpp>

#include <filesystem>

#include "test_support.h"

namespace fs = std::filesystem;

TEST_CASE("learner programs with known differences from CPython 3.11", "[.][gaps]") {
  fs::path root = fs::path(PITFALL_SOURCE_DIR) / "tests" / "sim_gaps";
  std::vector<fs::path> programs;
  for (auto& e : fs::recursive_directory_iterator(root))
    if (e.path().extension() == ".py") programs.push_back(e.path());
  std::sort(programs.begin(), programs.end());
  REQUIRE(!programs.empty());
  for (auto& p : programs) {
    fs::path base = p;
    base.replace_extension();
    INFO(p.string());
    auto r = pitfall::test::simulate(p.filename().string(), pitfall::test::slurp(p));
    CHECK(r.stdout_text == pitfall::test::slurp(base.string() + ".out"));
  }
}
