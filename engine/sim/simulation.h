// The simulator's public entry point: compile a Python program, run it on the
// virtual clock in resumable slices, and snapshot the report. Used by the CLI
// (`pitfall run|sim|dis`) and by the web app, which calls step() once per frame.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "report/report.h"

namespace pitfall::sim {

struct Options {
  std::string python = "3.12";
  bool free_threaded = false, jit = false;
  int cores = 4;
  double switch_interval = 0.005;
  std::uint64_t budget_instructions = 200'000'000;
  std::uint64_t memory_limit = 1ull << 30;
  // Cost of a first-touch page fault when the heap grows into new memory on
  // the host the program is imagined on, in ns; negative: the table's
  // memory.page_fault_ns (the cited bare-metal figure). A virtual machine's
  // hypervisor can make it 10x dearer (engine/sim/costs/README.md,
  // "Accuracy"); a timing recorded with a measured figure
  // (tools/corpus/measure.py page_fault_ns) is compared with a simulation
  // given that figure. Blocks the system malloc maps fresh keep the table's
  // figure: the model maps more of them than glibc does (README "Accuracy").
  double page_fault_ns = -1;
  // The cyclic collector's state at the program's first line: gc.get_count()
  // and the objects waiting in the oldest generation for the first full
  // collection. Empty: a fresh `python prog.py` of the chosen version. A
  // program started by a launcher that allocated before it (a measuring
  // harness) starts with that launcher's counts.
  std::vector<std::int64_t> gc_start_count;
  std::int64_t gc_start_old_objects = 0;
  // Free-list entries then: [lists, dicts, 1-tuples, 2-tuples, ..., 19-tuples].
  std::vector<std::int64_t> gc_start_free_lists;
};

// Checks option values; returns an error message naming the bad option, or "".
std::string validate(const Options&);

class Simulation {  // resumable; never throws
 public:
  Simulation(std::string filename, std::string source, Options options);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;
  bool step(std::uint64_t max_instructions);  // runs a slice; true when finished
  bool finished() const;
  report::Report report() const;  // snapshot; status "running" until finished
  // Chrome Trace Event Format JSON of the run so far (thread lanes, GIL holder,
  // processes, counters): what `pitfall sim --trace-out` writes.
  std::string trace_json() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Bytecode listing per code object, or a located error text.
std::string disassemble(const std::string& filename, const std::string& source);

}  // namespace pitfall::sim
