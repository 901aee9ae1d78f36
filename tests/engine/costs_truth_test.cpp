// Whole-program check of the cost model: the simulator's predicted norm_cost
// (wall time of a program / wall time of the reference loop
// `for i in range(3_500_000): x = i * 2`, both simulated with the same table)
// for the single-threaded programs of the truth corpus (/work/shared/truth,
// families bytecode, memory, misc; read in place, never copied) and of the
// project's own corpus (tests/corpus), against the norm_cost CPython measured.
// Prints median |ln(pred/measured)| and the `# pair:` ratio checks; asserts
// only loose bounds, because the figures are a report of the model's quality.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "sim/simulation.h"

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// Simulated wall time of a program, or a negative number if it did not finish.
double simulate(const std::string& name, const std::string& source, const std::string& python) {
  pitfall::sim::Options o;
  o.python = python;
  pitfall::sim::Simulation sim(name, source, o);
  for (int i = 0; i < 100000 && !sim.step(5'000'000); ++i) {
  }
  auto r = sim.report();
  if (r.status != "ok") return -1;
  return r.wall_s;
}

struct Row {
  std::string name;
  double pred = 0, measured = 0;
};

std::string pair_of(const std::string& source) {
  auto p = source.find("# pair:");
  if (p == std::string::npos) return "";
  auto e = source.find('\n', p);
  std::string v = source.substr(p + 7, e - p - 7);
  v.erase(0, v.find_first_not_of(' '));
  v.erase(v.find_last_not_of(" \r") + 1);
  return v == "none" ? "" : v;
}

void check_corpus(const fs::path& root, const fs::path& results_file, const std::string& python) {
  if (!fs::exists(results_file)) {
    WARN("no " << results_file.string() << ": skipped");
    return;
  }
  auto results = nlohmann::json::parse(read(results_file), nullptr, false);
  REQUIRE(results.is_object());
  double ref = simulate("<reference>", "for i in range(3500000):\n    x = i * 2\n", python);
  REQUIRE(ref > 0);
  std::vector<Row> rows;
  std::map<std::string, std::string> pairs;
  for (auto& item : results.items()) {
    const std::string& key = item.key();
    bool single = key.find("/bytecode/") != std::string::npos ||
                  key.find("/memory/") != std::string::npos ||
                  key.find("/misc/") != std::string::npos;
    auto nc = item.value().find("norm_cost");
    if (!single || nc == item.value().end() || !nc->is_number()) continue;
    std::string source = read(root / key);
    double w = simulate(key, source, python);
    if (w <= 0) {
      WARN(key << ": simulation did not finish");
      continue;
    }
    rows.push_back({key, w / ref, nc->get<double>()});
    if (auto p = pair_of(source); !p.empty())
      pairs[key] = (fs::path(key).parent_path() / (p + ".py")).string();
  }
  REQUIRE(!rows.empty());
  std::vector<double> errs;
  std::map<std::string, Row> by_name;
  for (auto& r : rows) {
    errs.push_back(std::abs(std::log(r.pred / r.measured)));
    by_name[r.name] = r;
    INFO(r.name << " pred " << r.pred << " measured " << r.measured);
    CHECK(std::abs(std::log(r.pred / r.measured)) < std::log(4.0));
  }
  std::sort(errs.begin(), errs.end());
  double median = errs[errs.size() / 2];
  int pairs_ok = 0, pairs_n = 0;
  for (auto& [a, b] : pairs) {
    if (!by_name.count(b) || a > b) continue;
    double rp = by_name[a].pred / by_name[b].pred, rm = by_name[a].measured / by_name[b].measured;
    bool order = (rp > 1) == (rm > 1) || std::abs(std::log(rm)) < 0.05;
    bool within = std::abs(rp / rm - 1) <= 0.30;
    ++pairs_n;
    pairs_ok += order && within;
    WARN(python << " pair " << a << " / " << b << ": predicted " << rp << ", measured " << rm
                << (order ? "" : "  ORDER WRONG") << (within ? "" : "  RATIO OFF"));
  }
  WARN(python << " " << results_file.string() << ": " << rows.size()
              << " programs, median |ln(pred/measured)| = " << median << ", pairs ok "
              << pairs_ok << "/" << pairs_n);
  CHECK(median < 0.7);
}

}  // namespace

TEST_CASE("simulated norm_cost follows CPython on the truth corpus", "[costs][truth][.slow]") {
  fs::path truth = "/work/shared/truth";
  check_corpus(truth, truth / "results-3.11.json", "3.11");
  check_corpus(truth, truth / "results-3.13.json", "3.13");
}

TEST_CASE("simulated norm_cost follows CPython on the project corpus", "[costs][truth][.slow]") {
  fs::path root = PITFALL_SOURCE_DIR;
  check_corpus(root, root / "tests/corpus/results-3.11.json", "3.11");
  check_corpus(root, root / "tests/corpus/results-3.13.json", "3.13");
}
