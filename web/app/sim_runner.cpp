// Simulation in time slices (see sim_runner.h).
#include "app/sim_runner.h"

#include <chrono>
#include <cstdio>

#include "report/json.h"

#ifdef PITFALL_WEB_HAS_SIM
#include "sim/simulation.h"
#endif

namespace pitfall::web {

#ifdef PITFALL_WEB_HAS_SIM

namespace {

std::string format_seconds(double s) {
  char buf[64];
  if (s >= 1) std::snprintf(buf, sizeof buf, "%.3g s", s);
  else if (s >= 1e-3) std::snprintf(buf, sizeof buf, "%.3g ms", s * 1e3);
  else std::snprintf(buf, sizeof buf, "%.3g us", s * 1e6);
  return buf;
}

std::string summarize(const report::Report& r) {
  std::string out = std::to_string(r.instructions) + " instructions, " + format_seconds(r.wall_s) +
                    " simulated on Python " + r.python;
  if (r.threads.size() > 1) {
    out += ", " + std::to_string(r.threads.size()) + " threads, " + std::to_string(r.gil_switches) +
           " GIL switches";
  }
  return out;
}

}  // namespace

struct SimRunner::Impl {
  std::unique_ptr<sim::Simulation> sim;
  std::string error;     // invalid options: no simulation started
  std::string finished_json;
  report::Report finished;
  bool done = false;
  std::uint64_t memory_limit = 0;
};

SimRunner::SimRunner() : impl_(std::make_unique<Impl>()) {}
SimRunner::~SimRunner() = default;

bool SimRunner::available() { return true; }

void SimRunner::start(const std::string& code, const SimOptions& o) {
  Impl& s = *impl_;
  s = Impl{};
  sim::Options opt;
  opt.python = o.python;
  opt.free_threaded = o.free_threaded;
  opt.jit = o.jit;
  opt.cores = o.cores;
  opt.switch_interval = o.switch_interval;
  s.memory_limit = opt.memory_limit;
  s.error = sim::validate(opt);
  if (!s.error.empty()) {
    s.done = true;
    return;
  }
  s.sim = std::make_unique<sim::Simulation>("main.py", code, opt);
}

bool SimRunner::run_slice(double budget_ms) {
  Impl& s = *impl_;
  if (s.done || !s.sim) return false;
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  constexpr std::uint64_t kInstructionsPerStep = 20000;
  bool finished = false;
  do {
    finished = s.sim->step(kInstructionsPerStep);
  } while (!finished && std::chrono::duration<double, std::milli>(clock::now() - t0).count() < budget_ms);
  if (finished) {
    s.finished = s.sim->report();
    s.finished_json = report::to_json(s.finished).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    s.done = true;
    s.sim.reset();
  }
  return !s.done;
}

bool SimRunner::running() const { return !impl_->done && impl_->sim != nullptr; }

void SimRunner::fill(SimView& view) const {
  const Impl& s = *impl_;
  view.available = true;
  view.memory_limit = s.memory_limit;
  if (!s.error.empty()) {
    view.status = "error";
    view.stdout_text.clear();
    view.stderr_text = s.error;
    view.summary.clear();
    nlohmann::json j = {{"status", "error"}, {"error", s.error}};
    view.report_json = j.dump();
    view.report = report::Report{};
    view.report.status = "error";
    view.report.error = s.error;
    view.has_report = true;
    ++view.revision;
    return;
  }
  if (s.done) {
    view.status = s.finished.status;
    view.stdout_text = s.finished.stdout_text;
    view.stderr_text = s.finished.stderr_text;
    view.summary = summarize(s.finished);
    view.report_json = s.finished_json;
    view.report = s.finished;
    view.has_report = true;
    ++view.revision;
    return;
  }
  if (s.sim) {
    report::Report r = s.sim->report();
    view.status = "running";
    view.stdout_text = r.stdout_text;
    view.stderr_text = r.stderr_text;
    view.summary = summarize(r);
    nlohmann::json j = report::to_json(r);
    j["status"] = "running";
    view.report_json = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    view.report = std::move(r);
    view.report.status = "running";
    view.has_report = true;
    ++view.revision;
  }
}

#else  // no simulator in this engine build

struct SimRunner::Impl {};
SimRunner::SimRunner() : impl_(std::make_unique<Impl>()) {}
SimRunner::~SimRunner() = default;
bool SimRunner::available() { return false; }
void SimRunner::start(const std::string&, const SimOptions&) {}
bool SimRunner::run_slice(double) { return false; }
bool SimRunner::running() const { return false; }
void SimRunner::fill(SimView& view) const { view.available = false; }

#endif

}  // namespace pitfall::web
