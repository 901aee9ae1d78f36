// The thread, GIL and process models against what CPython did: the `gil` and
// `multiprocessing` programs of the truth corpus (/work/shared/truth, read in
// place, never copied; skipped with a message when absent), for 3.11 and 3.13.
// Checks per program: stdout identical; predicted norm_cost within 25% of
// measured, converted as the truth README and the asyncio truth test define it:
// the part of the simulated wall spent running (wall minus the time nothing
// ran, capped at cpu_s) in units of the simulated reference loop, plus the
// waiting part (absolute seconds: sleeps, I/O) divided by the measured
// ref_wall_s. With no waiting this is simulated wall / simulated reference.
// Each measured thread's cpu_s within 25% (simulated CPU in reference-loop
// units times the measured ref_wall_s, as the truth README converts CPU
// costs) and its start (first time it holds the GIL, where the harness hooks
// Thread._bootstrap_inner) and end within 10% of the program's wall time
// (both sides as a share of their own wall time); the `# pair:` speedups
// within 25%. Prints the comparison table (WARN) so a run shows the figures.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "sim/simulation.h"

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

pitfall::report::Report simulate(const std::string& name, const std::string& source, const std::string& python,
                                 double switch_interval = 0.005) {
  pitfall::sim::Options o;
  o.python = python;
  o.switch_interval = switch_interval;
  pitfall::sim::Simulation sim(name, source, o);
  for (int i = 0; i < 100000 && !sim.step(5'000'000); ++i) {
  }
  return sim.report();
}

std::string pair_of(const std::string& source) {
  auto p = source.find("# pair:");
  if (p == std::string::npos) return "";
  auto e = source.find('\n', p);
  std::string v = source.substr(p + 7, e - p - 7);
  v.erase(0, v.find_first_not_of(' '));
  v.erase(v.find_last_not_of(" \r") + 1);
  return v == "none" ? "" : v;
}

std::string pct(double pred, double meas) {
  std::ostringstream o;
  o.precision(3);
  o << pred << " vs " << meas << " (" << std::showpos << int(std::lround((pred / meas - 1) * 100)) << "%)";
  return o.str();
}

void check_version(const fs::path& root, const std::string& python) {
  fs::path file = root / ("results-" + python + ".json");
  if (!fs::exists(file)) {
    WARN("no " << file.string() << ": skipped");
    return;
  }
  auto results = nlohmann::json::parse(read(file), nullptr, false);
  REQUIRE(results.is_object());
  double ref = simulate("<reference>", "for i in range(3500000):\n    x = i * 2\n", python).wall_s;
  REQUIRE(ref > 0);
  std::map<std::string, double> pred_norm, meas_norm;
  std::map<std::string, std::string> pairs;
  std::ostringstream table;
  table << "\n" << python << " | program | stdout | norm_cost pred vs measured | threads (cpu_s; start/end error in % of wall)\n";
  for (auto& item : results.items()) {
    const std::string& key = item.key();
    if (key.find("/gil/") == std::string::npos && key.find("/multiprocessing/") == std::string::npos) continue;
    const auto& m = item.value();
    if (!m.contains("norm_cost") || !m["norm_cost"].is_number()) continue;
    std::string source = read(root / key);
    // The measuring machine's switch interval in the simulated machine's time:
    // the same number of reference-loop iterations (5 ms there is
    // 5 ms x ref / ref_wall_s here), so that CPU-bound threads take the GIL
    // in turns at the same points of their work as they did there.
    double interval = m.value("switch_interval", 0.005) * ref / m["ref_wall_s"].get<double>();
    auto r = simulate(key, source, python, interval);
    INFO(python << " " << key << " status " << r.status << " " << r.error << r.stderr_text);
    CHECK(r.status == "ok");
    bool same = r.stdout_text == m["stdout"].get<std::string>();
    CHECK(same);
    double wait = std::max(0.0, r.wall_s - r.cpu_s);
    double pred = (r.wall_s - wait) / ref + wait / m["ref_wall_s"].get<double>(), meas = m["norm_cost"].get<double>();
    pred_norm[key] = pred;
    meas_norm[key] = meas;
    CHECK(std::abs(pred / meas - 1) <= 0.25);
    table << python << " | " << key << " | " << (same ? "same" : "DIFFERENT") << " | " << pct(pred, meas) << " |";
    // Thread figures on the measuring machine's scale (truth README): CPU time
    // in reference-loop units times the measured ref_wall_s; start/end as a
    // share of the program's wall time, simulated and measured alike.
    double cpu_scale = m["ref_wall_s"].get<double>() / ref, wall = m["wall_s"].get<double>();
    for (auto& t : m["threads"]["list"]) {
      std::string name = t["name"].get<std::string>();
      const pitfall::report::ThreadLane* lane = nullptr;
      for (auto& l : r.threads)
        if (l.name == name) lane = &l;
      if (!lane) {
        table << " " << name << ": not simulated;";
        CHECK(lane != nullptr);
        continue;
      }
      double mc = t["cpu_s"].get<double>(), pc = lane->cpu_s * cpu_scale;
      double end_meas = t["end_s"].is_number() ? t["end_s"].get<double>() : wall;
      // the harness records start_s in Thread._bootstrap_inner, i.e. when the
      // new thread first holds the GIL: the lane's first `run` segment
      double start = lane->start_s;
      for (auto& s : lane->segments)
        if (s.state == "run") {
          start = s.start_s;
          break;
        }
      double ds = (start / r.wall_s - t["start_s"].get<double>() / wall) * 100;
      double de = (lane->end_s / r.wall_s - end_meas / wall) * 100;
      table << " " << name << " cpu " << pct(pc, mc) << " start " << std::lround(ds) << "% end "
            << std::lround(de) << "%;";
      INFO(name << " cpu " << pc << " vs " << mc << " start " << start << "/" << r.wall_s << " end "
                << lane->end_s << "/" << r.wall_s);
      CHECK(std::abs(pc / mc - 1) <= 0.25);
      CHECK(std::abs(ds) <= 10);
      CHECK(std::abs(de) <= 10);
    }
    table << "\n";
    if (auto p = pair_of(source); !p.empty()) pairs[key] = (fs::path(key).parent_path() / (p + ".py")).string();
  }
  for (auto& [a, b] : pairs) {
    if (!pred_norm.count(b) || (pairs.count(b) && pairs[b] == a && a > b)) continue;
    double rp = pred_norm[a] / pred_norm[b], rm = meas_norm[a] / meas_norm[b];
    table << python << " pair " << a << " / " << b << ": speedup predicted " << pct(rp, rm) << "\n";
    INFO("pair " << a << " / " << b << " predicted " << rp << " measured " << rm);
    CHECK(std::abs(rp / rm - 1) <= 0.25);
  }
  WARN(table.str());
}

}  // namespace

TEST_CASE("threads, GIL and processes follow CPython on the truth corpus", "[threads][truth][.slow]") {
  fs::path truth = "/work/shared/truth";
  if (!fs::exists(truth)) {
    WARN("no /work/shared/truth: skipped");
    return;
  }
  check_version(truth, "3.11");
  check_version(truth, "3.13");
}
