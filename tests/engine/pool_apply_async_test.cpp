// Pool.apply_async / map_async do not block the caller (Lib/multiprocessing/
// pool.py: the task goes on the task queue, an ApplyResult comes back at
// once): tasks submitted one after the other run on the pool's workers in
// parallel, as pool.map's chunks do, and get() waits for each result.
#include <catch2/catch.hpp>

#include <string>

#include "sim/simulation.h"

using pitfall::sim::Options;
using pitfall::sim::Simulation;

namespace {

pitfall::report::Report run(const std::string& src, int cores, const std::string& python = "3.11") {
  Options opt;
  opt.python = python;
  opt.cores = cores;
  Simulation s("prog.py", src, opt);
  for (int i = 0; i < 100000 && !s.step(1'000'000); ++i) {
  }
  return s.report();
}

// the speedups over the sequential loop, printed by the program
std::string program(int workers) {
  return R"PY(
import multiprocessing as mp, time
def work(n):
    s = 0
    for i in range(n):
        s += i * i
    return s
if __name__ == "__main__":
    t = time.perf_counter()
    seq = [work(200_000) for _ in range(8)]
    t_seq = time.perf_counter() - t
    with mp.Pool()PY" + std::to_string(workers) + R"PY() as pool:
        t = time.perf_counter()
        rs = [pool.apply_async(work, (200_000,)) for _ in range(8)]
        out = [r.get() for r in rs]
        t_aa = time.perf_counter() - t
        t = time.perf_counter()
        out2 = pool.map(work, [200_000] * 8)
        t_map = time.perf_counter() - t
    print(out == seq, out2 == seq)
    print(t_seq / t_aa)
    print(t_seq / t_map)
)PY";
}

void speedups(const pitfall::report::Report& r, double& aa, double& map) {
  auto nl = r.stdout_text.find('\n');
  auto nl2 = r.stdout_text.find('\n', nl + 1);
  aa = std::stod(r.stdout_text.substr(nl + 1, nl2 - nl - 1));
  map = std::stod(r.stdout_text.substr(nl2 + 1));
}

}  // namespace

TEST_CASE("apply_async tasks run on the pool's workers in parallel", "[processes]") {
  for (const char* python : {"3.11", "3.13"}) {
    INFO(python);
    auto r = run(program(4), 4, python);
    REQUIRE(r.status == "ok");
    REQUIRE(r.stdout_text.rfind("True True\n", 0) == 0);
    double aa = 0, map = 0;
    speedups(r, aa, map);
    INFO("apply_async " << aa << " map " << map);
    // 8 equal tasks on 4 workers and 4 cores: two rounds, as pool.map's 8 chunks
    CHECK(aa > 3.0);
    CHECK(aa == Approx(map).epsilon(0.2));
    // every worker got tasks: its lane shows CPU
    REQUIRE(r.processes.size() == 4);
    for (auto& l : r.processes) CHECK(l.cpu_s > 0.02);
  }
}

TEST_CASE("apply_async on a Pool(2) with 2 cores: about twice as fast as sequential", "[processes]") {
  auto r = run(program(2), 2);
  REQUIRE(r.status == "ok");
  double aa = 0, map = 0;
  speedups(r, aa, map);
  INFO("apply_async " << aa << " map " << map);
  CHECK(aa > 1.7);
  CHECK(aa < 2.05);
  REQUIRE(r.processes.size() == 2);
  // the 8 tasks are shared out: each worker ran 4 (its CPU is about half the total)
  CHECK(r.processes[0].cpu_s == Approx(r.processes[1].cpu_s).epsilon(0.15));
}

TEST_CASE("ProcessPoolExecutor.submit runs the calls on its workers in parallel", "[processes]") {
  // concurrent.futures: submit() returns a Future at once; 8 equal calls on
  // 4 workers and 4 cores finish in about two rounds, as executor.map does
  const char* prog = R"PY(
import concurrent.futures as cf, time
def work(n):
    s = 0
    for i in range(n):
        s += i * i
    return s
if __name__ == "__main__":
    t = time.perf_counter()
    seq = [work(200_000) for _ in range(8)]
    t_seq = time.perf_counter() - t
    with cf.ProcessPoolExecutor(4) as ex:
        ex.submit(work, 1).result()  # the workers are up
        t = time.perf_counter()
        fs = [ex.submit(work, 200_000) for _ in range(8)]
        out = sorted(f.result() for f in cf.as_completed(fs))
        t_sub = time.perf_counter() - t
        t = time.perf_counter()
        out2 = list(ex.map(work, [200_000] * 8))
        t_map = time.perf_counter() - t
    print(out == sorted(seq), out2 == seq)
    print(t_seq / t_sub)
    print(t_seq / t_map)
)PY";
  auto r = run(prog, 4);
  REQUIRE(r.status == "ok");
  REQUIRE(r.stdout_text.rfind("True True\n", 0) == 0);
  double sub = 0, map = 0;
  speedups(r, sub, map);
  INFO("submit " << sub << " map " << map);
  CHECK(sub > 3.0);
  CHECK(sub > 0.8 * map);  // map's chunks pay its own pickling per chunk: submit is not slower
}
