// asyncio: an event loop on the virtual clock, futures, tasks, sleep, gather.
//
// Notes about the model: follows Lib/asyncio/base_events.py (_run_once: a
// FIFO of ready callbacks plus a timer heap; when nothing is ready the clock
// jumps to the next timer), futures.py (done callbacks are scheduled with
// call_soon) and tasks.py (Task.__step sends None into the coroutine; a
// yielded future gets the task's wakeup as done callback). asyncio.run
// cancels the tasks still pending when main() returns. gc.collect() frees a
// pending task whose awaited future is held by nobody else (the cycle CPython's
// collector finds: task -> coroutine -> future -> callback -> task) and
// reports it like CPython ("Task was destroyed but it is pending!"). Not
// modelled: loop.run_in_executor, wait_for/timeouts, streams, async
// generators' aclose, Task names in reprs.
#include <algorithm>
#include <deque>

#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

enum { K_FUTURE = 20, K_TASK = 21 };
enum { PENDING = 0, DONE = 1, CANCELLED = 2 };

struct Timer { double t; std::uint64_t seq; Ref cb, arg; };

struct LoopObj : Obj {
  std::deque<std::pair<Ref, Ref>> ready;  // callback, argument
  std::vector<Timer> timers;               // min-heap on (t, seq)
  std::uint64_t seq = 0;
  std::vector<Ref> tasks;                  // all tasks (CPython keeps a WeakSet)
  int task_counter = 0;
  LoopObj(ClassObj* c) : Obj(c, Tag::Other) {}
};

ClassObj* future_t(VM& vm) { return vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("__pitfall_future_t").as<StrObj>()).as<ClassObj>(); }
ClassObj* task_t(VM& vm) { return vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("__pitfall_task_t").as<StrObj>()).as<ClassObj>(); }
ClassObj* loop_t(VM& vm) { return vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("__pitfall_loop_t").as<StrObj>()).as<ClassObj>(); }
LoopObj* L(VM& vm) { return vm.loop ? static_cast<LoopObj*>(vm.loop.get()) : nullptr; }
NativeObj* N(const Ref& r) { return static_cast<NativeObj*>(r.get()); }
bool is_future(const Ref& r) { return r && r->tag == Tag::Other && (N(r)->kind == K_FUTURE || N(r)->kind == K_TASK); }

void call_soon(VM& vm, Ref cb, Ref arg) { L(vm)->ready.emplace_back(std::move(cb), std::move(arg)); }
void call_at(VM& vm, double t, Ref cb, Ref arg) {
  LoopObj* l = L(vm);
  l->timers.push_back({t, l->seq++, std::move(cb), std::move(arg)});
  std::push_heap(l->timers.begin(), l->timers.end(), [](const Timer& a, const Timer& b) { return a.t > b.t || (a.t == b.t && a.seq > b.seq); });
}

void fut_finish(VM& vm, const Ref& fut) {
  NativeObj* f = N(fut);
  std::vector<Ref> cbs;
  cbs.swap(f->v);
  for (auto& cb : cbs) call_soon(vm, cb, fut);
}
Ref new_future(VM& vm) { return make<NativeObj>(future_t(vm), K_FUTURE); }

Ref fut_done(VM& vm, Args& a) { return vm.rt.make_bool(N(a.v[0])->i != PENDING); }
Ref fut_cancelled(VM& vm, Args& a) { return vm.rt.make_bool(N(a.v[0])->i == CANCELLED); }
Ref fut_result(VM& vm, Args& a) {
  NativeObj* f = N(a.v[0]);
  if (f->i == PENDING) return vm.raise(vm.rt.RuntimeError, "Result is not set.");  // InvalidStateError in CPython
  if (f->i == CANCELLED) return vm.raise(vm.rt.CancelledError, "");
  if (f->b) return vm.raise_obj(f->b);
  return f->a ? f->a : vm.rt.None;
}
Ref fut_set_result(VM& vm, Args& a) {
  NativeObj* f = N(a.v[0]);
  if (f->i != PENDING) return vm.raise(vm.rt.RuntimeError, "invalid state");
  f->a = a.n > 1 ? a.v[1] : vm.rt.None;
  f->i = DONE;
  fut_finish(vm, a.v[0]);
  return vm.rt.None;
}
Ref fut_add_done_callback(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "add_done_callback() missing 1 required positional argument: 'fn'");
  NativeObj* f = N(a.v[0]);
  if (f->i != PENDING) call_soon(vm, a.v[1], a.v[0]);
  else f->v.push_back(a.v[1]);
  return vm.rt.None;
}
Ref fut_cancel(VM& vm, Args& a);
Ref await_next(VM& vm, IterObj* it) {
  NativeObj* f = N(it->a);
  if (f->i == PENDING) {
    if (it->i == 0) { it->i = 1; return it->a; }
    return vm.raise(vm.rt.RuntimeError, "await wasn't used with future");
  }
  if (f->i == CANCELLED) return vm.raise(vm.rt.CancelledError, "");
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

void task_step(VM& vm, const Ref& task, Ref throw_exc);

Ref task_wakeup(VM& vm, Args& a) {
  Ref task = a.self->data;
  NativeObj* t = N(task);
  if (t->i != PENDING) return vm.rt.None;
  if (a.n > 0 && t->d.get() != a.v[0].get()) return vm.rt.None;
  t->d.reset();
  Ref exc;
  if (t->j & 1) {  // cancel requested while waiting
    t->j &= ~1;
    exc = vm.new_exception(vm.rt.CancelledError, "");
  }
  task_step(vm, task, exc);
  return vm.rt.None;
}

void task_step(VM& vm, const Ref& task, Ref throw_exc) {
  NativeObj* t = N(task);
  if (t->i != PENDING) return;
  GenObj* coro = t->c.as<GenObj>();
  Stop how = Stop::Exception;
  Ref r = vm.gen_send(coro, vm.rt.None, how, throw_exc);
  if (!r) {
    Ref e = std::move(vm.exc);
    if (e && vm.matches(e, vm.rt.CancelledError)) t->i = CANCELLED;
    else { t->b = e; t->i = DONE; }
    fut_finish(vm, task);
    return;
  }
  if (how == Stop::Returned) {
    t->a = r;
    t->i = DONE;
    fut_finish(vm, task);
    return;
  }
  if (is_future(r)) {
    if (N(r)->i != PENDING) {
      call_soon(vm, vm.make_builtin("Task.__wakeup", task_wakeup, task), r);
    } else {
      t->d = r;
      N(r)->v.push_back(vm.make_builtin("Task.__wakeup", task_wakeup, task));
    }
    return;
  }
  if (r.get() == vm.rt.None.get()) {  // bare yield (sleep(0))
    call_soon(vm, vm.make_builtin("Task.__wakeup", task_wakeup, task), Ref());
    return;
  }
  std::string rep;
  vm.repr_to(r, rep);
  Ref e = vm.new_exception(vm.rt.RuntimeError, "Task got bad yield: " + rep);
  task_step(vm, task, e);
}

Ref task_step_cb(VM& vm, Args& a) {
  Ref task = a.self->data;
  task_step(vm, task, nullptr);
  return vm.rt.None;
}

Ref make_task(VM& vm, const Ref& coro) {
  Ref t = make<NativeObj>(task_t(vm), K_TASK);
  N(t)->c = coro;
  LoopObj* l = L(vm);
  N(t)->t = ++l->task_counter;
  l->tasks.push_back(t);
  call_soon(vm, vm.make_builtin("Task.__step", task_step_cb, t), Ref());
  return t;
}

Ref fut_cancel(VM& vm, Args& a) {
  NativeObj* f = N(a.v[0]);
  if (f->i != PENDING) return vm.rt.False;
  if (f->kind == K_FUTURE) {
    f->i = CANCELLED;
    fut_finish(vm, a.v[0]);
    return vm.rt.True;
  }
  // task: cancel what it waits on, or throw CancelledError at its next step
  if (f->d && N(f->d)->i == PENDING) {
    Ref w = f->d;
    Args b{&w, 1, nullptr, nullptr, nullptr};
    fut_cancel(vm, b);
  } else {
    f->j |= 1;
  }
  return vm.rt.True;
}

bool need_loop(VM& vm, const char* what) {
  if (vm.loop) return true;
  vm.raise(vm.rt.RuntimeError, std::string("no running event loop") + (what ? "" : ""));
  return false;
}

// Runs ready callbacks and timers until `fut` is done (or nothing is left).
bool run_until(VM& vm, const Ref& fut) {
  LoopObj* l = L(vm);
  auto later = [](const Timer& a, const Timer& b) { return a.t > b.t || (a.t == b.t && a.seq > b.seq); };
  std::uint64_t guard = 0;
  while (!fut || N(fut)->i == PENDING) {
    if (vm.budget_exceeded || vm.instructions >= vm.budget) {
      vm.budget_exceeded = true;
      vm.raise(vm.rt.UnsupportedError, "instruction budget exhausted");
      return false;
    }
    if (l->ready.empty()) {
      if (l->timers.empty()) return !fut;
      std::pop_heap(l->timers.begin(), l->timers.end(), later);
      Timer tm = std::move(l->timers.back());
      l->timers.pop_back();
      if (tm.t > vm.clock_ns) vm.advance_wait(tm.t - vm.clock_ns);
      call_soon(vm, tm.cb, tm.arg);
      // timers due at the same moment become ready together
      while (!l->timers.empty() && l->timers.front().t <= vm.clock_ns) {
        std::pop_heap(l->timers.begin(), l->timers.end(), later);
        Timer t2 = std::move(l->timers.back());
        l->timers.pop_back();
        call_soon(vm, t2.cb, t2.arg);
      }
    }
    size_t n = l->ready.size();
    for (size_t i = 0; i < n && !l->ready.empty(); ++i) {
      auto [cb, arg] = std::move(l->ready.front());
      l->ready.pop_front();
      vm.charge(vm.builtin_ns("builtin.asyncio.step", 1));
      Ref r = arg ? vm.call1(cb, arg) : vm.call0(cb);
      if (!r) {
        if (vm.budget_exceeded || vm.matches(vm.exc, vm.rt.UnsupportedError)) return false;
        Ref e = std::move(vm.exc);
        vm.err += "Exception in callback\n" + vm.format_exception(e);
      }
    }
    if (++guard > 100000000) break;
  }
  return true;
}

Ref sleep_done(VM& vm, Args& a) {
  Ref fut = a.self->data;
  if (N(fut)->i == PENDING) {
    N(fut)->a = a.self->data2 ? a.self->data2 : vm.rt.None;
    N(fut)->i = DONE;
    fut_finish(vm, fut);
  }
  return vm.rt.None;
}

Ref a_sleep(VM& vm, Args& a) {
  double s = 0;
  if (a.n > 0) {
    if (a.v[0]->tag == Tag::Int) s = double(a.v[0].as<IntObj>()->v);
    else if (a.v[0]->tag == Tag::Float) s = a.v[0].as<FloatObj>()->v;
    else return vm.raise(vm.rt.TypeError, "'<' not supported between instances of '" + vm.type_name(a.v[0]) + "' and 'int'");
  }
  if (!need_loop(vm, "sleep")) return nullptr;
  Ref fut = new_future(vm);
  Ref cb = vm.make_builtin("sleep.done", sleep_done, fut);
  if (a.n > 1) cb.as<BuiltinObj>()->data2 = a.v[1];
  call_at(vm, vm.clock_ns + (s > 0 ? s * 1e9 : 0), cb, Ref());
  return fut;
}

Ref ensure_future(VM& vm, const Ref& aw) {
  if (is_future(aw)) return aw;
  if (aw->tag == Tag::Generator && aw.as<GenObj>()->coroutine) return make_task(vm, aw);
  return vm.raise(vm.rt.TypeError, "An asyncio.Future, a coroutine or an awaitable is required");
}

Ref gather_child_done(VM& vm, Args& a) {
  Ref outer = a.self->data;
  NativeObj* o = N(outer);
  if (o->i != PENDING) return vm.rt.None;
  NativeObj* child = N(a.v[0]);
  if (child->i == CANCELLED || child->b) {
    if (child->b) o->b = child->b;
    o->i = child->i == CANCELLED ? CANCELLED : DONE;
    fut_finish(vm, outer);
    return vm.rt.None;
  }
  if (--o->j > 0) return vm.rt.None;
  Ref l = vm.rt.make_list();
  for (auto& c : N(outer)->c.as<ListObj>()->items) l.as<ListObj>()->items.push_back(N(c)->a ? N(c)->a : vm.rt.None);
  o->a = l;
  o->i = DONE;
  o->c.reset();
  fut_finish(vm, outer);
  return vm.rt.None;
}

Ref a_gather(VM& vm, Args& a) {
  if (!need_loop(vm, "gather")) return nullptr;
  Ref outer = new_future(vm);
  Ref children = vm.rt.make_list();
  for (int i = 0; i < a.n; ++i) {
    Ref f = ensure_future(vm, a.v[i]);
    if (!f) return nullptr;
    children.as<ListObj>()->items.push_back(f);
  }
  N(outer)->c = children;
  N(outer)->j = a.n;
  if (a.n == 0) {
    N(outer)->a = vm.rt.make_list();
    N(outer)->i = DONE;
    return outer;
  }
  for (auto& f : children.as<ListObj>()->items) {
    Ref cb = vm.make_builtin("gather._done_callback", gather_child_done, outer);
    if (N(f)->i != PENDING) call_soon(vm, cb, f);
    else N(f)->v.push_back(cb);
  }
  return outer;
}

Ref a_create_task(VM& vm, Args& a) {
  if (!need_loop(vm, "create_task")) return nullptr;
  if (a.n < 1 || a.v[0]->tag != Tag::Generator || !a.v[0].as<GenObj>()->coroutine) {
    std::string rep;
    if (a.n) vm.repr_to(a.v[0], rep);
    return vm.raise(vm.rt.TypeError, "a coroutine was expected, got " + rep);
  }
  return make_task(vm, a.v[0]);
}

Ref a_all_tasks(VM& vm, Args&) {
  if (!need_loop(vm, "all_tasks")) return nullptr;
  Ref s = make<DictObj>(vm.rt.set_t, Tag::Set);
  for (auto& t : L(vm)->tasks)
    if (N(t)->i == PENDING) vm.dict_set(s.as<DictObj>(), t, Ref());
  return s;
}

Ref a_get_running_loop(VM& vm, Args&) {
  if (!vm.loop) return vm.raise(vm.rt.RuntimeError, "no running event loop");
  return vm.loop;
}
Ref loop_create_future(VM& vm, Args&) { return new_future(vm); }
Ref loop_time(VM& vm, Args&) { return vm.rt.make_float(vm.clock_ns * 1e-9); }
Ref loop_call_soon(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "call_soon() missing 1 required positional argument: 'callback'");
  if (a.n > 2) call_soon(vm, a.v[1], a.v[2]);
  else call_soon(vm, a.v[1], Ref());
  return vm.rt.None;
}
Ref loop_call_later(VM& vm, Args& a) {
  if (a.n < 3) return vm.raise(vm.rt.TypeError, "call_later() missing required arguments");
  double d = a.v[1]->tag == Tag::Float ? a.v[1].as<FloatObj>()->v : double(a.v[1].as<IntObj>()->v);
  call_at(vm, vm.clock_ns + d * 1e9, a.v[2], a.n > 3 ? a.v[3] : Ref());
  return vm.rt.None;
}

Ref a_run(VM& vm, Args& a) {
  if (vm.loop) return vm.raise(vm.rt.RuntimeError, "asyncio.run() cannot be called from a running event loop");
  if (a.n < 1 || a.v[0]->tag != Tag::Generator || !a.v[0].as<GenObj>()->coroutine) {
    std::string rep;
    if (a.n) vm.repr_to(a.v[0], rep);
    return vm.raise(vm.rt.ValueError, "a coroutine was expected, got " + rep);
  }
  vm.loop = make<LoopObj>(loop_t(vm));
  Ref main = make_task(vm, a.v[0]);
  bool ok = run_until(vm, main);
  if (ok) {
    // cancel what is left, as asyncio.runners._cancel_all_tasks does
    std::vector<Ref> left;
    for (auto& t : L(vm)->tasks) if (N(t)->i == PENDING) left.push_back(t);
    for (auto& t : left) { Args b{&t, 1, nullptr, nullptr, nullptr}; fut_cancel(vm, b); }
    for (auto& t : left) if (ok) ok = run_until(vm, t) || !vm.exc;
  }
  Ref result;
  if (ok) {
    NativeObj* m = N(main);
    if (m->i == CANCELLED) vm.raise(vm.rt.CancelledError, "");
    else if (m->b) vm.raise_obj(m->b);
    else if (m->i == DONE) result = m->a ? m->a : vm.rt.None;
    else vm.raise(vm.rt.RuntimeError, "Event loop stopped before Future completed.");
  }
  Ref loop = std::move(vm.loop);
  LoopObj* l = static_cast<LoopObj*>(loop.get());
  l->ready.clear();
  l->timers.clear();
  l->tasks.clear();
  return result;
}

}  // namespace

std::int64_t asyncio_gc_collect(VM& vm) {
  LoopObj* l = L(vm);
  if (!l) return 0;
  std::int64_t freed = 0;
  for (size_t i = 0; i < l->tasks.size();) {
    Ref& t = l->tasks[i];
    NativeObj* tn = N(t);
    // pending task -> awaited future whose only holders are the task itself
    // (fut_waiter + the coroutine's await iterator): an unreachable cycle
    if (tn->i == PENDING && tn->d && N(tn->d)->kind == K_FUTURE && tn->d->rc <= 2 && t->rc <= 2) {
      vm.err += "Task was destroyed but it is pending!\n";
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
    vm.add_method(fut, "set_result", fut_set_result);
    vm.add_method(fut, "add_done_callback", fut_add_done_callback);
    vm.add_method(fut, "cancel", fut_cancel);
    vm.add_method(fut, "__await__", fut_await);
    vm.add_method(fut, "__iter__", fut_await);
    vm.add_method(loop, "create_future", loop_create_future);
    vm.add_method(loop, "time", loop_time);
    vm.add_method(loop, "call_soon", loop_call_soon);
    vm.add_method(loop, "call_later", loop_call_later);
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_future_t"), Ref(fut));
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_task_t"), Ref(task));
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_loop_t"), Ref(loop));
  }
  put("run", vm.make_builtin("run", a_run));
  put("sleep", vm.make_builtin("sleep", a_sleep));
  put("gather", vm.make_builtin("gather", a_gather));
  put("create_task", vm.make_builtin("create_task", a_create_task));
  put("ensure_future", vm.make_builtin("ensure_future", [](VM& v, Args& a) -> Ref {
        if (a.n < 1) return v.raise(v.rt.TypeError, "ensure_future() missing 1 required positional argument");
        return ensure_future(v, a.v[0]);
      }));
  put("all_tasks", vm.make_builtin("all_tasks", a_all_tasks));
  put("get_running_loop", vm.make_builtin("get_running_loop", a_get_running_loop));
  put("get_event_loop", vm.make_builtin("get_event_loop", a_get_running_loop));
  put("Future", vm.dict_get_str(vm.builtins.as<DictObj>(), rt.intern("__pitfall_future_t").as<StrObj>()));
  put("Task", vm.dict_get_str(vm.builtins.as<DictObj>(), rt.intern("__pitfall_task_t").as<StrObj>()));
  put("CancelledError", Ref(rt.CancelledError));
}

}  // namespace pitfall::sim
