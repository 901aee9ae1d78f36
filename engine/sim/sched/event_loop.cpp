// The asyncio event loop model: _run_once, task steps, statistics (see event_loop.h).
#include "sim/sched/event_loop.h"

#include <algorithm>
#include <cstdio>
#include <memory>

#include "sim/costs/cost_table.h"

namespace pitfall::sim::sched {

namespace {
bool timer_later(const auto& a, const auto& b) { return a.when != b.when ? a.when > b.when : a.seq > b.seq; }
}  // namespace

LoopConfig LoopConfig::from(const costs::CostTable& t) {
  LoopConfig c;
  c.step_ns = Nanos(t.param("asyncio.step_ns", double(c.step_ns)));
  c.select_ns = Nanos(t.param("asyncio.select_ns", double(c.select_ns)));
  c.slow_callback = from_seconds(t.param("asyncio.slow_callback_s", 0.1));
  c.wake_latency = Nanos(t.param("sleep.overhead_ns", 0));  // the same kernel timer path as time.sleep
  return c;
}

// ---- StepContext ----
Nanos StepContext::now() const { return loop_.now_; }

void StepContext::run(Nanos ns, int line) {
  if (ns < 0) ns = 0;
  loop_.add_lane("run", loop_.now_, loop_.now_ + ns);
  loop_.now_ += ns;
  if (ns > longest_) { longest_ = ns; longest_line_ = line; }
}

void StepContext::block(Nanos ns, int line) {
  if (ns < 0) ns = 0;
  loop_.add_lane("sleep", loop_.now_, loop_.now_ + ns);
  loop_.now_ += ns;
  loop_.blocked_ += ns;
  if (ns > longest_) { longest_ = ns; longest_line_ = line; }
}

TaskId StepContext::create_task(Coroutine* c) { return loop_.create_task(c); }
bool StepContext::task_done(TaskId t) const { return loop_.task_done(t); }

// ---- EventLoop ----
void EventLoop::add_lane(const char* state, Nanos a, Nanos b) {
  if (b <= a) return;
  double sa = to_seconds(a), sb = to_seconds(b);
  if (!lane_.empty() && lane_.back().state == state && lane_.back().end_s == sa) lane_.back().end_s = sb;
  else lane_.push_back(report::Segment{sa, sb, state});
}

std::string EventLoop::task_name(TaskId t) const {
  return t >= 0 && t < TaskId(tasks_.size()) ? tasks_[std::size_t(t)].name : std::string();
}

void EventLoop::task_state(TaskId t, const std::string& s) {
  TaskRec& r = tasks_[std::size_t(t)];
  if (r.state == s) return;
  if (now_ > r.state_since) spans_.push_back(TaskSpan{t, r.state_since, now_, r.state});
  r.state = s;
  r.state_since = now_;
}

TaskId EventLoop::create_task(Coroutine* c) {
  TaskRec r;
  r.coro = c;
  r.name = "Task-" + std::to_string(++task_counter_);
  r.state_since = now_;
  tasks_.push_back(std::move(r));
  TaskId id = TaskId(tasks_.size() - 1);
  ready_.push_back(Handle{id, nullptr, "step"});  // Task.__init__: call_soon(self.__step)
  return id;
}

void EventLoop::call_soon(std::function<void()> fn, std::string label) {
  ready_.push_back(Handle{-1, std::move(fn), std::move(label)});
}

void EventLoop::call_at(Nanos when, std::function<void()> fn, std::string label) {
  scheduled_.push_back(Timer{when, seq_++, Handle{-1, std::move(fn), std::move(label)}});
  std::push_heap(scheduled_.begin(), scheduled_.end(), [](const Timer& a, const Timer& b) { return timer_later(a, b); });
}

void EventLoop::call_soon_step(StepFn fn, std::function<std::string()> describe) {
  Handle h;
  h.step = std::move(fn);
  h.describe = std::move(describe);
  ready_.push_back(std::move(h));
}

std::uint64_t EventLoop::call_at_step(Nanos when, StepFn fn, std::function<std::string()> describe) {
  Handle h;
  h.step = std::move(fn);
  h.describe = std::move(describe);
  h.timer_id = seq_ + 1;
  std::uint64_t id = h.timer_id;
  scheduled_.push_back(Timer{when, seq_++, std::move(h)});
  std::push_heap(scheduled_.begin(), scheduled_.end(), [](const Timer& a, const Timer& b) { return timer_later(a, b); });
  return id;
}

void EventLoop::cancel_timer(std::uint64_t id) {
  auto it = std::lower_bound(cancelled_timers_.begin(), cancelled_timers_.end(), id);
  if (it == cancelled_timers_.end() || *it != id) cancelled_timers_.insert(it, id);
}

TaskId EventLoop::add_task(std::string name) {
  TaskRec r;
  r.name = std::move(name);
  r.state_since = now_;
  tasks_.push_back(std::move(r));
  return TaskId(tasks_.size() - 1);
}

void EventLoop::step_task(TaskId t, StepContext& ctx) {
  if (tasks_[std::size_t(t)].done || !tasks_[std::size_t(t)].coro) return;
  task_state(t, "running");
  Await a;
  for (int inline_steps = 0;; ++inline_steps) {
    a = tasks_[std::size_t(t)].coro->step(ctx);
    bool continues = (a.kind == Await::Task && task_done(a.task)) || (a.kind == Await::Gather && a.children.empty());
    if (!continues || inline_steps > 1'000'000) break;
  }
  switch (a.kind) {
    case Await::Done: {
      TaskRec& r = tasks_[std::size_t(t)];
      r.done = true;
      task_state(t, "done");
      std::vector<Handle> cbs;
      cbs.swap(r.done_callbacks);
      for (Handle& h : cbs) ready_.push_back(std::move(h));  // __schedule_callbacks: call_soon each
      return;
    }
    case Await::Sleep:
      task_state(t, "waiting");
      if (a.ns <= 0) {
        ready_.push_back(Handle{t, nullptr, "step"});  // __sleep0: bare yield
        return;
      }
      [[fallthrough]];
    case Await::Io:
      task_state(t, "waiting");
      // futures._set_result_unless_cancelled as a TimerHandle; it schedules the task's wake-up.
      call_at(now_ + a.ns, [this, t] { ready_.push_back(Handle{t, nullptr, "wakeup"}); }, "set_result");
      return;
    case Await::Task:
      task_state(t, "waiting");
      if (a.task >= 0 && a.task < TaskId(tasks_.size()))
        tasks_[std::size_t(a.task)].done_callbacks.push_back(Handle{t, nullptr, "wakeup"});
      return;
    case Await::Gather: {
      task_state(t, "waiting");
      auto remaining = std::make_shared<std::size_t>(a.children.size());
      for (Coroutine* c : a.children) {
        TaskId child = create_task(c);
        tasks_[std::size_t(child)].done_callbacks.push_back(Handle{-1, [this, remaining, t] {
          // gather's _done_callback; the last one sets the outer future's result,
          // which schedules the awaiting task's wake-up.
          if (--*remaining == 0) ready_.push_back(Handle{t, nullptr, "wakeup"});
        }, "_done_callback"});
      }
      return;
    }
  }
}

void EventLoop::run_handle(Handle& h) {
  Nanos t0 = now_;
  StepContext ctx(*this, h.task);
  add_lane("run", now_, now_ + cfg_.step_ns);
  now_ += cfg_.step_ns;
  if (h.task >= 0) step_task(h.task, ctx);
  else if (h.step) h.step(ctx);
  else if (h.fn) h.fn();
  if (ctx.suspended_) {
    open_ = std::make_unique<Open>(Open{std::move(h), ctx, t0});
    return;
  }
  finish_handle(h, ctx, t0);
}

void EventLoop::close_step() {
  if (!open_) return;
  std::unique_ptr<Open> o = std::move(open_);
  finish_handle(o->h, o->ctx, o->t0);
}

void EventLoop::finish_handle(Handle& h, StepContext& ctx, Nanos t0) {
  Nanos dt = now_ - t0;
  ++stats_.steps;
  stats_.total_step += dt;
  stats_.max_step = std::max(stats_.max_step, dt);
  if (dt > cfg_.stall_threshold)
    stats_.stalls.push_back(report::Stall{to_seconds(t0), double(dt) * 1e-6, ctx.longest_line_});
  if (cfg_.debug && dt >= cfg_.slow_callback) {
    char took[64];
    std::snprintf(took, sizeof took, "%.3f", double(dt) * 1e-9);
    std::string what;
    if (h.task >= 0) {
      const TaskRec& r = tasks_[std::size_t(h.task)];
      std::string where = r.done ? "done, defined at " : "running at ";
      what = "<Task " + std::string(r.done ? "finished" : "pending") + " name='" + r.name + "' coro=<" +
             r.coro->name() + "() " + where + cfg_.filename + ":" + std::to_string(r.coro->line()) + ">>";
    } else if (h.describe) {
      what = h.describe();
    } else {
      what = "<Handle " + h.label + "()>";
    }
    stats_.debug_log.push_back("Executing " + what + " took " + took + " seconds");
  }
}

bool EventLoop::drop_cancelled_head() {
  if (scheduled_.empty() || !scheduled_.front().h.timer_id) return false;
  auto it = std::lower_bound(cancelled_timers_.begin(), cancelled_timers_.end(), scheduled_.front().h.timer_id);
  if (it == cancelled_timers_.end() || *it != scheduled_.front().h.timer_id) return false;
  cancelled_timers_.erase(it);
  std::pop_heap(scheduled_.begin(), scheduled_.end(), [](const Timer& a, const Timer& b) { return timer_later(a, b); });
  scheduled_.pop_back();
  return true;
}

Nanos EventLoop::begin_pass() {
  ++stats_.passes;
  pass_todo_ = 0;
  while (drop_cancelled_head()) {
  }  // _run_once: "Remove delayed calls that were cancelled from head of queue"
  Nanos timeout = 0;
  if (ready_.empty() && !stopping_) {
    if (scheduled_.empty()) return -1;  // select(None)
    timeout = std::max<Nanos>(0, scheduled_.front().when - now_);
  }
  add_lane("run", now_, now_ + cfg_.select_ns);
  now_ += cfg_.select_ns;
  if (timeout > 0) {
    if (cfg_.epoll_ms_rounding) timeout = (timeout + 999'999) / 1'000'000 * 1'000'000;
    timeout += cfg_.wake_latency;
  }
  return timeout;
}

void EventLoop::end_select() {
  Nanos end_time = now_ + cfg_.clock_resolution;
  auto later = [](const Timer& a, const Timer& b) { return timer_later(a, b); };
  while (!scheduled_.empty() && scheduled_.front().when < end_time) {
    std::pop_heap(scheduled_.begin(), scheduled_.end(), later);
    Handle h = std::move(scheduled_.back().h);
    scheduled_.pop_back();
    if (h.timer_id) {
      auto it = std::lower_bound(cancelled_timers_.begin(), cancelled_timers_.end(), h.timer_id);
      if (it != cancelled_timers_.end() && *it == h.timer_id) {
        cancelled_timers_.erase(it);
        continue;
      }
    }
    ready_.push_back(std::move(h));
  }
  pass_todo_ = ready_.size();
}

bool EventLoop::run_next() {
  if (open_) return true;  // the open step is run on by its thread first
  if (pass_todo_ == 0 || ready_.empty()) {
    pass_todo_ = 0;
    return false;
  }
  --pass_todo_;
  Handle h = std::move(ready_.front());
  ready_.pop_front();
  run_handle(h);
  return true;
}

bool EventLoop::run_once() {
  Nanos timeout = begin_pass();
  if (timeout < 0) {
    hung_ = true;  // select(None) with nothing registered: waits forever
    return false;
  }
  if (timeout > 0) {
    add_lane("io", now_, now_ + timeout);
    now_ += timeout;
  }
  end_select();
  while (run_next()) {
  }
  return true;
}

bool EventLoop::run_forever() {
  stopping_ = false;
  while (run_once())
    if (stopping_) break;
  stopping_ = false;
  return !hung_;
}

bool EventLoop::run_until_complete(Coroutine* c) {
  TaskId t = create_task(c);
  tasks_[std::size_t(t)].done_callbacks.push_back(Handle{-1, [this] { stopping_ = true; }, "_run_until_complete_cb"});
  return run_forever();
}

namespace {
// shutdown_asyncgens() / shutdown_default_executor() with nothing to shut down.
class Noop : public Coroutine {
 public:
  explicit Noop(std::string n) : n_(std::move(n)) {}
  std::string name() const override { return n_; }
  Await step(StepContext&) override { return Await{}; }

 private:
  std::string n_;
};
}  // namespace

bool EventLoop::run(Coroutine* main) {
  if (!run_until_complete(main)) return false;
  Noop gens("shutdown_asyncgens"), executor("shutdown_default_executor");
  run_until_complete(&gens);
  run_until_complete(&executor);
  return !hung_;
}

void EventLoop::fill(report::Report& r) const {
  r.loop.steps = stats_.steps;
  r.loop.max_step_ms = double(stats_.max_step) * 1e-6;
  r.loop.total_step_ms = double(stats_.total_step) * 1e-6;
  r.loop.stalls = stats_.stalls;
}

// ---- ScriptedCoro ----
Await ScriptedCoro::step(StepContext& ctx) {
  while (next_ < ops_.size()) {
    Op& op = ops_[next_++];
    line_ = op.line;
    switch (op.kind) {
      case Op::Run: ctx.run(op.ns, op.line); break;
      case Op::Block: ctx.block(op.ns, op.line); break;
      case Op::Create: created_.push_back(ctx.create_task(op.coro)); break;
      case Op::Sleep: { Await a; a.kind = Await::Sleep; a.ns = op.ns; return a; }
      case Op::Io: { Await a; a.kind = Await::Io; a.ns = op.ns; return a; }
      case Op::AwaitTask: {
        Await a;
        a.kind = Await::Task;
        a.task = op.k >= 0 && op.k < int(created_.size()) ? created_[std::size_t(op.k)] : -1;
        if (a.task < 0) continue;
        return a;
      }
      case Op::Gather: { Await a; a.kind = Await::Gather; a.children = op.children; return a; }
    }
  }
  return Await{};
}

}  // namespace pitfall::sim::sched
