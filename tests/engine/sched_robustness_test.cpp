// The scheduling models never crash or hang on odd input: random scripts
// (seeded, deterministic) with invalid ids, zero and negative durations,
// misuse of locks; the kernel's ordering of ties; every run terminates
// within a bounded number of dispatches with well-formed lanes.
#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <vector>

#include "sim/sched/event_loop.h"
#include "sim/sched/kernel.h"
#include "sim/sched/scripted_body.h"
#include "sim/sched/threads.h"

using namespace pitfall::sim::sched;

TEST_CASE("sched kernel: events run in time, then priority, then scheduling order; cancel skips") {
  Kernel k;
  std::vector<int> order;
  k.at(10, [&] { order.push_back(3); });
  k.at(5, [&] { order.push_back(2); }, 1);
  k.at(5, [&] { order.push_back(1); }, 0);
  k.at(10, [&] { order.push_back(4); });
  EventId c = k.at(7, [&] { order.push_back(99); });
  CHECK(k.cancel(c));
  CHECK_FALSE(k.cancel(c));
  k.at(20, [&] { k.after(5, [&] { order.push_back(6); }); order.push_back(5); });
  while (k.step()) {}
  CHECK(order == std::vector<int>{1, 2, 3, 4, 5, 6});
  CHECK(k.now() == 25);
  // Many cancellations keep the heap small.
  for (int i = 0; i < 10000; ++i) k.cancel(k.after(100, [] {}));
  CHECK(k.pending_count() == 0);
  CHECK_FALSE(k.next_time().has_value());
}

namespace {
struct Lcg {  // deterministic pseudo-random numbers for the script generator
  std::uint64_t s;
  std::uint32_t next() {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return std::uint32_t(s >> 33);
  }
  int below(int n) { return int(next() % std::uint32_t(n)); }
};
}  // namespace

TEST_CASE("sched robustness: random thread scripts terminate with well-formed lanes") {
  for (int round = 0; round < 60; ++round) {
    Lcg rng{std::uint64_t(round) * 7919 + 1};
    SchedConfig cfg;
    cfg.gil = round % 3 != 0;
    cfg.cores = 1 + rng.below(4);
    cfg.switch_interval = 100'000 + rng.below(5'000'000);
    Scheduler s(cfg);
    ScriptedBody main(1 + rng.below(5000));
    s.add_thread("MainThread", &main);
    std::vector<ObjId> objs = {s.new_lock("l"), s.new_rlock("r"), s.new_semaphore("s", rng.below(3)),
                               s.new_event("e"), s.new_condition("c"), s.new_barrier("b", 1 + rng.below(3)),
                               s.new_queue("q", rng.below(3))};
    std::vector<std::unique_ptr<ScriptedBody>> bodies;
    int nthreads = 1 + rng.below(5);
    std::vector<ThreadId> ids;
    for (int t = 0; t < nthreads; ++t) {
      bodies.push_back(std::make_unique<ScriptedBody>(1 + rng.below(5000)));
      ids.push_back(s.add_thread("T" + std::to_string(t), bodies.back().get(), rng.below(4) == 0));
    }
    std::vector<ScriptedBody*> all = {&main};
    for (auto& b : bodies) all.push_back(b.get());
    for (ThreadId t : ids) main.start(t);
    for (ScriptedBody* b : all) {
      int n = rng.below(25);
      for (int i = 0; i < n; ++i) {
        int obj = rng.below(10) == 0 ? 1000 : objs[std::size_t(rng.below(int(objs.size())))];
        Nanos timeout = rng.below(3) == 0 ? -1 : Nanos(rng.below(3'000'000)) - 100;
        switch (rng.below(12)) {
          case 0: b->cpu(Nanos(rng.below(4'000'000)) - 1000); break;
          case 1: b->io(rng.below(2'000'000)); break;
          case 2: b->sleep(Nanos(rng.below(2'000'000)) - 10); break;
          case 3: b->acquire(obj, timeout, rng.below(2) == 0); break;
          case 4: b->release(obj); break;
          case 5: b->put(obj, i, timeout); break;
          case 6: b->get(obj, timeout); break;
          case 7: b->op(ReqKind(int(ReqKind::EventSet) + rng.below(7)), obj, timeout, rng.below(3) - 1); break;
          case 8: b->join(rng.below(nthreads + 2) - 1, timeout); break;
          case 9: b->start(rng.below(nthreads + 2) - 1); break;
          case 10: b->ccall(rng.below(1'000'000)); break;
          default: b->cpu_no_breaker(rng.below(1'000'000)); break;
        }
      }
    }
    for (ThreadId t : ids) main.join(t, rng.below(2) ? -1 : 5'000'000);
    INFO("round " << round);
    REQUIRE(s.run(2'000'000));
    for (const Thread& t : s.threads()) {
      for (std::size_t k = 0; k < t.segments.size(); ++k) {
        CHECK(t.segments[k].end_s >= t.segments[k].start_s);
        if (k) CHECK(t.segments[k].start_s >= t.segments[k - 1].end_s - 1e-12);
      }
    }
  }
}

TEST_CASE("sched robustness: event loop with odd scripts terminates") {
  ScriptedCoro a("a"), b("b"), main("main");
  a.run(-5).sleep(-3).io(0).await_task(7).gather({});
  b.sleep(0).sleep(0).block(-1);
  main.create_task(&a).gather({&b}).await_task(0).await_task(0).run(0);
  EventLoop loop{LoopConfig{}};
  CHECK(loop.run(&main));
  CHECK(loop.stats().steps > 0);
}
