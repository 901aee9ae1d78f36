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
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
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

// Simulated wall time of a program, or a negative number if it did not finish
// (budget, error).
double simulate(const std::string& name, const std::string& source, const std::string& python) {
  pitfall::sim::Options o;
  o.python = python;
  pitfall::sim::Simulation sim(name, source, o);
  for (int i = 0; i < 100000 && !sim.step(5'000'000); ++i) {
  }
  auto r = sim.report();
  // a program that ends in an uncaught exception has finished (CPython's run
  // printed the same traceback and its window closed the same way)
  if (r.status != "ok" && r.status != "exception") return -1;
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

struct Figures {
  std::vector<Row> rows;
  double median = 0;
  int pairs_ok = 0, pairs_n = 0;
  std::string text;  // per-program table and pair checks
};

// Simulates the single-threaded programs of a results file with `table_python`'s
// cost table and compares the predicted norm_cost with the measured one.
Figures figures(const fs::path& root, const nlohmann::json& results, const std::string& table_python) {
  Figures out;
  double ref = simulate("<reference>", "for i in range(3500000):\n    x = i * 2\n", table_python);
  if (ref <= 0) return out;
  std::map<std::string, std::string> pairs;
  std::map<std::string, Row> by_name;
  std::ostringstream t;
  for (auto& item : results.items()) {
    const std::string& key = item.key();
    bool single = key.find("/bytecode/") != std::string::npos ||
                  key.find("/memory/") != std::string::npos ||
                  key.find("/misc/") != std::string::npos;
    auto nc = item.value().find("norm_cost");
    if (!single || nc == item.value().end() || !nc->is_number()) continue;
    std::string source = read(root / key);
    double w = simulate(key, source, table_python);
    if (w <= 0) {
      t << key << ": simulation did not finish\n";
      continue;
    }
    Row r{key, w / ref, nc->get<double>()};
    out.rows.push_back(r);
    by_name[key] = r;
    if (auto p = pair_of(source); !p.empty())
      pairs[key] = (fs::path(key).parent_path() / (p + ".py")).string();
  }
  if (out.rows.empty()) return out;
  std::vector<double> errs;
  char buf[256];
  for (auto& r : out.rows) {
    double e = std::abs(std::log(r.pred / r.measured));
    errs.push_back(e);
    std::snprintf(buf, sizeof buf, "  %-45s measured %7.3f predicted %7.3f |ln| %.2f\n", r.name.c_str(),
                  r.measured, r.pred, e);
    t << buf;
  }
  std::sort(errs.begin(), errs.end());
  out.median = errs.size() % 2 ? errs[errs.size() / 2] : (errs[errs.size() / 2 - 1] + errs[errs.size() / 2]) / 2;
  for (auto& [a, b] : pairs) {
    if (!by_name.count(b) || a > b) continue;
    double rp = by_name[a].pred / by_name[b].pred, rm = by_name[a].measured / by_name[b].measured;
    bool order = (rp > 1) == (rm > 1) || std::abs(std::log(rm)) < 0.05;
    bool within = std::abs(rp / rm - 1) <= 0.30;
    ++out.pairs_n;
    out.pairs_ok += order && within;
    std::snprintf(buf, sizeof buf, "  pair %s / %s: predicted %.3f, measured %.3f%s%s\n", a.c_str(), b.c_str(), rp, rm,
                  order ? "" : "  ORDER WRONG", within ? "" : "  RATIO OFF");
    t << buf;
  }
  out.text = t.str();
  return out;
}

std::optional<nlohmann::json> load_results(const fs::path& results_file) {
  if (!fs::exists(results_file)) {
    WARN("no " << results_file.string() << ": skipped");
    return std::nullopt;
  }
  auto results = nlohmann::json::parse(read(results_file), nullptr, false);
  if (!results.is_object()) return std::nullopt;
  return results;
}

// Bounds the figures the model reaches today (see engine/sim/costs/README.md,
// "Accuracy"), so that a regression shows.
void check_corpus(const fs::path& root, const fs::path& results_file, const std::string& python,
                  double max_median, int min_pairs_ok) {
  auto results = load_results(results_file);
  if (!results) return;
  Figures f = figures(root, *results, python);
  REQUIRE(!f.rows.empty());
  WARN(python << " " << results_file.string() << ": " << f.rows.size()
              << " programs, median |ln(pred/measured)| = " << f.median << ", pairs ok " << f.pairs_ok
              << "/" << f.pairs_n << "\n" << f.text);
  for (auto& r : f.rows) {
    INFO(r.name << " pred " << r.pred << " measured " << r.measured);
    CHECK(std::abs(std::log(r.pred / r.measured)) < std::log(4.0));
  }
  CHECK(f.median <= max_median);
  CHECK(f.pairs_ok >= min_pairs_ok);
}

}  // namespace

TEST_CASE("simulated norm_cost follows CPython on the truth corpus", "[costs][truth][.slow]") {
  fs::path truth = "/work/shared/truth";
  // the target is a median of 0.20 and every pair within 30%; with the
  // tables of 2026-11-27 03:27 UTC (interleaved repeats, cold bulk frees
  // charged) the 3.11 median is 0.119 with 8/8 pairs, 3.13 0.118 with 7/7
  // (engine/sim/costs/README.md, "Accuracy")
  check_corpus(truth, truth / "results-3.11.json", "3.11", 0.13, 8);
  check_corpus(truth, truth / "results-3.13.json", "3.13", 0.13, 7);
}

// A table calibrated on one CPython version predicts that version's measured
// norm_cost better than the tables of the other versions do (tables of
// 2026-11-27 03:27 UTC: 3.11 results 0.119 own against 0.172-0.277; 3.13
// results 0.118 own against 0.165-0.181).
TEST_CASE("each version's cost table predicts its own version best", "[costs][truth][.slow]") {
  fs::path truth = "/work/shared/truth";
  for (std::string own : {"3.11", "3.13"}) {
    auto results = load_results(truth / ("results-" + own + ".json"));
    if (!results) continue;
    double own_median = figures(truth, *results, own).median;
    std::ostringstream msg;
    msg << "results-" << own << ": own table median |ln| " << own_median;
    for (std::string other : {"3.10", "3.11", "3.12", "3.13"}) {
      if (other == own) continue;
      double m = figures(truth, *results, other).median;
      msg << ", " << other << " table " << m;
      CHECK(own_median < m);
    }
    WARN(msg.str());
  }
}

TEST_CASE("simulated norm_cost follows CPython on the project corpus", "[costs][truth][.slow]") {
  fs::path root = PITFALL_SOURCE_DIR;
  // 3.11 median 1.084, 3.13 0.936 (2/4 pairs each): this corpus was measured
  // when page faults on new memory cost 12-19 us on this VM, the tables charge
  // 1 us (README "Accuracy"); the two smallest programs are not modelled
  check_corpus(root, root / "tests/corpus/results-3.11.json", "3.11", 1.1, 2);
  check_corpus(root, root / "tests/corpus/results-3.13.json", "3.13", 1.0, 2);
}
