// zlib's cost model against CPython: tests/zlib_costs/compress_times.py times
// zlib.compress at levels 1, 6 and 9 and zlib.decompress on five kinds of
// data that are none of the cost table's anchors, in reference-loop units;
// compress_times.expected is its output on CPython 3.11. The simulator's
// figures (the level's anchors interpolated at the ratio real zlib reached,
// engine/sim/modules/zlib_costs.cpp) stay within 3x of CPython's on each, the
// compression ratios are zlib's own, and the orderings CPython shows hold.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "sim/simulation.h"
#include "test_support.h"

namespace fs = std::filesystem;
using pitfall::sim::Options;
using pitfall::sim::Simulation;

namespace {

struct Row { double ratio, compress, decompress; };

std::map<std::string, Row> parse(const std::string& text) {
  std::map<std::string, Row> out;
  std::istringstream in(text);
  std::string kind;
  int level;
  Row r;
  while (in >> kind >> level >> r.ratio >> r.compress >> r.decompress) out[kind + ":" + std::to_string(level)] = r;
  return out;
}

}  // namespace

TEST_CASE("zlib: compress and decompress times follow CPython's by level and data", "[sim][zlib][costs]") {
  const fs::path dir = fs::path(PITFALL_SOURCE_DIR) / "tests" / "zlib_costs";
  const std::string program = pitfall::test::slurp(dir / "compress_times.py");
  const auto cpython = parse(pitfall::test::slurp(dir / "compress_times.expected"));
  REQUIRE(cpython.size() == 15);
  Options opt;
  opt.python = "3.11";
  Simulation s("compress_times.py", program, opt);
  int guard = 0;
  while (!s.step(1000000) && ++guard < 100000) {
  }
  auto r = s.report();
  REQUIRE(r.status == "ok");
  const auto sim = parse(r.stdout_text);
  REQUIRE(sim.size() == cpython.size());
  for (const auto& [key, c] : cpython) {
    const Row& m = sim.at(key);
    INFO(key << ": CPython compress " << c.compress << " decompress " << c.decompress << ", simulator " << m.compress << " "
              << m.decompress);
    CHECK(m.ratio == Approx(c.ratio).margin(0.0015));
    CHECK(std::abs(std::log(m.compress / c.compress)) < std::log(3.0));
    CHECK(std::abs(std::log(m.decompress / c.decompress)) < std::log(3.0));
  }
  // level 9 never cheaper than level 1 on the same data, as in CPython
  for (const char* kind : {"log_lines", "range_repr", "numbers", "hex"})
    CHECK(sim.at(std::string(kind) + ":9").compress > sim.at(std::string(kind) + ":1").compress);
}
