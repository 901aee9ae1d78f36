// multiprocessing on the virtual clock: Process start/join and Pool.map with
// its chunking, argument/result pickling and per-chunk IPC, one lane per
// child process.
//
// Notes about the model: each child is its own interpreter with its own GIL,
// so children compute in parallel up to `cores` (a chunk waits for a free
// core). Start cost per start method (Lib/multiprocessing/context.py; default
// on Linux: fork up to 3.13, forkserver from 3.14, from the cost table's
// process.default_start_method): the parent starts children one after the
// other (each start costs it one fork); spawn and forkserver children then
// boot in parallel (a fresh interpreter importing the main module); the first
// forkserver start also launches the server. Pool.map follows
// Lib/multiprocessing/pool.py: chunksize defaults to ceil(len / (4 * workers));
// the parent's task-handler thread pickles chunks one after the other and its
// result-handler thread unpickles results one after the other (each also pays
// a fixed per-chunk IPC cost: pipe write/read and wake-ups; the two threads
// share the parent's GIL, so their total is serial); a free worker
// takes the next chunk in order, unpickles it, computes, pickles the results
// and pays its own per-chunk IPC cost (reading the task under the queue's
// lock, writing the result). The per-chunk costs are CPU measured by
// tools/bench/pool_ipc.py (parent: all its threads; chunksize=1 vs large
// chunks); the parent's part is CPU of the parent process (PoolRun::parent_busy).
// Pickling time is bytes x measured ns/byte (pickle.dumps_ns_per_byte /
// loads_ns_per_byte). Chunks are assigned by list scheduling in dispatch order,
// which is what the pool's shared task queue does. The plan's per-chunk parent
// CPU (PoolRun::chunk_list) is what the VM's Pool handler threads then spend
// under the parent's GIL (vm/pool_handlers.h); pool_start / pool_map on a
// PoolWorkers keep a Pool's workers between maps, as Pool() forks them once.
// A fork's cost grows with the parent's memory: the kernel copies the
// parent's page tables and marks its private pages copy-on-write
// (kernel/fork.c copy_mm -> dup_mmap -> copy_page_range), so a fork start
// costs the parent process.start_ns.fork (an interpreter with multiprocessing
// imported) plus process.fork_ns_per_mb per megabyte the program itself has
// resident (the simulated heap's arenas and large blocks, set_parent_rss);
// measured by tools/bench/fork_cost.py, in line with the 10-25 ms per GB
// reported for Linux on bare metal and KVM (Redis's latency notes).
// multiprocessing.Process children are processes of the Scheduler
// (process_threads.cpp): start_child pays their start and link_lane shows
// their thread's span and CPU in processes[].
// Left out: copy-on-write page faults after fork, worker recycling (maxtasksperchild), imap ordering.
#pragma once
#include <cstdint>
#include <vector>

#include "report/report.h"
#include "sim/sched/kernel.h"

namespace pitfall::sim::costs { class CostTable; }

namespace pitfall::sim::sched {

class Scheduler;

enum class StartMethod { Fork, Spawn, Forkserver };

struct ProcConfig {
  int cores = 4;
  StartMethod method = StartMethod::Fork;
  Nanos start_fork = 2'000'000, start_spawn = 60'000'000, start_forkserver = 15'000'000;
  Nanos forkserver_first = 60'000'000;  // launching the fork server on first use
  double fork_ns_per_mb = 0;  // fork start: parent's extra CPU per MB of the program's resident memory
  double dumps_ns_per_byte = 5.3, loads_ns_per_byte = 8.3;
  // per chunk: parent CPU (send + receive, process.chunk_ipc_ns) and worker CPU
  // (process.worker_task_ns); defaults: the 3.11 table's measured figures
  Nanos chunk_ipc_ns = 12'074, worker_task_ns = 12'184;
  // How the parent's per-chunk IPC CPU falls on Pool's three handler threads
  // (Lib/multiprocessing/pool.py): _handle_tasks sends, _handle_results
  // receives, _handle_workers wakes up whenever the result pipe is readable
  // (its wait() includes the outqueue's reader) and checks the workers. Shares
  // and each thread's own CPU per pool (start-up, first checks, terminate)
  // from tools/bench/pool_threads.py (process.pool_thread_share.* and
  // process.pool_thread_fixed_ns.*, in the order workers, tasks, results).
  double handler_share[3] = {0.31, 0.415, 0.275};  // 3.11 measured
  Nanos handler_fixed[3] = {0, 0, 0};
  // Pool terminate: after the worker handler has exited, the parent sends the
  // idle workers SIGTERM and joins them (_terminate_pool); the wall time until
  // they are reaped (signal, the child's exit, waitpid), with the GIL released
  // (process.pool_reap_ns, tools/bench/pool_reap.py)
  Nanos pool_reap = 0;
  // Pool.__init__'s own parent CPU besides the forks and the handler threads'
  // starts (three SimpleQueues with their pipes and SemLocks, the Process
  // objects; process.pool_init_ns, tools/bench/pool_init.py)
  Nanos pool_init = 0;
  static ProcConfig from(const costs::CostTable& t, int cores);
};

struct PoolItem {
  Nanos cpu = 0;                // the function's time on this item
  std::int64_t arg_bytes = 5;   // pickled size of the argument (a small int: ~5 bytes)
  std::int64_t result_bytes = 5;
};

// One chunk of a map as the parent's handler threads see it: when the task
// handler has sent it (in the plan: handler threads one after the other) and
// when its result is readable in the parent, and the CPU each handler thread
// spends on it (workers: the wake-up on the readable result pipe).
struct PoolChunk {
  Nanos sent = 0, done = 0;
  Nanos send_cpu = 0, recv_cpu = 0, wake_cpu = 0;
};

struct PoolRun {
  Nanos start = 0, ready = 0, end = 0;  // map called / all workers up / results back in the parent
  int chunksize = 0, chunks = 0;
  Nanos parent_busy = 0;                // parent handler threads' pickling + IPC time
  std::vector<PoolChunk> chunk_list;
};

// A started Pool's workers: when each is free next, and its lane.
struct PoolWorkers {
  std::vector<Nanos> free;
  std::vector<std::size_t> lane;
};

// Pool.map's default chunksize (Lib/multiprocessing/pool.py Pool._map_async).
int default_chunksize(std::int64_t items, int workers);

class Processes {
 public:
  explicit Processes(ProcConfig cfg = {}) : cfg_(cfg) { if (cfg_.cores < 1) cfg_.cores = 1; }
  // Process(target=f, args=...).start() at `at`; the child computes `cpu`.
  // Returns the child's pid; join_time(pid) is when join() returns.
  int start_process(Nanos at, Nanos cpu, std::int64_t arg_bytes = 0);
  // The same with a start method other than the default (a context's:
  // multiprocessing.get_context("spawn")).
  int start_process(Nanos at, Nanos cpu, std::int64_t arg_bytes, StartMethod method);
  Nanos join_time(int pid) const;
  // Process.start() of a child the scheduler runs (Scheduler::add_process) at
  // `at`: returns the parent's clock after its part of the start (pickling the
  // arguments, the fork); `ready` is when the child can run Python code (a
  // spawned child boots first), `pid` its lane's pid.
  Nanos start_child(Nanos at, std::int64_t arg_bytes, StartMethod method, Nanos& ready, int& pid);
  // The lane `pid` shows the scheduler's thread `t` (its start, end and CPU).
  void link_lane(int pid, const Scheduler* s, int t);
  // with Pool(workers) as p: p.map(f, items, chunksize) starting at `at`
  // (chunksize <= 0: the default). Workers are started by the call.
  PoolRun pool_map(Nanos at, int workers, const std::vector<PoolItem>& items, int chunksize = 0);
  // Pool(workers) created at `at`: the parent starts the workers one after the
  // other (`parent` advances by its share of the starts).
  PoolWorkers pool_start(Nanos at, Nanos& parent, int workers);
  PoolWorkers pool_start(Nanos at, Nanos& parent, int workers, StartMethod method);
  // p.map(...) at `at` on a started pool (its workers' state advances).
  PoolRun pool_map(Nanos at, PoolWorkers& w, const std::vector<PoolItem>& items, int chunksize = 0);
  // The pool is terminated at `at`: its workers' lanes end there.
  void pool_end(const PoolWorkers& w, Nanos at);
  const ProcConfig& config() const { return cfg_; }
  // The parent's resident memory beyond the bare interpreter, for the next
  // fork starts (their page-table copy grows with it).
  void set_parent_rss(std::int64_t bytes) { parent_rss_ = bytes > 0 ? bytes : 0; }
  const std::vector<report::ProcessLane>& lanes() const { return lanes_; }
  void fill(report::Report& r) const;

 private:
  // Starts a child at `at` (parent side); returns when it can run Python code.
  Nanos launch(Nanos& parent_clock) { return launch(parent_clock, cfg_.method); }
  Nanos launch(Nanos& parent_clock, StartMethod method);
  Nanos run_on_core(Nanos ready, Nanos work);
  ProcConfig cfg_;
  bool forkserver_up_ = false;
  std::int64_t parent_rss_ = 0;
  std::vector<Nanos> core_free_;
  std::vector<report::ProcessLane> lanes_;
  std::vector<Nanos> ends_;
  struct Link { std::size_t lane; const Scheduler* s; int t; };
  std::vector<Link> links_;
};

}  // namespace pitfall::sim::sched
