// Each running process's own view of the program's objects, for
// multiprocessing children that run interleaved with the parent and with
// each other (modules/threading_module.cpp, sched/process_threads.cpp).
//
// Notes about the model: the simulator keeps one heap; a forked child's
// copy-on-write copy of the parent is its own saved contents of every mutable
// object reachable from the program's modules and from the processes' roots
// (their Process objects, a spawned child's __mp_main__), vm/fork_state.h.
// Before a thread of another process runs, the contents the objects hold now
// are saved as the last process's and the next one's are written back, so a
// child's appends, rebinds and attribute changes stay its own, as in CPython,
// while native objects (Queues, pipes, Value cells, locks) stay shared.
// Objects only the running process can reach (its frames' own) need no
// saving. The parent's memory peaks (tracemalloc, RSS) are put back to what
// they were when a child's code began, so what a child allocates and frees
// does not show in the parent's peaks. Each process has its own CPU clock
// (VM::cpu_ns: time.process_time), from 0 in a new child as after fork(). Left out: a child's objects alive
// while the parent runs count in the parent's current memory.
#pragma once
#include <vector>

#include "sim/memory/memory_model.h"
#include "sim/vm/fork_state.h"

namespace pitfall::sim {

class ProcessStates {
 public:
  // A child forked now from the running process: its view is a copy of what
  // the objects hold now; `roots` reach what it is handed (its Process
  // object, a spawned child's module dict). `pid` is what os.getpid() gives
  // in it (offset from the parent's). Returns the process number (>= 1).
  int fork(VM& vm, const std::vector<Ref>& roots, std::int64_t pid);
  // Puts process p's view in place (nothing when it is there already).
  void enter(VM& vm, int p);
  // The process ended: its view is dropped.
  void end(int p);
  int applied() const { return applied_; }

 private:
  std::vector<Ref> roots_;
  std::vector<ForkState> states_{1};
  std::vector<std::int64_t> pids_{0};
  std::vector<bool> live_{true};
  std::vector<double> cpu_{0.0};  // each process's CPU clock while another one runs
  int applied_ = 0;
  memory::MemoryModel::Peaks parent_peaks_;  // when the parent's code last stopped for a child's
};

}  // namespace pitfall::sim
