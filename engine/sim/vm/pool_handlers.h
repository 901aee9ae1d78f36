// multiprocessing.Pool's three handler threads in the parent, as simulated
// threads: CPython's Pool.__init__ (Lib/multiprocessing/pool.py) starts
// `_handle_workers`, `_handle_tasks` and `_handle_results` as daemon
// threading.Threads (named `Thread-N (_handle_workers)` ...), and all the
// parent's work for a map happens on them, under the parent's GIL, while the
// calling thread waits in MapResult.wait().
//
// Notes about the model: each handler thread's body is a PoolHandlerDriver
// (a ThreadDriver, thread_runtime.h) that follows a list of steps the pool
// gives it: CPU bursts (which hold the GIL and stop at the scheduler's
// deadline, like a Python loop's eval-breaker checks), waits until a time
// (a result readable in the parent's pipe: shown as io, GIL released) and
// scheduler requests (setting the map's completion event, joining the other
// handlers at terminate). Out of steps, it waits on its own wake-up event
// (the task queue / result pipe / change notifier it blocks on in CPython).
// Per map, sched::Processes::pool_map plans the chunks (handler threads one
// after the other, workers in parallel); the task handler gets a burst per
// chunk (pickling and sending), the result handler waits for each chunk's
// result and unpickles it, the worker handler wakes up once per result (its
// wait() includes the result pipe's reader). Each thread also spends a
// measured CPU of its own per pool (ProcConfig::handler_fixed), charged when
// it starts with the GIL released: measured, almost all of it is the first
// pass of its loop (one wait() on the sentinels took 3-6 ms of thread CPU
// and _maintain_pool 0.7-2 ms in a Pool(2) on 3.11), and CPython's truth
// runs show the next handler starting 0.5 ms after the first, so that time
// does not hold the GIL. The constructor's own Python work (queues, pipes,
// SemLocks) is parent CPU before the forks (ProcConfig::pool_init).
// Terminate (`with` exit, terminate(), join()) follows _terminate_pool: the
// handlers leave their loops (the task handler after the worker handler,
// whose exit puts the None it stops on), the result handler is joined last,
// then the caller reaps the workers it SIGTERMed when the worker handler
// exited (ProcConfig::pool_reap, GIL released). apply_async / map_async /
// starmap_async plan their chunks the same way without blocking the caller:
// the result handler sets that AsyncResult's own event after its last chunk.
// Left out: the planned result times do not move when the GIL delays the task
// handler's sends; the result handler takes results in submission order, not
// in the order they arrive; terminate waits for the chunks already planned;
// imap's lazy feeding; worker restarts.
#pragma once
#include <deque>
#include <memory>

#include "sim/sched/processes.h"
#include "sim/vm/thread_runtime.h"

namespace pitfall::sim {

enum PoolHandler { H_WORKERS = 0, H_TASKS = 1, H_RESULTS = 2 };

struct PoolStep {
  enum Kind { Cpu, Until, Req, Released } kind = Cpu;
  sched::Nanos ns = 0;  // Cpu, Released: duration (Released: CPU with the GIL released); Until: absolute time
  sched::Request req;
};

// One Pool's state shared by its handler threads and the Pool object.
struct PoolThreads {
  sched::PoolWorkers workers;
  std::deque<PoolStep> steps[3];
  sched::ObjId wake[3] = {-1, -1, -1};  // each handler's wake-up event
  sched::ObjId map_done = -1;           // set by the result handler when a map's results are in
  sched::ThreadId tid[3] = {-1, -1, -1};
  bool terminating = false;
  sched::Nanos ended[3] = {-1, -1, -1};  // when each handler thread left its loop
};

class PoolHandlerDriver : public ThreadDriver {
 public:
  PoolHandlerDriver(VM& vm, std::shared_ptr<PoolThreads> pool, int handler)
      : vm_(vm), pool_(std::move(pool)), h_(handler) {}
  bool run(const sched::RunContext& c, sched::RunResult& r) override;

 private:
  VM& vm_;
  std::shared_ptr<PoolThreads> pool_;
  int h_;
  bool cleared_ = false;  // its wake-up event was cleared: wait on it next
};

}  // namespace pitfall::sim
