// The GC model's links to the rest of the engine: pause costs from the cost
// table and the report's gc section (kept apart so gc_model.cpp depends on
// nothing but the standard library).
#include "report/report.h"
#include "sim/costs/cost_table.h"
#include "sim/memory/gc_model.h"

namespace pitfall::sim::memory {

GcCosts gc_costs_from(const costs::CostTable& table) {
  GcCosts c;
  c.young_per_object_ns = table.param("gc.young_per_object_ns", c.young_per_object_ns);
  c.full_per_object_ns = table.param("gc.full_per_object_ns", c.full_per_object_ns);
  c.free_per_object_ns = table.param("gc.free_per_object_ns", c.free_per_object_ns);
  c.interpreter_per_object_ns = table.param("gc.interpreter_per_object_ns", c.interpreter_per_object_ns);
  c.mark_per_object_ns = table.param("gc.mark_per_object_ns", c.mark_per_object_ns);
  return c;
}

void GcModel::fill(report::Report& r) const {
  for (int g = 0; g < 3 && g < static_cast<int>(stats_.size()); ++g) r.gc_collections[g] = stats_[g].collections;
  r.gc_collected = collected_total_;
  r.gc_events.clear();
  for (const GcEventRecord& e : events_) {
    report::GcEvent ev;
    ev.t_s = e.t_s;
    ev.generation = e.generation;
    ev.ms = e.ms;
    ev.collected = e.collected;
    r.gc_events.push_back(ev);
  }
}

}  // namespace pitfall::sim::memory
