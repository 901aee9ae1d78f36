// Small programs about the collector and sizes (tests/memory/sim_programs/*.py)
// print in the simulator what they print on CPython 3.11, 3.12 and 3.13
// (tests/memory/sim_programs.json, generated on the installed interpreters by
// tools/gen-memory-expectations/gen_sim_programs.py): gc.callbacks phases and
// info dicts, the free lists emptied by a full collection, when the first
// full collection of a fresh interpreter runs, dict displays sized like
// dicts filled key by key, and weak references (weakref_*.py: callbacks in
// CPython's order by reference count and in collections, the weakref
// containers, finalize at exit, sizes and traced bytes). A line
// "collections per generation: [a, b, c]" may differ by one per generation
// (the criterion for collection counts); everything else must be
// identical.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "sim/simulation.h"
#include "test_support.h"

using nlohmann::json;

namespace {
std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string l; std::getline(ss, l);) out.push_back(l);
  return out;
}
std::vector<long long> ints_of(const std::string& s) {
  std::vector<long long> v;
  std::string cur;
  for (char c : s + " ") {
    if ((c >= '0' && c <= '9') || (c == '-' && cur.empty())) cur += c;
    else if (!cur.empty()) { v.push_back(std::stoll(cur)); cur.clear(); }
  }
  return v;
}
bool same_line(const std::string& sim, const std::string& cpy) {
  const std::string counts = "collections per generation:";
  if (sim == cpy) return true;
  if (sim.rfind(counts, 0) != 0 || cpy.rfind(counts, 0) != 0) return false;
  const auto a = ints_of(sim.substr(counts.size())), b = ints_of(cpy.substr(counts.size()));
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] - b[i] > 1 || b[i] - a[i] > 1) return false;
  return true;
}
}  // namespace

TEST_CASE("memory programs print what CPython prints (gc.callbacks, free lists, first full collection, dict displays)",
          "[memory][gc]") {
  const std::string dir = std::string(PITFALL_SOURCE_DIR) + "/tests/memory/";
  const json data = json::parse(pitfall::test::slurp(dir + "sim_programs.json"), nullptr, false);
  REQUIRE(data.is_object());
  REQUIRE(data["programs"].size() >= 4);
  for (const auto& [name, row] : data["programs"].items()) {
    const std::string src = pitfall::test::slurp(dir + "sim_programs/" + name);
    REQUIRE(!src.empty());
    for (const std::string version : {"3.11", "3.12", "3.13"}) {
      if (!row.contains(version)) continue;
      const auto r = pitfall::test::simulate(name, src, version);
      const std::string expected = row[version].get<std::string>();
      INFO(version << " " << name << "\nsimulated:\n" << r.stdout_text << "CPython:\n" << expected << r.stderr_text);
      CHECK(r.status == "ok");
      const auto a = lines_of(r.stdout_text), b = lines_of(expected);
      REQUIRE(a.size() == b.size());
      for (std::size_t i = 0; i < a.size(); ++i) CHECK(same_line(a[i], b[i]));
    }
  }
}
