// Chrome Trace Event export: the JSON has the shape Perfetto / chrome://tracing
// read (traceEvents array; ph/name/pid/tid/ts/dur types; ts in microseconds;
// complete events monotonic per lane) for a simulated threads + GIL run, an
// event loop with a stall, and a process pool.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "sim/sched/event_loop.h"
#include "sim/sched/processes.h"
#include "sim/sched/scripted_body.h"
#include "sim/sched/trace_export.h"

using namespace pitfall::sim::sched;

TEST_CASE("sched trace: Chrome Trace Event JSON of threads, GIL, loop and processes") {
  constexpr Nanos ms = 1'000'000;
  Scheduler s;
  ScriptedBody main, a, b;
  s.add_thread("MainThread", &main);
  ThreadId ta = s.add_thread("cpu", &a), tb = s.add_thread("io", &b);
  a.cpu(30 * ms);
  for (int i = 0; i < 5; ++i) b.cpu(100'000).io(2 * ms);
  main.start(ta).start(tb).join(ta).join(tb);
  REQUIRE(s.run());
  pitfall::report::Report r;
  s.fill(r);

  ScriptedCoro coro("main");
  coro.run(1 * ms, 2).block(20 * ms, 3).sleep(5 * ms, 4);
  EventLoop loop{LoopConfig{}};
  REQUIRE(loop.run(&coro));
  loop.fill(r);
  Processes procs;
  procs.pool_map(0, 2, std::vector<PoolItem>(4, PoolItem{10 * ms, 5, 5}));
  procs.fill(r);
  r.mem_samples = {{0.0, 1000}, {0.01, 5000}};

  TraceInput in;
  in.report = &r;
  in.gil_spans = &s.gil_spans();
  in.gil_waiters = &s.gil_waiter_samples();
  for (const auto& sp : loop.task_spans())
    in.tasks.push_back(TraceTaskSpan{loop.task_name(sp.task), to_seconds(sp.start), to_seconds(sp.end), sp.state});

  auto j = nlohmann::json::parse(chrome_trace_json(in), nullptr, false);
  REQUIRE(!j.is_discarded());
  REQUIRE(j.contains("traceEvents"));
  REQUIRE(j["traceEvents"].is_array());
  std::map<std::pair<int, int>, double> last_ts;
  std::set<std::string> thread_names;
  int complete = 0, counters = 0, gil_events = 0;
  for (const auto& e : j["traceEvents"]) {
    REQUIRE(e["ph"].is_string());
    REQUIRE(e["name"].is_string());
    REQUIRE(e["pid"].is_number_integer());
    REQUIRE(e["tid"].is_number_integer());
    std::string ph = e["ph"];
    if (ph == "M") {
      REQUIRE(e["args"]["name"].is_string());
      if (e["name"] == "thread_name") thread_names.insert(e["args"]["name"].get<std::string>());
      continue;
    }
    REQUIRE(e["ts"].is_number());
    CHECK(e["ts"].get<double>() >= 0);
    if (ph == "X") {
      ++complete;
      REQUIRE(e["dur"].is_number());
      CHECK(e["dur"].get<double>() >= 0);
      auto lane = std::make_pair(e["pid"].get<int>(), e["tid"].get<int>());
      double ts = e["ts"];
      if (last_ts.count(lane)) CHECK(ts >= last_ts[lane]);
      last_ts[lane] = ts + e["dur"].get<double>() - 1e-6;
      if (e["cat"] == "gil") ++gil_events;
    } else if (ph == "C") {
      ++counters;
      REQUIRE(e["args"].is_object());
    } else {
      FAIL("unexpected phase " << ph);
    }
  }
  CHECK(thread_names.count("MainThread"));
  CHECK(thread_names.count("cpu"));
  CHECK(thread_names.count("GIL holder"));
  CHECK(thread_names.count("event loop stalls"));
  CHECK(thread_names.count("Task-1"));
  CHECK(gil_events == int(s.gil_spans().size()));
  CHECK(counters >= 2);
  CHECK(complete > 20);
  // ts is in microseconds: the cpu thread's first segment starts where the report says.
  const auto& seg = r.threads[1].segments.front();
  bool found = false;
  for (const auto& e : j["traceEvents"])
    if (e["ph"] == "X" && e["tid"] == 2 && e["pid"] == 1 && !found) {
      CHECK(e["ts"].get<double>() == Approx(seg.start_s * 1e6));
      CHECK(e["dur"].get<double>() == Approx((seg.end_s - seg.start_s) * 1e6));
      found = true;
    }
  CHECK(found);
}
