// multiprocessing.Pool's handler threads in the parent (vm/pool_handlers.h):
// Pool() starts _handle_workers, _handle_tasks and _handle_results as daemon
// threads named as CPython names them; a map's parent-side work (pickling,
// sending, receiving, the worker handler's wake-ups) runs on them, not on the
// caller, which waits; the pool's exit joins them. Also the GIL's wake-up
// order (sched/gil.h): equal CPU-bound threads share the GIL round-robin.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "sim/costs/cost_table.h"
#include "sim/sched/processes.h"
#include "sim/simulation.h"

using pitfall::sim::Options;
using pitfall::sim::Simulation;

namespace {

pitfall::report::Report run(const std::string& src, const std::string& python = "3.11") {
  Options opt;
  opt.python = python;
  Simulation s("prog.py", src, opt);
  for (int i = 0; i < 100000 && !s.step(1'000'000); ++i) {
  }
  return s.report();
}

const pitfall::report::ThreadLane* lane(const pitfall::report::Report& r, const std::string& name) {
  for (auto& l : r.threads)
    if (l.name == name) return &l;
  return nullptr;
}

const char* kPool = R"PY(
import multiprocessing as mp
import threading

def score(x):
    return (x * 7919) % 1009

if __name__ == "__main__":
    t = threading.Thread(target=print, args=("before",))
    t.start()
    t.join()
    with mp.Pool(2) as pool:
        results = pool.map(score, range(4000), chunksize=1)
    print("tasks:", len(results), "sum:", sum(results))
)PY";

}  // namespace

TEST_CASE("Pool starts its three handler threads and they do the parent's map work", "[threads][processes]") {
  for (const char* python : {"3.11", "3.13"}) {
    INFO(python);
    auto r = run(kPool, python);
    REQUIRE(r.status == "ok");
    CHECK(r.stdout_text == "before\ntasks: 4000 sum: 2017002\n");
    // the threading counter goes on from the program's own Thread-1
    auto* w = lane(r, "Thread-2 (_handle_workers)");
    auto* t = lane(r, "Thread-3 (_handle_tasks)");
    auto* res = lane(r, "Thread-4 (_handle_results)");
    REQUIRE(w);
    REQUIRE(t);
    REQUIRE(res);
    // started in CPython's order, after the workers were forked
    CHECK(w->start_s <= t->start_s);
    CHECK(t->start_s <= res->start_s);
    // the parent's per-task CPU falls on the three threads in the measured shares
    std::string err;
    auto table = pitfall::sim::costs::CostTable::load(python, false, false, err);
    REQUIRE(table);
    auto cfg = pitfall::sim::sched::ProcConfig::from(*table, 4);
    double ipc_s = double(cfg.chunk_ipc_ns) * 1e-9 * 4000;
    CHECK(t->cpu_s == Approx(ipc_s * cfg.handler_share[1] + double(cfg.handler_fixed[1]) * 1e-9).epsilon(0.2));
    CHECK(res->cpu_s == Approx(ipc_s * cfg.handler_share[2] + double(cfg.handler_fixed[2]) * 1e-9).epsilon(0.2));
    CHECK(w->cpu_s == Approx(ipc_s * cfg.handler_share[0] + double(cfg.handler_fixed[0]) * 1e-9).epsilon(0.2));
    // the caller only waits for the results (MapResult.wait): shown as lock, little CPU
    auto* main = lane(r, "MainThread");
    REQUIRE(main);
    CHECK(main->cpu_s < t->cpu_s);
    double waited = 0;
    for (auto& s : main->segments)
      if (s.state == "lock") waited += s.end_s - s.start_s;
    CHECK(waited > 0.5 * (t->cpu_s + res->cpu_s));
    // the with-exit terminates the pool: the handlers end before the program
    for (auto* l : {w, t, res}) CHECK(l->end_s <= r.wall_s);
    // the map's wall is at least the parent's serial handler work (one GIL)
    CHECK(r.wall_s >= t->cpu_s + res->cpu_s);
  }
}

TEST_CASE("a pool that is never closed leaves its daemon handler threads to the exit", "[threads][processes]") {
  auto r = run("import multiprocessing as mp\ndef f(x):\n    return x + 1\n"
               "p = mp.Pool(2)\nprint(sum(p.map(f, range(100))))\n");
  REQUIRE(r.status == "ok");
  CHECK(r.stdout_text == "5050\n");
  CHECK(lane(r, "Thread-1 (_handle_workers)"));
  CHECK(lane(r, "Thread-3 (_handle_results)"));
}

TEST_CASE("equal CPU-bound threads share the GIL round-robin and end close together", "[threads]") {
  auto r = run(R"PY(
import threading

def count(n):
    while n > 0:
        n -= 1

ts = [threading.Thread(target=count, args=(1_500_000,), name=f"cpu-{i}") for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
)PY");
  REQUIRE(r.status == "ok");
  // a drop wakes the longest waiter: the threads get slices in turn and, with
  // equal work, end within about one round of each other (when a drop went to
  // the thread that requested it, two threads ping-ponged and the third ended
  // several rounds later)
  double first = 1e9, last = 0;
  for (int i = 0; i < 3; ++i) {
    auto* l = lane(r, "cpu-" + std::to_string(i));
    REQUIRE(l);
    first = std::min(first, l->end_s);
    last = std::max(last, l->end_s);
  }
  CHECK(last - first < 3 * 0.0052);
}
