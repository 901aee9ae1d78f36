// Whole-program check of the cost model: the simulator's predicted norm_cost
// (wall time of a program / wall time of the reference loop
// `for i in range(3_500_000): x = i * 2`, both simulated with the same table)
// for the single-threaded programs of the truth corpus (/work/shared/truth,
// families bytecode, memory, misc; read in place, never copied) and of the
// project's own corpus (tests/corpus), against the norm_cost CPython measured
// (for results that carry it, the same ratio in CPU time: see figures()).
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
// (budget, error). page_fault_ns < 0: the table's figure.
double simulate(const std::string& name, const std::string& source, const std::string& python,
                double page_fault_ns = -1) {
  pitfall::sim::Options o;
  o.python = python;
  o.page_fault_ns = page_fault_ns;
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
    // The machine state the timing was recorded in: on this VM a first-touch
    // page fault is a hypervisor exit whose cost moves >10x with the host's
    // load (1-3 us quiet, 12-19 us busy), and a program that keeps 10^5
    // objects alive pays it for every page its heap grows into. A result
    // measured with the host's figure (tools/corpus/measure.py records
    // page_fault_ns, a fault probe run before each run of the program) is
    // compared with a simulation of that host; results without it (the truth
    // corpus, recorded when faults cost <= ~1 us) use the table's cited
    // figure. The reference loop allocates nothing and is not affected.
    double faults = -1;
    if (auto pf = item.value().find("page_fault_ns"); pf != item.value().end() && pf->is_number())
      faults = pf->get<double>();
    double w = simulate(key, source, table_python, faults);
    if (w <= 0) {
      t << key << ": simulation did not finish\n";
      continue;
    }
    // What CPython measured. A result that carries norm_cpu (process CPU time
    // of the program / of the reference loop, tools/corpus/measure.py) is
    // compared on it: these programs are single-threaded and never block, so
    // on an idle machine the two ratios are equal, and CPU time does not count
    // the time the kernel gave the CPU to other processes (measured at load
    // 10 on 2 CPUs, the programs got 20-40% of a CPU).
    auto number = [&](const char* k) {
      auto f = item.value().find(k);
      return f != item.value().end() && f->is_number() ? f->get<double>() : -1.0;
    };
    bool cpu = number("norm_cpu") > 0 && number("ref_cpu_s") > 0;
    double measured = cpu ? number("norm_cpu") : nc->get<double>();
    // The harness's own window around an empty program (its exit path up to
    // the atexit handler that closes the window: threading._shutdown, ~40 us
    // here), which the simulator does not model, measured alongside
    // (empty_cpu_s / empty_wall_s): it dominates a 70 us program and is noise
    // for the others.
    double empty = number(cpu ? "empty_cpu_s" : "empty_wall_s"), unit = number(cpu ? "ref_cpu_s" : "ref_wall_s");
    double harness = empty > 0 && unit > 0 ? empty / unit : 0;
    Row r{key, w / ref + harness, measured};
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
  // charged) the 3.11 median was 0.119 with 8/8 pairs, 3.13 0.118 with 7/7;
  // with the rows and charges of 08:00 UTC (big ints per digit, json per
  // byte, `in` scans, built-ins' raises, format specs) 0.103 and 0.076
  // (engine/sim/costs/README.md, "Accuracy")
  check_corpus(truth, truth / "results-3.11.json", "3.11", 0.13, 8);
  check_corpus(truth, truth / "results-3.13.json", "3.13", 0.13, 7);
}

// A table calibrated on one CPython version predicts that version's measured
// norm_cost better than the tables of the other versions do (tables of
// 2026-11-27 03:27 UTC: 3.11 results 0.119 own against 0.172-0.277; 3.13
// results 0.118 own against 0.165-0.181; 08:00 UTC: 0.103 against
// 0.172-0.277, 0.076 against 0.144-0.160).
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
  // 37 single-threaded programs (12 of the lessons' pitfalls, 25 learner-style
  // programs the tables were not tuned on), measured 2026-11-27 08:27-08:41
  // UTC at load average 0.9-2.8 (norm_cpu; page faults on new memory
  // 2.7-3.1 us, passed to the simulation). Tables and model of 2026-11-27
  // 08:00 UTC: 3.11 median 0.118 with 7/12 pairs, 3.13 0.120 with 8/12 (the
  // same programs measured at load 8-12: 0.199 and 0.113; the results
  // measured before, wall time at a 12-19 us fault cost, with the table's
  // 1 us: 0.681 and 0.579 over 12 programs, 2/4 pairs). Bounds leave ~0.04
  // for the noise of a re-measurement; the misses are listed in
  // engine/sim/costs/README.md, "Accuracy".
  check_corpus(root, root / "tests/corpus/results-3.11.json", "3.11", 0.16, 6);
  check_corpus(root, root / "tests/corpus/results-3.13.json", "3.13", 0.16, 7);
}
