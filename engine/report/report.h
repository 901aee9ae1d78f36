// The simulation report: the one contract between the engine and every view
// (CLI, web app, tests). The JSON shape is fixed by INTERFACES.md.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "report/finding.h"

namespace pitfall::report {

struct Segment {
  double start_s = 0, end_s = 0;
  std::string state;  // run | wait_gil | io | sleep | lock | done
};

struct ThreadLane {
  std::string name;
  double start_s = 0, end_s = 0, cpu_s = 0;
  std::vector<Segment> segments;
};

struct ProcessLane {
  int pid = 0;
  double start_s = 0, end_s = 0, cpu_s = 0;
};

struct Stall {
  double start_s = 0, dur_ms = 0;
  int line = 0;
};

struct LoopStats {
  std::int64_t steps = 0;
  double max_step_ms = 0, total_step_ms = 0;
  std::vector<Stall> stalls;
};

// One asyncio task's life: spans [start_s, end_s, state] with state
// created | running | waiting (done tasks end with their last span).
struct TaskLane {
  std::string name;
  std::vector<Segment> spans;
};

struct GcEvent {
  double t_s = 0;
  int generation = 0;
  double ms = 0;
  std::int64_t collected = 0;
};

struct LineCost {
  int line = 0;
  double time_s = 0;
  std::int64_t count = 0;
  std::int64_t alloc_bytes = 0;
};

struct Report {
  std::string python = "3.12";
  bool free_threaded = false, jit = false;
  std::string status = "ok";  // ok | exception | budget | error | running
  bool estimated = false;
  std::string estimate_note;
  std::optional<std::string> exception;
  std::string stdout_text, stderr_text;
  double wall_s = 0, cpu_s = 0;
  std::int64_t instructions = 0;
  std::vector<ThreadLane> threads;
  std::vector<ProcessLane> processes;
  int gil_switches = 0;
  double gil_wait_s = 0;
  std::string gil_note;  // why threads did or did not run in parallel (GIL / free-threaded cores)
  LoopStats loop;
  std::vector<TaskLane> tasks;  // asyncio tasks, in creation order
  std::int64_t mem_peak = 0, mem_final = 0, rss_peak = 0;
  std::vector<std::pair<double, std::int64_t>> mem_samples;
  std::int64_t gc_collections[3] = {0, 0, 0};
  std::int64_t gc_collected = 0;
  std::vector<GcEvent> gc_events;
  std::vector<LineCost> lines;
  std::vector<Finding> findings;
  std::string error;  // message for status "error"
};

}  // namespace pitfall::report
