// Simulated OS threads on the virtual clock: one state at a time per thread
// (run, wait_gil, io, sleep, lock, done), a lane of segments per thread, the
// GIL (gil.h) or, for free-threaded builds, up to `cores` threads running in
// parallel, and the synchronisation objects of the threading and queue modules
// (sync.h).
//
// Notes about the model: a thread's code is a ThreadBody. The scheduler picks
// the thread to run and a deadline (the time of the next kernel event: a GIL
// drop request, a timer, an I/O completion); the body runs, charging virtual
// CPU time, until its first eval-breaker point at or after the deadline
// (Python/ceval.c: function entry, loop back-edges, after calls), or until it
// makes a blocking or threading call, or ends; it returns what stopped it as a
// Request. Blocking calls release the GIL for their duration and re-acquire it
// after, through take_gil like any waiter. With a GIL only its holder runs
// (Python/ceval_gil.c, see gil.h). Free-threaded: no GIL; up to `cores`
// runnable threads are on a core at once, advanced in lockstep: the thread
// with the smallest local clock runs next, for at most `lockstep_quantum`, so
// cross-thread ordering errors are bounded by that quantum; surplus runnable
// threads wait for a core (shown as wait_gil) and the OS rotates them every
// `os_timeslice`. When the main thread's body ends, it waits for the
// non-daemon threads as threading._shutdown() does (shown as lock); daemon
// threads are cut at the end. When nothing can ever run again (every live
// thread blocked on a lock, join, queue or condition, no timer pending), the
// run ends with a deadlock message naming each thread and what it holds and
// waits for. Left out: OS scheduling noise and priorities, the cost of
// Thread.start() (the VM charges it from the cost table), the start-up
// hand-shake between a new thread and its starter, signals, thread-local
// storage.
#pragma once
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "report/report.h"
#include "sim/sched/gil.h"
#include "sim/sched/kernel.h"
#include "sim/sched/request.h"
#include "sim/sched/sync.h"

namespace pitfall::sim::sched {

enum class ThreadState { New, Run, WaitGil, Io, Sleep, Lock, Done };
const char* state_name(ThreadState s);

// What the scheduler tells a body when it runs it.
struct RunContext {
  ThreadId thread = 0;
  Nanos now = 0;       // virtual time at which the body resumes
  Nanos deadline = 0;  // stop at the first eval-breaker point at or after this time
  const Outcome* last = nullptr;  // answer to the body's previous request (never null)
};

struct RunResult {
  Nanos ran = 0;  // virtual CPU time the body consumed (>= 0)
  Request request;
};

// A thread's code. The VM implements it by running the thread's frame stack;
// tests use ScriptedBody (scripted_body.h). Must not throw.
class ThreadBody {
 public:
  virtual ~ThreadBody() = default;
  virtual RunResult run_until(const RunContext& ctx) = 0;
};

struct SchedConfig {
  bool gil = true;                    // false: free-threaded build
  int cores = 4;
  Nanos switch_interval = 5'000'000;  // sys.getswitchinterval()
  Nanos handoff = 150'000;            // wake-up latency of a GIL waiter (cost table: gil.handoff_ns)
  Nanos wake = -1;                    // ... woken by a voluntary drop (a blocking call); < 0: `handoff`
  Nanos lockstep_quantum = 200'000;   // free-threaded: longest run before another core's thread catches up
  Nanos os_timeslice = 4'000'000;     // free-threaded: rotation when more runnable threads than cores
  bool fifo_rewait = true;             // GIL: a drop wakes the longest waiter since its last timed wait (see gil.h);
                                       // false: a forced drop goes to the waiter that requested it
  bool signal_groups = true;           // GIL: a voluntary drop wakes a waiter of glibc's G1 group, the one that began
                                       // waiting last (see gil.h); false: the longest waiter
  bool lock_barging = true;            // a lock release wakes a waiter that retries after `wake` (sync.cpp lock_handoff);
                                       // false: the release hands the lock to the longest waiter
  Nanos process_quantum = 1'000'000;  // a child process's longest run before the other processes catch up (process_threads.cpp)
  Nanos cold_resume = 0;               // GIL: CPU the thread that takes the GIL after the process ran nothing for
  Nanos cold_resume_from = 2'000'000;  // cold_resume_full pays (cold caches, an idle core's wake-up), rising
  Nanos cold_resume_full = 12'000'000; // linearly from cold_resume_from (thread.cold_resume*_ns, tools/bench/wake_cold.py)
  Nanos lock_fair_after = -1;          // >= 0: a release hands the lock to a waiter that has waited this long
                                       // (PyMutex's TIME_TO_BE_FAIR_NS = 1 ms, Python/lock.c; cost table key
                                       // lock.fair_after_ns); < 0: never (3.11 and 3.13 measured: the releaser barges)
};

struct Thread {
  std::string name;
  ThreadBody* body = nullptr;
  bool daemon = false;
  ThreadState state = ThreadState::New;
  Nanos state_since = 0, started = -1, ended = -1, cpu = 0, gil_wait = 0;
  Nanos local = 0;        // free-threaded: this thread's own clock while on a core
  Nanos core_since = 0;   // free-threaded: when it got its core
  bool on_core = false;
  Outcome last;           // answer to the previous request
  Wait wait;              // what it is blocked on (sync.h)
  ObjId retry_queue = -1;  // woken from a Queue get / put: re-checks that queue when it runs (sync.cpp retry_queue)
  bool retry_put = false;
  std::int64_t retry_value = 0;
  Nanos retry_deadline = -1;
  Nanos cold_pending = 0;  // CPU owed for resuming after the process was idle (SchedConfig::cold_resume)
  std::vector<report::Segment> segments;
  // A child process's main thread (process_threads.cpp): its own interpreter
  // and GIL, on a core of its own while one is free.
  bool own_gil = false;
  bool proc_core = false;  // holds one of the cores
  EventId proc_ev = 0;     // its next run (0: none pending)
  int exit_signal = 0;     // > 0: ended by this signal (Process.terminate: SIGTERM)
};

class Scheduler {
 public:
  explicit Scheduler(SchedConfig cfg = {});
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Adds a thread (not started). The first thread added is the main thread and
  // is started at once.
  ThreadId add_thread(std::string name, ThreadBody* body, bool daemon = false);
  // A child process (multiprocessing.Process), not started: it runs in
  // parallel with the parent and the other children, on its own GIL, once a
  // Start request (or start_at) starts it (process_threads.cpp).
  ThreadId add_process(std::string name, ThreadBody* body, bool daemon = false);
  // Starts a new process at `from` (the starter's clock); it can run from
  // `at` on (a spawned child boots meanwhile, shown as io).
  void start_at(ThreadId t, Nanos from, Nanos at);
  // Process.terminate(): the process ends now with `signal` (it does not run again).
  void kill(ThreadId t, int signal, Nanos at);
  // An item arrives in queue `o` at `at` from outside any thread (a
  // multiprocessing Queue's feeder thread writing it to the pipe); a waiting
  // getter wakes.
  void queue_push(ObjId o, std::int64_t value, Nanos at);
  // Synchronisation objects; names are used in deadlock messages.
  ObjId new_lock(std::string name) { return sync_.add(SyncKind::Lock, std::move(name)); }
  ObjId new_rlock(std::string name) { return sync_.add(SyncKind::RLock, std::move(name)); }
  ObjId new_semaphore(std::string name, std::int64_t value, bool bounded = false);
  ObjId new_event(std::string name) { return sync_.add(SyncKind::Event, std::move(name)); }
  ObjId new_condition(std::string name, ObjId lock = -1);  // lock < 0: a new RLock, as threading.Condition()
  ObjId new_barrier(std::string name, int parties);
  ObjId new_queue(std::string name, std::int64_t maxsize = 0, bool ipc = false);  // ipc: between processes
  // Renames a synchronisation object (the VM names it after the variable that holds it).
  void rename(ObjId o, std::string name) { if (sync_.valid(o)) sync_[o].name = std::move(name); }
  const std::string& name_of(ObjId o) const { static const std::string none; return sync_.valid(o) ? sync_[o].name : none; }
  // Carries out, at once, a request that never blocks the caller (Start, Release,
  // Event set/clear, Condition notify, a non-blocking acquire/put/get), for a
  // thread that is running and cannot stop where it is (a built-in called back
  // from C code). Returns its outcome. Requests that may block answer error_type "NotModelled".
  Outcome apply(ThreadId t, const Request& rq, Nanos at);
  // A synchronisation object's state (Event flag, queue items, lock owner), or null.
  SyncObj* sync_obj(ObjId o) { return sync_.valid(o) ? &sync_[o] : nullptr; }
  // The lock of a Condition (what `with cond:` acquires).
  ObjId condition_lock(ObjId cond) const { return sync_.valid(cond) ? sync_[cond].lock : -1; }

  // sys.setswitchinterval(): applies to waits that start from now on.
  void set_switch_interval(Nanos ns) { cfg_.switch_interval = ns > 0 ? ns : 1; }
  Nanos switch_interval() const { return cfg_.switch_interval; }
  const SchedConfig& config() const { return cfg_; }

  // Runs up to `max_dispatches` body runs / kernel events; true when finished.
  bool run(std::uint64_t max_dispatches = ~std::uint64_t(0));
  bool finished() const { return finished_; }
  Nanos now() const { return end_ > 0 ? end_ : kernel_.now(); }
  // Non-empty when the run ended because no thread could ever run again.
  const std::string& deadlock() const { return deadlock_; }

  const std::vector<Thread>& threads() const { return threads_; }
  const std::vector<GilSpan>& gil_spans() const { return gil_.spans; }
  // (time, number of threads waiting for the GIL) at each change.
  const std::vector<std::pair<Nanos, int>>& gil_waiter_samples() const { return gil_.waiter_samples; }
  std::int64_t gil_switches() const { return gil_.switches; }
  Nanos gil_wait_total() const;
  // Thread lanes, gil.switches / gil.wait_s, wall_s and cpu_s into a report.
  void fill(report::Report& r) const;
  Kernel& kernel() { return kernel_; }

 private:
  friend class Gil;
  bool dispatch();
  bool dispatch_gil();
  bool dispatch_free();
  void handle(ThreadId t, const Request& rq, Nanos at);
  void set_state(ThreadId t, ThreadState s, Nanos at);
  // The thread wants to run Python code again (after a blocking call, a wake-up, start).
  void make_runnable(ThreadId t, Nanos at);
  void release_cpu(ThreadId t, Nanos at);  // gives up the GIL / its core
  void block(ThreadId t, ThreadState s, Wait w, Nanos at, Nanos timeout);
  // ends a block; the thread reaches take_gil `latency` later (the OS wake-up of a thread woken by another one)
  void wake(ThreadId t, Outcome o, Nanos at, Nanos latency = 0);
  void on_timeout(ThreadId t);
  void thread_done(ThreadId t, Nanos at);
  void check_shutdown(Nanos at);
  void finish(Nanos at);
  std::string describe_deadlock() const;
  void fill_free_cores(Nanos at);
  // ccall_sharing.cpp: GIL-free C calls share the cores
  void ccall_start(ThreadId t, Nanos work, Nanos at);
  void ccall_end(ThreadId t);
  void ccall_progress(Nanos at);
  void ccall_reschedule(Nanos at);
  // process_threads.cpp: child processes on cores of their own
  void proc_runnable(ThreadId t, Nanos at);
  void proc_release(ThreadId t, Nanos at);
  void proc_slice(ThreadId t);
  void proc_after(ThreadId t, const Request& rq);
  void proc_schedule(ThreadId t, Nanos at);
  std::deque<ThreadId> proc_queue_;
  int proc_busy_ = 0;
  struct CRun { ThreadId id; double left; EventId ev; };
  std::vector<CRun> cruns_;
  Nanos crun_since_ = 0;
  // sync.cpp
  void sync_request(ThreadId t, const Request& rq, Nanos at);
  void lock_release(ThreadId t, ObjId o, Nanos at, bool full, std::int64_t* saved_count);
  bool lock_try(ThreadId t, ObjId o, std::int64_t count = 1);
  void lock_handoff(ObjId o, Nanos at);
  void lock_wake_waiter(ObjId o, Nanos at);
  void queue_wake_one(ObjId o, Nanos at, bool getter);
  bool retry_queue(ThreadId t, Nanos at);
  void remove_waiter(ThreadId t);

  SchedConfig cfg_;
  Kernel kernel_;
  Gil gil_;
  SyncTable sync_;
  std::vector<Thread> threads_;
  std::deque<ThreadId> core_queue_;  // free-threaded: runnable, waiting for a core
  bool finished_ = false;
  Nanos end_ = 0;
  std::string deadlock_;
};

}  // namespace pitfall::sim::sched
