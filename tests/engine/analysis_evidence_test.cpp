// Tests of attach_evidence (engine/rules/evidence.h) on hand-built reports.
#include <catch2/catch.hpp>

#include "rules/evidence.h"

using namespace pitfall;

namespace {
report::Finding finding(const char* rule, int line, int end_line) {
  report::Finding f;
  f.rule = rule;
  f.line = line;
  f.end_line = end_line;
  return f;
}
}  // namespace

TEST_CASE("evidence: a stall at the finding's line becomes a sentence") {
  report::Report r;
  r.loop.stalls = {{1.2, 503, 7}, {2.0, 20, 9}, {3.5, 120, 7}};
  std::vector<report::Finding> fs = {finding("blocking-call-in-async", 7, 7), finding("blocking-call-in-async", 12, 12)};
  rules::attach_evidence(fs, r);
  CHECK(fs[0].evidence == "stalled the event loop 503 ms at t=1.20 s (2 stalls, 623 ms in total)");
  CHECK(fs[1].evidence.empty());  // no stall on line 12
}

TEST_CASE("evidence: GIL waiting share from thread segments") {
  report::Report r;
  report::ThreadLane a{"T1", 0, 1, 0.3, {{0, 0.3, "run"}, {0.3, 1.0, "wait_gil"}}};
  report::ThreadLane b{"T2", 0, 1, 0.3, {{0, 0.7, "wait_gil"}, {0.7, 1.0, "run"}, {1.0, 1.2, "done"}}};
  r.threads = {a, b};
  r.gil_switches = 40;
  std::vector<report::Finding> fs = {finding("cpu-bound-thread", 3, 3)};
  rules::attach_evidence(fs, r);
  // run 0.6 s, wait 1.4 s: 70 %.
  CHECK(fs[0].evidence == "threads waited 70% of the time for the GIL (2 threads, 40 GIL hand-offs)");

  report::Report single;
  single.threads = {a};
  std::vector<report::Finding> gs = {finding("cpu-bound-thread", 3, 3)};
  rules::attach_evidence(gs, single);
  CHECK(gs[0].evidence.empty());
}

TEST_CASE("evidence: allocations and memory for memory findings") {
  report::Report r;
  r.lines = {{4, 0.5, 1, 80 * 1024 * 1024}, {5, 0.1, 1, 10}};
  r.mem_peak = 120 * 1024 * 1024;
  r.mem_final = 3 * 1024 * 1024;
  r.gc_collections[0] = 10;
  r.gc_collections[2] = 1;
  r.gc_collected = 5000;
  std::vector<report::Finding> fs = {finding("materialized-list-for-reduction", 4, 4), finding("cycle-with-del", 9, 9),
                                     finding("mutable-default-argument", 4, 4)};
  rules::attach_evidence(fs, r);
  CHECK(fs[0].evidence == "this line allocated 80.0 MB over 1 executions");
  CHECK(fs[1].evidence == "peak memory 120.0 MB, 3.0 MB still held at exit; the cyclic GC ran 11 times and freed 5000 objects");
  CHECK(fs[2].evidence.empty());  // rules without a report signal are left alone
}
