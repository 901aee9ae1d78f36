// Simulated Python threads on the VM: each sched::Scheduler thread is a saved
// VM thread state (its frame stack and handled exception) plus the ThreadBody
// that runs it, and built-ins reach the scheduler through here when they block.
//
// Notes about the model: the VM holds one running thread's state at a time
// (`VM::frames`, `VM::exc_info`); switching threads swaps the saved state in
// and out, as CPython swaps PyThreadState on take_gil(). A thread runs until
// its first eval-breaker check at or after the scheduler's deadline (eval.cpp:
// back-edges, after calls), or until a built-in asks for a blocking call
// (`request()`): the call's instruction completes with a placeholder result,
// the thread stops, and when the scheduler answers, `deliver()` replaces the
// placeholder (acquire() -> True/False, Queue.get() -> the item, ...) or
// raises the answer's error at that call. A built-in running inside C code that
// called back into Python (sorted(key=), a generator driven by list()) cannot
// stop there, as C code in CPython never checks the eval breaker: a
// non-blocking request is carried out at once (Scheduler::apply), a sleep
// lets the time pass there (it becomes a GIL-releasing wait when the thread
// next stops), and any other blocking request raises a clear error.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/sched/processes.h"
#include "sim/sched/threads.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

class ThreadRuntime;
class ProcessStates;  // process_states.h
struct PoolThreads;  // pool_handlers.h

// Called when a thread made by ThreadRuntime::spawn ends: `result` is what the
// callable returned, or null with `exc` the exception it raised.
using ThreadDone = std::function<void(VM&, const Ref& result, const Ref& exc)>;
// Turns the scheduler's answer to a blocking call into the call's Python
// value (`self`: the object whose method blocked); null with an exception set.
using Finish = Ref (*)(VM&, const sched::Outcome&, const Ref& self);

// Runs a thread in place of its frames for a while: asyncio.run's event loop
// (modules/asyncio.cpp), whose passes stop at the select (where the thread
// releases the GIL) and between steps. run() returns true with `r` filled
// (CPU time ran, the request) when the thread stops; false when the thread's
// code goes on (the call that installed the driver has its value on the
// stack, or an exception is set with VM::resume_raise).
class ThreadDriver {
 public:
  virtual ~ThreadDriver() = default;
  virtual bool run(const sched::RunContext& c, sched::RunResult& r) = 0;
};

// One Python thread: its VM state while it is not running, and its body.
class VmThread : public sched::ThreadBody {
 public:
  VmThread(ThreadRuntime& rt, sched::ThreadId id, Ref callable, Ref args);
  ~VmThread() override;
  sched::RunResult run_until(const sched::RunContext& c) override;
  // Frees the frames of a thread cut at exit (daemon threads) or never run.
  void discard();

  sched::ThreadId id;
  std::vector<Frame*> frames;
  Ref exc_info;
  Ref callable, args;  // the thread calls callable(*args) when it first runs
  Ref object;          // its threading.Thread object, if any
  ThreadDone on_done;
  Ref uncaught;        // the exception that ended it (main thread: reported as the program's)
  bool begun = false;
  std::unique_ptr<ThreadDriver> driver;  // set: runs the thread until it hands back to the frames
  int process = 0;     // the process it belongs to (0: the program's own; process_states.h)
  bool process_main = false;  // a child process's main thread

 private:
  bool begin();  // pushes the first frame (false: ended at once)
  // Pushes a frame calling callable(*a) (false: it was not Python code and ran at once, or failed).
  bool push_call(const Ref& callable, std::vector<Ref> a);
  bool hook_ran_ = false;
  bool atexit_ran_ = false;
  void deliver(const sched::Outcome& o);
  ThreadRuntime& rt_;
  Finish finish_ = nullptr;
  bool finish_effect_ = false;  // finish_ runs for its effects only (on_answer_effect)
  Ref finish_self_;
  bool done_next_ = false;  // ended after a wait: report Done on the next run
  bool driver_waits_ = false;  // the driver's frames stopped for a blocking call: deliver its answer
  sched::Request deferred_;    // made after time let pass in the same slice: asked when the thread next runs
  bool has_deferred_ = false;
};

class ThreadRuntime {
 public:
  ThreadRuntime(VM& vm, const sched::SchedConfig& cfg, const sched::ProcConfig& pcfg);
  ~ThreadRuntime();
  ThreadRuntime(const ThreadRuntime&) = delete;
  ThreadRuntime& operator=(const ThreadRuntime&) = delete;

  // The main thread: takes the frames now on vm.frames (the module's code).
  void add_main();
  // A new thread that will call callable(*args) (args: a tuple) once started.
  sched::ThreadId add(const std::string& name, Ref callable, Ref args, bool daemon);
  // A child process's main thread (not started): calls callable(*args) on the
  // objects as process `process` sees them (process_states.h).
  sched::ThreadId add_process(const std::string& name, Ref callable, Ref args, bool daemon, int process);

  // Entry point for other modules (asyncio.to_thread, loop.run_in_executor):
  // makes a thread that calls callable(*args) and starts it now; `done` runs
  // in the VM when it ends, on that thread, with its result or exception.
  // The caller goes on running (Thread.start() semantics without the wait for
  // the new thread's start-up). Returns the thread id (for join requests).
  sched::ThreadId spawn(const std::string& name, Ref callable, Ref args, ThreadDone done, bool daemon = true);

  // Built-ins that block call this: true when the running thread will stop
  // after the current instruction and the scheduler will answer `r` (the
  // built-in returns a placeholder); false when it ran at once (nested
  // context, see the header note) with `now` holding the answer, or raised.
  bool request(const sched::Request& r, sched::Outcome& now);
  // The blocking call that request() accepted is answered by `fin(outcome, self)`:
  // its value replaces the placeholder on the stack, unless the instruction
  // that made the call drops the call's value (WITH_EXIT calling a built-in
  // __exit__), when `fin` runs for its effects only. Time it lets pass
  // (VM::advance_wait) becomes a further wait of the thread, GIL released,
  // before its code goes on.
  void on_answer(Finish fin, Ref self) {
    pending_finish_ = fin;
    pending_self_ = std::move(self);
    pending_effect_ = !call_value_kept();
  }
  // The same for a call whose value is never wanted, whoever makes it.
  void on_answer_effect(Finish fin, Ref self) { on_answer(fin, std::move(self)); pending_effect_ = true; }
  // Whether the instruction running now leaves the value of the built-in it
  // calls on the stack (false for WITH_EXIT, which drops __exit__'s value).
  bool call_value_kept() const;
  // Raises the scheduler's error answer as the matching Python exception.
  Ref raise_outcome(const sched::Outcome& o);
  // Whether the running thread can stop after the current instruction.
  bool can_stop() const;
  // Ends the running thread's slice no later than the scheduler's next event.
  void refresh_deadline();

  VmThread* thread(sched::ThreadId t) { return t >= 0 && t < sched::ThreadId(threads_.size()) ? threads_[size_t(t)].get() : nullptr; }
  sched::ThreadId current() const { return current_; }
  void set_current(sched::ThreadId t) { current_ = t; }

  // Queue items travel through the scheduler as handles.
  std::int64_t keep(Ref v);
  Ref take(std::int64_t handle);
  Ref peek(std::int64_t handle) const {
    auto it = items_.find(handle);
    return it == items_.end() ? Ref() : it->second;
  }
  // Exception classes for the scheduler's error names (Empty, Full, BrokenBarrierError).
  std::unordered_map<std::string, Ref> errors;
  // Gives the synchronisation object held by `obj` the name of the variable
  // that holds it (current frame's locals, then the module's globals).
  void name_after_variable(sched::ObjId o, const Ref& obj);

  VM& vm;
  sched::Scheduler sched;
  sched::Processes procs;
  bool budget_stop = false;  // the instruction budget ran out in some thread
  bool thread_started = false;  // a thread other than the main one has begun (the first pays the cold start)
  Ref shutdown_hook;         // threading._shutdown's hooks, run by the main thread after its code
  Ref atexit_hook;           // atexit's handlers (modules/weakref_module.cpp), run after shutdown_hook
  std::vector<std::shared_ptr<PoolThreads>> pools;  // multiprocessing.Pool handler threads (pool_handlers.h)
  // Each process's view of the program's objects (multiprocessing children):
  // a thread of another process than the last one puts its view in place first.
  std::unique_ptr<ProcessStates> process_states;
  // The process the running thread belongs to.
  int current_process() { VmThread* th = thread(current_); return th ? th->process : 0; }

 private:
  std::vector<std::unique_ptr<VmThread>> threads_;
  std::unordered_map<std::int64_t, Ref> items_;
  std::int64_t next_item_ = 1;
  sched::ThreadId current_ = 0;
  std::vector<bool> named_;
  Finish pending_finish_ = nullptr;
  Ref pending_self_;
  bool pending_effect_ = false;
  friend class VmThread;
};

}  // namespace pitfall::sim
