// How a thread's blocking call is answered (vm/thread_runtime.cpp): the
// answer replaces the call's placeholder only where the instruction keeps the
// call's value (a built-in __exit__ run by WITH_EXIT drops it), and time a
// slice let pass inside C code (VM::advance_wait) passes before a blocking
// request the same slice then made. The programs are tests/sim ones, whose
// expected output CPython wrote (tools/gen-sim-expectations).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/simulation.h"

namespace {

std::string read(const std::string& rel) {
  std::ifstream f(std::filesystem::path(PITFALL_SOURCE_DIR) / rel, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

pitfall::report::Report run(const std::string& rel, const std::string& python) {
  pitfall::sim::Options o;
  o.python = python;
  pitfall::sim::Simulation s(rel, read(rel), o);
  for (int i = 0; i < 100000 && !s.step(1'000'000); ++i) {
  }
  return s.report();
}

}  // namespace

TEST_CASE("a built-in __exit__ that waits leaves the value under it on the stack", "[threads]") {
  for (std::string python : {"3.11", "3.13"}) {
    auto r = run("tests/sim/multiprocessing/pool_with_in_loop.py", python);
    INFO(python << " " << r.stderr_text);
    CHECK(r.status == "ok");
    // the loop's iterator under `with Pool(...)`'s exit: overwritten by the
    // answer to the exit's join, the next iteration failed
    CHECK(r.stdout_text == read("tests/sim/multiprocessing/pool_with_in_loop.out"));
  }
}

TEST_CASE("time asleep inside C code passes before a threading call in the same slice", "[threads]") {
  for (std::string python : {"3.11", "3.13"}) {
    auto r = run("tests/sim/threads/sleep_in_key_then_wait.py", python);
    INFO(python << " " << r.stderr_text);
    CHECK(r.status == "ok");
    CHECK(r.stdout_text == read("tests/sim/threads/sleep_in_key_then_wait.out"));
    CHECK(r.wall_s >= 0.03);  // three 10 ms sleeps in the key function
    REQUIRE(r.threads.size() == 1);
    double io = 0;
    for (auto& s : r.threads[0].segments)
      if (s.state == "io") io += s.end_s - s.start_s;
    CHECK(io >= 0.03);  // waited with the GIL released, not computed
    CHECK(r.threads[0].cpu_s < 0.01);
  }
}
