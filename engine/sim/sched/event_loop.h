// asyncio's event loop on the virtual clock: _run_once over a ready deque and
// a timer heap, tasks as coroutine steppers, and the statistics the report
// shows (steps, step times, stalls, debug-mode slow-callback warnings, per-task
// spans, the loop thread's lane).
//
// Notes about the model: follows Lib/asyncio/base_events.py
// BaseEventLoop._run_once (3.11-3.13): timeout 0 when _ready is non-empty,
// else until the earliest TimerHandle in _scheduled; selector.select(timeout)
// (EpollSelector rounds the timeout up to whole milliseconds, so timers a few
// microseconds apart fire in one pass); timers due before now +
// clock_resolution move to _ready; then exactly the handles present now run
// (callbacks scheduled meanwhile wait for the next pass). One Handle._run is
// one step: a Task.__step (Lib/asyncio/tasks.py) runs its coroutine to the next
// suspension, or a plain callback runs. Awaits create the handles CPython
// creates: `await asyncio.sleep(0)` is a bare yield (the task reschedules
// itself: 1 step); `await asyncio.sleep(d)` / an I/O wait adds a TimerHandle
// (futures._set_result_unless_cancelled: 1 step) and then the task's wake-up
// (1 step); a finishing task schedules each done callback (awaiting task's
// wake-up, gather's _done_callback, run_until_complete's stop) with call_soon;
// awaiting a task that is already done continues in the same step.
// asyncio.run(main) = run_until_complete(main) then shutdown_asyncgens() and
// shutdown_default_executor() as two more tasks (2 steps each). Each step
// costs `step_ns` (cost table asyncio.step_ns) on top of the coroutine's own
// time, each pass `select_ns` for the poll. A blocking call inside a step
// advances the clock inside that step: that is the stall. Debug mode logs
// steps >= slow_callback_duration as CPython words it. The VM's asyncio
// module drives this loop through call_soon_step / call_at_step (its own
// futures and tasks; see INTEGRATION.md section 2), a pass at a time
// (begin_pass / end_select / run_next) when the loop is its thread's body.
// Left out: eager task factories (3.12+), the details of Task reprs after
// `coro=<...>` (cb, created at).
#pragma once
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "report/report.h"
#include "sim/sched/kernel.h"

namespace pitfall::sim::costs { class CostTable; }

namespace pitfall::sim::sched {

class EventLoop;
using TaskId = int;

struct LoopConfig {
  Nanos step_ns = 1178;              // asyncio.step_ns: one Handle._run
  Nanos select_ns = 1200;            // one selector.select() poll per pass
  bool epoll_ms_rounding = true;     // EpollSelector: timeout rounded up to 1 ms
  Nanos clock_resolution = 1;        // time.get_clock_info('monotonic').resolution
  Nanos wake_latency = 0;            // a select() with a timeout returns this late (timer slack, wake-up)
  Nanos slow_callback = 100'000'000; // loop.slow_callback_duration
  Nanos stall_threshold = 10'000'000;
  bool debug = false;                // asyncio.run(debug=True) / PYTHONASYNCIODEBUG
  std::string filename = "main.py";
  static LoopConfig from(const costs::CostTable& t);
};

// What a coroutine step ended on.
struct Await {
  enum Kind { Done, Sleep, Io, Task, Gather } kind = Done;
  Nanos ns = 0;                         // Sleep / Io duration (Sleep 0 = bare yield)
  TaskId task = -1;                     // Task
  std::vector<class Coroutine*> children;  // Gather: wrapped in tasks
};

class StepContext {
 public:
  StepContext(EventLoop& l, TaskId t) : loop_(l), task_(t) {}
  Nanos now() const;
  void run(Nanos ns, int line);    // Python code inside the step
  void block(Nanos ns, int line);  // a blocking call inside the step (time.sleep, requests.get)
  TaskId create_task(class Coroutine* c);
  bool task_done(TaskId t) const;
  TaskId task() const { return task_; }
  // The step stops its thread before its end (the VM's coroutine frames hit
  // an eval-breaker point: GIL drop request, blocking call): the handle stays
  // open (EventLoop::open_step) until the thread runs it on and close_step().
  void suspend() { suspended_ = true; }
  // Time that passed while the step's thread did not run (GIL wait, a
  // blocking call's wait): counts in the step's duration through the clock;
  // here only the stall's line attribution.
  void note(Nanos ns, int line) { if (ns >= longest_) { longest_ = ns; longest_line_ = line; } }

 private:
  friend class EventLoop;
  EventLoop& loop_;
  TaskId task_;
  Nanos longest_ = -1;
  int longest_line_ = 0;
  bool suspended_ = false;
};

// A coroutine the loop can step (the VM's coroutine frame; ScriptedCoro in tests).
class Coroutine {
 public:
  virtual ~Coroutine() = default;
  virtual std::string name() const { return "coro"; }
  virtual int line() const { return 0; }  // where it is suspended / running
  virtual Await step(StepContext& ctx) = 0;
};

struct TaskSpan {
  TaskId task;
  Nanos start, end;
  std::string state;  // created | running | waiting
};

struct LoopStats {
  std::int64_t steps = 0, passes = 0;
  Nanos max_step = 0, total_step = 0;
  std::vector<report::Stall> stalls;
  std::vector<std::string> debug_log;
};

class EventLoop {
 public:
  explicit EventLoop(LoopConfig cfg = {}) : cfg_(std::move(cfg)) {}
  // asyncio.run(main). Returns false if the loop would wait forever.
  bool run(Coroutine* main);
  // loop.run_until_complete(create_task(c)).
  bool run_until_complete(Coroutine* c);
  TaskId create_task(Coroutine* c);
  void call_soon(std::function<void()> fn, std::string label = "callback");
  void call_at(Nanos when, std::function<void()> fn, std::string label = "timer");
  void call_later(Nanos delay, std::function<void()> fn, std::string label = "timer") {
    call_at(now_ + (delay > 0 ? delay : 0), std::move(fn), std::move(label));
  }

  // ---- driving the loop from outside (the VM's asyncio module) ----
  // A handle whose body reports its own time through the StepContext (the VM
  // runs a Task.__step or a Python callback there). `describe` gives the
  // handle's repr for debug-mode warnings, read after the step ran.
  using StepFn = std::function<void(StepContext&)>;
  void call_soon_step(StepFn fn, std::function<std::string()> describe);
  // Returns an id for cancel_timer (TimerHandle.cancel: the handle stays in
  // the heap and is dropped when it comes due, as in _run_once).
  std::uint64_t call_at_step(Nanos when, StepFn fn, std::function<std::string()> describe);
  void cancel_timer(std::uint64_t id);
  void stop() { stopping_ = true; }  // loop.stop(): the current pass finishes first
  bool run_forever();                // false: nothing ready and no timer (would wait forever)
  // The loop driven a pass at a time by the thread that runs it (the VM's
  // asyncio.run as a thread body: it stops at the select, where the thread
  // releases the GIL, and between steps). run_once() is these three in a row.
  // begin_pass(): the pass's poll; returns how long the select waits: 0
  // (handles ready, or stopping), the time to the earliest timer as the
  // selector rounds it plus the wake-up latency, or -1 (nothing ready and no
  // timer: select(None) waits until another thread wakes the loop).
  Nanos begin_pass();
  // The select returned at now() (set_clock first): due timers become ready;
  // the handles ready now are this pass's.
  void end_select();
  // Runs the pass's next handle; false when the pass is over. A handle whose
  // step suspended stays open: open_step() is its context until close_step()
  // measures it (its duration is the clock's advance over all its slices,
  // the thread's waits for the GIL included, as CPython's wall clock sees it).
  bool run_next();
  StepContext* open_step() { return open_ ? &open_->ctx : nullptr; }
  void close_step();
  bool stopping() const { return stopping_; }
  void clear_stop() { stopping_ = false; }
  Nanos blocked() const { return blocked_; }  // time spent in blocking calls inside steps
  void set_clock(Nanos t) { now_ = t; }
  void advance_clock(Nanos t) { if (t > now_) now_ = t; }  // the thread resumed later (GIL wait, select)
  // Tasks driven from outside: spans only (created -> running/waiting -> done).
  TaskId add_task(std::string name);
  void set_task_state(TaskId t, const std::string& s) { if (t >= 0 && t < TaskId(tasks_.size())) task_state(t, s); }

  Nanos now() const { return now_; }
  const LoopStats& stats() const { return stats_; }
  const std::vector<TaskSpan>& task_spans() const { return spans_; }
  std::string task_name(TaskId t) const;
  bool task_done(TaskId t) const { return t >= 0 && t < TaskId(tasks_.size()) && tasks_[std::size_t(t)].done; }
  // The loop thread's lane: run during steps, io in select, sleep in blocking calls.
  const std::vector<report::Segment>& lane() const { return lane_; }
  // loop.steps / max_step_ms / total_step_ms / stalls into the report.
  void fill(report::Report& r) const;

 private:
  friend class StepContext;
  struct Handle {
    Handle() = default;
    Handle(TaskId t, std::function<void()> f, std::string l) : task(t), fn(std::move(f)), label(std::move(l)) {}
    TaskId task = -1;  // >= 0: Task.__step / __wakeup of this task
    std::function<void()> fn;
    std::string label;
    StepFn step;                          // set: runs with the step's context
    std::function<std::string()> describe;
    std::uint64_t timer_id = 0;           // for cancel_timer
  };
  struct Timer {
    Nanos when;
    std::uint64_t seq;
    Handle h;
  };
  struct TaskRec {
    Coroutine* coro = nullptr;
    std::string name;
    bool done = false;
    std::vector<Handle> done_callbacks;
    Nanos state_since = 0;
    std::string state = "created";
  };
  struct Open {
    Handle h;
    StepContext ctx;
    Nanos t0;
  };
  std::unique_ptr<Open> open_;
  bool run_once();
  bool drop_cancelled_head();
  void run_handle(Handle& h);
  void finish_handle(Handle& h, StepContext& ctx, Nanos t0);
  void step_task(TaskId t, StepContext& ctx);
  void task_state(TaskId t, const std::string& s);
  void add_lane(const char* state, Nanos a, Nanos b);

  LoopConfig cfg_;
  Nanos now_ = 0;
  std::deque<Handle> ready_;
  std::vector<Timer> scheduled_;  // heap on (when, seq)
  std::uint64_t seq_ = 0;
  bool stopping_ = false, hung_ = false;
  std::vector<TaskRec> tasks_;
  std::vector<TaskSpan> spans_;
  std::vector<report::Segment> lane_;
  LoopStats stats_;
  int task_counter_ = 0;
  std::vector<std::uint64_t> cancelled_timers_;  // sorted ids
  std::size_t pass_todo_ = 0;  // handles of the current pass not run yet
  Nanos blocked_ = 0;
};

// A scripted coroutine for tests: run / block / sleep / io / create_task /
// await task / gather, in order.
class ScriptedCoro : public Coroutine {
 public:
  explicit ScriptedCoro(std::string name = "coro") : name_(std::move(name)) {}
  ScriptedCoro& run(Nanos ns, int line = 0) { return push({Op::Run, ns, line, nullptr, -1, {}}); }
  ScriptedCoro& block(Nanos ns, int line = 0) { return push({Op::Block, ns, line, nullptr, -1, {}}); }
  ScriptedCoro& sleep(Nanos ns, int line = 0) { return push({Op::Sleep, ns, line, nullptr, -1, {}}); }
  ScriptedCoro& io(Nanos ns, int line = 0) { return push({Op::Io, ns, line, nullptr, -1, {}}); }
  // create_task(c); the k-th created task can then be awaited with await_task(k).
  ScriptedCoro& create_task(Coroutine* c) { return push({Op::Create, 0, 0, c, -1, {}}); }
  ScriptedCoro& await_task(int k, int line = 0) { return push({Op::AwaitTask, 0, line, nullptr, k, {}}); }
  ScriptedCoro& gather(std::vector<Coroutine*> cs, int line = 0) { return push({Op::Gather, 0, line, nullptr, -1, std::move(cs)}); }
  std::string name() const override { return name_; }
  int line() const override { return line_; }
  Await step(StepContext& ctx) override;

 private:
  struct Op {
    enum Kind { Run, Block, Sleep, Io, Create, AwaitTask, Gather } kind;
    Nanos ns;
    int line;
    Coroutine* coro;
    int k;
    std::vector<Coroutine*> children;
  };
  ScriptedCoro& push(Op o) {
    ops_.push_back(std::move(o));
    return *this;
  }
  std::string name_;
  std::vector<Op> ops_;
  std::size_t next_ = 0;
  int line_ = 0;
  std::vector<TaskId> created_;
};

}  // namespace pitfall::sim::sched
