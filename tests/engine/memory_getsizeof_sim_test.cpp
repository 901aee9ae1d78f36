// sys.getsizeof in simulated programs equals CPython 3.11's and 3.13's for
// ints, floats, strings of each kind, bytes, empty and filled containers
// built in different ways, instances (plain, slotted) and functions
// (tests/memory/getsizeof_programs.json, measured on the installed
// interpreters by tools/gen-memory-expectations/gen_getsizeof_programs.py).
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "sim/simulation.h"

using nlohmann::json;

TEST_CASE("sys.getsizeof in simulated programs equals CPython's", "[memory][getsizeof]") {
  std::ifstream in(std::string(PITFALL_SOURCE_DIR) + "/tests/memory/getsizeof_programs.json");
  std::stringstream ss;
  ss << in.rdbuf();
  const json data = json::parse(ss.str(), nullptr, false);
  REQUIRE(data.is_object());
  REQUIRE(data["cases"].size() >= 40);
  int checked = 0;
  for (const std::string version : {"3.11", "3.13"}) {
    for (const json& c : data["cases"]) {
      pitfall::sim::Options o;
      o.python = version;
      pitfall::sim::Simulation sim("sizes.py", c["program"].get<std::string>(), o);
      while (!sim.step(1'000'000)) {
      }
      const auto r = sim.report();
      INFO(version << " " << c["name"].get<std::string>() << "\n" << c["program"].get<std::string>() << r.stderr_text);
      CHECK(r.status == "ok");
      CHECK(r.stdout_text == std::to_string(c[version].get<std::int64_t>()) + "\n");
      ++checked;
    }
  }
  CHECK(checked >= 80);
}
