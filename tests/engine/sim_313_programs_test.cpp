// tests/sim programs whose 3.13 output differs from 3.11's: their stdout
// under CPython 3.13 is in tests/sim_313/<area>/<name>.out (README there).
#include <catch2/catch.hpp>

#include <filesystem>

#include "sim/simulation.h"
#include "test_support.h"

namespace fs = std::filesystem;

TEST_CASE("simulated programs print what CPython 3.13 printed", "[sim]") {
  const fs::path root = fs::path(PITFALL_SOURCE_DIR) / "tests";
  int n = 0;
  for (auto& e : fs::recursive_directory_iterator(root / "sim_313")) {
    if (e.path().extension() != ".out") continue;
    const fs::path rel = fs::relative(e.path(), root / "sim_313");
    fs::path program = root / "sim" / rel;
    program.replace_extension(".py");
    INFO(program.string());
    REQUIRE(fs::exists(program));
    auto r = pitfall::test::simulate(program.filename().string(), pitfall::test::slurp(program), "3.13");
    CHECK(r.stdout_text == pitfall::test::slurp(e.path()));
    ++n;
  }
  CHECK(n >= 2);
}
