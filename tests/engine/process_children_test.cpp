// multiprocessing children as processes of the scheduler, end to end: they
// run in parallel on the modelled cores (each on its own GIL), block on
// Queues and resume, and a deadlock between processes ends with the located
// message. Output against CPython: tests/sim/multiprocessing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>

#include "sim/simulation.h"

using pitfall::sim::Options;
using pitfall::sim::Simulation;

namespace {

pitfall::report::Report run(const std::string& src, int cores) {
  Options opt;
  opt.python = "3.11";
  opt.cores = cores;
  Simulation s("prog.py", src, opt);
  for (int i = 0; i < 100000 && !s.step(1'000'000); ++i) {
  }
  return s.report();
}

// Four workers fed by one Queue; the parent first does the same jobs itself
// and prints both durations (measured in the same run).
const char* kQueueFed = R"PY(
import multiprocessing as mp
import time

def job(n):
    t = 0
    for i in range(n):
        t += i * i
    return t

def worker(q_in, q_out):
    while True:
        n = q_in.get()
        if n is None:
            break
        q_out.put(job(n))

if __name__ == "__main__":
    jobs = [100_000] * 16
    t0 = time.perf_counter()
    seq = [job(n) for n in jobs]
    t_seq = time.perf_counter() - t0
    t0 = time.perf_counter()
    q_in, q_out = mp.Queue(), mp.Queue()
    procs = [mp.Process(target=worker, args=(q_in, q_out)) for _ in range(4)]
    for p in procs:
        p.start()
    for n in jobs:
        q_in.put(n)
    for _ in procs:
        q_in.put(None)
    res = [q_out.get() for _ in jobs]
    for p in procs:
        p.join()
    t_par = time.perf_counter() - t0
    print(sorted(res) == sorted(seq), t_seq, t_par)
)PY";

struct Times { bool same; double seq, par; };
Times times(const pitfall::report::Report& r) {
  std::istringstream in(r.stdout_text);
  std::string same;
  Times t{};
  in >> same >> t.seq >> t.par;
  t.same = same == "True";
  return t;
}

}  // namespace

TEST_CASE("Queue-fed worker processes share the jobs and run in parallel on the cores", "[processes]") {
  auto r = run(kQueueFed, 4);
  REQUIRE(r.status == "ok");
  Times t = times(r);
  CHECK(t.same);
  // a quarter of the sequential time, plus the starts, pickling and queue round trips
  CHECK(t.par > t.seq / 4);
  CHECK(t.par < t.seq / 4 * 1.35);
  REQUIRE(r.processes.size() == 4);
  CHECK(r.gil_note.find("4 child processes") != std::string::npos);
  for (const auto& p : r.processes) {
    // each worker computes its share: a quarter of the jobs
    CHECK(p.cpu_s > t.seq / 4 * 0.8);
    CHECK(p.cpu_s < t.seq / 4 * 1.3);
    // and its busy span overlaps every other worker's for most of its length
    for (const auto& q : r.processes) {
      double overlap = std::min(p.end_s, q.end_s) - std::max(p.start_s, q.start_s);
      CHECK(overlap > 0.8 * (p.end_s - p.start_s));
    }
  }
  // two cores: about half the sequential time
  auto r2 = run(kQueueFed, 2);
  REQUIRE(r2.status == "ok");
  Times t2 = times(r2);
  CHECK(t2.par > t2.seq / 2);
  CHECK(t2.par < t2.seq / 2 * 1.3);
  // one core: no faster than doing it in the parent
  auto r1 = run(kQueueFed, 1);
  REQUIRE(r1.status == "ok");
  Times t1 = times(r1);
  CHECK(t1.par > t1.seq);
}

TEST_CASE("a child waiting on a Queue nobody feeds, joined by the parent, is a located deadlock", "[processes]") {
  auto r = run(R"PY(
import multiprocessing as mp

def worker(q):
    item = q.get()
    print(item)

if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=worker, args=(q,), name="reader")
    p.start()
    p.join()
)PY", 4);
  CHECK(r.status == "error");
  CHECK(r.error.find("prog.py:12: deadlock") == 0);
  CHECK(r.error.find("`MainThread` waits to join `reader`") != std::string::npos);
  CHECK(r.error.find("`reader` waits to get from empty queue `q`") != std::string::npos);
  CHECK(r.error.find("`reader` is blocked at prog.py:5") != std::string::npos);
}

TEST_CASE("a child blocked on a full Queue resumes when the parent makes room", "[processes]") {
  auto r = run(R"PY(
import multiprocessing as mp
import time

def producer(q):
    for i in range(3):
        q.put(i)
    q.put(None)

if __name__ == "__main__":
    q = mp.Queue(maxsize=1)
    p = mp.Process(target=producer, args=(q,))
    p.start()
    got = []
    while True:
        time.sleep(0.05)
        x = q.get()
        if x is None:
            break
        got.append(x)
    p.join()
    print(got)
)PY", 4);
  REQUIRE(r.status == "ok");
  CHECK(r.stdout_text == "[0, 1, 2]\n");
  REQUIRE(r.processes.size() == 1);
  // the producer can only put its last item after the parent's third get (~0.15 s)
  CHECK(r.processes[0].end_s > 0.15);
  CHECK(r.processes[0].cpu_s < 0.01);
}

TEST_CASE("a Pipe request/response and a Queue pair cost what CPython measured", "[processes]") {
  // tools/bench/pipe_round_trip.py on CPython 3.11 (load 11 on 2 cores, minimum
  // of 7 x 1000): a Pipe round trip 11.3 us of the parent's CPU and 22.0 us of
  // wall; a Queue pair 18.2 us of CPU (its feeder thread included) and 48.9 us of wall
  const char* prog = R"PY(
import multiprocessing as mp
import time

def echo(conn, qi, qo):
    while True:
        m = conn.recv()
        if m is None:
            break
        conn.send(m)
    while True:
        m = qi.get()
        if m is None:
            break
        qo.put(m)

if __name__ == "__main__":
    a, b = mp.Pipe()
    qi, qo = mp.Queue(), mp.Queue()
    p = mp.Process(target=echo, args=(b, qi, qo))
    p.start()
    n = 500
    t0, c0 = time.perf_counter(), time.process_time()
    for i in range(n):
        a.send(i)
        a.recv()
    t1, c1 = time.perf_counter(), time.process_time()
    a.send(None)
    for i in range(n):
        qi.put(i)
        qo.get()
    c2, t2 = time.process_time(), time.perf_counter()
    qi.put(None)
    p.join()
    print((c1 - c0) / n * 1e6, (t1 - t0) / n * 1e6, (c2 - c1) / n * 1e6, (t2 - t1) / n * 1e6)
)PY";
  auto r = run(prog, 4);
  REQUIRE(r.status == "ok");
  std::istringstream in(r.stdout_text);
  double pipe_cpu = 0, pipe_wall = 0, queue_cpu = 0, queue_wall = 0;
  in >> pipe_cpu >> pipe_wall >> queue_cpu >> queue_wall;
  CHECK(pipe_cpu == Approx(11.3).epsilon(0.25));
  CHECK(pipe_wall == Approx(22.0).epsilon(0.25));
  CHECK(queue_cpu == Approx(18.2).epsilon(0.25));
  CHECK(queue_wall == Approx(48.9).epsilon(0.25));
}
