// asyncio: futures, tasks, sleep, gather, wait_for, to_thread on the modelled
// event loop (sched::EventLoop: _run_once passes, steps, stalls, lanes).
//
// Notes about the model: futures and tasks follow Lib/asyncio/futures.py and
// tasks.py (3.11) callback for callback, because every callback is one step
// of the loop (one Handle._run) and the report's step counts must be CPython's:
// Task.__init__ schedules __step with call_soon; a task that yields a pending
// future adds __wakeup as its done callback; a finishing future schedules each
// done callback with call_soon (__schedule_callbacks); `await sleep(d)` is a
// TimerHandle running futures._set_result_unless_cancelled, then the wake-up;
// `await sleep(0)` is a bare yield (the task reschedules its __step); gather's
// _done_callback runs once per child. asyncio.run (runners.py) =
// run_until_complete(main task) + _cancel_all_tasks (cancel the pending tasks,
// then run_until_complete(gather(*to_cancel, return_exceptions=True))) +
// shutdown_asyncgens() + shutdown_default_executor() (2 steps each). Each step
// runs the VM's Python code; its CPU time and any blocking wait inside it
// (time.sleep) advance the loop's clock: a long step is a stall of the whole
// loop, attributed to the line that took the most time. Failure modes as
// CPython reports them: "Task was destroyed but it is pending!" (gc.collect of
// a task parked on a future nobody else holds), "Task exception was never
// retrieved" (a failed task freed without anyone reading its exception),
// "coroutine '...' was never awaited" (a coroutine freed unstarted), and
// debug mode's "Executing <Task ...> took 0.503 seconds". asyncio.run called
// where its thread can stop (the usual case: module level or a plain
// function) makes the loop the thread's body (LoopDriver): the thread
// scheduler runs it pass by pass, its select is a GIL-releasing wait on the
// loop's wake-up event with the timer's timeout, and to_thread /
// run_in_executor run the callable on a worker thread of a
// concurrent.futures.ThreadPoolExecutor (asyncio_py.cpp), whose completion
// comes back through call_soon_threadsafe (plus the _read_from_self step the
// self-pipe costs), so worker and loop contend for the GIL and the report's
// threads[] shows the loop thread's wait_gil. A Task.__step / __wakeup runs
// its coroutine on the loop thread's own frames (sim/vm/coro_frames.h): the
// thread can stop inside the step at an eval-breaker check, so a long step
// hands the GIL to a waiting worker after the switch interval and a blocking
// threading call (contended Lock, join, Future.result(), Queue.get,
// Event.wait) blocks the loop thread; the step's duration is the clock's
// advance, those waits included (run_open_step); an async generator's body
// that `async for` awaits runs on those frames too. Approximations: a step
// that throws into its coroutine (cancellation), a plain callback and an
// aclose()/athrow() still run nested, to their end (a blocking threading call
// there is reported as not modelled); asyncio.run called from code driven by a
// built-in falls back to running the loop inside the call (to_thread inline,
// its time given back to the loop); wait_for is a future (CPython: a
// coroutine in the caller's task, same number of wake-ups); debug-mode reprs
// leave out `cb=[...]` and `created at`. Async generators (sim/vm/async_gen.cpp)
// use the loop's hooks: the first iteration registers one (firstiter, in a
// registry that holds no reference, as CPython's WeakSet); one freed
// unfinished gets call_soon_threadsafe(create_task, agen.aclose()) from its
// dealloc (finalizer); shutdown_asyncgens acloses the live ones in a gather
// and logs the errors as the loop's default exception handler does.
#include <algorithm>
#include <cstdio>
#include <memory>

#include "sim/compiler/compiler.h"
#include "sim/costs/cost_table.h"
#include "sim/modules/asyncio_state.h"
#include "sim/sched/event_loop.h"
#include "sim/vm/async_gen.h"
#include "sim/vm/coro_frames.h"
#include "sim/vm/thread_runtime.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

extern const char* const kAsyncioPy;         // asyncio_py.cpp: Event, Lock, Semaphore, Queue, wait, run_in_executor
extern const char* const kAsyncioComposePy;  // asyncio_compose_py.cpp: shield, as_completed, timeout, TaskGroup

namespace {

enum { K_FUTURE = 20, K_TASK = 21, K_GATHER = 22, K_TIMER = 23 };
enum { PENDING = 0, DONE = 1, CANCELLED = 2 };
// NativeObj use: i state, a result, b exception, v done callbacks,
// c task: coroutine / gather: list of children, d task: future it waits on,
// j flags (below; a task's EventLoop id in j >> 8), t task: number (Task-N) /
// sleep future: timer id / gather: children finished.
enum : std::int64_t { F_MUST_CANCEL = 1, F_LOG_TB = 2, F_RETURN_EXC = 4, F_CANCEL_REQ = 8, F_CANCEL_ONE = 16 };
// a future that asyncio.sleep returned in place of its coroutine (not a task: no loop id in j)
constexpr std::int64_t F_SLEEP = std::int64_t{1} << 40;
// a task's Task.cancelling() count (3.11 _num_cancels_requested) in bits 4-7 of j

struct LoopObj : Obj {
  std::unique_ptr<sched::EventLoop> ev;
  std::vector<Ref> tasks;  // CPython: a WeakSet; gc_collect and the end of run prune it
  Ref current;             // task whose step is running
  Ref abort_exc;           // budget / unsupported: stops the loop and propagates
  bool aborted = false;
  bool driven = false;       // the loop is its thread's body (LoopDriver), not run inside asyncio.run's call
  sched::ObjId wake = -1;    // driven: the event its select waits on (the self-pipe call_soon_threadsafe writes to)
  std::vector<std::pair<sched::TaskId, const char*>> after_step;  // task states reached when the step's time is in
  double offloaded_cpu = 0;  // CPU of to_thread / run_in_executor callables (worker threads)
  std::vector<double> snap;
  // a task step running on the loop thread's frames (coro_frames.h) that can
  // stop the thread midway: its task, the frame stack depth under its
  // coroutine, what it measured so far (see run_open_step)
  Ref open_task, open_prev;
  std::size_t open_base = 0;
  double open_cpu = 0, slice_c0 = 0, slice_t0 = 0, req_wait = 0;
  int req_line = 0;
  bool open_requested = false;  // the thread stopped for a blocking call made in the step
  LoopObj(ClassObj* c) : Obj(c, Tag::Other) {}
};

ClassObj* named_type(VM& vm, const char* n) { return vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern(n).as<StrObj>()).as<ClassObj>(); }
ClassObj* future_t(VM& vm) { return named_type(vm, "__pitfall_future_t"); }
ClassObj* task_t(VM& vm) { return named_type(vm, "__pitfall_task_t"); }
ClassObj* loop_t(VM& vm) { return named_type(vm, "__pitfall_loop_t"); }
LoopObj* L(VM& vm) { return vm.loop ? static_cast<LoopObj*>(vm.loop.get()) : nullptr; }
NativeObj* N(const Ref& r) { return static_cast<NativeObj*>(r.get()); }
bool is_future(const Ref& r) {
  return r && r->tag == Tag::Other && (N(r)->kind == K_FUTURE || N(r)->kind == K_TASK || N(r)->kind == K_GATHER);
}
bool is_coro(const Ref& r) { return r && r->tag == Tag::Generator && r.as<GenObj>()->coroutine; }
double param(VM& vm, const char* k, double dflt) {
  return vm.cost_table ? static_cast<costs::CostTable*>(vm.cost_table)->param(k, dflt) : dflt;
}

// ---- reprs (futures.py _future_repr_info, base_tasks.py _task_repr_info, coroutines._format_coroutine) ----
std::string coro_repr(VM& vm, const Ref& c) {
  if (!is_coro(c)) return "?";
  GenObj* g = c.as<GenObj>();
  std::string name = g->qualname ? g->qualname.as<StrObj>()->s : "?";
  Frame* f = g->frame;
  if (f && g->started && !g->finished) {
    int ip = f->ip > 0 ? f->ip - 1 : 0;
    int line = ip < int(f->code->pos.size()) ? f->code->pos[size_t(ip)].line : 0;
    return name + "() running at " + vm.filename + ":" + std::to_string(line);
  }
  int first = f && !f->code->pos.empty() ? f->code->firstlineno : 0;
  return name + "() done, defined at " + vm.filename + ":" + std::to_string(first);
}

std::string task_name(VM& vm, const Ref& t) {
  auto& names = asyncio_state(vm).task_names;
  auto it = names.find(std::int64_t(N(t)->t));
  return it != names.end() ? it->second : "Task-" + std::to_string(std::int64_t(N(t)->t));
}

std::string fut_repr(VM& vm, const Ref& f);

std::string callbacks_repr(VM& vm, NativeObj* f) {
  if (f->v.empty()) return "";
  std::string s = " cb=[";
  for (size_t i = 0; i < f->v.size(); ++i) {
    if (i) s += ", ";
    const Ref& cb = f->v[i];
    if (cb->tag == Tag::Builtin) s += std::string(cb.as<BuiltinObj>()->name) + "()";
    else {
      std::string r;
      vm.repr_to(cb, r);
      s += r;
    }
  }
  return s + "]";
}

std::string fut_repr(VM& vm, const Ref& fr) {
  NativeObj* f = N(fr);
  std::string state = f->i == PENDING ? "pending" : f->i == CANCELLED ? "cancelled" : "finished";
  std::string s;
  if (f->kind == K_TASK) {
    s = "<Task " + state + " name='" + task_name(vm, fr) + "' coro=<" + coro_repr(vm, f->c) + ">";
    if (f->i == DONE) {
      std::string r;
      if (f->b) { vm.repr_to(f->b, r); s += " exception=" + r; }
      else { vm.repr_to(f->a ? f->a : vm.rt.None, r); s += " result=" + r; }
    }
    if (f->d) s += " wait_for=" + fut_repr(vm, f->d);
    return s + ">";
  }
  s = std::string(f->kind == K_GATHER ? "<_GatheringFuture " : "<Future ") + state;
  if (f->i == DONE) {
    std::string r;
    if (f->b) { vm.repr_to(f->b, r); s += " exception=" + r; }
    else { vm.repr_to(f->a ? f->a : vm.rt.None, r); s += " result=" + r; }
  }
  return s + callbacks_repr(vm, f) + ">";
}

Ref module_attr(VM& vm, const char* name);
Ref make_task(VM& vm, const Ref& coro, const std::string& name = "");
Ref aclose_task(VM& vm, Args& a) {  // the handle: self.create_task(agen.aclose())
  Ref m = vm.getattr(a.v[0], vm.rt.intern("aclose").as<StrObj>());
  Ref aw = m ? vm.call0(m) : Ref();
  if (!aw) return nullptr;
  make_task(vm, aw, "");
  return vm.rt.None;
}

// The loop's finalizer hook (base_events.py _asyncgen_finalizer_hook): an
// async generator freed unfinished (`async for ... break`, dropped after
// anext) gets call_soon_threadsafe(create_task, agen.aclose()), called from
// the generator's dealloc (genobject.c _PyGen_Finalize) with the generator
// resurrected by the handle's reference. See asyncio_agen_dealloc.
void finalize_dropped_asyncgen(VM& vm, GenObj* go) {
  if (!vm.loop || go->finished || go->ag_closed) return;  // nothing left to close
  Ref hook = module_attr(vm, "_asyncgen_finalizer_hook");
  if (!hook) return;
  Ref saved = std::move(vm.exc);
  Ref args[3] = {vm.loop, vm.make_builtin("create_task", aclose_task), Ref(go)};
  if (!vm.call(hook, args, 3)) vm.exc.reset();
  vm.exc = std::move(saved);
}

// ---- running a handle: one loop step executes VM code ----
bool start_frames_step(VM& vm, sched::StepContext& ctx, const Ref& cb);  // below, with the tasks

// A step's code ended with an error: a simulator limit (budget, not
// modelled) stops the loop and propagates; anything else is logged as
// base_events.py's default exception handler does.
void step_failed(VM& vm, LoopObj* l) {
  Ref e = std::move(vm.exc);
  if (vm.budget_exceeded || (e && vm.matches(e, vm.rt.UnsupportedError))) {
    l->aborted = true;
    l->abort_exc = e;
    l->ev->stop();
  } else if (e) {
    vm.err += "Exception in callback\n" + vm.format_exception(e);
  }
}

// The line with the most instruction time since the step began (l->snap).
int busiest_line(VM& vm, LoopObj* l) {
  int line = 0;
  double best = 0;
  for (size_t i = 1; i < vm.lines.size() && i < l->snap.size(); ++i)  // (0: no line, eval.cpp)
    if (vm.lines[i].ns() - l->snap[i] > best) { best = vm.lines[i].ns() - l->snap[i]; line = int(i); }
  return line;
}

void step_over(VM&, LoopObj* l) {
  for (auto& [t, st] : l->after_step) l->ev->set_task_state(t, st);
  l->after_step.clear();
}

void run_callback(VM& vm, sched::StepContext& ctx, const Ref& cb, const Ref& arg) {
  LoopObj* l = L(vm);
  if (!l || l->aborted) return;
  vm.clock_ns = double(ctx.now());
  l->snap.resize(vm.lines.size());
  for (size_t i = 0; i < vm.lines.size(); ++i) l->snap[i] = vm.lines[i].ns();
  vm.wait_line = 0;
  if (start_frames_step(vm, ctx, cb)) return;  // the task's coroutine runs on the thread's frames
  double c0 = vm.cpu_ns - l->offloaded_cpu, t0 = vm.clock_ns;
  Ref r = arg ? vm.call1(cb, arg) : vm.call0(cb);
  if (!r) step_failed(vm, l);
  double cpu = vm.cpu_ns - l->offloaded_cpu - c0, wall = vm.clock_ns - t0;
  int line = busiest_line(vm, l);
  ctx.run(sched::Nanos(cpu), line);
  if (wall - cpu >= 1) ctx.block(sched::Nanos(wall - cpu), vm.wait_line ? vm.wait_line : line);
  step_over(vm, l);
}

std::function<std::string()> describe(VM& vm, const Ref& cb) {
  if (cb->tag == Tag::Builtin) {
    BuiltinObj* b = cb.as<BuiltinObj>();
    if (std::string(b->name) == "_handle_run") return describe(vm, b->data);  // call_soon's cancellable handle
    Ref task = b->data;
    if (task && task->tag == Tag::Other && N(task)->kind == K_TASK) return [&vm, task] { return fut_repr(vm, task); };
    std::string name = b->name;
    return [name] { return "<Handle " + name + "()>"; };
  }
  return [&vm, cb] {
    std::string r;
    vm.repr_to(cb, r);
    return "<Handle " + r + "()>";
  };
}

void call_soon(VM& vm, Ref cb, Ref arg) {
  LoopObj* l = L(vm);
  if (!l) return;
  auto d = describe(vm, cb);
  l->ev->call_soon_step([&vm, cb, arg](sched::StepContext& ctx) { run_callback(vm, ctx, cb, arg); }, std::move(d));
}

std::uint64_t call_at(VM& vm, double t_ns, Ref cb, Ref arg) {
  LoopObj* l = L(vm);
  if (!l) return 0;
  auto d = describe(vm, cb);
  return l->ev->call_at_step(sched::Nanos(t_ns), [&vm, cb, arg](sched::StepContext& ctx) { run_callback(vm, ctx, cb, arg); }, std::move(d));
}

// ---- futures ----
void fut_finish(VM& vm, const Ref& fut) {
  NativeObj* f = N(fut);
  std::vector<Ref> cbs;
  cbs.swap(f->v);
  for (auto& cb : cbs) call_soon(vm, cb, fut);
}
Ref new_future(VM& vm) { return make<NativeObj>(future_t(vm), K_FUTURE); }

void set_result(VM& vm, const Ref& fut, Ref v) {
  NativeObj* f = N(fut);
  f->a = v ? v : vm.rt.None;
  f->i = DONE;
  fut_finish(vm, fut);
}
void set_exception(VM& vm, const Ref& fut, Ref e) {
  NativeObj* f = N(fut);
  f->b = std::move(e);
  f->i = DONE;
  f->j |= F_LOG_TB;
  fut_finish(vm, fut);
}

Ref cancelled_error(VM& vm) { return vm.new_exception(vm.rt.CancelledError, ""); }

Ref fut_done(VM& vm, Args& a) { return vm.rt.make_bool(N(a.v[0])->i != PENDING); }
Ref fut_cancelled(VM& vm, Args& a) { return vm.rt.make_bool(N(a.v[0])->i == CANCELLED); }
Ref fut_result(VM& vm, Args& a) {
  NativeObj* f = N(a.v[0]);
  if (f->i == PENDING) return vm.raise(vm.rt.RuntimeError, "Result is not set.");  // InvalidStateError in CPython
  if (f->i == CANCELLED) return vm.raise_obj(cancelled_error(vm));
  f->j &= ~F_LOG_TB;
  if (f->b) return vm.raise_obj(f->b);
  return f->a ? f->a : vm.rt.None;
}
Ref fut_exception(VM& vm, Args& a) {
  NativeObj* f = N(a.v[0]);
  if (f->i == PENDING) return vm.raise(vm.rt.RuntimeError, "Exception is not set.");
  if (f->i == CANCELLED) return vm.raise_obj(cancelled_error(vm));
  f->j &= ~F_LOG_TB;
  return f->b ? f->b : vm.rt.None;
}
Ref fut_set_result(VM& vm, Args& a) {
  if (N(a.v[0])->i != PENDING) return vm.raise(vm.rt.RuntimeError, "invalid state");
  set_result(vm, a.v[0], a.n > 1 ? a.v[1] : vm.rt.None);
  return vm.rt.None;
}
Ref fut_set_exception(VM& vm, Args& a) {
  if (N(a.v[0])->i != PENDING) return vm.raise(vm.rt.RuntimeError, "invalid state");
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "set_exception() missing 1 required positional argument: 'exception'");
  Ref e = a.v[1];
  if (e->tag == Tag::Class) {
    e = vm.call0(e);
    if (!e) return nullptr;
  }
  set_exception(vm, a.v[0], e);
  return vm.rt.None;
}
Ref fut_add_done_callback(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "add_done_callback() missing 1 required positional argument: 'fn'");
  NativeObj* f = N(a.v[0]);
  if (f->i != PENDING) call_soon(vm, a.v[1], a.v[0]);
  else f->v.push_back(a.v[1]);
  return vm.rt.None;
}
Ref fut_remove_done_callback(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "remove_done_callback() missing 1 required positional argument: 'fn'");
  auto& v = N(a.v[0])->v;
  std::int64_t n = 0;
  for (size_t i = 0; i < v.size();) {
    int e = vm.eq(v[i], a.v[1]);
    if (e < 0) return nullptr;
    if (e) { v.erase(v.begin() + std::ptrdiff_t(i)); ++n; }
    else ++i;
  }
  return vm.rt.make_int(n);
}

bool cancel(VM& vm, const Ref& fut);
std::int64_t cancel_requests(NativeObj* f) { return (f->j >> 4) & 15; }

bool cancel_future(VM& vm, const Ref& fut) {
  NativeObj* f = N(fut);
  if (f->i != PENDING) return false;
  if (f->kind == K_FUTURE && f->t > 0 && L(vm)) L(vm)->ev->cancel_timer(std::uint64_t(f->t));  // sleep: h.cancel()
  f->i = CANCELLED;
  fut_finish(vm, fut);
  return true;
}

// Task.cancel / _GatheringFuture.cancel / Future.cancel
bool cancel(VM& vm, const Ref& fut) {
  NativeObj* f = N(fut);
  if (f->i != PENDING) return false;
  if (f->kind == K_TASK) {
    if (cancel_requests(f) < 15) f->j += F_CANCEL_ONE;  // _num_cancels_requested += 1
    if (f->d && cancel(vm, f->d)) return true;
    f->j |= F_MUST_CANCEL;
    return true;
  }
  if (f->kind == K_GATHER) {
    bool any = false;
    if (f->c)
      for (auto& ch : f->c.as<ListObj>()->items) any = cancel(vm, ch) || any;
    if (any) f->j |= F_CANCEL_REQ;  // the outer future fails with CancelledError once the children are done
    return any;
  }
  return cancel_future(vm, fut);
}
Ref fut_cancel(VM& vm, Args& a) { return vm.rt.make_bool(cancel(vm, a.v[0])); }

Ref await_next(VM& vm, IterObj* it) {
  NativeObj* f = N(it->a);
  if (f->i == PENDING) {
    if (it->i == 0) { it->i = 1; return it->a; }
    return vm.raise(vm.rt.RuntimeError, "await wasn't used with future");
  }
  if (f->i == CANCELLED) return vm.raise_obj(cancelled_error(vm));
  f->j &= ~F_LOG_TB;
  if (f->b) return vm.raise_obj(f->b);
  Ref e = vm.new_exception(vm.rt.StopIteration, "");
  Ref v = f->a ? f->a : vm.rt.None;
  e.as<ExceptionObj>()->value = v;
  e.as<ExceptionObj>()->args = vm.rt.make_tuple({v});
  return vm.raise_obj(e);
}
Ref fut_await(VM& vm, Args& a) {
  Ref it = make<IterObj>(vm.rt.iterator_t, await_next);
  it.as<IterObj>()->a = a.v[0];
  it.as<IterObj>()->type_name = "Future";
  return it;
}
Ref fut_repr_m(VM& vm, Args& a) { return vm.rt.make_str(fut_repr(vm, a.v[0])); }

// ---- tasks ----
void task_step(VM& vm, const Ref& task, Ref throw_exc);
void task_step_after(VM& vm, const Ref& task, Ref r, Stop how);

// A step that ends in a simulator limit (budget, not modelled) leaves the
// exception set: returned as an error, so run_callback stops the loop with it.
Ref task_step_cb(VM& vm, Args& a) {
  task_step(vm, a.self->data, nullptr);
  return vm.exc ? Ref() : vm.rt.None;
}
// Task.__wakeup(future): resume the coroutine; it reads the future's outcome.
Ref task_wakeup(VM& vm, Args& a) {
  Ref task = a.self->data;
  if (N(task)->i != PENDING) return vm.rt.None;
  N(task)->d.reset();
  task_step(vm, task, nullptr);
  return vm.exc ? Ref() : vm.rt.None;
}

sched::TaskId ev_id(const Ref& task) { return sched::TaskId(N(task)->j >> 8); }
void task_state(VM& vm, const Ref& task, const char* s) {
  if (LoopObj* l = L(vm)) l->ev->set_task_state(ev_id(task), s);
}
// A state the task reaches at the end of the running step (its span of
// "running" covers the step's time, which the loop learns after the step).
void task_state_after(VM& vm, const Ref& task, const char* s) {
  if (LoopObj* l = L(vm)) l->after_step.emplace_back(ev_id(task), s);
}

void task_step(VM& vm, const Ref& task, Ref throw_exc) {
  NativeObj* t = N(task);
  LoopObj* l = L(vm);
  if (t->i != PENDING || !l) return;
  if (t->j & F_MUST_CANCEL) {
    t->j &= ~F_MUST_CANCEL;
    if (!throw_exc) throw_exc = cancelled_error(vm);
  }
  task_state(vm, task, "running");
  Ref prev = l->current;
  l->current = task;
  Stop how = Stop::Exception;
  // coro.send(None) or coro.throw(exc): the throw reaches what the coroutine awaits
  Ref r;
  if (is_agen_awaitable(vm, t->c)) {  // Task(agen.aclose()) of the finalizer hook
    bool done = false;
    r = throw_exc ? agen_awaitable_throw(vm, t->c, throw_exc, done) : agen_awaitable_send(vm, t->c, vm.rt.None, done);
    how = !r ? Stop::Exception : done ? Stop::Returned : Stop::Yielded;
  } else {
    r = throw_exc ? gen_throw(vm, t->c.as<GenObj>(), throw_exc, true, how) : vm.gen_send(t->c.as<GenObj>(), vm.rt.None, how);
  }
  l->current = prev;
  task_step_after(vm, task, std::move(r), how);
}

// The rest of Task.__step once the coroutine stopped (`r`: what it yielded or
// returned; null: it raised, the exception set).
void task_step_after(VM& vm, const Ref& task, Ref r, Stop how) {
  NativeObj* t = N(task);
  if (!r) {
    Ref e = std::move(vm.exc);
    if (vm.budget_exceeded || (e && vm.matches(e, vm.rt.UnsupportedError))) {
      vm.exc = e;  // propagates out of the step: run_callback stops the loop
      return;
    }
    task_state_after(vm, task, "done");
    if (e && vm.matches(e, vm.rt.CancelledError)) cancel_future(vm, task);
    else set_exception(vm, task, e);
    return;
  }
  if (how == Stop::Returned) {
    task_state_after(vm, task, "done");
    if (t->j & F_MUST_CANCEL) {
      t->j &= ~F_MUST_CANCEL;
      cancel_future(vm, task);
    } else {
      set_result(vm, task, r);
    }
    return;
  }
  task_state_after(vm, task, "waiting");
  if (is_future(r)) {
    if (r.get() == task.get()) {
      task_step(vm, task, vm.new_exception(vm.rt.RuntimeError, "Task cannot await on itself: " + fut_repr(vm, task)));
      return;
    }
    Ref wake = vm.make_builtin("Task.task_wakeup", task_wakeup, task);
    if (N(r)->i != PENDING) {
      call_soon(vm, wake, r);
    } else {
      t->d = r;
      N(r)->v.push_back(wake);
      if ((t->j & F_MUST_CANCEL) && cancel(vm, r)) t->j &= ~F_MUST_CANCEL;
    }
    return;
  }
  if (r.get() == vm.rt.None.get()) {  // bare yield (sleep(0)): __step again next pass
    call_soon(vm, vm.make_builtin("Task.__step", task_step_cb, task), nullptr);
    return;
  }
  std::string rep;
  vm.repr_to(r, rep);
  task_step(vm, task, vm.new_exception(vm.rt.RuntimeError, "Task got bad yield: " + rep));
}

// ---- task steps on the loop thread's frames (coro_frames.h) ----
// When the loop is its thread's body, a Task.__step / __wakeup that sends into
// the coroutine pushes the coroutine's frame on the thread's frame stack and
// leaves the handle open: LoopDriver runs the frames in the thread's own eval,
// which stops at eval-breaker points like any thread (the GIL goes to a
// waiting thread after the switch interval; a blocking threading call blocks
// the loop thread), and the step is measured when its coroutine yields,
// returns or raises: its duration is the clock's advance, waits included
// (base_events.py measures a slow callback with the monotonic clock too).
// A throw() into the coroutine (cancellation) and an async generator's
// aclose() task still run nested.
bool start_frames_step(VM& vm, sched::StepContext& ctx, const Ref& cb) {
  LoopObj* l = L(vm);
  if (!l->driven || cb->tag != Tag::Builtin || !vm.threads) return false;
  BuiltinObj* b = cb.as<BuiltinObj>();
  if (b->fn != task_step_cb && b->fn != task_wakeup) return false;
  Ref task = b->data;
  NativeObj* t = N(task);
  if (t->i != PENDING || (t->j & F_MUST_CANCEL) || !is_coro(t->c)) return false;
  std::size_t base = vm.frames.size();
  if (!gen_enter_frame(vm, t->c.as<GenObj>(), vm.rt.None)) return false;
  if (b->fn == task_wakeup) t->d.reset();
  task_state(vm, task, "running");
  l->open_prev = l->current;
  l->current = task;
  l->open_task = task;
  l->open_base = base;
  l->open_cpu = l->req_wait = 0;
  l->req_line = 0;
  l->open_requested = false;
  l->slice_c0 = vm.cpu_ns;
  l->slice_t0 = vm.clock_ns;
  ctx.suspend();
  return true;
}

// The line of the program's own code that is running (the innermost frame
// that is not simulator-provided library code such as threading.py's).
int program_line(VM& vm) {
  for (auto it = vm.frames.rbegin(); it != vm.frames.rend(); ++it) {
    const Frame* f = *it;
    if (f->code->library) continue;
    int ip = f->ip > 0 ? f->ip - 1 : 0;
    return ip < f->ncode ? f->pos[ip].line : 0;
  }
  return vm.current_line();
}

// Runs the open step's frames on (LoopDriver, VM::nested == 0 so that the
// eval is the thread's outermost). False when the thread stopped inside the
// step (VM::has_pending: a blocking call the thread runtime hands to the
// scheduler); true when the step is over and measured.
bool run_open_step(VM& vm) {
  LoopObj* l = L(vm);
  sched::StepContext& ctx = *l->ev->open_step();
  vm.clock_ns = double(l->ev->now());
  l->slice_c0 = vm.cpu_ns;
  l->slice_t0 = vm.clock_ns;
  l->open_requested = false;
  Ref result;
  Stop how = vm.eval(l->open_base, result);
  double cpu = vm.cpu_ns - l->slice_c0, wall = vm.clock_ns - l->slice_t0;
  l->open_cpu += cpu;
  ctx.run(sched::Nanos(cpu), 0);
  if (wall - cpu >= 1) ctx.block(sched::Nanos(wall - cpu), vm.wait_line);  // time.sleep in C-driven code
  if (how == Stop::Slice) {
    if (vm.has_pending) {
      l->open_requested = true;
      l->req_line = program_line(vm);
    }
    return false;
  }
  Ref task = std::move(l->open_task);
  Ref r = gen_leave_frame(vm, N(task)->c.as<GenObj>(), how, std::move(result));
  if (!r) how = Stop::Exception;
  l->current = std::move(l->open_prev);
  task_step_after(vm, task, std::move(r), how);
  if (vm.exc) step_failed(vm, l);
  int line = busiest_line(vm, l);
  ctx.note(sched::Nanos(l->open_cpu), line);
  if (l->req_wait > l->open_cpu) ctx.note(sched::Nanos(l->req_wait), l->req_line);
  step_over(vm, l);
  l->ev->close_step();
  return true;
}

Ref make_task(VM& vm, const Ref& coro, const std::string& name) {
  LoopObj* l = L(vm);
  AsyncioState& st = asyncio_state(vm);
  Ref t = make<NativeObj>(task_t(vm), K_TASK);
  N(t)->c = coro;
  N(t)->t = double(++st.task_counter);
  std::string nm = name.empty() ? "Task-" + std::to_string(st.task_counter) : name;
  if (!name.empty()) st.task_names[st.task_counter] = name;
  N(t)->j = std::int64_t(l->ev->add_task(nm)) << 8;
  l->tasks.push_back(t);
  // Task.__init__ + call_soon: asyncio.task_create_ns, measured alone
  // (tools/calibrate_lib/step_pieces.py); the task's steps and the selector
  // passes are charged by the loop
  vm.charge(param(vm, "asyncio.task_create_ns", 2000));
  call_soon(vm, vm.make_builtin("Task.__step", task_step_cb, t), nullptr);
  return t;
}

Ref task_get_name(VM& vm, Args& a) { return vm.rt.make_str(task_name(vm, a.v[0])); }
Ref task_set_name(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "set_name() missing 1 required positional argument: 'value'");
  std::string s;
  if (!vm.str_to(a.v[1], s)) return nullptr;
  asyncio_state(vm).task_names[std::int64_t(N(a.v[0])->t)] = s;
  return vm.rt.None;
}
Ref task_cancelling(VM& vm, Args& a) { return vm.rt.make_int(cancel_requests(N(a.v[0]))); }
Ref task_uncancel(VM& vm, Args& a) {
  NativeObj* t = N(a.v[0]);
  if (cancel_requests(t) > 0) t->j -= F_CANCEL_ONE;
  return vm.rt.make_int(cancel_requests(t));
}
Ref task_get_coro(VM& vm, Args& a) { return N(a.v[0])->c ? N(a.v[0])->c : vm.rt.None; }

bool need_loop(VM& vm) {
  if (vm.loop) return true;
  vm.raise(vm.rt.RuntimeError, "no running event loop");
  return false;
}

// ---- sleep ----
Ref sleep_done(VM& vm, Args& a) {  // futures._set_result_unless_cancelled
  Ref fut = a.self->data;
  if (N(fut)->i == PENDING) set_result(vm, fut, a.self->data2 ? a.self->data2 : vm.rt.None);
  return vm.rt.None;
}

Ref sleep0_next(VM& vm, IterObj* it) {  // tasks.__sleep0: a bare yield
  if (it->i == 0) {
    it->i = 1;
    return vm.rt.None;
  }
  Ref e = vm.new_exception(vm.rt.StopIteration, "");
  Ref v = it->a ? it->a : vm.rt.None;
  e.as<ExceptionObj>()->value = v;
  e.as<ExceptionObj>()->args = vm.rt.make_tuple({v});
  return vm.raise_obj(e);
}

bool seconds(VM& vm, const Ref& x, double& s) {
  if (x->tag == Tag::Int) { s = double(x.as<IntObj>()->v); return true; }
  if (x->tag == Tag::Float) { s = x.as<FloatObj>()->v; return true; }
  vm.raise(vm.rt.TypeError, "'<=' not supported between instances of '" + vm.type_name(x) + "' and 'int'");
  return false;
}

Ref a_sleep(VM& vm, Args& a) {
  double s = 0;
  if (a.n > 0 && !seconds(vm, a.v[0], s)) return nullptr;
  Ref result = a.n > 1 ? a.v[1] : a.kw("result");
  if (s <= 0) {
    Ref it = make<IterObj>(vm.rt.iterator_t, sleep0_next);
    it.as<IterObj>()->a = result;
    it.as<IterObj>()->type_name = "coroutine";
    return it;
  }
  if (!need_loop(vm)) return nullptr;
  Ref fut = new_future(vm);
  Ref cb = vm.make_builtin("_set_result_unless_cancelled", sleep_done, fut);
  cb.as<BuiltinObj>()->data2 = result;
  N(fut)->t = double(call_at(vm, vm.clock_ns + s * 1e9, cb, nullptr));
  N(fut)->j |= F_SLEEP;
  return fut;
}

// What asyncio.sleep returned, standing for CPython's sleep() coroutine.
bool is_sleep_awaitable(const Ref& aw) {
  if (aw->tag == Tag::Iter) return static_cast<IterObj*>(aw.get())->next == sleep0_next;
  return is_future(aw) && N(aw)->kind == K_FUTURE && (N(aw)->j & F_SLEEP);
}

// A coroutine awaiting `aw` (asyncio's _wrap_awaitable), for a task made of a sleep.
Ref wrap_awaitable(VM& vm, const Ref& aw) {
  Ref m = vm.import("asyncio");
  if (!m) return nullptr;
  Ref w = vm.getattr(m, vm.rt.intern("_wrap_awaitable").as<StrObj>());
  if (!w) return nullptr;
  return vm.call1(w, aw);
}

Ref ensure_future(VM& vm, const Ref& aw) {
  if (is_future(aw)) return aw;
  if (is_coro(aw)) return make_task(vm, aw);
  if (is_agen_awaitable(vm, aw)) return make_task(vm, aw);  // agen.aclose() / asend(): the task steps it (no frame of its own)
  if (is_sleep_awaitable(aw)) {  // asyncio.sleep(0): awaited by a coroutine, as tasks.py ensure_future wraps an awaitable
    Ref co = wrap_awaitable(vm, aw);
    return co ? make_task(vm, co) : nullptr;
  }
  return vm.raise(vm.rt.TypeError, "An asyncio.Future, a coroutine or an awaitable is required");
}

// ---- gather (tasks.py gather / _GatheringFuture) ----
Ref gather_child_done(VM& vm, Args& a) {
  Ref outer = a.self->data;
  NativeObj* o = N(outer);
  NativeObj* child = N(a.v[0]);
  if (o->i != PENDING) {
    if (child->i == DONE) child->j &= ~F_LOG_TB;  // fut.exception(): retrieved
    return vm.rt.None;
  }
  bool return_exc = o->j & F_RETURN_EXC;
  if (!return_exc) {
    if (child->i == CANCELLED) { set_exception(vm, outer, cancelled_error(vm)); return vm.rt.None; }
    if (child->b) {
      child->j &= ~F_LOG_TB;
      set_exception(vm, outer, child->b);
      return vm.rt.None;
    }
  }
  o->t += 1;
  auto& items = o->c.as<ListObj>()->items;
  if (o->t < double(items.size())) return vm.rt.None;
  Ref l = vm.rt.make_list();
  for (auto& c : items) {
    NativeObj* cn = N(c);
    Ref res = cn->i == CANCELLED ? cancelled_error(vm) : cn->b ? cn->b : (cn->a ? cn->a : vm.rt.None);
    cn->j &= ~F_LOG_TB;
    l.as<ListObj>()->items.push_back(res);
  }
  if (o->j & F_CANCEL_REQ) set_exception(vm, outer, cancelled_error(vm));
  else set_result(vm, outer, l);
  o->j &= ~F_LOG_TB;
  return vm.rt.None;
}

Ref a_gather(VM& vm, Args& a) {
  if (!need_loop(vm)) return nullptr;
  Ref outer = make<NativeObj>(future_t(vm), K_GATHER);
  Ref re = a.kw("return_exceptions");
  if (re && vm.truthy(re) > 0) N(outer)->j |= F_RETURN_EXC;
  Ref children = vm.rt.make_list();
  for (int i = 0; i < a.n; ++i) {
    Ref f = ensure_future(vm, a.v[i]);
    if (!f) return nullptr;
    children.as<ListObj>()->items.push_back(f);
  }
  N(outer)->c = children;
  if (a.n == 0) {
    set_result(vm, outer, vm.rt.make_list());
    return outer;
  }
  for (auto& f : children.as<ListObj>()->items) {
    Ref cb = vm.make_builtin("_done_callback", gather_child_done, outer);
    if (N(f)->i != PENDING) call_soon(vm, cb, f);
    else N(f)->v.push_back(cb);
  }
  return outer;
}

// ---- wait_for (tasks.py 3.11: a waiter future released by the timeout or by the inner future) ----
Ref wait_for_inner_done(VM& vm, Args& a) {
  Ref outer = a.self->data;
  NativeObj* o = N(outer);
  NativeObj* in = N(a.v[0]);
  if (o->t > 0 && L(vm)) L(vm)->ev->cancel_timer(std::uint64_t(o->t));
  if (o->i != PENDING) return vm.rt.None;
  if (o->j & F_CANCEL_REQ) set_exception(vm, outer, vm.new_exception(vm.rt.TimeoutError, ""));
  else if (in->i == CANCELLED) cancel_future(vm, outer);
  else if (in->b) { in->j &= ~F_LOG_TB; set_exception(vm, outer, in->b); }
  else set_result(vm, outer, in->a);
  return vm.rt.None;
}
Ref wait_for_timeout(VM& vm, Args& a) {
  Ref outer = a.self->data;
  N(outer)->t = 0;
  if (N(outer)->i != PENDING) return vm.rt.None;
  N(outer)->j |= F_CANCEL_REQ;  // the inner future is cancelled; its completion raises TimeoutError
  if (!cancel(vm, N(outer)->c)) set_exception(vm, outer, vm.new_exception(vm.rt.TimeoutError, ""));
  return vm.rt.None;
}
Ref a_wait_for(VM& vm, Args& a) {
  if (!need_loop(vm)) return nullptr;
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "wait_for() missing 1 required positional argument: 'fut'");
  Ref inner = ensure_future(vm, a.v[0]);
  if (!inner) return nullptr;
  Ref to = a.n > 1 ? a.v[1] : a.kw("timeout");
  if (!to || to.get() == vm.rt.None.get()) return inner;
  double s;
  if (!seconds(vm, to, s)) return nullptr;
  Ref outer = new_future(vm);
  N(outer)->c = inner;
  Ref done = vm.make_builtin("_release_waiter", wait_for_inner_done, outer);
  if (N(inner)->i != PENDING) call_soon(vm, done, inner);
  else N(inner)->v.push_back(done);
  // the timer id lives in `t` of a non-sleep future: cancel_future must not cancel it twice
  Ref tcb = vm.make_builtin("_release_waiter", wait_for_timeout, outer);
  std::uint64_t id = call_at(vm, vm.clock_ns + std::max(0.0, s) * 1e9, tcb, nullptr);
  N(outer)->t = double(id);
  return outer;
}

// ---- to_thread / run_in_executor: inline, the loop gets the time back ----
Ref offload(VM& vm, const Ref& fn, Ref* args, int n, TupleObj* kwn) {
  if (!need_loop(vm)) return nullptr;
  double t0 = vm.clock_ns, c0 = vm.cpu_ns;
  Ref r = vm.call(fn, args, n, kwn);
  double dt = vm.clock_ns - t0;
  vm.clock_ns = t0;  // the callable ran on a worker thread, not in this step
  L(vm)->offloaded_cpu += vm.cpu_ns - c0;
  Ref fut = new_future(vm);
  Ref cb = vm.make_builtin("_call_set_state", sleep_done, fut);
  if (!r) {
    Ref e = std::move(vm.exc);
    if (vm.budget_exceeded || (e && vm.matches(e, vm.rt.UnsupportedError))) return vm.raise_obj(e);
    N(fut)->b = e;  // delivered when the worker finishes
    cb = vm.make_builtin("_call_set_state", [](VM& v, Args& x) -> Ref {
      Ref f = x.self->data;
      if (N(f)->i == PENDING) {
        Ref e = N(f)->b;
        N(f)->b.reset();
        set_exception(v, f, e);
      }
      return v.rt.None;
    }, fut);
  } else {
    cb.as<BuiltinObj>()->data2 = r;
  }
  call_at(vm, vm.clock_ns + dt, cb, nullptr);
  return fut;
}
// When the loop is its thread's body, the callable runs on a real worker
// thread: the asyncio module's Python run_in_executor (base_events.py +
// futures.wrap_future: a concurrent.futures.ThreadPoolExecutor named
// 'asyncio', its future chained to an asyncio future through
// call_soon_threadsafe), so the worker and the loop share the modelled GIL.
Ref executor_call(VM& vm, Ref executor, Ref* args, int n, TupleObj* kwn) {
  Ref fn = asyncio_state(vm).module_dict ? vm.dict_get_str(asyncio_state(vm).module_dict.as<DictObj>(), vm.rt.intern("_run_in_executor").as<StrObj>()) : Ref();
  if (!fn) return vm.raise(vm.rt.RuntimeError, "internal: asyncio's run_in_executor is missing");
  std::vector<Ref> v{vm.loop, std::move(executor)};
  v.insert(v.end(), args, args + n);
  return vm.call(fn, v.data(), int(v.size()), kwn);
}
bool on_worker_threads(VM& vm) { return vm.loop && L(vm)->driven; }

Ref a_to_thread(VM& vm, Args& a) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "to_thread() missing 1 required positional argument: 'func'");
  if (on_worker_threads(vm)) return executor_call(vm, vm.rt.None, a.v, a.n + a.nkw(), a.kwn);
  return offload(vm, a.v[0], a.v + 1, a.n - 1 + a.nkw(), a.kwn);
}
Ref loop_run_in_executor(VM& vm, Args& a) {
  if (a.n < 3) return vm.raise(vm.rt.TypeError, "run_in_executor() missing required arguments");
  if (on_worker_threads(vm)) return executor_call(vm, a.v[1], a.v + 2, a.n - 2, nullptr);
  return offload(vm, a.v[2], a.v + 3, a.n - 3, nullptr);
}
Ref bind_args(VM& vm, Ref fn, Ref* args, int n);
// loop.call_soon_threadsafe: a handle for the next pass, and the loop's
// select woken (CPython writes a byte to its self-pipe)
Ref loop_call_soon_threadsafe(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "call_soon_threadsafe() missing 1 required positional argument: 'callback'");
  if (!vm.loop) return vm.raise(vm.rt.RuntimeError, "Event loop is closed");
  call_soon(vm, bind_args(vm, a.v[1], a.v + 2, a.n - 2), nullptr);
  LoopObj* l = L(vm);
  if (l->driven && l->wake >= 0 && vm.threads) {
    sched::Request set;
    set.kind = sched::ReqKind::EventSet;
    set.obj = l->wake;
    vm.threads->sched.apply(vm.threads->current(), set, sched::Nanos(vm.clock_ns));
  }
  return vm.rt.None;
}

Ref a_create_task(VM& vm, Args& a) {
  if (!need_loop(vm)) return nullptr;
  if (a.n >= 1 && is_sleep_awaitable(a.v[0])) {  // create_task(asyncio.sleep(t)): CPython's sleep is a coroutine
    Ref co = wrap_awaitable(vm, a.v[0]);
    if (!co) return nullptr;
    std::string name;
    if (Ref n = a.kw("name"); n && n.get() != vm.rt.None.get() && !vm.str_to(n, name)) return nullptr;
    return make_task(vm, co, name);
  }
  if (a.n < 1 || !is_coro(a.v[0])) {
    std::string rep;
    if (a.n) vm.repr_to(a.v[0], rep);
    return vm.raise(vm.rt.TypeError, "a coroutine was expected, got " + rep);
  }
  std::string name;
  if (Ref n = a.kw("name"); n && n.get() != vm.rt.None.get() && !vm.str_to(n, name)) return nullptr;
  return make_task(vm, a.v[0], name);
}

Ref a_all_tasks(VM& vm, Args&) {
  if (!need_loop(vm)) return nullptr;
  Ref s = make<DictObj>(vm.rt.set_t, Tag::Set);
  for (auto& t : L(vm)->tasks)
    if (N(t)->i == PENDING) vm.dict_set(s.as<DictObj>(), t, Ref());
  return s;
}
Ref a_current_task(VM& vm, Args&) {
  if (!need_loop(vm)) return nullptr;
  return L(vm)->current ? L(vm)->current : vm.rt.None;
}

Ref a_get_running_loop(VM& vm, Args&) {
  if (!vm.loop) return vm.raise(vm.rt.RuntimeError, "no running event loop");
  return vm.loop;
}
Ref loop_create_future(VM& vm, Args&) { return new_future(vm); }
Ref loop_create_task(VM& vm, Args& a) {
  Args b{a.v + 1, a.n - 1, a.kwv, a.kwn, a.self};
  return a_create_task(vm, b);
}
Ref loop_time(VM& vm, Args&) { return vm.rt.make_float(vm.clock_ns * 1e-9); }
Ref partial_call(VM& vm, Args& a) {  // call_soon(cb, *args): the handle's callback with its arguments
  TupleObj* t = a.self->data2.as<TupleObj>();
  return vm.call(a.self->data, t->items.data(), int(t->items.size()));
}
Ref bind_args(VM& vm, Ref fn, Ref* args, int n) {
  if (n == 0) return fn;
  std::vector<Ref> v(args, args + n);
  Ref b = vm.make_builtin("callback", partial_call, fn);
  b.as<BuiltinObj>()->data2 = vm.rt.make_tuple(v);
  return b;
}
Ref timer_handle(VM& vm, std::uint64_t id);
// call_soon's Handle: cancel() leaves it in the ready queue, where it does nothing when run
Ref run_unless_cancelled(VM& vm, Args& a) {
  if (N(a.self->data2)->i == 1) return vm.rt.None;
  return vm.call0(a.self->data);
}
Ref loop_call_soon(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "call_soon() missing 1 required positional argument: 'callback'");
  Ref h = timer_handle(vm, 0);
  Ref run = vm.make_builtin("_handle_run", run_unless_cancelled, bind_args(vm, a.v[1], a.v + 2, a.n - 2));
  run.as<BuiltinObj>()->data2 = h;
  call_soon(vm, run, nullptr);
  return h;
}
// TimerHandle: cancel() drops it from the heap unrun (no step)
Ref timer_handle(VM& vm, std::uint64_t id) {
  Ref h = make<NativeObj>(named_type(vm, "__pitfall_timer_t"), K_TIMER);
  N(h)->t = double(id);
  return h;
}
Ref timer_cancel(VM& vm, Args& a) {
  NativeObj* h = N(a.v[0]);
  if (h->t > 0 && vm.loop) L(vm)->ev->cancel_timer(std::uint64_t(h->t));
  h->t = 0;
  h->i = 1;
  return vm.rt.None;
}
Ref timer_cancelled(VM& vm, Args& a) { return vm.rt.make_bool(N(a.v[0])->i == 1); }
Ref loop_call_later(VM& vm, Args& a) {
  if (a.n < 3) return vm.raise(vm.rt.TypeError, "call_later() missing required arguments");
  double d;
  if (!seconds(vm, a.v[1], d)) return nullptr;
  return timer_handle(vm, call_at(vm, vm.clock_ns + d * 1e9, bind_args(vm, a.v[2], a.v + 3, a.n - 3), nullptr));
}
Ref loop_call_at(VM& vm, Args& a) {
  if (a.n < 3) return vm.raise(vm.rt.TypeError, "call_at() missing required arguments");
  double w;
  if (!seconds(vm, a.v[1], w)) return nullptr;
  return timer_handle(vm, call_at(vm, w * 1e9, bind_args(vm, a.v[2], a.v + 3, a.n - 3), nullptr));
}

// ---- asyncio.run ----
Ref stop_cb(VM& vm, Args&) {  // base_events._run_until_complete_cb
  if (LoopObj* l = L(vm)) l->ev->stop();
  return vm.rt.None;
}

void flush_debug_log(VM& vm, std::size_t& shown) {
  const auto& log = L(vm)->ev->stats().debug_log;
  for (; shown < log.size(); ++shown) vm.err += log[shown] + "\n";
}

// Failed tasks nobody holds any more and nobody asked for their exception
// (futures.py Future.__del__).
void report_unretrieved(VM& vm, LoopObj* l) {
  for (size_t i = 0; i < l->tasks.size();) {
    Ref& t = l->tasks[i];
    NativeObj* tn = N(t);
    if (tn->i != PENDING && t->rc <= 1) {
      if ((tn->j & F_LOG_TB) && tn->b) {
        vm.err += "Task exception was never retrieved\nfuture: " + fut_repr(vm, t) + "\n" + vm.format_exception(tn->b);
      }
      l->tasks.erase(l->tasks.begin() + std::ptrdiff_t(i));
      continue;
    }
    ++i;
  }
}

Ref noop_step(VM& vm, Args& a) {  // shutdown_asyncgens() / shutdown_default_executor(): nothing to shut down
  set_result(vm, a.self->data, vm.rt.None);
  return vm.rt.None;
}

Ref fin_loop_result(VM&, const sched::Outcome&, const Ref& self) { return self; }

// The loop ran inside this call (a built-in): the thread scheduler only sees
// its CPU. Its waiting (select timeouts, blocking calls in steps) becomes one
// wait of the calling thread, during which the other threads can run.
Ref hand_wait_to_scheduler(VM& vm, double wait_ns, Ref result) {
  ThreadRuntime* t = vm.threads;
  if (!t || wait_ns < 1 || !t->can_stop()) return result;
  sched::Request r;
  r.kind = sched::ReqKind::Io;
  r.ns = sched::Nanos(wait_ns);
  r.line = vm.current_line();
  sched::Outcome now;
  if (t->request(r, now)) t->on_answer(fin_loop_result, result);
  return result;
}

void fill_lane_and_stats(VM& vm, LoopObj* l, double cpu0, bool driven) {
  AsyncioState& st = asyncio_state(vm);
  const sched::EventLoop& ev = *l->ev;
  const auto& s = ev.stats();
  st.used = st.used || s.steps > 0;
  st.stats.steps += s.steps;
  st.stats.max_step_ms = std::max(st.stats.max_step_ms, double(s.max_step) * 1e-6);
  st.stats.total_step_ms += double(s.total_step) * 1e-6;
  st.stats.stalls.insert(st.stats.stalls.end(), s.stalls.begin(), s.stalls.end());
  double run = 0;
  for (const auto& seg : ev.lane()) {
    if (seg.state == "run") run += seg.end_s - seg.start_s;
    if (!driven) st.lane.push_back(seg);  // driven: the thread scheduler's lane is the loop thread's
  }
  vm.cpu_ns = cpu0 + run * 1e9 + l->offloaded_cpu;
  std::vector<report::TaskLane> lanes;
  for (const auto& sp : ev.task_spans()) {
    size_t k = size_t(sp.task);
    if (lanes.size() <= k) lanes.resize(k + 1);
    lanes[k].spans.push_back({sched::to_seconds(sp.start), sched::to_seconds(sp.end), sp.state});
  }
  for (size_t k = 0; k < lanes.size(); ++k) {
    lanes[k].name = ev.task_name(sched::TaskId(k));
    st.tasks.push_back(std::move(lanes[k]));
  }
}

// ---- asyncio.run: runners.py Runner.run + Runner.close, phase by phase ----
// 0: run_until_complete(main task); 1: _cancel_all_tasks (cancel the tasks
// left, run_until_complete(gather(*them, return_exceptions=True))); 2:
// shutdown_asyncgens(); 3: shutdown_default_executor() (2 steps when no
// executor was made; with one, the coroutine of base_events.py that shuts it
// down in a helper thread). Each phase's future stops the loop when done
// (_run_until_complete_cb).
struct RunState {
  Ref main, fut;
  int phase = 0;
  std::vector<Ref> left;
  std::size_t shown = 0;
  double cpu0 = 0, clock0 = 0;
  bool ok = true;
};

Ref module_attr(VM& vm, const char* name) {
  AsyncioState& st = asyncio_state(vm);
  return st.module_dict ? vm.dict_get_str(st.module_dict.as<DictObj>(), vm.rt.intern(name).as<StrObj>()) : Ref();
}

// The loop's _asyncgens (a WeakSet in CPython): the registered async
// generators still alive, closed by shutdown_asyncgens.
std::vector<Ref> asyncgens_to_close(VM& vm) {
  std::vector<Ref> out;
  for (GenObj* g : asyncio_state(vm).asyncgens) out.push_back(Ref(g));
  asyncio_state(vm).asyncgens.clear();
  return out;
}

// The loop stopped: did the phase's future finish? (run_until_complete's checks)
bool phase_result(VM& vm, RunState& s, bool progressed) {
  LoopObj* l = L(vm);

  flush_debug_log(vm, s.shown);
  if (l->aborted) {
    vm.exc = l->abort_exc;
    return s.ok = false;
  }
  if (N(s.fut)->i == PENDING) {
    if (!progressed) vm.raise(vm.rt.UnsupportedError, "the event loop would wait forever: nothing is ready and no timer is pending (CPython hangs here)");
    else vm.raise(vm.rt.RuntimeError, "Event loop stopped before Future completed.");
    return s.ok = false;
  }
  return true;
}

// The phase's future is done: reports what it leaves to report, schedules the
// next phase; false when none is left (or it could not start: s.ok false).
bool next_phase(VM& vm, RunState& s) {
  if (s.phase == 1)
    for (auto& t : s.left)
      if (N(t)->i == DONE && N(t)->b) {
        N(t)->j &= ~F_LOG_TB;
        vm.err += "unhandled exception during asyncio.run() shutdown\ntask: " + fut_repr(vm, t) + "\n" + vm.format_exception(N(t)->b);
      }
  for (;;) {
    ++s.phase;
    s.fut.reset();
    if (s.phase == 1) {
      for (auto& t : L(vm)->tasks)
        if (N(t)->i == PENDING) s.left.push_back(t);
      if (s.left.empty()) continue;
      for (auto& t : s.left) cancel(vm, t);
      std::vector<Ref> args(s.left);
      Ref kwn = vm.rt.make_tuple({vm.rt.intern("return_exceptions")});
      Ref kwv = vm.rt.True;
      Args ga{args.data(), int(args.size()), &kwv, kwn.as<TupleObj>(), nullptr};
      s.fut = a_gather(vm, ga);
    } else if (s.phase == 2 || s.phase == 3) {
      Ref ex = module_attr(vm, "_default_executor"), down = module_attr(vm, "_shutdown_default_executor");
      std::vector<Ref> agens = s.phase == 2 ? asyncgens_to_close(vm) : std::vector<Ref>{};
      Ref agen_down = module_attr(vm, "_shutdown_asyncgens");
      if (!agens.empty() && agen_down) {  // base_events.py shutdown_asyncgens: aclose() them in a gather
        Ref list = vm.rt.make_list();
        list.as<ListObj>()->items = std::move(agens);
        Ref coro = vm.call1(agen_down, list);
        s.fut = coro ? make_task(vm, coro) : Ref();
      } else if (s.phase == 3 && ex && ex.get() != vm.rt.None.get() && down) {
        Ref coro = vm.call1(down, vm.loop);
        s.fut = coro ? make_task(vm, coro) : Ref();
      } else {
        s.fut = new_future(vm);
        call_soon(vm, vm.make_builtin(s.phase == 2 ? "shutdown_asyncgens" : "shutdown_default_executor", noop_step, s.fut), nullptr);
      }
    } else {
      return false;
    }
    if (!s.fut) return s.ok = false;
    N(s.fut)->v.push_back(vm.make_builtin("_run_until_complete_cb", stop_cb));
    return true;
  }
}

// The loop is over: its figures into the report state; returns asyncio.run's
// value, or null with the exception set. `driven`: the loop ran as the
// thread's body (the scheduler saw its time), else inside this call.
Ref finish_run(VM& vm, RunState& s, bool driven) {
  LoopObj* l = L(vm);
  Ref saved = s.ok ? Ref() : std::move(vm.exc);
  Ref result;
  NativeObj* m = N(s.main);
  if (s.ok) {
    if (m->i == CANCELLED) saved = cancelled_error(vm);
    else if (m->b) { m->j &= ~F_LOG_TB; saved = m->b; }
    else result = m->a ? m->a : vm.rt.None;
  }
  double loop_wall = double(l->ev->now()) - s.clock0;
  vm.clock_ns = double(l->ev->now());
  double cpu_before = vm.cpu_ns;
  fill_lane_and_stats(vm, l, s.cpu0, driven);
  if (driven) vm.cpu_ns = cpu_before;
  double wait_ns = loop_wall - (vm.cpu_ns - s.cpu0 - l->offloaded_cpu);
  s.main.reset();
  s.fut.reset();
  s.left.clear();
  report_unretrieved(vm, l);
  Ref loop = std::move(vm.loop);
  l->tasks.clear();
  l->current.reset();
  l->ev.reset();
  if (!result) return vm.raise_obj(saved);
  if (driven) return result;
  vm.clock_ns = s.clock0 + (loop_wall - wait_ns);
  return hand_wait_to_scheduler(vm, wait_ns, result);
}

// The loop as the body of the thread that called asyncio.run: it stops at
// each select that waits (a GIL-releasing wait on the loop's wake-up event,
// cut short by call_soon_threadsafe from a worker thread), after a step that
// blocked (time.sleep in a coroutine: the GIL is released for that time), and
// between steps when the thread's time slice is over (the GIL may then go to
// a thread that asked for it). A step itself runs to its end: Python code
// inside a step cannot be preempted here (the VM runs it nested).
class LoopDriver : public ThreadDriver {
 public:
  LoopDriver(VM& vm, RunState s) : vm_(vm), s_(std::move(s)) {}
  bool run(const sched::RunContext& c, sched::RunResult& r) override {
    // the steps run as from inside asyncio.run's call (C code): they cannot
    // stop the thread themselves (VM::nested > 0 makes their eval nested)
    struct Nest { int& n; explicit Nest(int& x) : n(x) { ++n; } ~Nest() { --n; } } nest(vm_.nested);
    LoopObj* l = L(vm_);
    sched::EventLoop& ev = *l->ev;
    ThreadRuntime& rt = *vm_.threads;
    // a step that stopped the thread for a blocking call: the time until now was that call's wait
    if (ev.open_step() && l->open_requested && c.now > ev.now()) l->req_wait += double(c.now - ev.now());
    ev.advance_clock(c.now);
    vm_.clock_ns = double(ev.now());
    const sched::Nanos t0 = ev.now(), b0 = ev.blocked();
    const double cpu0 = vm_.cpu_ns;
    auto stop = [&](sched::Request q) {
      sched::Nanos blocked = ev.blocked() - b0;
      r.ran = std::max<sched::Nanos>(0, ev.now() - t0 - blocked);
      vm_.cpu_ns = cpu0 + double(r.ran);  // the loop's own polls and per-step overhead are CPU too
      vm_.clock_ns = double(ev.now());
      if (blocked > 0 && q.kind == sched::ReqKind::Yield) {
        q.kind = sched::ReqKind::Sleep;  // the step's blocking call: its time, GIL released
        q.ns = blocked;
        q.line = vm_.wait_line;
      }
      r.request = q;
      return true;
    };
    if (selecting_) {
      selecting_ = false;
      read_from_self(rt, l);
      ev.end_select();
      in_pass_ = true;
    }
    for (;;) {
      if (in_pass_) {
        for (;;) {
          sched::Nanos bb = ev.blocked();
          if (ev.open_step()) {
            // the step's frames run in the thread's outermost eval, which can stop the thread
            --vm_.nested;
            bool over = run_open_step(vm_);
            ++vm_.nested;
            if (!over) return stop(sched::Request{});
          } else if (!ev.run_next()) {
            break;
          }
          if (ev.open_step()) continue;  // a task step just opened: its frames run now
          if (ev.blocked() != bb) return stop(sched::Request{});
          if (ev.now() >= c.deadline || vm_.instructions >= vm_.slice_end) return stop(sched::Request{});
        }
        in_pass_ = false;
        if (ev.stopping()) {
          ev.clear_stop();
          if (!phase_result(vm_, s_, true) || !next_phase(vm_, s_)) return finish(ev, t0, cpu0);
        }
      }
      sched::Nanos timeout = ev.begin_pass();
      if (timeout == 0) {
        read_from_self(rt, l);
        ev.end_select();
        in_pass_ = true;
        continue;
      }
      if (timeout < 0 && !others_alive(rt)) {
        phase_result(vm_, s_, false);
        return finish(ev, t0, cpu0);
      }
      selecting_ = true;
      sched::Request q;
      q.kind = sched::ReqKind::EventWait;
      q.obj = l->wake;
      q.timeout = timeout;
      q.as_io = true;
      q.line = vm_.current_line();
      return stop(q);
    }
  }

 private:
  // The select saw the self-pipe readable (call_soon_threadsafe wrote to it):
  // _process_events queues the pipe's reader, _read_from_self, one more step.
  void read_from_self(ThreadRuntime& rt, LoopObj* l) {
    sched::SyncObj* wake = rt.sched.sync_obj(l->wake);
    if (!wake || !wake->flag) return;
    sched::Request clear;
    clear.kind = sched::ReqKind::EventClear;
    clear.obj = l->wake;
    rt.sched.apply(rt.current(), clear, l->ev->now());
    call_soon(vm_, vm_.make_builtin("_read_from_self", [](VM& v, Args&) -> Ref { return v.rt.None; }), nullptr);
  }
  static bool others_alive(ThreadRuntime& rt) {
    const auto& th = rt.sched.threads();
    for (std::size_t i = 0; i < th.size(); ++i)
      if (sched::ThreadId(i) != rt.current() && th[i].state != sched::ThreadState::Done && th[i].state != sched::ThreadState::New) return true;
    return false;
  }
  // Hands the thread back to its frames with asyncio.run's value (or exception).
  bool finish(sched::EventLoop& ev, sched::Nanos t0, double cpu0) {
    vm_.cpu_ns = cpu0 + double(std::max<sched::Nanos>(0, ev.now() - t0));
    Ref v = finish_run(vm_, s_, true);
    Frame* f = vm_.frames.empty() ? nullptr : vm_.frames.back();
    if (!v) vm_.resume_raise = true;
    else if (f && f->sp > 0) f->stack[f->sp - 1] = std::move(v);
    return false;
  }
  VM& vm_;
  RunState s_;
  bool in_pass_ = false, selecting_ = false;
};

Ref a_run(VM& vm, Args& a) {
  if (vm.loop) return vm.raise(vm.rt.RuntimeError, "asyncio.run() cannot be called from a running event loop");
  if (a.n < 1 || !is_coro(a.v[0])) {
    std::string rep;
    if (a.n) vm.repr_to(a.v[0], rep);
    return vm.raise(vm.rt.ValueError, "a coroutine was expected, got " + rep);
  }
  sched::LoopConfig cfg = vm.cost_table ? sched::LoopConfig::from(*static_cast<costs::CostTable*>(vm.cost_table)) : sched::LoopConfig{};
  cfg.filename = vm.filename;
  if (Ref d = a.kw("debug"); d && vm.truthy(d) > 0) cfg.debug = true;
  vm.loop = make<LoopObj>(loop_t(vm));
  LoopObj* l = L(vm);
  l->ev = std::make_unique<sched::EventLoop>(cfg);
  l->ev->set_clock(sched::Nanos(vm.clock_ns));
  RunState s;
  s.cpu0 = vm.cpu_ns;
  s.clock0 = vm.clock_ns;
  ThreadRuntime* rt = vm.threads;
  bool driven = rt && rt->can_stop() && rt->thread(rt->current());
  l->driven = driven;
  if (driven) l->wake = rt->sched.new_event("the event loop's self-pipe");
  s.main = make_task(vm, a.v[0]);
  s.fut = s.main;
  N(s.fut)->v.push_back(vm.make_builtin("_run_until_complete_cb", stop_cb));
  if (driven) {
    // the thread stops after this call; its body runs the loop from its next run
    rt->thread(rt->current())->driver = std::make_unique<LoopDriver>(vm, std::move(s));
    sched::Request y;
    sched::Outcome now;
    rt->request(y, now);
    return vm.rt.None;
  }
  for (;;) {
    bool progressed = l->ev->run_forever();
    if (!phase_result(vm, s, progressed) || !next_phase(vm, s)) break;
  }
  return finish_run(vm, s, false);
}

}  // namespace

namespace {
void mark_library_code(CodeObj* co) {
  co->library = true;
  for (auto& c : co->consts)
    if (c && c->tag == Tag::Code) mark_library_code(c.as<CodeObj>());
}
}  // namespace

AsyncioState& asyncio_state(VM& vm) {
  if (!vm.asyncio) vm.asyncio = std::make_shared<AsyncioState>();
  return *vm.asyncio;
}

void warn_never_awaited(VM& vm, const std::string& qualname) {
  // warnings.warn(..., RuntimeWarning) at the frame running when the coroutine
  // is freed; the default filter shows it once per (text, line)
  Frame* f = vm.current_frame();
  int line = vm.current_line();
  std::string msg = "RuntimeWarning: coroutine '" + qualname + "' was never awaited";
  std::string where = f ? vm.filename + ":" + std::to_string(line) : std::string("sys:1");
  if (!asyncio_state(vm).warned.insert(where + msg).second) return;
  vm.err += where + ": " + msg + "\n";
  if (f && line >= 1 && line <= int(vm.source_lines.size())) {
    std::string src = vm.source_lines[size_t(line - 1)];
    size_t b = src.find_first_not_of(" \t");
    if (b != std::string::npos) vm.err += "  " + src.substr(b) + "\n";
  }
  vm.err += "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n";
}

void fill_asyncio_report(VM& vm, report::Report& r) {
  if (!vm.asyncio || !vm.asyncio->used) return;
  AsyncioState& st = *vm.asyncio;
  r.loop = st.stats;
  r.tasks = st.tasks;
  // the loop ran on MainThread: inside each loop's time window its run / io /
  // sleep segments replace what the thread scheduler saw (one CPU burst, then
  // one wait)
  if (r.threads.empty() || st.lane.empty()) return;
  auto& segs = r.threads[0].segments;
  std::vector<report::Segment> out;
  size_t k = 0;
  for (const auto& s : segs) {
    double t = s.start_s;
    // parts of s outside the loop lane's windows survive
    while (t < s.end_s) {
      while (k < st.lane.size() && st.lane[k].end_s <= t) ++k;
      if (k >= st.lane.size() || st.lane[k].start_s >= s.end_s) { out.push_back({t, s.end_s, s.state}); break; }
      if (st.lane[k].start_s > t) out.push_back({t, st.lane[k].start_s, s.state});
      t = st.lane[k].end_s;
    }
  }
  for (const auto& s : st.lane) out.push_back(s);
  std::sort(out.begin(), out.end(), [](const report::Segment& x, const report::Segment& y) { return x.start_s < y.start_s; });
  segs.clear();
  for (const auto& s : out) {
    if (s.end_s <= s.start_s) continue;
    if (!segs.empty() && segs.back().state == s.state && segs.back().end_s >= s.start_s - 1e-12) segs.back().end_s = std::max(segs.back().end_s, s.end_s);
    else segs.push_back(s);
  }
}

std::int64_t asyncio_gc_collect(VM& vm) {
  LoopObj* l = L(vm);
  if (!l) return 0;
  std::int64_t freed = 0;
  for (size_t i = 0; i < l->tasks.size();) {
    Ref& t = l->tasks[i];
    NativeObj* tn = N(t);
    // pending task -> awaited future whose only holders are the task itself
    // (fut_waiter + the coroutine's await iterator): an unreachable cycle
    if (tn->i == PENDING && tn->d && N(tn->d)->kind == K_FUTURE && tn->d->rc <= 2 && t->rc <= 2 && tn->c->tag == Tag::Generator) {
      // the collector clears the coroutine's frame first: "done, defined at"
      GenObj* g = tn->c.as<GenObj>();
      std::string name = g->qualname ? g->qualname.as<StrObj>()->s : "?";
      int first = g->frame ? g->frame->code->firstlineno : 0;
      vm.err += "Task was destroyed but it is pending!\ntask: <Task pending name='" + task_name(vm, t) + "' coro=<" + name +
                "() done, defined at " + vm.filename + ":" + std::to_string(first) + "> wait_for=" + fut_repr(vm, tn->d) + ">\n";
      task_state(vm, t, "done");
      N(tn->d)->v.clear();
      tn->d.reset();
      l->tasks.erase(l->tasks.begin() + std::ptrdiff_t(i));
      ++freed;
      continue;
    }
    ++i;
  }
  return freed;
}

void init_asyncio(VM& vm, Ref& m) {
  auto& rt = vm.rt;
  auto put = [&](const char* n, Ref v) { vm.dict_set(m.as<ModuleObj>()->dict.as<DictObj>(), rt.intern(n), std::move(v)); };
  if (!vm.dict_get_str(vm.builtins.as<DictObj>(), rt.intern("__pitfall_future_t").as<StrObj>())) {
    ClassObj* fut = rt.new_builtin_type("Future", rt.object_t, Tag::Other);
    fut->module = "asyncio";
    ClassObj* task = rt.new_builtin_type("Task", fut, Tag::Other);
    task->module = "asyncio";
    ClassObj* loop = rt.new_builtin_type("_UnixSelectorEventLoop", rt.object_t, Tag::Other);
    loop->module = "asyncio.unix_events";
    vm.add_method(fut, "done", fut_done);
    vm.add_method(fut, "cancelled", fut_cancelled);
    vm.add_method(fut, "result", fut_result);
    vm.add_method(fut, "exception", fut_exception);
    vm.add_method(fut, "set_result", fut_set_result);
    vm.add_method(fut, "set_exception", fut_set_exception);
    vm.add_method(fut, "add_done_callback", fut_add_done_callback);
    vm.add_method(fut, "remove_done_callback", fut_remove_done_callback);
    vm.add_method(fut, "cancel", fut_cancel);
    vm.add_method(fut, "__await__", fut_await);
    vm.add_method(fut, "__iter__", fut_await);
    vm.add_method(fut, "__repr__", fut_repr_m);
    vm.add_method(task, "get_name", task_get_name);
    vm.add_method(task, "set_name", task_set_name);
    vm.add_method(task, "get_coro", task_get_coro);
    vm.add_method(task, "cancelling", task_cancelling);
    vm.add_method(task, "uncancel", task_uncancel);
    vm.add_method(loop, "create_future", loop_create_future);
    vm.add_method(loop, "create_task", loop_create_task);
    vm.add_method(loop, "time", loop_time);
    vm.add_method(loop, "call_soon", loop_call_soon);
    vm.add_method(loop, "call_soon_threadsafe", loop_call_soon_threadsafe);
    vm.add_method(loop, "call_later", loop_call_later);
    vm.add_method(loop, "call_at", loop_call_at);
    vm.add_method(loop, "run_in_executor", loop_run_in_executor);
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_future_t"), Ref(fut));
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_task_t"), Ref(task));
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_loop_t"), Ref(loop));
    ClassObj* timer = rt.new_builtin_type("TimerHandle", rt.object_t, Tag::Other);
    timer->module = "asyncio.events";
    vm.add_method(timer, "cancel", timer_cancel);
    vm.add_method(timer, "cancelled", timer_cancelled);
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_timer_t"), Ref(timer));
  }
  put("run", vm.make_builtin("run", a_run));
  put("sleep", vm.make_builtin("sleep", a_sleep));
  put("gather", vm.make_builtin("gather", a_gather));
  put("wait_for", vm.make_builtin("wait_for", a_wait_for));
  // base_events.py default_exception_handler: logger.error(message, exc_info=exception)
  put("_log_error", vm.make_builtin("_log_error", [](VM& v, Args& x) -> Ref {
        std::string msg;
        if (x.n < 2 || !v.str_to(x.v[0], msg)) return v.raise(v.rt.TypeError, "_log_error(message, exception)");
        v.err += msg + "\n" + v.format_exception(x.v[1]);
        return v.rt.None;
      }));
  put("_to_thread", vm.make_builtin("to_thread", a_to_thread));  // asyncio_py.cpp's to_thread awaits it
  put("create_task", vm.make_builtin("create_task", a_create_task));
  put("ensure_future", vm.make_builtin("ensure_future", [](VM& v, Args& a) -> Ref {
        if (a.n < 1) return v.raise(v.rt.TypeError, "ensure_future() missing 1 required positional argument");
        if (!need_loop(v)) return nullptr;
        return ensure_future(v, a.v[0]);
      }));
  put("all_tasks", vm.make_builtin("all_tasks", a_all_tasks));
  put("current_task", vm.make_builtin("current_task", a_current_task));
  put("get_running_loop", vm.make_builtin("get_running_loop", a_get_running_loop));
  put("get_event_loop", vm.make_builtin("get_event_loop", a_get_running_loop));
  put("Future", vm.dict_get_str(vm.builtins.as<DictObj>(), rt.intern("__pitfall_future_t").as<StrObj>()));
  put("Task", vm.dict_get_str(vm.builtins.as<DictObj>(), rt.intern("__pitfall_task_t").as<StrObj>()));
  put("CancelledError", Ref(rt.CancelledError));
  put("TimeoutError", Ref(rt.TimeoutError));
  // the Python parts run in the module's namespace, as library code
  asyncio_state(vm).module_dict = m.as<ModuleObj>()->dict;
  for (const char* src : {kAsyncioPy, kAsyncioComposePy}) {
    CompileResult cr = compile_module(vm.rt, src == kAsyncioPy ? "asyncio/locks.py" : "asyncio/tasks.py", src);
    if (!cr.code) {
      vm.raise(vm.rt.RuntimeError, "internal: the simulator's asyncio module does not compile: " + cr.error);
      return;
    }
    mark_library_code(cr.code.as<CodeObj>());
    Frame* f = vm.new_frame(nullptr, cr.code.as<CodeObj>(), m.as<ModuleObj>()->dict, nullptr);
    size_t base = vm.frames.size();
    vm.frames.push_back(f);
    Ref result;
    if (vm.eval(base, result) == Stop::Exception) return;
  }
}

void asyncio_agen_firstiter(VM& vm, const Ref& agen) {
  if (vm.loop) asyncio_state(vm).asyncgens.push_back(agen.as<GenObj>());
}

void asyncio_agen_dealloc(VM& vm, GenObj* g) {
  auto& agens = asyncio_state(vm).asyncgens;
  auto it = std::find(agens.begin(), agens.end(), g);
  if (it == agens.end()) return;
  agens.erase(it);  // the WeakSet's entry goes with the generator
  finalize_dropped_asyncgen(vm, g);
}

}  // namespace pitfall::sim
