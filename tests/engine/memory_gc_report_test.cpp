// The GC model's pause costs come from the cost table, and its figures land
// in the report's gc section.
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "report/report.h"
#include "sim/costs/cost_table.h"
#include "sim/memory/gc_model.h"

using namespace pitfall::sim;
using namespace pitfall::sim::memory;

namespace {
// n isolated 2-cycles, nothing else.
struct Cycles : GcHeap {
  std::vector<std::int64_t> rc;
  std::int64_t refcount(GcId id) override { return rc[id]; }
  void traverse(GcId id, GcVisit visit) override {
    if (rc[id] > 0) visit(id % 2 ? id + 1 : id - 1);
  }
  void clear(GcId id) override {
    GcId other = id % 2 ? id + 1 : id - 1;
    rc[id] = rc[other] = 0;
    if (gc) { gc->on_dealloc(id); gc->on_dealloc(other); }
  }
  GcModel* gc = nullptr;
};
}  // namespace

TEST_CASE("GC pause costs come from the cost table's gc.* params", "[memory][gc]") {
  std::string err;
  auto table = costs::CostTable::parse(
      R"({"version": "3.11", "params": {"gc.young_per_object_ns": 10, "gc.full_per_object_ns": 100,
          "gc.free_per_object_ns": 1000}})", err);
  REQUIRE(table);
  const GcCosts c = gc_costs_from(*table);
  CHECK(c.young_per_object_ns == 10);
  CHECK(c.full_per_object_ns == 100);
  CHECK(c.free_per_object_ns == 1000);

  GcModel gc(11, 0, c);
  Cycles heap;
  heap.gc = &gc;
  heap.rc.assign(2001, 1);  // ids 1..2000: 1000 cycles, each object referenced by its partner only
  for (GcId id = 1; id <= 2000; ++id) gc.track(id);
  const GcResult r = gc.collect(heap, 2, 0.5);
  CHECK(r.collected == 2000);
  CHECK(r.examined == 2000);
  CHECK(r.pause_ns == Approx(2000 * 100 + 2000 * 1000));

  pitfall::report::Report rep;
  gc.fill(rep);
  CHECK(rep.gc_collections[2] == 1);
  CHECK(rep.gc_collections[0] == 0);
  CHECK(rep.gc_collected == 2000);
  REQUIRE(rep.gc_events.size() == 1);
  CHECK(rep.gc_events[0].t_s == 0.5);
  CHECK(rep.gc_events[0].ms == Approx(2.2));
  CHECK(rep.gc_events[0].generation == 2);
}
