// Simulated Python threads on the VM (see thread_runtime.h).
#include "sim/vm/thread_runtime.h"
#include "sim/vm/uncaught_display.h"
#include "sim/vm/process_states.h"

#include <cmath>
#include <utility>

#include "sim/costs/cost_table.h"

namespace pitfall::sim {

using sched::Nanos;
using sched::ReqKind;

VmThread::VmThread(ThreadRuntime& rt, sched::ThreadId tid, Ref c, Ref a)
    : id(tid), callable(std::move(c)), args(std::move(a)), rt_(rt) {}

VmThread::~VmThread() { discard(); }

void VmThread::discard() {
  while (!frames.empty()) {
    Frame* f = frames.back();
    frames.pop_back();
    while (f->sp > 0) f->stack[--f->sp].reset();
    if (f->gen) f->gen->finished = true;
    else delete f;
  }
  exc_info.reset();
  driver.reset();
}

bool VmThread::begin() {
  VM& vm = rt_.vm;
  begun = true;
  if (!callable) return !vm.frames.empty();  // the main thread: its module frame is already there
  // Modules/_threadmodule.c thread_run(): the new thread's state, its first
  // take_gil, and at exit its clean-up (cost table: thread.bootstrap_ns)
  const auto* table = static_cast<const costs::CostTable*>(vm.cost_table);
  if (process_main) {
    // a child process's main thread: the parent paid its start (fork)
    std::vector<Ref> a;
    if (args && !vm.to_list(args, a)) return false;
    return push_call(callable, a);
  }
  vm.charge(table ? table->param("thread.bootstrap_ns", 25'000) : 25'000);
  // The process's first thread runs all of that cold: the thread start-up C
  // code and its libpython pages, threading's bootstrap bytecode and inline
  // caches, the first GIL hand-offs with another thread; the threads after it
  // find them warm (thread.first_start_extra_ns, tools/bench/thread_first_use.py)
  if (!rt_.thread_started) {
    rt_.thread_started = true;
    if (table) vm.charge(table->param("thread.first_start_extra_ns", 0));
  }
  std::vector<Ref> a;
  if (args && !vm.to_list(args, a)) return false;
  return push_call(callable, a);
}

bool VmThread::push_call(const Ref& callable, std::vector<Ref> a) {
  VM& vm = rt_.vm;
  Ref fn = callable;
  if (fn->tag == Tag::BoundMethod) {
    BoundMethodObj* bm = fn.as<BoundMethodObj>();
    if (bm->func->tag == Tag::Func) {
      a.insert(a.begin(), bm->self);
      fn = bm->func;
    }
  }
  if (fn->tag == Tag::Func && !(fn.as<FuncObj>()->co()->flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR))) {
    Frame* nf = vm.frame_for_call(fn.as<FuncObj>(), a.data(), int(a.size()), nullptr);
    if (!nf) return false;
    vm.frames.push_back(nf);
    return true;
  }
  // a built-in or other callable: runs to its end at once (C code never yields)
  Ref r = vm.call(callable, a.data(), int(a.size()));
  if (r && on_done) on_done(vm, r, Ref());
  return false;
}

void VmThread::deliver(const sched::Outcome& o) {
  VM& vm = rt_.vm;
  Finish fin = finish_;
  Ref self = std::move(finish_self_);
  finish_ = nullptr;
  if (!o.error_type.empty()) {
    rt_.raise_outcome(o);
    vm.resume_raise = true;
    return;
  }
  if (fin && finish_effect_) {
    finish_effect_ = false;
    if (!fin(vm, o, self)) vm.resume_raise = true;
    return;
  }
  Frame* f = vm.frames.empty() ? nullptr : vm.frames.back();
  if (!fin || !f || f->sp == 0) return;  // the placeholder is the call's value
  Ref v = fin(vm, o, self);
  if (!v) { vm.resume_raise = true; return; }
  f->stack[f->sp - 1] = std::move(v);
}

Ref ThreadRuntime::raise_outcome(const sched::Outcome& o) {
  auto it = errors.find(o.error_type);
  ClassObj* cls = vm.rt.RuntimeError;
  if (it != errors.end()) cls = it->second.as<ClassObj>();
  else if (o.error_type == "ValueError") cls = vm.rt.ValueError;
  else if (o.error_type == "TypeError") cls = vm.rt.TypeError;
  return vm.raise(cls, o.error_message);
}

sched::RunResult VmThread::run_until(const sched::RunContext& c) {
  VM& vm = rt_.vm;
  if (rt_.process_states) rt_.process_states->enter(vm, process);
  rt_.set_current(id);
  std::swap(vm.frames, frames);
  std::swap(vm.exc_info, exc_info);
  vm.clock_ns = double(c.now);
  vm.deadline_ns = double(c.deadline);
  vm.has_pending = false;
  vm.resume_raise = false;
  double cpu0 = vm.cpu_ns;
  sched::RunResult r;
  if (has_deferred_) {
    // the request the last slice made after a wait (see the end of this
    // function); its answer is delivered when the thread next runs
    has_deferred_ = false;
    r.request = deferred_;
    vm.deadline_ns = 1e300;
    std::swap(vm.frames, frames);
    std::swap(vm.exc_info, exc_info);
    return r;
  }
  bool runnable = true, driven_stop = false, further_wait = false;
  if (done_next_) runnable = false;
  else if (!begun) runnable = begin();
  else if (driver && !rt_.budget_stop) {
    // the driver's frames made a blocking call last time (an asyncio task step
    // running on this thread's frames): its answer first
    if (driver_waits_) { driver_waits_ = false; deliver(*c.last); }
    if (driver->run(c, r)) {
      driven_stop = true;
      if (vm.has_pending) {
        r.request = vm.pending;
        finish_ = rt_.pending_finish_;
        finish_effect_ = rt_.pending_effect_;
        finish_self_ = std::move(rt_.pending_self_);
        rt_.pending_finish_ = nullptr;
        vm.has_pending = false;
        driver_waits_ = true;
      }
    } else {
      driver.reset();
    }
  } else if (!driver) {
    deliver(*c.last);
    // the answer's effects let time pass (on_answer_effect): wait that long
    // first (what it computed, such as unpickling a received item, is CPU)
    if (!vm.resume_raise && vm.clock_ns - double(c.now) - (vm.cpu_ns - cpu0) >= 1) further_wait = true;
  }
  if (driven_stop) {
    // the driver stopped the thread: r holds its CPU time and request
  } else if (further_wait) {
    r.request.kind = ReqKind::Io;
    r.request.ns = Nanos(std::llround(vm.clock_ns - double(c.now) - (vm.cpu_ns - cpu0)));
  } else if (!runnable || rt_.budget_stop) {
    if (!done_next_) {
      if (vm.exc) { uncaught = std::move(vm.exc); if (vm.budget_exceeded) rt_.budget_stop = true; }
      if (uncaught && on_done) on_done(vm, Ref(), uncaught);
    }
    r.request.kind = ReqKind::Done;
  } else {
    Ref result;
    Stop s = vm.eval(0, result);
    // the main thread's code ended: threading._shutdown() runs the hooks
    // registered with threading._register_atexit (executors' clean-up), then
    // the atexit handlers run (Py_FinalizeEx: wait_for_thread_shutdown, _PyAtExit_Call)
    while (s != Stop::Slice && id == 0 && !vm.budget_exceeded &&
           ((!hook_ran_ && rt_.shutdown_hook) || (!atexit_ran_ && rt_.atexit_hook))) {
      const bool threading_hook = !hook_ran_ && rt_.shutdown_hook;
      (threading_hook ? hook_ran_ : atexit_ran_) = true;
      if (s == Stop::Exception) uncaught = std::move(vm.exc);
      if (!push_call(threading_hook ? rt_.shutdown_hook : rt_.atexit_hook, {})) { vm.exc.reset(); break; }
      s = vm.eval(0, result);
      if (s == Stop::Exception && !vm.budget_exceeded) { vm.exc.reset(); s = Stop::Returned; }
    }
    if (s == Stop::Slice) {
      if (vm.has_pending) {
        r.request = vm.pending;
        finish_ = rt_.pending_finish_;
        finish_effect_ = rt_.pending_effect_;
        finish_self_ = std::move(rt_.pending_self_);
        rt_.pending_finish_ = nullptr;
        vm.has_pending = false;
      }
    } else {
      r.request.kind = ReqKind::Done;
      if (s == Stop::Exception) {
        if (!uncaught || vm.budget_exceeded) uncaught = std::move(vm.exc);
        vm.exc.reset();
        if (vm.budget_exceeded) rt_.budget_stop = true;
      }
      if (on_done) on_done(vm, s == Stop::Exception ? Ref() : result, uncaught);
      if (uncaught && id != 0 && !vm.budget_exceeded && !on_done && uncaught->cls != vm.rt.SystemExit) {
        // threading.excepthook's default output for a thread without a Python Thread object
        vm.err += "Exception in thread " + rt_.sched.threads()[size_t(id)].name + ":\n" + vm.format_exception(uncaught);
      }
      // the program's uncaught exception is printed before the interpreter
      // ends, on the main thread's clock (vm/uncaught_display.h)
      if (uncaught && id == 0 && !vm.budget_exceeded && uncaught->cls != vm.rt.SystemExit &&
          uncaught->cls != vm.rt.UnsupportedError)
        vm.charge(uncaught_display_ns(vm, uncaught));
    }
  }
  double ran = vm.cpu_ns - cpu0;
  if (!driven_stop) r.ran = ran > 0 ? Nanos(std::llround(ran)) : 0;
  // Time the body let pass without computing (VM::advance_wait: the asyncio
  // loop's select) becomes a wait that releases the GIL, so that wall time
  // stays right while cpu_s counts only computing.
  // A slice that then made a blocking request (an acquire, a get, a join...)
  // waits first and makes the request when it next runs, at the time its
  // code made it.
  double waited = vm.clock_ns - double(c.now) - ran;
  if (!driven_stop && !further_wait && waited >= 1) {
    if (r.request.kind == ReqKind::Done) done_next_ = true;
    else if (r.request.kind != ReqKind::Yield) {
      deferred_ = r.request;
      has_deferred_ = true;
    }
    r.request = sched::Request{};
    r.request.kind = ReqKind::Io;
    r.request.ns = Nanos(std::llround(waited));
  }
  vm.deadline_ns = 1e300;
  std::swap(vm.frames, frames);
  std::swap(vm.exc_info, exc_info);
  return r;
}

ThreadRuntime::ThreadRuntime(VM& v, const sched::SchedConfig& cfg, const sched::ProcConfig& pcfg)
    : vm(v), sched(cfg), procs(pcfg) {
  vm.threads = this;
}

ThreadRuntime::~ThreadRuntime() {
  process_states.reset();
  for (auto& t : threads_) t->discard();
  threads_.clear();
  items_.clear();
  errors.clear();
  shutdown_hook.reset();
  atexit_hook.reset();
  if (vm.threads == this) vm.threads = nullptr;
}

void ThreadRuntime::add_main() {
  auto t = std::make_unique<VmThread>(*this, 0, Ref(), Ref());
  std::swap(t->frames, vm.frames);
  VmThread* p = t.get();
  threads_.push_back(std::move(t));
  sched.add_thread("MainThread", p, false);
}

sched::ThreadId ThreadRuntime::add(const std::string& name, Ref callable, Ref args, bool daemon) {
  sched::ThreadId id = sched::ThreadId(threads_.size());
  auto t = std::make_unique<VmThread>(*this, id, std::move(callable), std::move(args));
  t->process = current_process();  // a thread belongs to the process that made it
  VmThread* p = t.get();
  threads_.push_back(std::move(t));
  sched.add_thread(name, p, daemon);
  return id;
}

sched::ThreadId ThreadRuntime::add_process(const std::string& name, Ref callable, Ref args, bool daemon, int process) {
  sched::ThreadId id = sched::ThreadId(threads_.size());
  auto t = std::make_unique<VmThread>(*this, id, std::move(callable), std::move(args));
  t->process = process;
  t->process_main = true;
  VmThread* p = t.get();
  threads_.push_back(std::move(t));
  sched.add_process(name, p, daemon);
  return id;
}

sched::ThreadId ThreadRuntime::spawn(const std::string& name, Ref callable, Ref args, ThreadDone done, bool daemon) {
  sched::ThreadId id = add(name, std::move(callable), std::move(args), daemon);
  threads_[size_t(id)]->on_done = std::move(done);
  sched::Request r;
  r.kind = ReqKind::Start;
  r.obj = id;
  r.line = vm.current_line();
  sched.apply(current_, r, Nanos(vm.clock_ns));
  refresh_deadline();
  return id;
}

// A request carried out without stopping the thread (spawn, a nested call)
// may have scheduled an event (the new thread's GIL request times out after
// the switch interval): the running thread's slice ends no later than that,
// as the scheduler would have set its deadline had the event existed.
void ThreadRuntime::refresh_deadline() {
  auto next = sched.kernel().next_time();
  if (next && double(*next) < vm.deadline_ns) vm.deadline_ns = double(*next);
}

bool ThreadRuntime::can_stop() const { return vm.nested == 1 && !vm.has_pending; }

bool ThreadRuntime::call_value_kept() const {
  const Frame* f = vm.current_frame();
  if (!f || f->ip <= 0 || f->ip > f->ncode) return true;
  return f->instrs[f->ip - 1].op != WITH_EXIT;
}

bool ThreadRuntime::request(const sched::Request& r, sched::Outcome& now) {
  if (can_stop()) {
    vm.pending = r;
    if (vm.pending.line == 0) vm.pending.line = vm.current_line();
    vm.has_pending = true;
    vm.check_at = 0;  // the eval breaker's slow path (VM::eval)
    return true;
  }
  now = sched.apply(current_, r, Nanos(vm.clock_ns));
  refresh_deadline();
  return false;
}

std::int64_t ThreadRuntime::keep(Ref v) {
  std::int64_t h = next_item_++;
  items_[h] = std::move(v);
  return h;
}

Ref ThreadRuntime::take(std::int64_t handle) {
  auto it = items_.find(handle);
  if (it == items_.end()) return vm.rt.None;
  Ref v = std::move(it->second);
  items_.erase(it);
  return v;
}

void ThreadRuntime::name_after_variable(sched::ObjId o, const Ref& obj) {
  if (o < 0) return;
  if (named_.size() <= size_t(o)) named_.resize(size_t(o) + 1, false);
  if (named_[size_t(o)]) return;
  named_[size_t(o)] = true;
  if (Frame* f = vm.current_frame()) {
    for (size_t i = 0; i < f->code->varnames.size(); ++i)
      if (f->slots[i].get() == obj.get()) { sched.rename(o, f->code->varnames[i]); return; }
    if (f->locals)
      for (auto& e : f->locals.as<DictObj>()->entries)
        if (e.key && e.value.get() == obj.get() && e.key->tag == Tag::Str) { sched.rename(o, e.key.as<StrObj>()->s); return; }
  }
  if (vm.main_module)
    for (auto& e : vm.main_module.as<ModuleObj>()->dict.as<DictObj>()->entries)
      if (e.key && e.value.get() == obj.get() && e.key->tag == Tag::Str) { sched.rename(o, e.key.as<StrObj>()->s); return; }
}

}  // namespace pitfall::sim
