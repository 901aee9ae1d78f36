// Chrome Trace Event Format export of a simulation (opens in Perfetto and
// chrome://tracing): one lane per thread with a complete ("X") event per
// segment, a GIL-holder lane, the event loop's task spans and stalls, child
// processes, and counters ("C") for GIL waiters and memory; metadata ("M")
// names every lane. Times are microseconds of the simulated clock.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "report/report.h"
#include "sim/sched/gil.h"
#include "sim/sched/kernel.h"

namespace pitfall::sim::sched {

struct TraceTaskSpan {
  std::string task;  // lane name, e.g. "Task-2 worker()"
  double start_s = 0, end_s = 0;
  std::string state;  // created | running | waiting
};

struct TraceInput {
  const report::Report* report = nullptr;           // threads, processes, loop stalls, memory samples
  const std::vector<GilSpan>* gil_spans = nullptr;  // holder ids index report->threads
  const std::vector<std::pair<Nanos, int>>* gil_waiters = nullptr;
  std::vector<TraceTaskSpan> tasks;
};

// The trace as JSON text: {"traceEvents": [...], "displayTimeUnit": "ms"}.
std::string chrome_trace_json(const TraceInput& in);

}  // namespace pitfall::sim::sched
