// A long task step and a CPU-bound to_thread worker share the GIL
// (tests/asyncio/gil_slicing/step_vs_worker.py; CPython 3.11's figures in
// slicing-3.11.json, recorded by measure_slicing.py with the truth harness's
// Handle._run instrumentation). The step's coroutine runs on the loop
// thread's frames (sim/vm/coro_frames.h), so the thread stops at an
// eval-breaker check once the worker has asked for the GIL for a switch
// interval: the timeline shows the two threads taking turns every ~5 ms inside
// the one step, and the step's duration (max_step_ms) is its own CPU plus the
// worker's turns, as CPython's perf_counter sees it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/simulation.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

using pitfall::test::slurp;
const fs::path kDir = fs::path(PITFALL_SOURCE_DIR) / "tests/asyncio/gil_slicing";

pitfall::report::Report run(const char* program, double switch_interval = 0.005) {
  pitfall::sim::Options o;
  o.python = "3.11";
  o.switch_interval = switch_interval;
  return pitfall::test::simulate(program, slurp(kDir / program), o);
}

const pitfall::report::ThreadLane* lane(const pitfall::report::Report& r, const std::string& name) {
  for (const auto& t : r.threads)
    if (t.name == name) return &t;
  return nullptr;
}

// Time of `state` segments of `t` inside [a, b], and how many there are.
double inside(const pitfall::report::ThreadLane& t, const char* state, double a, double b, int* count = nullptr) {
  double sum = 0;
  int n = 0;
  for (const auto& s : t.segments) {
    if (s.state != state) continue;
    double lo = std::max(a, s.start_s), hi = std::min(b, s.end_s);
    if (hi - lo > 1e-6) { sum += hi - lo; ++n; }
  }
  if (count) *count = n;
  return sum;
}

}  // namespace

TEST_CASE("asyncio: a long task step and a to_thread worker take turns with the GIL", "[asyncio][gil]") {
  auto expected = nlohmann::json::parse(slurp(kDir / "slicing-3.11.json"));
  const auto& want = expected["step_vs_worker.py"];
  auto r = run("step_vs_worker.py");
  INFO(r.stderr_text);
  REQUIRE(r.status == "ok");
  CHECK(r.stdout_text == want["stdout"].get<std::string>());
  CHECK(r.loop.steps == want["steps"].get<std::int64_t>());

  // the longest step is a stall; the two threads alternate inside it
  REQUIRE(!r.loop.stalls.empty());
  const auto& st = *std::max_element(r.loop.stalls.begin(), r.loop.stalls.end(),
                                     [](const auto& a, const auto& b) { return a.dur_ms < b.dur_ms; });
  const double a = st.start_s, b = st.start_s + st.dur_ms * 1e-3;
  const auto* loop = lane(r, "MainThread");
  const auto* worker = lane(r, "asyncio_0");
  REQUIRE(loop);
  REQUIRE(worker);
  int waits = 0, runs = 0;
  double waited = inside(*loop, "wait_gil", a, b, &waits);
  double worker_ran = inside(*worker, "run", a, b, &runs);
  CHECK(waits >= 2);
  CHECK(runs >= 2);
  for (const auto& s : loop->segments)  // no turn of the loop thread inside the step is longer than ~ the interval
    if (s.state == "run" && s.start_s >= a && s.end_s <= b) CHECK(s.end_s - s.start_s <= 0.005 * 1.2);
  // the loop thread waited while the worker ran: the worker's CPU is the step's wait
  CHECK(std::abs(waited - worker_ran) <= 0.001);

  // against CPython: the step's duration on an idle machine is the loop
  // thread's CPU plus the worker's CPU during it (the measured wall time also
  // holds the machine's other load); the worker's share within 2 ms
  const double cpython_step_ms = want["max_step_cpu_ms"].get<double>() + want["max_step_others_cpu_ms"].get<double>();
  const double cpython_worker_ms = want["max_step_others_cpu_ms"].get<double>();
  WARN("longest step: simulated " << r.loop.max_step_ms << " ms (worker " << worker_ran * 1e3 << " ms of it, "
       << waits << " GIL waits), CPython 3.11 " << cpython_step_ms << " ms (worker " << cpython_worker_ms << " ms)");
  CHECK(std::abs(r.loop.max_step_ms - cpython_step_ms) <= std::max(2.0, 0.10 * cpython_step_ms));
  CHECK(std::abs(worker_ran * 1e3 - cpython_worker_ms) <= 2.0);
  CHECK(r.loop.max_step_ms == Approx(st.dur_ms));
}

TEST_CASE("asyncio: the same step alone runs unbroken", "[asyncio][gil]") {
  auto expected = nlohmann::json::parse(slurp(kDir / "slicing-3.11.json"));
  const auto& want = expected["step_alone.py"];
  auto r = run("step_alone.py");
  REQUIRE(r.status == "ok");
  CHECK(r.stdout_text == want["stdout"].get<std::string>());
  CHECK(r.loop.steps == want["steps"].get<std::int64_t>());
  const auto* loop = lane(r, "MainThread");
  REQUIRE(loop);
  CHECK(inside(*loop, "wait_gil", 0, 1e9) == 0);
  // its CPU, as the cost model charges it, near CPython's thread_time for it
  CHECK(r.loop.max_step_ms == Approx(want["max_step_cpu_ms"].get<double>()).epsilon(0.3));
}

TEST_CASE("asyncio: with a switch interval longer than the step, the worker waits for the step's end", "[asyncio][gil]") {
  // sys.setswitchinterval(0.02): the worker asks for the GIL 20 ms after it
  // began to wait, and the coroutine's ~12 ms of work is over by then
  auto alone = run("step_alone.py");
  auto r = run("step_vs_worker.py", 0.02);
  REQUIRE(r.status == "ok");
  const auto* loop = lane(r, "MainThread");
  REQUIRE(loop);
  REQUIRE(!r.loop.stalls.empty());
  const auto& st = r.loop.stalls.front();
  int waits = 0;
  CHECK(inside(*loop, "wait_gil", st.start_s, st.start_s + st.dur_ms * 1e-3, &waits) == 0);
  CHECK(r.loop.max_step_ms == Approx(alone.loop.max_step_ms).epsilon(0.05));
}
