// threading.Lock releases as CPython's: the lock is left free and one waiter
// is woken, which retries after the OS wake-up; a thread that still holds the
// GIL and asks again first takes the lock back (sched/sync.cpp lock_handoff).
// Measured: tests/corpus/gil/lock_convoy.py (tools/corpus/measure.py) and
// tools/bench/lock_fairness.py.
#include <catch2/catch.hpp>

#include <string>

#include "sim/simulation.h"
#include "test_support.h"

namespace {

using pitfall::test::run_program;

const char* kPerIncrement = R"PY(
import threading
lock = threading.Lock()
counter = 0
def bump(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1
ws = [threading.Thread(target=bump, args=(40_000,)) for _ in range(3)]
for w in ws:
    w.start()
for w in ws:
    w.join()
print(counter)
)PY";

const char* kOneThread = R"PY(
import threading
lock = threading.Lock()
counter = 0
def bump(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1
w = threading.Thread(target=bump, args=(120_000,))
w.start()
w.join()
print(counter)
)PY";

}  // namespace

TEST_CASE("a lock taken per increment by three threads costs about what one thread doing it all costs",
          "[threads]") {
  for (std::string v : {"3.11", "3.13"}) {
    INFO(v);
    auto three = run_program(kPerIncrement, v), one = run_program(kOneThread, v);
    REQUIRE(three.status == "ok");
    REQUIRE(one.status == "ok");
    CHECK(three.stdout_text == "120000\n");
    // the GIL holder keeps re-taking the lock: the threads trade the GIL every
    // switch interval (a few dozen switches), not at every increment (a hand-off
    // per release would make 100 000+ switches and a wall time many times over).
    // 3.13's PyMutex hands the lock to a waiter parked over 1 ms
    // (TIME_TO_BE_FAIR_NS), which costs a GIL switch each time it happens: a
    // cost table whose loop runs slightly slower crosses that threshold more
    // often (10 switches with one measured 3.13 table, 153 with the next), so
    // the bound only tells barging from a hand-off per release.
    CHECK(three.gil_switches < 1000);
    CHECK(three.wall_s < one.wall_s * 1.3);
    CHECK(three.wall_s > one.wall_s * 0.9);
  }
}

TEST_CASE("a lock released and re-taken at once stays with the thread that holds the GIL", "[threads]") {
  // the holder keeps the lock for 2 ms at a time (sleeping, GIL free) and takes
  // it again right after each release; the waiter, woken by each release, finds
  // it taken again. CPython 3.11 and 3.13 (tools/bench/lock_fairness.py, 20
  // runs each on a loaded 2-CPU VM) let the waiter in after 2-5 of the five
  // turns, as the OS happens to wake it; the model's waiter retries one wake-up
  // latency after the release and always loses: after the fifth.
  const char* src = R"PY(
import threading, time
lock = threading.Lock()
order = []
def hog():
    for i in range(5):
        with lock:
            time.sleep(0.002)
        order.append("hog")
def waiter():
    time.sleep(0.0005)
    with lock:
        order.append("waiter")
ts = [threading.Thread(target=hog), threading.Thread(target=waiter)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(order.index("waiter"))
)PY";
  for (std::string v : {"3.11", "3.13"}) {
    auto r = run_program(src, v);
    INFO(v);
    REQUIRE(r.status == "ok");
    CHECK(r.stdout_text == "5\n");
  }
}

TEST_CASE("a woken queue getter re-checks the queue: the consumer that runs first drains it", "[threads]") {
  // Lib/queue.py: put() notifies one blocked getter, which takes an item only
  // when it runs again. CPython 3.11 runs of this program (a bounded queue of
  // 8, two consumers) show the producer filling the queue, then one consumer
  // taking all 8 items while the other, woken too, finds it empty and waits
  // again ("P8 08 P8 18 ..."; which consumer drains a batch changes between
  // runs). Handing each put's item to a blocked getter instead let the
  // producer put 10 per round and split the items 10:1.
  const char* src = R"PY(
import itertools, queue, threading
q = queue.Queue(maxsize=8)
seq = []
def produce(n):
    for i in range(n):
        q.put(i)
        seq.append("P")
    q.put(None)
    q.put(None)
def consume(name):
    while True:
        item = q.get()
        if item is None:
            break
        s = 0
        for k in range(1500):
            s += (item * k) % 7
        seq.append(name)
cs = [threading.Thread(target=consume, args=(str(i),)) for i in range(2)]
p = threading.Thread(target=produce, args=(80,))
for t in cs:
    t.start()
p.start()
p.join()
for t in cs:
    t.join()
print(sorted(set(len(list(g)) for k, g in itertools.groupby(seq))))
)PY";
  for (std::string v : {"3.11", "3.13"}) {
    auto r = run_program(src, v);
    INFO(v);
    REQUIRE(r.status == "ok");
    CHECK(r.stdout_text == "[8]\n");
  }
}
