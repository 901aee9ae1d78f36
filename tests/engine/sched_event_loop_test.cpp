// The asyncio loop model: step counts equal CPython 3.11's for common program
// shapes (tests/sched/asyncio_steps-3.11.json, measured by
// tests/sched/asyncio_steps.py wrapping Handle._run as the truth harness does),
// stalls from blocking calls, debug-mode slow-callback messages, lanes.
#include <catch2/catch.hpp>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/costs/cost_table.h"
#include "sim/sched/event_loop.h"

using namespace pitfall::sim::sched;

namespace {

constexpr Nanos ms = 1'000'000;

nlohmann::json load(const char* name) {
  std::ifstream f(std::string(PITFALL_SOURCE_DIR) + "/tests/sched/" + name);
  return nlohmann::json::parse(f, nullptr, false);
}

struct Shape {
  std::vector<std::unique_ptr<ScriptedCoro>> coros;
  ScriptedCoro* make(const std::string& name) {
    coros.push_back(std::make_unique<ScriptedCoro>(name));
    return coros.back().get();
  }
};

std::int64_t simulate(const nlohmann::json& s, LoopConfig cfg) {
  const std::string shape = s.at("shape");
  int n = s.at("tasks"), k = s.at("sleeps");
  Nanos d = from_seconds(s.at("delay_s").get<double>());
  Shape sh;
  ScriptedCoro* main = sh.make("main");
  auto worker = [&] {
    ScriptedCoro* w = sh.make("worker");
    for (int i = 0; i < k; ++i) w->sleep(d);
    return w;
  };
  if (shape == "gather") {
    std::vector<Coroutine*> cs;
    for (int i = 0; i < n; ++i) cs.push_back(worker());
    main->gather(cs);
  } else if (shape == "create_task_await") {
    for (int i = 0; i < n; ++i) main->create_task(worker());
    for (int i = 0; i < n; ++i) main->await_task(i);
  } else {
    for (int i = 0; i < k; ++i) main->sleep(d);
  }
  EventLoop loop(cfg);
  REQUIRE(loop.run(main));
  return loop.stats().steps;
}

}  // namespace

TEST_CASE("sched loop: step counts match CPython for gather / create_task / sleep shapes") {
  for (const char* file : {"asyncio_steps-3.11.json", "asyncio_steps-3.13.json"}) {
    auto truth = load(file);
    REQUIRE(!truth.is_discarded());
    REQUIRE(truth.at("shapes").size() >= 10);
    for (const auto& s : truth.at("shapes")) {
      INFO(file << ": " << s.dump());
      CHECK(simulate(s, LoopConfig{}) == s.at("steps").get<std::int64_t>());
    }
  }
}

TEST_CASE("sched loop: step counts do not depend on step cost") {
  auto truth = load("asyncio_steps-3.11.json");
  LoopConfig slow;
  slow.step_ns = 40'000;  // a 20x slower machine still groups the timers in one pass
  for (const auto& s : truth.at("shapes")) {
    INFO(s.dump());
    CHECK(simulate(s, slow) == s.at("steps").get<std::int64_t>());
  }
}

TEST_CASE("sched loop: a blocking call in a coroutine stalls the loop") {
  std::string err;
  auto table = pitfall::sim::costs::CostTable::load("3.11", false, false, err);
  REQUIRE(table);
  LoopConfig cfg = LoopConfig::from(*table);
  cfg.debug = true;
  cfg.filename = "app.py";
  CHECK(cfg.step_ns == Nanos(table->param("asyncio.step_ns", 0)));
  // ticker: every 10 ms; blocker: after 50 ms runs time.sleep(0.2) on line 9.
  ScriptedCoro ticker("ticker"), blocker("blocker"), main("main");
  for (int i = 0; i < 40; ++i) ticker.sleep(10 * ms, 4).run(20'000, 5);
  blocker.sleep(50 * ms, 8).block(200 * ms, 9).sleep(1 * ms, 10);
  main.gather({&ticker, &blocker}, 13);
  EventLoop loop(cfg);
  REQUIRE(loop.run(&main));
  const auto& st = loop.stats();
  REQUIRE(st.stalls.size() == 1);
  CHECK(st.stalls[0].line == 9);
  CHECK(st.stalls[0].dur_ms == Approx(200.0).margin(0.1));
  CHECK(st.stalls[0].start_s == Approx(0.050).margin(0.002));
  CHECK(double(st.max_step) * 1e-6 == Approx(200.0).margin(0.1));
  // The ticker's longest wait: the 200 ms freeze plus its own 10 ms (facts 2.1: 0.21 s gap).
  Nanos longest = 0;
  for (const auto& sp : loop.task_spans())
    if (loop.task_name(sp.task) == "Task-2" && sp.state == "waiting") longest = std::max(longest, sp.end - sp.start);
  CHECK(to_seconds(longest) == Approx(0.21).margin(0.011));
  // Debug mode: CPython's wording for a step >= slow_callback_duration.
  REQUIRE(st.debug_log.size() == 1);
  CHECK(st.debug_log[0].rfind("Executing <Task pending name='Task-3' coro=<blocker() running at app.py:10>> took 0.20", 0) == 0);
  CHECK(st.debug_log[0].find(" seconds") != std::string::npos);
  // The loop thread's lane: io while waiting in select, sleep in the blocking call.
  double io = 0, sleep = 0;
  for (const auto& s : loop.lane()) {
    if (s.state == "io") io += s.end_s - s.start_s;
    if (s.state == "sleep") sleep += s.end_s - s.start_s;
  }
  CHECK(sleep == Approx(0.200));
  CHECK(io > 0.1);
  pitfall::report::Report r;
  loop.fill(r);
  CHECK(r.loop.steps == st.steps);
  CHECK(r.loop.stalls.size() == 1);
}

TEST_CASE("sched loop: sleep(0) round robin costs one step per task switch") {
  // 100 tasks x 100 sleep(0): facts 2.2 measured ~1.35 us/step (3.11) with the table's step_ns.
  std::vector<std::unique_ptr<ScriptedCoro>> ws;
  std::vector<Coroutine*> cs;
  for (int i = 0; i < 100; ++i) {
    ws.push_back(std::make_unique<ScriptedCoro>("w"));
    for (int k = 0; k < 100; ++k) ws.back()->sleep(0);
    cs.push_back(ws.back().get());
  }
  ScriptedCoro main("main");
  main.gather(cs);
  EventLoop loop{LoopConfig{}};
  REQUIRE(loop.run(&main));
  // 7 + n (2 + k) as the measured gather shapes.
  CHECK(loop.stats().steps == 7 + 100 * (2 + 100));
  double us_per_step = to_seconds(loop.now()) * 1e6 / double(loop.stats().steps);
  CHECK(us_per_step == Approx(1.2).margin(0.2));
}

TEST_CASE("sched loop: an awaited I/O wait costs the same two steps as a sleep and shows as io") {
  ScriptedCoro main("main");
  main.run(100'000, 2).io(5 * ms, 3).run(100'000, 4);
  EventLoop loop{LoopConfig{}};
  REQUIRE(loop.run(&main));
  // main_only with one sleep(d > 0) measured 8 steps on 3.11.
  CHECK(loop.stats().steps == 8);
  double io = 0;
  for (const auto& s : loop.lane())
    if (s.state == "io") io += s.end_s - s.start_s;
  CHECK(io >= 0.0049);
  CHECK(io <= 0.0060);  // EpollSelector rounds the timeout up to the next millisecond
}
