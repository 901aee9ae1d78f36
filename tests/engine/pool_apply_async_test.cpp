// Pool.apply_async / map_async do not block the caller (Lib/multiprocessing/
// pool.py: the task goes on the task queue, an ApplyResult comes back at
// once): tasks submitted one after the other run on the pool's workers in
// parallel, as pool.map's chunks do, and get() waits for each result.
#include <catch2/catch.hpp>

#include <string>

#include "sim/simulation.h"
#include "test_support.h"

using pitfall::test::run_program;

namespace {

// A program that times 8 calls of work(200_000) one after the other, then the
// same 8 calls handed to a pool in the two ways `pool_block` writes (setting
// out, t_a and out2, t_b; `pool_imports` names the module it uses), and prints
// whether both gave the sequential results and the two speedups.
std::string program(const std::string& pool_imports, const std::string& pool_block) {
  return "import " + pool_imports + R"PY(, time
def work(n):
    s = 0
    for i in range(n):
        s += i * i
    return s
if __name__ == "__main__":
    t = time.perf_counter()
    seq = [work(200_000) for _ in range(8)]
    t_seq = time.perf_counter() - t
)PY" + pool_block + R"PY(
    print(sorted(out) == seq, out2 == seq)
    print(t_seq / t_a)
    print(t_seq / t_b)
)PY";
}

// apply_async (t_a) and map (t_b) on a Pool(workers)
std::string pool_program(int workers) {
  return program("multiprocessing as mp", "    with mp.Pool(" + std::to_string(workers) + R"PY() as pool:
        t = time.perf_counter()
        rs = [pool.apply_async(work, (200_000,)) for _ in range(8)]
        out = [r.get() for r in rs]
        t_a = time.perf_counter() - t
        t = time.perf_counter()
        out2 = pool.map(work, [200_000] * 8)
        t_b = time.perf_counter() - t)PY");
}

}  // namespace

TEST_CASE("apply_async tasks run on the pool's workers in parallel", "[processes]") {
  for (const char* python : {"3.11", "3.13"}) {
    INFO(python);
    auto r = run_program(pool_program(4), python, 4);
    REQUIRE(r.status == "ok");
    REQUIRE(r.stdout_text.rfind("True True\n", 0) == 0);
    auto [aa, map] = pitfall::test::two_printed_numbers(r);
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
  auto r = run_program(pool_program(2), "3.11", 2);
  REQUIRE(r.status == "ok");
  auto [aa, map] = pitfall::test::two_printed_numbers(r);
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
  const std::string prog = program("concurrent.futures as cf", R"PY(    with cf.ProcessPoolExecutor(4) as ex:
        ex.submit(work, 1).result()  # the workers are up
        t = time.perf_counter()
        fs = [ex.submit(work, 200_000) for _ in range(8)]
        out = [f.result() for f in cf.as_completed(fs)]
        t_a = time.perf_counter() - t
        t = time.perf_counter()
        out2 = list(ex.map(work, [200_000] * 8))
        t_b = time.perf_counter() - t)PY");
  auto r = run_program(prog, "3.11", 4);
  REQUIRE(r.status == "ok");
  REQUIRE(r.stdout_text.rfind("True True\n", 0) == 0);
  auto [sub, map] = pitfall::test::two_printed_numbers(r);
  INFO("submit " << sub << " map " << map);
  CHECK(sub > 3.0);
  CHECK(sub > 0.8 * map);  // map's chunks pay its own pickling per chunk: submit is not slower
}
