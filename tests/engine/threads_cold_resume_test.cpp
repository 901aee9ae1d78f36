// The thread that runs first after the process ran nothing for a while pays
// a cold wake-up (sched/gil.h, thread.cold_resume_ns): the idle core's
// wake-up and the caches its code refills. tools/bench/wake_cold.py measured
// the extra of a sleep of 20 ms or more, plus the code after it, over the
// same warm at 38-64 us on 3.11 and 48-60 us on 3.13 on a quiet machine
// (31-51 us with other builds running), little for 2 ms idle or less; four
// threads that each sleep alone (50, 100, 150, 200 ms)
// each took 100-120 us of CPU where threads waking together took 25-40 us,
// the first of them more (the same bench run by hand, 3.11, load 5).
#include <catch2/catch.hpp>

#include <string>

#include "sim/simulation.h"

namespace {

pitfall::report::Report run(const std::string& src, const std::string& python) {
  pitfall::sim::Options o;
  o.python = python;
  pitfall::sim::Simulation s("prog.py", src, o);
  for (int i = 0; i < 100000 && !s.step(1'000'000); ++i) {
  }
  return s.report();
}

std::string program(const char* delay) {
  return std::string(R"PY(
import threading
import time

def nap(i):
    time.sleep()PY") + delay + R"PY()

ts = [threading.Thread(target=nap, args=(i,), name=f"t{i}") for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
)PY";
}

double cpu(const pitfall::report::Report& r, const std::string& name) {
  for (auto& l : r.threads)
    if (l.name == name) return l.cpu_s;
  return -1;
}

}  // namespace

TEST_CASE("a thread waking alone after the process was idle pays the cold wake-up, one waking with others does not",
          "[threads]") {
  for (std::string python : {"3.11", "3.13"}) {
    INFO(python);
    auto alone = run(program("0.05 * (i + 1)"), python);
    auto together = run(program("0.05"), python);
    auto warm = run(program("0.0005 * (i + 1)"), python);  // idle 0.5 ms between wake-ups: warm
    REQUIRE(alone.status == "ok");
    REQUIRE(together.status == "ok");
    REQUIRE(warm.status == "ok");
    // t0 also pays the process's first thread start: compare t1-t3
    for (const char* t : {"t1", "t2", "t3"}) {
      double extra = cpu(alone, t) - cpu(together, t);
      CHECK(extra > 30e-6);
      CHECK(extra < 70e-6);
      CHECK(cpu(warm, t) == Approx(cpu(together, t)).margin(1e-6));
    }
    // waking together, only the first pays it
    CHECK(cpu(together, "t2") == Approx(cpu(together, "t3")).margin(1e-6));
  }
}
