// The modules of concurrency on the simulated scheduler: `_pitfall_thread`
// (thread start/join and the synchronisation objects Lock, RLock, Semaphore,
// BoundedSemaphore, Event, Condition, Barrier), `queue` (Queue, LifoQueue,
// PriorityQueue, SimpleQueue), `threading` and `concurrent.futures` (Python
// source in threading_py.cpp run on top of `_pitfall_thread`), `time.sleep`,
// and `multiprocessing` (Pool, Process, cpu_count) on sched::Processes.
//
// Notes about the model: every blocking call is a scheduler request
// (thread_runtime.h): the GIL is released for its duration and re-acquired
// through take_gil afterwards. A lock operation costs
// `lock.acquire_release_ns` (cost table) split over acquire and release, on
// top of the call. multiprocessing: a Process is a process of the scheduler
// (sched/process_threads.cpp) running in parallel on its own view of the
// program's objects (vm/process_states.h), blocking on Queues, Pipes, locks
// and joins; a Pool's tasks run in this interpreter to measure their CPU
// time (the workers' work; its output is printed as a forked child's would
// be) on each worker's own copy of the program's objects (vm/fork_state.h:
// what it changes is put back afterwards; a spawned child imports the program
// again as __mp_main__), with arguments, results and Queue items copied by
// pickling; then the pool model (sched/processes.h) lays the chunks on the
// cores with start-up, pickling and IPC costs, and the parent blocks until
// the results are back (other threads keep running).
// The Python part of the module (Process, contexts, Value, Array) is
// multiprocessing_py.cpp.
#include <algorithm>
#include <functional>
#include <cmath>

#include "sim/vm/name_suggestions.h"
#include "sim/compiler/compiler.h"
#include "sim/costs/cost_table.h"
#include "sim/vm/fork_state.h"
#include "sim/vm/pool_handlers.h"
#include "sim/vm/process_states.h"
#include "sim/vm/thread_runtime.h"
#include "sim/vm/vm_memory.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

extern const char* const kThreadingPy;
extern const char* const kFuturesPy;
extern const char* const kMultiprocessingPy;
void os_enter_child(VM& vm, std::int64_t worker);  // os_module.cpp: the pid os.getpid() gives (0: the parent's)

namespace {

using sched::Nanos;
using sched::ReqKind;
using sched::Request;

enum Kind { K_LOCK = 40, K_RLOCK, K_SEM, K_EVENT, K_COND, K_BARRIER, K_QUEUE };
enum QueueOrder { FIFO = 0, LIFO = 1, PRIORITY = 2 };

NativeObj* N(const Ref& r) { return static_cast<NativeObj*>(r.get()); }
ClassObj* hidden_type(VM& vm, const char* n) {
  Ref t = vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern(n).as<StrObj>());
  return t ? t.as<ClassObj>() : nullptr;
}
ThreadRuntime* T(VM& vm) { return vm.threads; }
Ref no_threads(VM& vm) { return vm.not_modelled("threads outside a simulation"); }

double param(VM& vm, const char* key, double fallback) {
  return vm.cost_table ? static_cast<const costs::CostTable*>(vm.cost_table)->param(key, fallback) : fallback;
}

// Argument `i` or keyword `name`, or null.
Ref arg(Args& a, int i, const char* name) {
  if (i < a.n) return a.v[i];
  return a.kw(name);
}
// A timeout argument: None or missing -> -1 (forever); a negative number is ValueError.
bool timeout_arg(VM& vm, const Ref& v, Nanos& out, bool negative_is_forever = false) {
  out = -1;
  if (!v || v.get() == vm.rt.None.get()) return true;
  double s;
  if (v->tag == Tag::Int) s = double(v.as<IntObj>()->v);
  else if (v->tag == Tag::Float) s = v.as<FloatObj>()->v;
  else { vm.raise(vm.rt.TypeError, "timeout must be a number, not " + vm.type_name(v)); return false; }
  if (std::isnan(s)) { vm.raise(vm.rt.ValueError, "Invalid value NaN (not a number)"); return false; }
  if (s < 0) {
    if (negative_is_forever) return true;
    vm.raise(vm.rt.ValueError, "timeout value must be a non-negative number");
    return false;
  }
  out = s > 9e9 ? -1 : sched::from_seconds(s);  // beyond threading.TIMEOUT_MAX: forever
  return true;
}
bool flag_arg(VM& vm, const Ref& v, bool dflt, bool& out) {
  out = dflt;
  if (!v) return true;
  int t = vm.truthy(v);
  if (t < 0) return false;
  out = t != 0;
  return true;
}

// Makes a blocking request; `placeholder` is the call's value until the answer comes.
Ref block_call(VM& vm, Request r, const Ref& self, Finish fin, Ref placeholder) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  if (r.line == 0) r.line = vm.current_line();
  sched::Outcome now;
  if (t->request(r, now)) {
    t->on_answer(fin, self);
    return placeholder;
  }
  if (now.error_type == "NotModelled")
    return vm.not_modelled("waiting in a threading call (lock, event, queue, join, future) inside code that a "
                           "built-in runs (a key function of sorted(), a generator driven by list() or sum(), a "
                           "callback the event loop calls, a coroutine being cancelled); the same call in a "
                           "function's own code, a loop, a coroutine or an async generator works");
  if (!now.error_type.empty()) return t->raise_outcome(now);
  return fin ? fin(vm, now, self) : placeholder;
}
Ref fin_bool(VM& vm, const sched::Outcome& o, const Ref&) { return vm.rt.make_bool(o.ok); }
Ref fin_index(VM& vm, const sched::Outcome& o, const Ref&) { return vm.rt.make_int(o.value); }

Request req(ReqKind k, int obj, Nanos timeout = -1, bool blocking = true) {
  Request r;
  r.kind = k;
  r.obj = obj;
  r.timeout = timeout;
  r.blocking = blocking;
  return r;
}

Ref new_sync(VM& vm, ClassObj* cls, int kind, sched::ObjId id) {
  Ref o = make<NativeObj>(cls, kind);
  N(o)->i = id;
  return o;
}
std::string where(VM& vm, const char* what) { return std::string(what) + " at line " + std::to_string(vm.current_line()); }

// ---- thread start / join / identity ----
Ref pt_start(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  if (a.n < 4) return vm.raise(vm.rt.TypeError, "start(thread, callable, name, daemon)");
  std::string name;
  if (!vm.str_to(a.v[2], name)) return nullptr;
  bool daemon;
  if (!flag_arg(vm, a.v[3], false, daemon)) return nullptr;
  sched::ThreadId id = t->add(name, a.v[1], vm.rt.make_tuple({}), daemon);
  t->thread(id)->object = a.v[0];
  vm.charge(param(vm, "thread.os_start_ns", 60'000));  // pthread_create + the new thread's state
  return block_call(vm, req(ReqKind::Start, id), Ref(), nullptr, vm.rt.make_int(id));
}
Ref pt_join(VM& vm, Args& a) {
  std::int64_t id;
  if (a.n < 1 || !vm.index_value(a.v[0], id)) return nullptr;
  Nanos timeout;
  if (!timeout_arg(vm, arg(a, 1, "timeout"), timeout, true)) return nullptr;
  return block_call(vm, req(ReqKind::Join, int(id), timeout), Ref(), nullptr, vm.rt.None);
}
bool alive(ThreadRuntime* t, std::int64_t id) {
  if (!t || id < 0 || id >= std::int64_t(t->sched.threads().size())) return false;
  auto s = t->sched.threads()[size_t(id)].state;
  return s != sched::ThreadState::New && s != sched::ThreadState::Done;
}
Ref pt_alive(VM& vm, Args& a) {
  std::int64_t id;
  if (a.n < 1 || !vm.index_value(a.v[0], id)) return nullptr;
  return vm.rt.make_bool(alive(T(vm), id));
}
// Thread identifiers look like CPython's on Linux (pthread_t addresses); stable per run.
Ref pt_ident(VM& vm, Args& a) {
  std::int64_t id;
  if (a.n < 1 || !vm.index_value(a.v[0], id)) return nullptr;
  return vm.rt.make_int(140737'000'000'000 + id * 8'392'704);
}
Ref pt_native_id(VM& vm, Args& a) {
  std::int64_t id;
  if (a.n < 1 || !vm.index_value(a.v[0], id)) return nullptr;
  return vm.rt.make_int(4242 + id);
}
Ref pt_get_ident(VM& vm, Args&) {
  ThreadRuntime* t = T(vm);
  return vm.rt.make_int(140737'000'000'000 + (t ? t->current() : 0) * 8'392'704);
}
Ref pt_current(VM& vm, Args&) { return vm.rt.make_int(T(vm) ? T(vm)->current() : 0); }
Ref pt_thread_object(VM& vm, Args& a) {
  std::int64_t id;
  if (a.n < 1 || !vm.index_value(a.v[0], id)) return nullptr;
  ThreadRuntime* t = T(vm);
  VmThread* th = t ? t->thread(sched::ThreadId(id)) : nullptr;
  return th && th->object ? th->object : vm.rt.None;
}
Ref pt_set_thread_object(VM& vm, Args& a) {
  std::int64_t id;
  if (a.n < 2 || !vm.index_value(a.v[0], id)) return nullptr;
  ThreadRuntime* t = T(vm);
  if (VmThread* th = t ? t->thread(sched::ThreadId(id)) : nullptr) th->object = a.v[1];
  return vm.rt.None;
}
Ref pt_active_count(VM& vm, Args&) {
  ThreadRuntime* t = T(vm);
  std::int64_t n = 0;
  if (t)
    for (size_t i = 0; i < t->sched.threads().size(); ++i) n += alive(t, std::int64_t(i));
  return vm.rt.make_int(n ? n : 1);
}
Ref pt_alive_objects(VM& vm, Args&) {
  ThreadRuntime* t = T(vm);
  Ref l = vm.rt.make_list();
  if (t)
    for (size_t i = 0; i < t->sched.threads().size(); ++i)
      if (alive(t, std::int64_t(i)) && t->thread(sched::ThreadId(i))->object)
        l.as<ListObj>()->items.push_back(t->thread(sched::ThreadId(i))->object);
  return l;
}
Ref pt_excepthook(VM& vm, Args& a) {
  if (a.n < 2) return vm.rt.None;
  std::string name;
  if (!vm.str_to(a.v[0], name)) return nullptr;
  vm.err += "Exception in thread " + name + ":\n" + format_exception_displayed(vm, a.v[1]);  // vm/name_suggestions.h
  return vm.rt.None;
}
Ref pt_set_shutdown(VM& vm, Args& a) {
  if (ThreadRuntime* t = T(vm); t && a.n >= 1) t->shutdown_hook = a.v[0];
  return vm.rt.None;
}
Ref pt_cpu_count(VM& vm, Args&) {
  ThreadRuntime* t = T(vm);
  return vm.rt.make_int(t ? t->sched.config().cores : 4);
}

// ---- Lock / RLock ----
Ref lock_new(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  ClassObj* cls = a.v[0].as<ClassObj>();
  bool r = cls->name == "RLock";
  sched::ObjId id = r ? t->sched.new_rlock(where(vm, "RLock")) : t->sched.new_lock(where(vm, "Lock"));
  return new_sync(vm, cls, r ? K_RLOCK : K_LOCK, id);
}
// The lock that acquire/release of `self` work on (a Condition's is its lock).
sched::ObjId lock_of(VM& vm, const Ref& self) {
  NativeObj* n = N(self);
  if (n->kind == K_COND) return T(vm)->sched.condition_lock(sched::ObjId(n->i));
  return sched::ObjId(n->i);
}
Ref lock_acquire(VM& vm, Args& a) {
  if (!T(vm)) return no_threads(vm);
  bool blocking;
  if (!flag_arg(vm, arg(a, 1, "blocking"), true, blocking)) return nullptr;
  Nanos timeout;
  if (!timeout_arg(vm, arg(a, 2, "timeout"), timeout, true)) return nullptr;
  if (!blocking && timeout >= 0) return vm.raise(vm.rt.ValueError, "can't specify a timeout for a non-blocking call");
  sched::ObjId o = lock_of(vm, a.v[0]);
  T(vm)->name_after_variable(o, a.v[0]);
  vm.charge(param(vm, "lock.acquire_release_ns", 75) * 0.5);
  return block_call(vm, req(N(a.v[0])->kind == K_SEM ? ReqKind::Acquire : ReqKind::Acquire, o, timeout, blocking), Ref(),
                    fin_bool, vm.rt.True);
}
Ref lock_release(VM& vm, Args& a) {
  if (!T(vm)) return no_threads(vm);
  Request r = req(ReqKind::Release, lock_of(vm, a.v[0]));
  if (N(a.v[0])->kind == K_SEM) {
    std::int64_t n = 1;
    if (Ref v = arg(a, 1, "n"); v && !vm.index_value(v, n)) return nullptr;
    if (n < 1) return vm.raise(vm.rt.ValueError, "n must be one or more");
    r.value = n;
  }
  vm.charge(param(vm, "lock.acquire_release_ns", 75) * 0.5);
  return block_call(vm, r, Ref(), nullptr, vm.rt.None);
}
Ref lock_exit(VM& vm, Args& a) {
  Args b = a;
  b.n = 1;
  b.kwn = nullptr;
  Ref r = lock_release(vm, b);
  return r ? vm.rt.False : nullptr;
}
Ref lock_locked(VM& vm, Args& a) {
  if (!T(vm)) return no_threads(vm);
  sched::SyncObj* s = T(vm)->sched.sync_obj(lock_of(vm, a.v[0]));
  return vm.rt.make_bool(s && s->owner >= 0);
}

// ---- Semaphore ----
Ref sem_new(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  ClassObj* cls = a.v[0].as<ClassObj>();
  std::int64_t value = 1;
  if (Ref v = arg(a, 1, "value"); v && !vm.index_value(v, value)) return nullptr;
  if (value < 0) return vm.raise(vm.rt.ValueError, "semaphore initial value must be >= 0");
  bool bounded = cls->name == "BoundedSemaphore";
  return new_sync(vm, cls, K_SEM, t->sched.new_semaphore(where(vm, cls->name.c_str()), value, bounded));
}

// ---- Event ----
Ref event_new(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  return new_sync(vm, a.v[0].as<ClassObj>(), K_EVENT, t->sched.new_event(where(vm, "Event")));
}
Ref event_set(VM& vm, Args& a) { return block_call(vm, req(ReqKind::EventSet, sched::ObjId(N(a.v[0])->i)), Ref(), nullptr, vm.rt.None); }
Ref event_clear(VM& vm, Args& a) { return block_call(vm, req(ReqKind::EventClear, sched::ObjId(N(a.v[0])->i)), Ref(), nullptr, vm.rt.None); }
Ref event_is_set(VM& vm, Args& a) {
  if (!T(vm)) return no_threads(vm);
  sched::SyncObj* s = T(vm)->sched.sync_obj(sched::ObjId(N(a.v[0])->i));
  return vm.rt.make_bool(s && s->flag);
}
Ref event_wait(VM& vm, Args& a) {
  if (!T(vm)) return no_threads(vm);
  Nanos timeout;
  if (!timeout_arg(vm, arg(a, 1, "timeout"), timeout, true)) return nullptr;
  sched::ObjId o = sched::ObjId(N(a.v[0])->i);
  T(vm)->name_after_variable(o, a.v[0]);
  return block_call(vm, req(ReqKind::EventWait, o, timeout), Ref(), fin_bool, vm.rt.True);
}

// ---- Condition ----
Ref cond_new(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  sched::ObjId lock = -1;
  Ref l = arg(a, 1, "lock");
  if (l && l.get() != vm.rt.None.get()) {
    if (l->tag != Tag::Other || (N(l)->kind != K_LOCK && N(l)->kind != K_RLOCK))
      return vm.raise(vm.rt.TypeError, "Condition(lock): lock must be a threading.Lock or RLock");
    lock = sched::ObjId(N(l)->i);
  }
  Ref c = new_sync(vm, a.v[0].as<ClassObj>(), K_COND, t->sched.new_condition(where(vm, "Condition"), lock));
  N(c)->a = l;
  return c;
}
Ref cond_wait(VM& vm, Args& a) {
  if (!T(vm)) return no_threads(vm);
  Nanos timeout;
  if (!timeout_arg(vm, arg(a, 1, "timeout"), timeout, true)) return nullptr;
  sched::ObjId o = sched::ObjId(N(a.v[0])->i);
  T(vm)->name_after_variable(o, a.v[0]);
  return block_call(vm, req(ReqKind::CondWait, o, timeout), Ref(), fin_bool, vm.rt.True);
}
Ref cond_notify(VM& vm, Args& a) {
  std::int64_t n = 1;
  if (Ref v = arg(a, 1, "n"); v && !vm.index_value(v, n)) return nullptr;
  Request r = req(ReqKind::CondNotify, sched::ObjId(N(a.v[0])->i));
  r.value = n;
  return block_call(vm, r, Ref(), nullptr, vm.rt.None);
}
Ref cond_notify_all(VM& vm, Args& a) {
  Request r = req(ReqKind::CondNotify, sched::ObjId(N(a.v[0])->i));
  r.value = -1;
  return block_call(vm, r, Ref(), nullptr, vm.rt.None);
}

// ---- Barrier ----
Ref barrier_new(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  std::int64_t parties;
  Ref p = arg(a, 1, "parties");
  if (!p) return vm.raise(vm.rt.TypeError, "Barrier() missing required argument 'parties'");
  if (!vm.index_value(p, parties)) return nullptr;
  if (parties < 1) return vm.raise(vm.rt.ValueError, "parties must be > 0");
  Ref b = new_sync(vm, a.v[0].as<ClassObj>(), K_BARRIER, t->sched.new_barrier(where(vm, "Barrier"), int(parties)));
  N(b)->j = parties;
  return b;
}
Ref barrier_wait(VM& vm, Args& a) {
  if (!T(vm)) return no_threads(vm);
  Nanos timeout;
  if (!timeout_arg(vm, arg(a, 1, "timeout"), timeout, true)) return nullptr;
  sched::ObjId o = sched::ObjId(N(a.v[0])->i);
  T(vm)->name_after_variable(o, a.v[0]);
  return block_call(vm, req(ReqKind::BarrierWait, o, timeout), Ref(), fin_index, vm.rt.make_int(0));
}
Ref barrier_parties(VM& vm, Args& a) { return vm.rt.make_int(N(a.v[0])->j); }

// ---- queue ----
Ref queue_new(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  ClassObj* cls = a.v[0].as<ClassObj>();
  std::int64_t maxsize = 0;
  if (Ref v = arg(a, 1, "maxsize"); v && cls->name != "SimpleQueue" && !vm.index_value(v, maxsize)) return nullptr;
  Ref q = new_sync(vm, cls, K_QUEUE, t->sched.new_queue(where(vm, cls->name.c_str()), maxsize < 0 ? 0 : maxsize));
  N(q)->j = cls->name == "LifoQueue" ? LIFO : cls->name == "PriorityQueue" ? PRIORITY : FIFO;
  N(q)->a = vm.rt.make_int(t->sched.new_event(where(vm, "Queue.all_tasks_done")));
  // no unfinished tasks yet: the all-tasks-done event starts set
  t->sched.sync_obj(sched::ObjId(N(q)->a.as<IntObj>()->v))->flag = true;
  return q;
}
// Queue.get's answer: FIFO takes the item the scheduler handed over; LIFO and
// priority queues pick theirs among everything queued (Lib/queue.py _get).
Ref fin_get(VM& vm, const sched::Outcome& o, const Ref& self) {
  ThreadRuntime* t = T(vm);
  std::int64_t h = o.value;
  int order = int(N(self)->j);
  const sched::ObjId id = sched::ObjId(N(self)->i);
  sched::SyncObj* s = t->sched.sync_obj(id);
  if (order != FIFO && s) {
    // A user __lt__ may run Python code that makes new synchronisation
    // objects or touches this queue, so work on a copy of the handles and
    // look the queue up again before the swap.
    const std::vector<std::int64_t> items(s->items.begin(), s->items.end());
    std::size_t best = items.size();  // items.size(): the handed-over item h
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::int64_t cur = best == items.size() ? h : items[best];
      if (order == LIFO) {
        if (items[i] > cur) best = i;
        continue;
      }
      // priority: the smallest item (heapq order; the first put among equals)
      Ref lt = vm.compare(CMP_LT, t->peek(items[i]), t->peek(cur));
      if (!lt) return nullptr;
      int less = vm.truthy(lt);
      if (less < 0) return nullptr;
      if (less) best = i;
    }
    s = t->sched.sync_obj(id);
    if (best < items.size() && s) {
      for (auto& it : s->items) {
        if (it != items[best]) continue;
        std::swap(it, h);
        break;
      }
    }
  }
  return t->take(h);
}
Ref queue_put(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "put() missing 1 required positional argument: 'item'");
  bool block;
  if (!flag_arg(vm, arg(a, 2, "block"), true, block)) return nullptr;
  Nanos timeout;
  if (!timeout_arg(vm, arg(a, 3, "timeout"), timeout)) return nullptr;
  NativeObj* q = N(a.v[0]);
  q->t += 1;  // unfinished tasks (task_done / join)
  t->sched.sync_obj(sched::ObjId(q->a.as<IntObj>()->v))->flag = false;
  Request r = req(ReqKind::QueuePut, sched::ObjId(q->i), timeout, block);
  r.value = t->keep(a.v[1]);
  vm.charge(param(vm, "queue.round_trip_ns", 12'000) * 0.25);
  return block_call(vm, r, Ref(), nullptr, vm.rt.None);
}
Ref queue_put_nowait(VM& vm, Args& a) {
  Ref v[3] = {a.v[0], a.n > 1 ? a.v[1] : vm.rt.None, vm.rt.False};
  Args b;
  b.v = v;
  b.n = a.n > 1 ? 3 : 1;
  return queue_put(vm, b);
}
Ref queue_get(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  bool block;
  if (!flag_arg(vm, arg(a, 1, "block"), true, block)) return nullptr;
  Nanos timeout;
  if (!timeout_arg(vm, arg(a, 2, "timeout"), timeout)) return nullptr;
  sched::ObjId o = sched::ObjId(N(a.v[0])->i);
  t->name_after_variable(o, a.v[0]);
  vm.charge(param(vm, "queue.round_trip_ns", 12'000) * 0.25);
  return block_call(vm, req(ReqKind::QueueGet, o, timeout, block), a.v[0], fin_get, vm.rt.None);
}
Ref queue_get_nowait(VM& vm, Args& a) {
  Ref v[2] = {a.v[0], vm.rt.False};
  Args b;
  b.v = v;
  b.n = 2;
  return queue_get(vm, b);
}
Ref queue_qsize(VM& vm, Args& a) {
  if (!T(vm)) return no_threads(vm);
  sched::SyncObj* s = T(vm)->sched.sync_obj(sched::ObjId(N(a.v[0])->i));
  return vm.rt.make_int(s ? std::int64_t(s->items.size()) : 0);
}
Ref queue_empty(VM& vm, Args& a) {
  Ref n = queue_qsize(vm, a);
  return n ? vm.rt.make_bool(n.as<IntObj>()->v == 0) : nullptr;
}
Ref queue_full(VM& vm, Args& a) {
  if (!T(vm)) return no_threads(vm);
  sched::SyncObj* s = T(vm)->sched.sync_obj(sched::ObjId(N(a.v[0])->i));
  return vm.rt.make_bool(s && s->initial > 0 && std::int64_t(s->items.size()) >= s->initial);
}
Ref queue_task_done(VM& vm, Args& a) {
  NativeObj* q = N(a.v[0]);
  if (q->t <= 0) return vm.raise(vm.rt.ValueError, "task_done() called too many times");
  q->t -= 1;
  if (q->t > 0) return vm.rt.None;
  return block_call(vm, req(ReqKind::EventSet, sched::ObjId(q->a.as<IntObj>()->v)), Ref(), nullptr, vm.rt.None);
}
Ref queue_join(VM& vm, Args& a) {
  NativeObj* q = N(a.v[0]);
  if (q->t <= 0) return vm.rt.None;
  return block_call(vm, req(ReqKind::EventWait, sched::ObjId(q->a.as<IntObj>()->v)), Ref(), nullptr, vm.rt.None);
}

// ---- time.sleep ----
}  // namespace

Ref thread_sleep(VM& vm, double seconds) {
  if (std::isnan(seconds)) return vm.raise(vm.rt.ValueError, "Invalid value NaN (not a number)");
  // Modules/timemodule.c pysleep(): dropping the GIL, clock_nanosleep, the
  // wake-up and taking the GIL back are the sleeper's own CPU (sleep.cpu_ns,
  // tools/bench/sleep_cpu.py), on top of the time asleep
  vm.charge(param(vm, "sleep.cpu_ns", 0));
  ThreadRuntime* t = T(vm);
  if (!t) {
    vm.advance_wait(seconds * 1e9);
    return vm.rt.None;
  }
  Request r = req(ReqKind::Sleep, -1);
  // the OS wakes a sleeper a little late (timer slack, wake-up; measured as sleep.overhead_ns)
  r.ns = sched::from_seconds(std::min(seconds, 9e9)) + Nanos(param(vm, "sleep.overhead_ns", 60'000));
  if (!t->can_stop()) {
    // inside C code that called back into Python (an asyncio loop step, a
    // generator driven by list()): the thread cannot stop here; the time
    // passes without computing and becomes a GIL-releasing wait when the
    // thread next stops (VmThread::run_until)
    vm.advance_wait(double(r.ns));
    return vm.rt.None;
  }
  return block_call(vm, r, Ref(), nullptr, vm.rt.None);
}

namespace {

// ---- multiprocessing ----
Ref new_module(VM& vm, const std::string& name);
Ref spawn_main(VM& vm);
// Runs fn(*args) here, returning its value and the CPU time it took (the
// clock is put back: the work happens in a child process).
Ref measure_call(VM& vm, const Ref& fn, std::vector<Ref>& args, Nanos& cpu) {
  double c0 = vm.cpu_ns, w0 = vm.clock_ns;
  Ref r = vm.call(fn, args.data(), int(args.size()));
  cpu = Nanos(std::llround(vm.cpu_ns - c0));
  vm.cpu_ns = c0;
  vm.clock_ns = w0;
  return r;
}
// The parent's memory peaks while a child's code runs here: put back once
// the child's objects are gone (done()), so that what the child allocated
// does not count as the parent's.
struct ChildMemory {
  VM& vm;
  memory::MemoryModel::Peaks before;
  explicit ChildMemory(VM& v) : vm(v) { if (vm.memory) before = vm.memory->mem().peaks(); }
  void done() { if (vm.memory) vm.memory->mem().restore_peaks(before); }
};
std::int64_t pickled_size(VM& vm, const Ref& v) {
  switch (v->tag) {
    case Tag::None: return 1;
    case Tag::Int: {
      // Lib/pickle.py save_long: BININT1 (0..255), BININT2 (..65535), BININT (signed 32 bits), else LONG1
      std::int64_t x = v.as<IntObj>()->v;
      return x >= 0 && x < 256 ? 2 : x >= 0 && x < 65536 ? 3 : (x >= -2147483648LL && x < 2147483648LL ? 5 : 10);
    }
    case Tag::Float: return 9;
    case Tag::Str: return 5 + std::int64_t(v.as<StrObj>()->s.size());
    case Tag::Tuple: case Tag::List: {
      const auto items = list_or_tuple_items(v.get());
      std::int64_t n = 3;
      for (auto& i : items) n += pickled_size(vm, i);
      return n;
    }
    default: return 64;
  }
}
// Pool.map and its relatives: the list of results, the parent blocked until
// the model says they are back.
Ref pool_map_on_threads(VM& vm, PoolThreads& p, const std::vector<sched::PoolItem>& items, std::int64_t chunksize, Ref out);
// apply_async / map_async / starmap_async: the chunks are planned on the
// pool's handler threads and workers, the caller goes on; `event` is the
// scheduler event the result handler sets once the last chunk's result is
// in, `error` the exception a task raised (the tasks after it are not run)
struct AsyncPlan {
  sched::ObjId event = -1;
  Ref error;
};
sched::ObjId pool_plan_async(VM& vm, PoolThreads& p, const std::vector<sched::PoolItem>& items, std::int64_t chunksize);
// A Pool's workers' own views of the program's objects (each worker process
// has its copy: a module-level counter a task increments counts that
// worker's tasks) and when each is free next, in virtual time: a chunk goes
// to the worker free first, as the pool's shared task queue hands it to the
// first idle worker (ties: the one started first).
struct PoolStates {
  std::vector<ForkState> st;
  std::vector<double> free;
};
// `framing`: pickled bytes around each item's arguments (a task of its own:
// its args tuple; inside a map chunk, Pool._get_tasks's tuple of items: none
// for map, the item tuple's TUPLE1-3 opcode for starmap)
Ref pool_run(VM& vm, int workers, const Ref& fn, std::vector<std::vector<Ref>>& calls, std::int64_t chunksize,
             PoolThreads* pool = nullptr, PoolStates* child = nullptr, const Ref& child_main = Ref(),
             std::int64_t framing = 3, AsyncPlan* async = nullptr) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  // the task handler pickles the function (by reference) and the arguments:
  // the workers get copies (spawned workers find the program's functions and
  // classes in their own import of it)
  if (!pickle_check(vm, fn)) return nullptr;
  Ref fn_in_child = child_main ? pickle_copy_into(vm, fn, child_main) : fn;
  if (!fn_in_child) return nullptr;
  for (auto& args : calls)
    for (auto& x : args)
      if (!(x = child_main ? pickle_copy_into(vm, x, child_main) : pickle_copy(vm, x))) return nullptr;
  // the tasks run on the workers' forked copies of the program's objects,
  // chunk by chunk on the worker that takes the chunk
  std::vector<Ref> roots = fork_roots(vm, {fn});
  if (child_main) roots.push_back(child_main.as<ModuleObj>()->dict);
  ForkState parent;
  parent.capture(vm, roots);
  ChildMemory memory(vm);
  const std::int64_t cs = chunksize > 0 ? chunksize : sched::default_chunksize(std::int64_t(calls.size()), std::max(workers, 1));
  const double task_ns = double(t->procs.config().worker_task_ns);
  if (child && child->st.size() != child->free.size()) child = nullptr;
  if (child)
    for (double& f : child->free) f = std::max(f, vm.clock_ns);
  int w = 0, cur = -1;
  double chunk_cpu = 0;
  std::vector<sched::PoolItem> items;
  Ref out = vm.rt.make_list();
  for (auto& args : calls) {
    sched::PoolItem it;
    if (std::int64_t(items.size()) % cs == 0) {
      if (child && !items.empty()) child->free[std::size_t(w)] += chunk_cpu + task_ns;
      chunk_cpu = 0;
      if (child) {
        w = int(std::min_element(child->free.begin(), child->free.end()) - child->free.begin());
        if (w != cur) {
          if (cur >= 0) child->st[std::size_t(cur)].capture(vm, roots);
          child->st[std::size_t(w)].apply();
          cur = w;
        }
      } else {
        w = int(std::int64_t(items.size()) / cs % std::max(workers, 1));
      }
    }
    os_enter_child(vm, 1 + w);
    Ref r = measure_call(vm, fn_in_child, args, it.cpu);
    chunk_cpu += double(it.cpu);
    os_enter_child(vm, 0);
    if (r) r = child_main ? pickle_copy_into(vm, r, vm.main_module) : pickle_copy(vm, r);
    if (!r && async && pool && t->can_stop() && vm.exc && !vm.budget_exceeded) {
      // the worker sends the exception back: get() raises it once the chunk is in
      async->error = std::move(vm.exc);
      vm.exc = Ref();
      items.push_back(it);
      break;
    }
    if (!r) { parent.apply(); memory.done(); return nullptr; }
    std::int64_t ab = framing;
    for (auto& x : args) ab += pickled_size(vm, x);
    it.arg_bytes = ab;
    it.result_bytes = pickled_size(vm, r);
    items.push_back(it);
    out.as<ListObj>()->items.push_back(r);
  }
  if (child && !items.empty()) child->free[std::size_t(w)] += chunk_cpu + task_ns;
  if (child && cur >= 0) child->st[std::size_t(cur)].capture(vm, roots);
  parent.apply();
  memory.done();
  if (pool && t->can_stop() && async) {
    async->event = pool_plan_async(vm, *pool, items, chunksize);
    return out;
  }
  if (pool && t->can_stop()) return pool_map_on_threads(vm, *pool, items, chunksize, out);
  t->procs.set_parent_rss(vm.memory ? vm.memory->mem().rss() : 0);
  sched::PoolRun run = t->procs.pool_map(Nanos(vm.clock_ns), workers, items, int(chunksize));
  Request r = req(ReqKind::Io, -1);
  r.ns = run.end - Nanos(vm.clock_ns);
  if (r.ns < 0) r.ns = 0;
  // the parent's handler threads pickle, send, receive and unpickle meanwhile:
  // CPU of this process (counted to the waiting thread; CPython spreads it
  // over the pool's _handle_tasks / _handle_results / _handle_workers threads)
  r.cpu = run.parent_busy;
  if (!t->can_stop()) { vm.advance_wait(double(r.ns)); return out; }  // see thread_sleep
  return block_call(vm, r, Ref(), nullptr, out);
}
bool call_lists(VM& vm, const Ref& iterable, bool star, std::vector<std::vector<Ref>>& calls) {
  std::vector<Ref> items;
  if (!vm.to_list(iterable, items)) return false;
  for (auto& x : items) {
    if (star) {
      std::vector<Ref> a;
      if (!vm.to_list(x, a)) return false;
      calls.push_back(std::move(a));
    } else {
      calls.push_back({x});
    }
  }
  return true;
}
enum { K_POOL = 60, K_ASYNC_RESULT, K_PROCESS, K_FORK_STATE, K_MP_QUEUE, K_SHARED_CELL };

// A Pool's workers' saved states (vm/fork_state.h).
struct ForkStateObj : NativeObj {
  PoolStates st;
  explicit ForkStateObj(ClassObj* c) : NativeObj(c, K_FORK_STATE) {}
};
PoolStates* fork_state_of(const Ref& r) {
  return native_kind(r) == K_FORK_STATE
             ? &static_cast<ForkStateObj*>(r.get())->st : nullptr;
}
// `workers` copies of the objects as they are now (reached from the program's
// modules and `extra`), one per worker.
Ref new_fork_state(VM& vm, const std::vector<Ref>& extra, std::int64_t workers) {
  Ref s = make<ForkStateObj>(vm.rt.object_t);
  PoolStates& ps = static_cast<ForkStateObj*>(s.get())->st;
  ps.st.resize(std::size_t(std::max<std::int64_t>(workers, 1)));
  ps.st[0].capture(vm, fork_roots(vm, extra));
  for (std::size_t i = 1; i < ps.st.size(); ++i) ps.st[i] = ps.st[0];
  ps.free.assign(ps.st.size(), 0.0);
  return s;
}

// ---- Pool's handler threads (vm/pool_handlers.h) ----
const char* const kHandlerNames[3] = {"_handle_workers", "_handle_tasks", "_handle_results"};
PoolThreads* pool_threads(VM& vm, const Ref& pool) {
  ThreadRuntime* t = T(vm);
  std::int64_t j = N(pool)->j;
  return t && j > 0 && j <= std::int64_t(t->pools.size()) ? t->pools[std::size_t(j - 1)].get() : nullptr;
}
// A handler thread's target (args: pool number, handler): its body becomes the pool's driver.
Ref pool_handler_body(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  std::int64_t j = 0, h = 0;
  if (!t || a.n < 2 || !vm.index_value(a.v[0], j) || !vm.index_value(a.v[1], h)) return nullptr;
  VmThread* th = t->thread(t->current());
  if (!th || !t->can_stop() || j < 1 || j > std::int64_t(t->pools.size()) || h < 0 || h > 2) return vm.rt.None;
  th->driver = std::make_unique<PoolHandlerDriver>(vm, t->pools[std::size_t(j - 1)], int(h));
  sched::Request y;
  sched::Outcome now;
  t->request(y, now);
  return vm.rt.None;
}
// Pool.__init__: fork the workers (parent CPU), then start the three handler
// threads as daemon threading.Threads in CPython's order.
// "fork" / "spawn" / "forkserver" (empty: the version's default)
bool start_method_of(const std::string& name, sched::StartMethod& m) {
  if (name == "fork") m = sched::StartMethod::Fork;
  else if (name == "spawn") m = sched::StartMethod::Spawn;
  else if (name == "forkserver") m = sched::StartMethod::Forkserver;
  else return false;
  return true;
}
bool start_pool_threads(VM& vm, const Ref& pool, const std::string& method = "") {
  ThreadRuntime* t = T(vm);
  auto st = std::make_shared<PoolThreads>();
  Nanos now = Nanos(vm.clock_ns), parent = now + t->procs.config().pool_init;  // queues, pipes, SemLocks
  t->procs.set_parent_rss(vm.memory ? vm.memory->mem().rss() : 0);
  sched::StartMethod m;
  st->workers = start_method_of(method, m) ? t->procs.pool_start(now, parent, int(N(pool)->i), m)
                                           : t->procs.pool_start(now, parent, int(N(pool)->i));
  vm.charge(double(parent - now));
  const sched::ProcConfig& cfg = t->procs.config();
  for (int h = 0; h < 3; ++h) {
    st->wake[h] = t->sched.new_event(std::string("Pool.") + kHandlerNames[h] + " wake-up");
    if (cfg.handler_fixed[h] > 0) st->steps[h].push_back(PoolStep{PoolStep::Released, cfg.handler_fixed[h], {}});
  }
  st->map_done = t->sched.new_event("Pool.map result");
  t->pools.push_back(st);
  N(pool)->j = std::int64_t(t->pools.size());
  Ref threading = vm.import("threading");
  if (!threading) return false;
  Ref thread_cls = vm.getattr(threading, vm.rt.intern("Thread").as<StrObj>());
  if (!thread_cls) return false;
  Ref kwn = vm.rt.make_tuple({vm.rt.intern("target"), vm.rt.intern("args"), vm.rt.intern("daemon")});
  for (int h = 0; h < 3; ++h) {
    Ref argv[3] = {vm.make_builtin(kHandlerNames[h], pool_handler_body),
                   vm.rt.make_tuple({vm.rt.make_int(N(pool)->j), vm.rt.make_int(h)}), vm.rt.True};
    Ref th = vm.call(thread_cls, argv, 3, kwn.as<TupleObj>());
    if (!th) return false;
    Ref start = vm.getattr(th, vm.rt.intern("start").as<StrObj>());
    if (!start || !vm.call0(start)) return false;
    Ref tid = vm.getattr(th, vm.rt.intern("_tid").as<StrObj>());
    std::int64_t id = -1;
    if (!tid || !vm.index_value(tid, id)) return false;
    st->tid[h] = sched::ThreadId(id);
    N(pool)->v.push_back(th);
  }
  return true;
}
// The handler threads' steps for the chunks of one map (or one apply_async),
// planned on the pool's workers; the result handler sets `done` after the last.
// `group` (a wait until a result is readable, then the handler's work on it)
// goes before the first planned wait for a later result: the result pipe
// hands results over in the order they arrive, whatever task they belong to
void insert_by_arrival(std::deque<PoolStep>& steps, std::vector<PoolStep> group) {
  auto at = std::find_if(steps.begin(), steps.end(),
                         [&](const PoolStep& s) { return s.kind == PoolStep::Until && s.ns > group.front().ns; });
  steps.insert(at, group.begin(), group.end());
}
// `by_arrival`: the chunks' results are taken among those of earlier async
// calls in the order they come in (a map's caller waits for the map alone,
// after what was planned before)
void pool_plan_chunks(VM& vm, PoolThreads& p, const std::vector<sched::PoolItem>& items, std::int64_t chunksize,
                      sched::ObjId done, bool by_arrival = false) {
  ThreadRuntime* t = T(vm);
  Nanos now = Nanos(vm.clock_ns);
  sched::PoolRun run = t->procs.pool_map(now, p.workers, items, int(chunksize));
  if (by_arrival && !run.chunk_list.empty()) {
    // the result's event is set after its last chunk to arrive (ties: the last sent)
    std::size_t last = 0;
    for (std::size_t i = 0; i < run.chunk_list.size(); ++i)
      if (run.chunk_list[i].done >= run.chunk_list[last].done) last = i;
    for (std::size_t i = 0; i < run.chunk_list.size(); ++i) {
      const sched::PoolChunk& ch = run.chunk_list[i];
      p.steps[H_TASKS].push_back(PoolStep{PoolStep::Cpu, ch.send_cpu, {}});
      std::vector<PoolStep> res = {PoolStep{PoolStep::Until, ch.done, {}}, PoolStep{PoolStep::Cpu, ch.recv_cpu, {}}};
      if (i == last) res.push_back(PoolStep{PoolStep::Req, 0, req(ReqKind::EventSet, done)});
      insert_by_arrival(p.steps[H_RESULTS], std::move(res));
      insert_by_arrival(p.steps[H_WORKERS], {PoolStep{PoolStep::Until, ch.done, {}}, PoolStep{PoolStep::Cpu, ch.wake_cpu, {}}});
    }
    return;
  }
  if (by_arrival) {
    // nothing to run (map_async of an empty iterable): ready at once
    t->sched.apply(t->current(), req(ReqKind::EventSet, done), now);
    return;
  }
  for (auto& ch : run.chunk_list) {
    p.steps[H_TASKS].push_back(PoolStep{PoolStep::Cpu, ch.send_cpu, {}});
    p.steps[H_RESULTS].push_back(PoolStep{PoolStep::Until, ch.done, {}});
    p.steps[H_RESULTS].push_back(PoolStep{PoolStep::Cpu, ch.recv_cpu, {}});
    p.steps[H_WORKERS].push_back(PoolStep{PoolStep::Until, ch.done, {}});
    p.steps[H_WORKERS].push_back(PoolStep{PoolStep::Cpu, ch.wake_cpu, {}});
  }
  p.steps[H_RESULTS].push_back(PoolStep{PoolStep::Req, 0, req(ReqKind::EventSet, done)});
}
void pool_wake_handlers(VM& vm, PoolThreads& p) {
  ThreadRuntime* t = T(vm);
  for (int h = 0; h < 3; ++h) t->sched.apply(t->current(), req(ReqKind::EventSet, p.wake[h]), Nanos(vm.clock_ns));
}
Ref pool_map_on_threads(VM& vm, PoolThreads& p, const std::vector<sched::PoolItem>& items, std::int64_t chunksize,
                        Ref out) {
  ThreadRuntime* t = T(vm);
  pool_plan_chunks(vm, p, items, chunksize, p.map_done);
  t->sched.apply(t->current(), req(ReqKind::EventClear, p.map_done), Nanos(vm.clock_ns));
  pool_wake_handlers(vm, p);
  // the caller waits in MapResult.wait() (an Event) until the result handler has the last chunk
  return block_call(vm, req(ReqKind::EventWait, p.map_done), Ref(), nullptr, out);
}
// ApplyResult / MapResult's own event (its _event), set by the result handler
sched::ObjId pool_plan_async(VM& vm, PoolThreads& p, const std::vector<sched::PoolItem>& items, std::int64_t chunksize) {
  sched::ObjId ev = T(vm)->sched.new_event(where(vm, "AsyncResult"));
  pool_plan_chunks(vm, p, items, chunksize, ev, true);
  pool_wake_handlers(vm, p);
  return ev;
}
// The end of _terminate_pool, once the handler threads are joined: the
// workers got SIGTERM when the worker handler had exited and the caller
// joins them (os.waitpid), a wait with the GIL released that ends
// ProcConfig::pool_reap after that signal (time the answer lets pass:
// ThreadRuntime::on_answer_effect turns it into a further wait).
Ref pool_reaped(VM& vm, const sched::Outcome&, const Ref& pool) {
  PoolThreads* p = pool_threads(vm, pool);
  ThreadRuntime* t = T(vm);
  if (!p || !t) return vm.rt.None;
  Nanos signalled = p->ended[H_WORKERS] >= 0 ? p->ended[H_WORKERS] : Nanos(vm.clock_ns);
  Nanos reaped = signalled + t->procs.config().pool_reap;
  if (double(reaped) > vm.clock_ns) vm.advance_wait(double(reaped) - vm.clock_ns);
  t->procs.pool_end(p->workers, Nanos(vm.clock_ns));
  return vm.rt.None;
}
// _terminate_pool: the handlers leave their loops; the result handler joins
// the other two and is joined last by the caller, who then reaps the workers.
Ref pool_terminate(VM& vm, const Ref& pool) {
  PoolThreads* p = pool_threads(vm, pool);
  ThreadRuntime* t = T(vm);
  if (!p || p->terminating) return vm.rt.None;
  p->terminating = true;
  Nanos now = Nanos(vm.clock_ns);
  // _handle_tasks leaves its loop on the None that _handle_workers puts in
  // the task queue as it exits: it ends after the worker handler
  if (p->tid[H_WORKERS] >= 0)
    p->steps[H_TASKS].push_back(PoolStep{PoolStep::Req, 0, req(ReqKind::Join, p->tid[H_WORKERS])});
  for (int h = 0; h < 2; ++h)
    if (p->tid[h] >= 0) p->steps[H_RESULTS].push_back(PoolStep{PoolStep::Req, 0, req(ReqKind::Join, p->tid[h])});
  for (int h = 0; h < 3; ++h) t->sched.apply(t->current(), req(ReqKind::EventSet, p->wake[h]), now);
  t->procs.pool_end(p->workers, now);
  if (p->tid[H_RESULTS] < 0 || !t->can_stop()) return vm.rt.None;
  Request r = req(ReqKind::Join, p->tid[H_RESULTS]);
  r.line = vm.current_line();
  sched::Outcome now_answer;
  if (t->request(r, now_answer)) {
    t->on_answer(pool_reaped, pool);  // its value: terminate()'s None (dropped by `with`'s exit)
    return vm.rt.None;
  }
  if (!now_answer.error_type.empty()) return t->raise_outcome(now_answer);
  return vm.rt.None;
}

Ref mpool_new(VM& vm, Args& a) {
  std::int64_t n = T(vm) ? T(vm)->sched.config().cores : 4;
  if (Ref v = arg(a, 1, "processes"); v && v.get() != vm.rt.None.get() && !vm.index_value(v, n)) return nullptr;
  if (n < 1) return vm.raise(vm.rt.ValueError, "Number of processes must be at least 1");
  Ref p = make<NativeObj>(a.v[0].as<ClassObj>(), K_POOL);
  N(p)->i = n;
  std::string method;
  if (Ref m = arg(a, 5, "_start_method"); m && m->tag == Tag::Str) method = m.as<StrObj>()->s;
  if (T(vm) && !start_pool_threads(vm, p, method)) return nullptr;
  Ref init = arg(a, 2, "initializer"), initargs = arg(a, 3, "initargs");
  if (init && init.get() == vm.rt.None.get()) init = nullptr;
  std::vector<Ref> iargs;
  if (init && initargs && !vm.to_list(initargs, iargs)) return nullptr;
  if (init && !pickle_check(vm, init)) return nullptr;
  ForkState parent;
  if (init) parent.capture(vm, fork_roots(vm, {init}));
  if (method == "fork" || method.empty()) {
    N(p)->c = new_fork_state(vm, {}, n);  // the workers are forked now: each keeps its copy
  } else {
    // spawn / forkserver: each worker imports the program as __mp_main__
    // (the first one's module stands for all of them)
    double c0 = vm.cpu_ns, w0 = vm.clock_ns;
    N(p)->d = spawn_main(vm);
    for (std::int64_t w = 1; w < n && N(p)->d; ++w)
      if (!spawn_main(vm)) N(p)->d = nullptr;
    vm.cpu_ns = c0;
    vm.clock_ns = w0;
    if (!N(p)->d) { parent.apply(); return nullptr; }
    N(p)->c = new_fork_state(vm, {N(p)->d.as<ModuleObj>()->dict}, n);  // each worker's own import
    if (init && !(init = pickle_copy_into(vm, init, N(p)->d))) { parent.apply(); return nullptr; }
    for (auto& x : iargs)
      if (!(x = pickle_copy_into(vm, x, N(p)->d))) { parent.apply(); return nullptr; }
  }
  if (init) {
    // Pool(initializer=f, initargs=...): each worker calls it once when it starts
    PoolStates* ws = fork_state_of(N(p)->c);
    std::vector<Ref> roots = fork_roots(vm, {init});
    if (N(p)->d) roots.push_back(N(p)->d.as<ModuleObj>()->dict);
    for (std::int64_t w = 0; w < n; ++w) {
      if (ws) ws->st[std::size_t(w)].apply();
      os_enter_child(vm, 1 + w);
      Nanos cpu = 0;
      Ref r = measure_call(vm, init, iargs, cpu);
      os_enter_child(vm, 0);
      if (!r) { parent.apply(); return nullptr; }
      if (ws) ws->st[std::size_t(w)].capture(vm, roots);
    }
    parent.apply();
  }
  return p;
}
Ref mpool_enter(VM&, Args& a) { return a.v[0]; }
bool async_deliver_pending(VM& vm, const Ref& pool, bool all);
Ref mpool_exit(VM& vm, Args& a) {
  if (!async_deliver_pending(vm, a.v[0], false)) return nullptr;
  Ref r = pool_terminate(vm, a.v[0]);
  return r ? (r.get() == vm.rt.None.get() ? vm.rt.False : r) : nullptr;
}
Ref mpool_close(VM& vm, Args&) { return vm.rt.None; }
bool async_deliver_pending(VM& vm, const Ref& pool, bool all);
Ref mpool_terminate(VM& vm, Args& a) {
  if (!async_deliver_pending(vm, a.v[0], false)) return nullptr;
  return pool_terminate(vm, a.v[0]);
}
// join(): every task is done by then, with its callback called
Ref mpool_join(VM& vm, Args& a) {
  if (!async_deliver_pending(vm, a.v[0], true)) return nullptr;
  return pool_terminate(vm, a.v[0]);
}
// chunksize None or missing: map/starmap compute one (Pool._map_async);
// imap/imap_unordered send one item per task (their default is chunksize=1)
Ref mpool_map_impl(VM& vm, Args& a, bool star, std::int64_t default_chunksize = 0, AsyncPlan* async = nullptr) {
  if (a.n < 3) return vm.raise(vm.rt.TypeError, "map() missing required argument 'iterable'");
  std::int64_t chunksize = default_chunksize;
  if (Ref c = arg(a, 3, "chunksize"); c && c.get() != vm.rt.None.get() && !vm.index_value(c, chunksize)) return nullptr;
  std::vector<std::vector<Ref>> calls;
  if (!call_lists(vm, a.v[2], star, calls)) return nullptr;
  return pool_run(vm, int(N(a.v[0])->i), a.v[1], calls, chunksize, pool_threads(vm, a.v[0]), fork_state_of(N(a.v[0])->c),
                  N(a.v[0])->d, star ? 1 : 0, async);
}
Ref mpool_map(VM& vm, Args& a) { return mpool_map_impl(vm, a, false); }
Ref mpool_starmap(VM& vm, Args& a) { return mpool_map_impl(vm, a, true); }
DictObj* mp_native_dict(VM& vm) {
  Ref m = vm.modules ? vm.dict_get_str(vm.modules.as<DictObj>(), vm.rt.intern("_pitfall_mp").as<StrObj>()) : Ref();
  return m && m->tag == Tag::Module ? m.as<ModuleObj>()->dict.as<DictObj>() : nullptr;
}
// imap / imap_unordered: an IMapIterator, or a generator over the chunks when
// chunksize > 1 (the Python part's _imap_result)
Ref mpool_imap_impl(VM& vm, Args& a, bool unordered) {
  std::int64_t chunksize = 1;
  if (Ref c = arg(a, 3, "chunksize"); c && c.get() != vm.rt.None.get() && !vm.index_value(c, chunksize)) return nullptr;
  Ref l = mpool_map_impl(vm, a, false, 1);
  if (!l) return nullptr;
  DictObj* d = mp_native_dict(vm);
  Ref f = d ? vm.dict_get_str(d, vm.rt.intern("_imap_result").as<StrObj>()) : Ref();
  if (!f) { vm.exc.reset(); return vm.iter(l); }
  Ref argv[3] = {l, vm.rt.make_int(chunksize), vm.rt.make_bool(unordered)};
  return vm.call(f, argv, 3);
}
Ref mpool_imap(VM& vm, Args& a) { return mpool_imap_impl(vm, a, false); }
Ref mpool_imap_unordered(VM& vm, Args& a) { return mpool_imap_impl(vm, a, true); }
// An AsyncResult (Lib/multiprocessing/pool.py ApplyResult, MapResult): the
// value (a) or the exception get() raises (b), its event (i: set by the pool's
// result handler when its last chunk is in; -1: ready at once), callback (c)
// and error_callback (d), j: they were called. CPython's result handler calls
// them as the result arrives, before setting the event; here they run when the
// program first sees the result ready (get, wait, ready, successful) or the
// pool ends, so what the program can observe comes in the same order.
Ref async_result(VM& vm, const char* type, Ref value, const AsyncPlan& plan, Args& a) {
  if (!value && !plan.error && vm.budget_exceeded) return nullptr;
  Ref r = make<NativeObj>(hidden_type(vm, type), K_ASYNC_RESULT);
  if (value && !plan.error) N(r)->a = std::move(value);
  else {
    N(r)->a = vm.rt.None;
    N(r)->b = plan.error ? plan.error : std::move(vm.exc);
    vm.exc = Ref();
  }
  N(r)->i = plan.event;
  for (int k = 0; k < 2; ++k) {
    Ref cb = arg(a, 4 + k, k ? "error_callback" : "callback");
    if (cb && cb.get() != vm.rt.None.get()) (k ? N(r)->d : N(r)->c) = cb;
  }
  if (N(r)->c || N(r)->d) N(a.v[0])->v.push_back(r);  // the pool calls them (its cache)
  return r;
}
bool async_is_ready(VM& vm, const Ref& r) {
  if (N(r)->i < 0 || !T(vm)) return true;
  sched::SyncObj* s = T(vm)->sched.sync_obj(sched::ObjId(N(r)->i));
  return !s || s->flag;
}
bool async_deliver(VM& vm, const Ref& r) {
  NativeObj* o = N(r);
  if (o->j) return true;
  o->j = 1;
  Ref cb = o->b ? o->d : o->c;
  if (!cb) return true;
  Ref x = o->b ? o->b : o->a;
  return bool(vm.call(cb, &x, 1));
}
bool async_deliver_pending(VM& vm, const Ref& pool, bool all) {
  for (const Ref& r : N(pool)->v)
    if (native_kind(r) == K_ASYNC_RESULT && (all || async_is_ready(vm, r)) && !async_deliver(vm, r)) return false;
  return true;
}
Ref mpool_apply_async(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "apply_async() missing required argument 'func'");
  std::vector<std::vector<Ref>> calls(1);
  if (Ref args = arg(a, 2, "args"); args && !vm.to_list(args, calls[0])) return nullptr;
  AsyncPlan plan;
  Ref l = pool_run(vm, int(N(a.v[0])->i), a.v[1], calls, 1, pool_threads(vm, a.v[0]), fork_state_of(N(a.v[0])->c),
                   N(a.v[0])->d, 3, &plan);
  Ref v = l ? (l.as<ListObj>()->items.empty() ? vm.rt.None : l.as<ListObj>()->items[0]) : Ref();
  return async_result(vm, "__pitfall_apply_result_t", v, plan, a);
}
Ref mpool_map_async_impl(VM& vm, Args& a, bool star) {
  AsyncPlan plan;
  Ref l = mpool_map_impl(vm, a, star, 0, &plan);
  return async_result(vm, "__pitfall_map_result_t", l, plan, a);
}
Ref mpool_map_async(VM& vm, Args& a) { return mpool_map_async_impl(vm, a, false); }
Ref mpool_starmap_async(VM& vm, Args& a) { return mpool_map_async_impl(vm, a, true); }
// get(): the value, or the task's exception raised again
Ref async_value(VM& vm, const Ref& r) {
  if (!async_deliver(vm, r)) return nullptr;
  if (N(r)->b) return vm.raise_obj(N(r)->b);
  return N(r)->a;
}
Ref raise_mp_timeout(VM& vm) {
  Ref m = vm.import("multiprocessing");
  Ref c = m ? vm.getattr(m, vm.rt.intern("TimeoutError").as<StrObj>()) : Ref();
  Ref e = c ? vm.call0(c) : Ref();
  return e ? vm.raise_obj(e) : nullptr;
}
Ref fin_async_get(VM& vm, const sched::Outcome& o, const Ref& self) {
  if (!o.ok && !async_is_ready(vm, self)) return raise_mp_timeout(vm);
  return async_value(vm, self);
}
Ref fin_async_wait(VM& vm, const sched::Outcome&, const Ref& self) {
  if (async_is_ready(vm, self) && !async_deliver(vm, self)) return nullptr;
  return vm.rt.None;
}
Ref async_wait_impl(VM& vm, Args& a, Finish fin) {
  Nanos timeout;
  if (!timeout_arg(vm, arg(a, 1, "timeout"), timeout, true)) return nullptr;
  const Ref& r = a.v[0];
  if (async_is_ready(vm, r)) return fin(vm, sched::Outcome{}, r);
  return block_call(vm, req(ReqKind::EventWait, sched::ObjId(N(r)->i), timeout), r, fin, vm.rt.None);
}
Ref async_get(VM& vm, Args& a) { return async_wait_impl(vm, a, fin_async_get); }
Ref async_wait(VM& vm, Args& a) { return async_wait_impl(vm, a, fin_async_wait); }
Ref async_ready(VM& vm, Args& a) {
  bool ok = async_is_ready(vm, a.v[0]);
  if (ok && !async_deliver(vm, a.v[0])) return nullptr;
  return vm.rt.make_bool(ok);
}
Ref async_successful(VM& vm, Args& a) {
  if (!async_is_ready(vm, a.v[0])) {
    Ref s = vm.repr(a.v[0]);
    if (!s) return nullptr;
    return vm.raise(vm.rt.ValueError, s.as<StrObj>()->s + " not ready");
  }
  if (!async_deliver(vm, a.v[0])) return nullptr;
  return vm.rt.make_bool(!N(a.v[0])->b);
}
// apply(): apply_async(...).get()
Ref mpool_apply(VM& vm, Args& a) {
  Ref r = mpool_apply_async(vm, a);
  if (!r) return nullptr;
  Ref argv[1] = {r};
  Args g{argv, 1};
  return async_get(vm, g);
}
Ref pt_process_map(VM& vm, Args& a) {
  // (workers, fn, list of argument tuples, chunksize, star)
  std::int64_t w, cs;
  if (a.n < 4 || !vm.index_value(a.v[0], w) || !vm.index_value(a.v[3], cs)) return nullptr;
  std::vector<std::vector<Ref>> calls;
  if (!call_lists(vm, a.v[2], true, calls)) return nullptr;
  return pool_run(vm, int(w), a.v[1], calls, cs);
}
Ref pt_process_call(VM& vm, Args& a) {
  // (workers, fn, args, kwargs): one task through the pool model
  std::int64_t w;
  if (a.n < 3 || !vm.index_value(a.v[0], w)) return nullptr;
  std::vector<std::vector<Ref>> calls(1);
  if (!vm.to_list(a.v[2], calls[0])) return nullptr;
  Ref l = pool_run(vm, int(w), a.v[1], calls, 1);
  if (!l) return nullptr;
  return l->tag == Tag::List && !l.as<ListObj>()->items.empty() ? l.as<ListObj>()->items[0] : vm.rt.None;
}
// ---- multiprocessing.Process (its Python part: multiprocessing_py.cpp) ----
// A started process's record (K_PROCESS): i = its pid in the model, j = its
// exit code once it ended, t = when start() was called, c = its thread in the
// scheduler (an int), d = its start method when not the default.
// A child is a process of the scheduler (sched/process_threads.cpp): its
// Process.run() runs on its own thread with its own GIL, in parallel with the
// parent and the other children, on its own view of the program's objects
// (vm/process_states.h); it can block (a Queue, a Pipe, a Lock, join, sleep)
// and resume. The parent pays the start (start method, its memory for fork);
// a spawned child first boots (a fresh interpreter importing the program).
int g_bootstrapping = 0;  // a spawned child is importing the program
// A spawned child's import of the program: its source run again as module __mp_main__.
Ref spawn_main(VM& vm) {
  if (g_bootstrapping)
    return vm.raise(vm.rt.RuntimeError,
                    "\n        An attempt has been made to start a new process before the\n"
                    "        current process has finished its bootstrapping phase.\n");
  struct Guard { Guard() { ++g_bootstrapping; } ~Guard() { --g_bootstrapping; } } guard;
  std::string src, file = "__main__";
  for (const std::string& l : vm.source_lines) src += l + "\n";
  if (vm.main_module) {
    Ref f = vm.dict_get_str(vm.main_module.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern("__file__").as<StrObj>());
    vm.exc.reset();
    if (f && f->tag == Tag::Str) file = f.as<StrObj>()->s;
  }
  CompileResult cr = compile_module(vm.rt, file, src);
  if (!cr.code) return vm.raise(vm.rt.RuntimeError, "internal: the program does not compile again: " + cr.error);
  vm.err += format_warnings(cr, file, src);  // (the child compiles the program again, and warns again)
  Ref m = new_module(vm, "__mp_main__");
  DictObj* g = m.as<ModuleObj>()->dict.as<DictObj>();
  vm.dict_set(g, vm.rt.intern("__builtins__"), vm.builtins);
  vm.dict_set(g, vm.rt.intern("__file__"), vm.rt.make_str(file));
  Frame* fr = vm.new_frame(nullptr, cr.code.as<CodeObj>(), m.as<ModuleObj>()->dict, nullptr);
  size_t base = vm.frames.size();
  vm.frames.push_back(fr);
  Ref result;
  if (vm.eval(base, result) == Stop::Exception) return nullptr;
  return m;
}
NativeObj* proc_rec(const Ref& r) { return native_kind(r) == K_PROCESS ? N(r) : nullptr; }
sched::ThreadId proc_tid(NativeObj* p) { return p && p->c && p->c->tag == Tag::Int ? sched::ThreadId(p->c.as<IntObj>()->v) : -1; }
ProcessStates& process_states(ThreadRuntime& t) {
  if (!t.process_states) t.process_states = std::make_unique<ProcessStates>();
  return *t.process_states;
}
// The child's run() ended: its exit code (BaseProcess._bootstrap: sys.exit(n)
// is the code, another value is printed and gives 1; an exception is printed
// as "Process <name>:" and its traceback, code 1).
void child_done(VM& vm, const Ref& rec_ref, const Ref& proc, int process, const Ref& result, const Ref& exc) {
  NativeObj* rec = N(rec_ref);
  rec->j = 0;
  if (ThreadRuntime* t = T(vm)) {
    // its view is dropped unless threads it started still run in it
    bool others = false;
    const auto& ts = t->sched.threads();
    for (std::size_t i = 0; i < ts.size() && !others; ++i) {
      VmThread* th = t->thread(sched::ThreadId(i));
      others = th && th->process == process && !th->process_main && ts[i].state != sched::ThreadState::Done;
    }
    if (!others) process_states(*t).end(process);
  }
  if (result || !exc || vm.budget_exceeded) return;
  if (vm.matches(exc, vm.rt.SystemExit)) {
    Ref args = exc->tag == Tag::Exception ? exc.as<ExceptionObj>()->args : Ref();
    Ref code = args && args->tag == Tag::Tuple && !args.as<TupleObj>()->items.empty() ? args.as<TupleObj>()->items[0] : Ref();
    std::int64_t n = 0;
    if (code && code.get() != vm.rt.None.get()) {
      if (code->tag == Tag::Int && vm.index_value(code, n)) rec->j = n;
      else {
        std::string text;
        if (!vm.str_to(code, text)) vm.exc.reset();
        vm.err += text + "\n";
        rec->j = 1;
      }
    }
    return;
  }
  rec->j = 1;
  std::string name;
  Ref n = vm.getattr_opt(proc, vm.rt.intern("name").as<StrObj>());
  vm.exc.reset();
  if (!n || !vm.str_to(n, name)) { vm.exc.reset(); name = "Process"; }
  vm.err += "Process " + name + ":\n" + vm.format_exception(exc);
}
// _pitfall_mp.process_start(process, method): the record
Ref mp_process_start(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  if (a.n < 2) return nullptr;
  Ref proc = a.v[0];
  std::string method;
  if (!vm.str_to(a.v[1], method)) return nullptr;
  Ref target = vm.getattr_opt(proc, vm.rt.intern("_target").as<StrObj>());
  Ref args = vm.getattr_opt(proc, vm.rt.intern("_args").as<StrObj>());
  Ref kwargs = vm.getattr_opt(proc, vm.rt.intern("_kwargs").as<StrObj>());
  vm.exc.reset();
  // spawn and forkserver pickle the Process object (its target and arguments) for the child
  if (method != "fork") {
    if (target && target.get() != vm.rt.None.get() && !pickle_check(vm, target)) return nullptr;
    if (args && !pickle_check(vm, args)) return nullptr;
    if (kwargs && !pickle_check(vm, kwargs)) return nullptr;
  }
  std::string name;
  if (Ref n = vm.getattr_opt(proc, vm.rt.intern("name").as<StrObj>()); !n || !vm.str_to(n, name)) {
    vm.exc.reset();
    name = "Process";
  }
  bool daemon = false;
  if (Ref d = vm.getattr_opt(proc, vm.rt.intern("daemon").as<StrObj>()); d) daemon = vm.truthy(d) > 0;
  vm.exc.reset();
  std::int64_t ab = 3;
  if (args && args->tag == Tag::Tuple)
    for (auto& x : args.as<TupleObj>()->items) ab += pickled_size(vm, x);
  Ref rec = make<NativeObj>(vm.rt.object_t, K_PROCESS);
  N(rec)->t = vm.clock_ns;
  N(rec)->j = 0;
  if (method != "fork") N(rec)->d = vm.rt.make_str(method);
  sched::StartMethod m = t->procs.config().method;
  start_method_of(method, m);
  // the parent forks (its CPU: the start method's cost, its memory for fork)
  t->procs.set_parent_rss(vm.memory ? vm.memory->mem().rss() : 0);
  Nanos now = Nanos(vm.clock_ns), ready = now;
  int pid = 0;
  Nanos parent = t->procs.start_child(now, ab, m, ready, pid);
  N(rec)->i = pid;
  // the child runs multiprocessing's _bootstrap(process) (a.v[2]); the
  // module's globals (a.v[3]: the current process, the children counter) are its own
  Ref boot = a.n > 2 ? a.v[2] : Ref(), mp_globals = a.n > 3 && a.v[3]->tag == Tag::Dict ? a.v[3] : Ref();
  Ref child_proc = proc;
  std::vector<Ref> roots = {proc, mp_globals};
  if (m != sched::StartMethod::Fork) {
    // spawn / forkserver: a fresh interpreter imports the program as
    // __mp_main__ (its `if __name__ == "__main__":` block does not run) and
    // unpickles the Process object, whose target is found in that module
    double c0 = vm.cpu_ns, w0 = vm.clock_ns;
    os_enter_child(vm, pid);
    Ref child_main = spawn_main(vm);
    child_proc = child_main ? pickle_copy_into(vm, proc, child_main) : Ref();
    os_enter_child(vm, 0);
    vm.cpu_ns = c0;
    vm.clock_ns = w0;
    if (!child_proc) return nullptr;
    roots = {proc, mp_globals, child_proc, child_main.as<ModuleObj>()->dict};
  }
  vm.charge(double(parent - now));
  Ref run = boot ? boot : vm.getattr(child_proc, vm.rt.intern("run").as<StrObj>());
  if (!run) return nullptr;
  int process = process_states(*t).fork(vm, roots, pid);
  sched::ThreadId tid = t->add_process(name, run, boot ? vm.rt.make_tuple({child_proc}) : vm.rt.make_tuple({}), daemon, process);
  N(rec)->c = vm.rt.make_int(tid);
  Ref keep_rec = rec;
  t->thread(tid)->on_done = [keep_rec, proc, process](VM& v, const Ref& result, const Ref& exc) {
    child_done(v, keep_rec, proc, process, result, exc);
  };
  t->procs.link_lane(pid, &t->sched, tid);
  t->sched.start_at(tid, Nanos(vm.clock_ns), std::max(ready + Nanos(vm.clock_ns) - now, Nanos(vm.clock_ns)));
  t->refresh_deadline();
  return rec;
}
// A wait for another process inside code a built-in runs (a Queue.get() in a
// generator driven by sorted() or sum(), a join in a key function): the
// thread cannot stop there, so the other processes run here, event after
// event, until `ready()` holds or `until` (>= 0) is reached, and the waiting
// thread's clock moves on to then (the time becomes a GIL-releasing wait when
// it next stops, as a sleep there does). False when nothing can run any more
// before it is ready (CPython would wait forever).
bool wait_nested(VM& vm, const std::function<bool()>& ready, Nanos until = -1) {
  ThreadRuntime* t = T(vm);
  sched::Kernel& k = t->sched.kernel();
  const sched::ThreadId me = t->current();
  const int process = t->current_process();
  const double clock0 = vm.clock_ns, cpu0 = vm.cpu_ns, deadline0 = vm.deadline_ns;
  const int nested0 = vm.nested;
  const bool pending0 = vm.has_pending, raise0 = vm.resume_raise;
  vm.nested = 0;  // the other processes' code runs as at their own top level
  const auto slice_end0 = vm.slice_end;
  vm.slice_end = ~decltype(vm.slice_end)(0);  // no browser time slice in the middle of a built-in
  bool ok = ready();
  while (!ok && !t->sched.finished() && !t->budget_stop && !vm.budget_exceeded) {
    auto next = k.next_time();
    if (!next || (until >= 0 && *next > until)) break;
    k.step();
    ok = ready();
  }
  Nanos now = std::max(k.now(), until >= 0 && !ok ? until : Nanos(0));
  vm.nested = nested0;
  vm.slice_end = slice_end0;
  t->set_current(me);
  if (t->process_states) t->process_states->enter(vm, process);
  vm.cpu_ns = cpu0;  // the others' CPU is theirs (the scheduler counted it)
  vm.clock_ns = clock0;
  vm.deadline_ns = deadline0;
  vm.has_pending = pending0;
  if (pending0) vm.check_at = 0;  // the eval breaker's slow path (VM::eval)
  vm.resume_raise = raise0;
  if (double(now) > vm.clock_ns) vm.advance_wait(double(now) - vm.clock_ns);
  return ok || until >= 0;
}
bool proc_ended(VM& vm, NativeObj* p) {
  sched::ThreadId tid = proc_tid(p);
  ThreadRuntime* t = T(vm);
  if (!t || tid < 0 || tid >= sched::ThreadId(t->sched.threads().size())) return true;
  return t->sched.threads()[std::size_t(tid)].state == sched::ThreadState::Done;
}
Ref mp_process_join(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  NativeObj* p = a.n ? proc_rec(a.v[0]) : nullptr;
  if (!p) return vm.raise(vm.rt.AssertionError, "can only join a started process");
  Nanos timeout = -1;
  // join(timeout): returns after the timeout if the child still runs
  if (!timeout_arg(vm, a.n > 1 ? a.v[1] : Ref(), timeout, true)) return nullptr;
  if (proc_ended(vm, p)) return vm.rt.None;
  if (!t->can_stop()) {
    Nanos until = timeout >= 0 ? Nanos(vm.clock_ns) + timeout : -1;
    if (!wait_nested(vm, [&] { return proc_ended(vm, p); }, until))
      return vm.not_modelled("a join() of a process that never ends, inside code that a built-in runs (CPython waits forever)");
    return vm.rt.None;
  }
  return block_call(vm, req(ReqKind::Join, proc_tid(p), timeout), Ref(), nullptr, vm.rt.None);
}
Ref mp_process_alive(VM& vm, Args& a) {
  NativeObj* p = a.n ? proc_rec(a.v[0]) : nullptr;
  return vm.rt.make_bool(p && !proc_ended(vm, p));
}
Ref mp_process_exitcode(VM& vm, Args& a) {
  NativeObj* p = a.n ? proc_rec(a.v[0]) : nullptr;
  if (!p || !proc_ended(vm, p)) return vm.rt.None;
  sched::ThreadId tid = proc_tid(p);
  ThreadRuntime* t = T(vm);
  if (t && tid >= 0 && t->sched.threads()[std::size_t(tid)].exit_signal > 0)
    return vm.rt.make_int(-t->sched.threads()[std::size_t(tid)].exit_signal);
  return vm.rt.make_int(p->j);
}
Ref mp_process_pid(VM& vm, Args& a) {
  NativeObj* p = a.n ? proc_rec(a.v[0]) : nullptr;
  return vm.rt.make_int(4242 + (p && p->i ? p->i : 1));
}
// The threading.Thread objects of the running process's other threads that
// are not daemons and still run (a child's _bootstrap joins them before the
// process ends: threading._shutdown).
Ref mp_process_threads(VM& vm, Args&) {
  ThreadRuntime* t = T(vm);
  Ref l = vm.rt.make_list();
  if (!t) return l;
  const int process = t->current_process();
  const auto& ts = t->sched.threads();
  for (std::size_t i = 0; i < ts.size(); ++i) {
    VmThread* th = t->thread(sched::ThreadId(i));
    if (!th || th->process != process || th->process_main || sched::ThreadId(i) == t->current() || !th->object) continue;
    if (ts[i].daemon || ts[i].state == sched::ThreadState::Done || ts[i].state == sched::ThreadState::New) continue;
    l.as<ListObj>()->items.push_back(th->object);
  }
  return l;
}
// Process.terminate() / kill(): the signal ends the child where it stands
// (SIGTERM's default action; the child's finally blocks and atexit handlers
// do not run); exitcode is then minus the signal's number.
Ref mp_process_signal(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  NativeObj* p = a.n ? proc_rec(a.v[0]) : nullptr;
  std::int64_t sig = 15;
  if (!p || (a.n > 1 && !vm.index_value(a.v[1], sig))) return vm.rt.None;
  sched::ThreadId tid = proc_tid(p);
  if (tid < 0 || proc_ended(vm, p)) return vm.rt.None;
  t->sched.kill(tid, int(sig), Nanos(vm.clock_ns));
  if (VmThread* th = t->thread(tid)) {
    if (th->process) process_states(*t).end(th->process);
  }
  return vm.rt.None;
}

// ---- multiprocessing.Queue: a pipe between processes ----
// A queue of the scheduler (its waiting getters and putters, maxsize) whose
// items travel pickled: put pickles (dumps), get unpickles (loads), each with
// half the measured per-message IPC cost (process.chunk_ipc_ns). A get on an
// empty queue blocks until some process puts; when none ever will, the run
// ends with the deadlock message.
Ref mpq_new(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  std::int64_t maxsize = 0;
  if (Ref v = arg(a, 1, "maxsize"); v && !vm.index_value(v, maxsize)) return nullptr;
  ClassObj* cls = a.v[0].as<ClassObj>();
  Ref q = new_sync(vm, cls, K_MP_QUEUE, t->sched.new_queue(where(vm, cls->name.c_str()), maxsize < 0 ? 0 : maxsize, true));
  if (Ref pipe = arg(a, 2, "_pipe"); pipe && vm.truthy(pipe) > 0) N(q)->j = 2;  // a Pipe's direction
  if (cls->name == "JoinableQueue") {
    // the unfinished tasks (N->t, shared by every process as the queue's
    // semaphore is) and the event join() waits for, set while there are none
    N(q)->j = 1;
    N(q)->a = vm.rt.make_int(t->sched.new_event(where(vm, "JoinableQueue.join")));
    t->sched.sync_obj(sched::ObjId(N(q)->a.as<IntObj>()->v))->flag = true;
  }
  return q;
}
sched::ObjId mpq_done_event(const Ref& q) { return N(q)->j == 1 ? sched::ObjId(N(q)->a.as<IntObj>()->v) : -1; }
Ref mpq_task_done(VM& vm, Args& a) {
  NativeObj* q = N(a.v[0]);
  if (q->t <= 0) return vm.raise(vm.rt.ValueError, "task_done() called too many times");
  q->t -= 1;
  if (q->t > 0) return vm.rt.None;
  return block_call(vm, req(ReqKind::EventSet, mpq_done_event(a.v[0])), Ref(), nullptr, vm.rt.None);
}
Ref mpq_join(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  NativeObj* q = N(a.v[0]);
  if (q->t <= 0) return vm.rt.None;
  if (!t->can_stop()) {
    if (!wait_nested(vm, [q] { return q->t <= 0; }))
      return vm.not_modelled("a JoinableQueue.join() that no process will finish, inside code that a built-in runs (CPython waits forever)");
    return vm.rt.None;
  }
  return block_call(vm, req(ReqKind::EventWait, mpq_done_event(a.v[0])), Ref(), nullptr, vm.rt.None);
}
// A Pipe's end (Connection) writes and reads the pipe itself, without a
// Queue's feeder thread and lock: its message costs pipe.message_ns per side
// on top of the Connection's own Python code and the pickling. Measured by
// tools/bench/pipe_round_trip.py: a request/response costs the parent 11.3 us
// of CPU on 3.11 and 11.2 us on 3.13 (a Queue pair: 18.2 / 19.6 us, which
// the Queue's costs above reproduce), of which the simulator's Connection
// code and pickling give 0.3 us.
void mpq_charge(VM& vm, const Ref& q, const Ref& v, bool dumps) {
  ThreadRuntime* t = T(vm);
  if (!t) return;
  const sched::ProcConfig& c = t->procs.config();
  double per_byte = dumps ? c.dumps_ns_per_byte : c.loads_ns_per_byte;
  double message = N(q)->j == 2 ? param(vm, "pipe.message_ns", 5'500) : double(c.chunk_ipc_ns) * 0.5;
  vm.charge(double(pickled_size(vm, v)) * per_byte + message);
}
Ref mpq_put(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "put() missing 1 required positional argument: 'obj'");
  bool block;
  if (!flag_arg(vm, arg(a, 2, "block"), true, block)) return nullptr;
  Nanos timeout;
  if (!timeout_arg(vm, arg(a, 3, "timeout"), timeout)) return nullptr;
  Ref c = pickle_copy(vm, a.v[1]);
  if (!c) return nullptr;
  mpq_charge(vm, a.v[0], c, true);
  sched::ObjId o = sched::ObjId(N(a.v[0])->i);
  t->name_after_variable(o, a.v[0]);
  sched::SyncObj* qs = t->sched.sync_obj(o);
  if (N(a.v[0])->j != 2 && qs && qs->initial <= 0) {
    // Lib/multiprocessing/queues.py: put() appends to a buffer and returns;
    // the queue's feeder thread pickles and writes it to the pipe, where
    // readers see it queue.feeder_latency_ns later (meanwhile empty() is
    // still True, qsize() already counts it). The latency: a Queue pair's
    // request/response takes 48.9 us of wall on 3.11 (49.0 on 3.13) for
    // 18.2 us of the parent's CPU (tools/bench/pipe_round_trip.py), 13 us more
    // than the two sides' CPU one after the other: 6.5 us per message.
    if (sched::ObjId done = mpq_done_event(a.v[0]); done >= 0) {
      N(a.v[0])->t += 1;  // JoinableQueue: one more unfinished task
      t->sched.sync_obj(done)->flag = false;
    }
    std::int64_t h = t->keep(c);
    Ref q = a.v[0];
    N(q)->v.push_back(vm.rt.None);  // in flight
    sched::Scheduler* s = &t->sched;
    Nanos at = Nanos(vm.clock_ns) + Nanos(param(vm, "queue.feeder_latency_ns", 6'500));
    s->kernel().at(at, [s, q, o, h] {
      if (!N(q)->v.empty()) N(q)->v.pop_back();
      s->queue_push(o, h, s->kernel().now());
    });
    t->refresh_deadline();
    return vm.rt.None;
  }
  if (block && !t->can_stop()) {
    // inside code a built-in runs: the other processes make room meanwhile (wait_nested)
    auto room = [&] {
      sched::SyncObj* q = t->sched.sync_obj(o);
      return !q || q->initial <= 0 || std::int64_t(q->items.size()) < q->initial;
    };
    if (!room() && !wait_nested(vm, room, timeout >= 0 ? Nanos(vm.clock_ns) + timeout : -1))
      return vm.not_modelled("a put() on a full multiprocessing Queue that no process will empty, inside code that a built-in runs (CPython waits forever)");
    block = false;
  }
  Request r = req(ReqKind::QueuePut, o, timeout, block);
  r.value = t->keep(c);
  if (sched::ObjId done = mpq_done_event(a.v[0]); done >= 0) {
    N(a.v[0])->t += 1;  // JoinableQueue: one more unfinished task
    t->sched.sync_obj(done)->flag = false;
  }
  return block_call(vm, r, Ref(), nullptr, vm.rt.None);
}
Ref mpq_put_nowait(VM& vm, Args& a) {
  Ref v[3] = {a.v[0], a.n > 1 ? a.v[1] : vm.rt.None, vm.rt.False};
  Args b;
  b.v = v;
  b.n = a.n > 1 ? 3 : 1;
  return mpq_put(vm, b);
}
Ref fin_mpq_get(VM& vm, const sched::Outcome& o, const Ref& self) {
  Ref v = T(vm)->take(o.value);
  mpq_charge(vm, self, v, false);  // CPU of the resumed slice (VmThread::deliver)
  return v;
}
Ref mpq_get_impl(VM& vm, const Ref& self, bool block, const Ref& timeout_v) {
  ThreadRuntime* t = T(vm);
  if (!t) return no_threads(vm);
  Nanos timeout;
  if (!timeout_arg(vm, timeout_v, timeout)) return nullptr;
  sched::ObjId o = sched::ObjId(N(self)->i);
  t->name_after_variable(o, self);
  if (block && !t->can_stop()) {
    // inside code a built-in runs (a generator driven by sorted()): the other processes put meanwhile (wait_nested)
    auto item = [&] {
      sched::SyncObj* q = t->sched.sync_obj(o);
      return !q || !q->items.empty();
    };
    if (!item() && !wait_nested(vm, item, timeout >= 0 ? Nanos(vm.clock_ns) + timeout : -1))
      return vm.not_modelled("a get() on a multiprocessing Queue that no process will fill, inside code that a built-in runs (CPython waits forever)");
    block = false;
  }
  return block_call(vm, req(ReqKind::QueueGet, o, timeout, block), self, fin_mpq_get, vm.rt.None);
}
Ref mpq_get(VM& vm, Args& a) {
  Ref block = arg(a, 1, "block"), timeout = arg(a, 2, "timeout");
  return mpq_get_impl(vm, a.v[0], !block || vm.truthy(block) != 0, timeout);
}
Ref mpq_get_nowait(VM& vm, Args& a) { return mpq_get_impl(vm, a.v[0], false, Ref()); }
sched::SyncObj* mpq_obj(VM& vm, const Ref& q) { return T(vm) ? T(vm)->sched.sync_obj(sched::ObjId(N(q)->i)) : nullptr; }
// Connection.poll(timeout): whether something can be read, waiting up to
// `timeout` (None: as long as it takes) for the other end to send. The wait
// is a get with that timeout whose item goes back to the front of the pipe.
Ref fin_mpq_peek(VM& vm, const sched::Outcome& o, const Ref& self) {
  if (sched::SyncObj* s = mpq_obj(vm, self)) s->items.push_front(o.value);
  return vm.rt.True;
}
Ref mpq_poll(VM& vm, Args& a) {
  ThreadRuntime* t = T(vm);
  sched::SyncObj* s = mpq_obj(vm, a.v[0]);
  if (!t || !s || !s->items.empty()) return vm.rt.make_bool(s && !s->items.empty());
  Nanos timeout = 0;
  if (a.n > 1 && a.v[1].get() != vm.rt.None.get() && !timeout_arg(vm, a.v[1], timeout, true)) return nullptr;
  if (a.n > 1 && a.v[1].get() == vm.rt.None.get()) timeout = -1;
  if (timeout == 0) return vm.rt.False;
  sched::ObjId o = sched::ObjId(N(a.v[0])->i);
  if (!t->can_stop()) {
    auto item = [&] {
      sched::SyncObj* q = t->sched.sync_obj(o);
      return !q || !q->items.empty();
    };
    if (!wait_nested(vm, item, timeout >= 0 ? Nanos(vm.clock_ns) + timeout : -1))
      return vm.not_modelled("a poll(None) on a Pipe no process will send to, inside code that a built-in runs (CPython waits forever)");
    s = mpq_obj(vm, a.v[0]);
    return vm.rt.make_bool(s && !s->items.empty());
  }
  Request r = req(ReqKind::QueueGet, o, timeout, true);
  sched::Outcome now;
  r.line = vm.current_line();
  if (t->request(r, now)) {
    t->on_answer(fin_mpq_peek, a.v[0]);
    return vm.rt.False;  // the answer: True with the item put back, or Empty (Connection.poll: False)
  }
  return now.error_type.empty() ? fin_mpq_peek(vm, now, a.v[0]) : vm.rt.False;
}
Ref mpq_qsize(VM& vm, Args& a) {
  sched::SyncObj* s = mpq_obj(vm, a.v[0]);
  return vm.rt.make_int((s ? std::int64_t(s->items.size()) : 0) + std::int64_t(N(a.v[0])->v.size()));
}
Ref mpq_empty(VM& vm, Args& a) {
  sched::SyncObj* s = mpq_obj(vm, a.v[0]);
  return vm.rt.make_bool(!s || s->items.empty());
}
Ref mpq_full(VM& vm, Args& a) {
  sched::SyncObj* s = mpq_obj(vm, a.v[0]);
  return vm.rt.make_bool(s && s->initial > 0 && std::int64_t(s->items.size()) >= s->initial);
}
Ref mpq_none(VM& vm, Args&) { return vm.rt.None; }

// ---- shared memory (Value, Array): a cell every process sees ----
Ref mp_shared_cell(VM& vm, Args& a) {
  Ref c = make<NativeObj>(vm.rt.object_t, K_SHARED_CELL);
  N(c)->a = a.n ? a.v[0] : vm.rt.None;
  return c;
}
Ref mp_cell_get(VM& vm, Args& a) {
  if (a.n < 1 || a.v[0]->tag != Tag::Other || N(a.v[0])->kind != K_SHARED_CELL) return vm.raise(vm.rt.TypeError, "not a shared cell");
  return N(a.v[0])->a;
}
Ref mp_cell_set(VM& vm, Args& a) {
  if (a.n < 2 || a.v[0]->tag != Tag::Other || N(a.v[0])->kind != K_SHARED_CELL) return vm.raise(vm.rt.TypeError, "not a shared cell");
  N(a.v[0])->a = a.v[1];
  return vm.rt.None;
}
// One call on a Manager's proxy: a round trip to the manager's server
// process. The caller pickles the request and unpickles the answer (its CPU,
// manager.client_cpu_ns: 11.8 us per list.append / d[k] = v / l[i] measured
// with time.process_time on CPython 3.11, load 9 on 2 cores) and waits while
// the server does its part (manager.server_ns: taken as the same again, the
// server running the mirror image of the client's work), GIL released.
Ref mp_manager_call(VM& vm, Args&) {
  vm.charge(param(vm, "manager.client_cpu_ns", 11'800));
  Request r = req(ReqKind::Io, -1);
  r.ns = Nanos(param(vm, "manager.server_ns", 12'000));
  ThreadRuntime* t = T(vm);
  if (!t || !t->can_stop()) { vm.advance_wait(double(r.ns)); return vm.rt.None; }
  return block_call(vm, r, Ref(), nullptr, vm.rt.None);
}
// The version's default start method (the cost table's process.default_start_method).
Ref mp_default_start_method(VM& vm, Args&) {
  sched::StartMethod m = T(vm) ? T(vm)->procs.config().method : sched::StartMethod::Fork;
  return vm.rt.make_str(m == sched::StartMethod::Spawn ? "spawn" : m == sched::StartMethod::Forkserver ? "forkserver" : "fork");
}
Ref mp_pickle_copy(VM& vm, Args& a) { return a.n ? pickle_copy(vm, a.v[0]) : vm.rt.None; }
Ref mp_set_python_part(VM& vm, Args& a) {
  DictObj* d = mp_native_dict(vm);
  if (d && a.n) vm.dict_set_str(d, vm.rt.intern("_imap_result").as<StrObj>(), a.v[0]);
  return vm.rt.None;
}

ClassObj* type_with(VM& vm, const char* name, const char* module, BuiltinFn ctor,
                    std::initializer_list<std::pair<const char*, BuiltinFn>> methods) {
  ClassObj* c = vm.rt.new_builtin_type(name, vm.rt.object_t, Tag::Other);
  c->module = module;
  for (auto& m : methods) vm.add_method(c, m.first, m.second);
  if (ctor) vm.dict_set(c->dict.as<DictObj>(), vm.rt.intern("__call_type__"), vm.make_builtin(name, ctor));
  return c;
}

void put(VM& vm, Ref& m, const char* name, Ref v) { vm.dict_set(m.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern(name), std::move(v)); }
Ref new_module(VM& vm, const std::string& name) {
  Ref m = make<ModuleObj>(vm.rt.module_t, name);
  m.as<ModuleObj>()->dict = vm.rt.make_dict();
  put(vm, m, "__name__", vm.rt.make_str(name));
  return m;
}

void mark_library(CodeObj* co) {
  co->library = true;
  for (auto& c : co->consts)
    if (c && c->tag == Tag::Code) mark_library(c.as<CodeObj>());
}

// Runs simulator-provided Python source as module `name`.
Ref python_module(VM& vm, const std::string& name, const char* source) {
  CompileResult cr = compile_module(vm.rt, name + ".py", source);
  if (!cr.code) return vm.raise(vm.rt.RuntimeError, "internal: the simulator's " + name + " module does not compile: " + cr.error);
  mark_library(cr.code.as<CodeObj>());
  Ref m = new_module(vm, name);
  // registered before running, as importlib does (threading imports itself indirectly)
  vm.dict_set(vm.modules.as<DictObj>(), vm.rt.intern(name), m);
  Frame* f = vm.new_frame(nullptr, cr.code.as<CodeObj>(), m.as<ModuleObj>()->dict, nullptr);
  size_t base = vm.frames.size();
  vm.frames.push_back(f);
  Ref result;
  if (vm.eval(base, result) == Stop::Exception) {
    vm.dict_del(vm.modules.as<DictObj>(), vm.rt.intern(name));
    return nullptr;
  }
  return m;
}

Ref native_thread_module(VM& vm) {
  auto& rt = vm.rt;
  Ref m = new_module(vm, "_pitfall_thread");
  auto fn = [&](const char* n, BuiltinFn f) { put(vm, m, n, vm.make_builtin(n, f)); };
  fn("start", pt_start);
  fn("join", pt_join);
  fn("alive", pt_alive);
  fn("ident", pt_ident);
  fn("native_id", pt_native_id);
  fn("get_ident", pt_get_ident);
  fn("current", pt_current);
  fn("thread_object", pt_thread_object);
  fn("set_thread_object", pt_set_thread_object);
  fn("active_count", pt_active_count);
  fn("alive_objects", pt_alive_objects);
  fn("excepthook", pt_excepthook);
  fn("cpu_count", pt_cpu_count);
  fn("set_shutdown", pt_set_shutdown);
  fn("process_map", pt_process_map);
  fn("process_call", pt_process_call);
  // whether the running thread can block where it is (not inside C code that
  // called back into Python, such as an asyncio loop step)
  fn("can_wait", [](VM& v, Args&) -> Ref { return v.rt.make_bool(T(v) && T(v)->can_stop()); });
  std::initializer_list<std::pair<const char*, BuiltinFn>> lock_methods = {
      {"acquire", lock_acquire}, {"release", lock_release}, {"__enter__", lock_acquire}, {"__exit__", lock_exit},
      {"locked", lock_locked}, {"acquire_lock", lock_acquire}, {"release_lock", lock_release}};
  put(vm, m, "Lock", Ref(type_with(vm, "Lock", "_thread", lock_new, lock_methods)));
  put(vm, m, "RLock", Ref(type_with(vm, "RLock", "_thread", lock_new, lock_methods)));
  std::initializer_list<std::pair<const char*, BuiltinFn>> sem_methods = {
      {"acquire", lock_acquire}, {"release", lock_release}, {"__enter__", lock_acquire}, {"__exit__", lock_exit}};
  put(vm, m, "Semaphore", Ref(type_with(vm, "Semaphore", "threading", sem_new, sem_methods)));
  put(vm, m, "BoundedSemaphore", Ref(type_with(vm, "BoundedSemaphore", "threading", sem_new, sem_methods)));
  put(vm, m, "Event", Ref(type_with(vm, "Event", "threading", event_new,
                                    {{"set", event_set}, {"clear", event_clear}, {"is_set", event_is_set},
                                     {"isSet", event_is_set}, {"wait", event_wait}})));
  put(vm, m, "Condition", Ref(type_with(vm, "Condition", "threading", cond_new,
                                        {{"acquire", lock_acquire}, {"release", lock_release}, {"__enter__", lock_acquire},
                                         {"__exit__", lock_exit}, {"wait", cond_wait}, {"notify", cond_notify},
                                         {"notify_all", cond_notify_all}, {"notifyAll", cond_notify_all}})));
  put(vm, m, "Barrier", Ref(type_with(vm, "Barrier", "threading", barrier_new, {{"wait", barrier_wait}})));
  ClassObj* broken = rt.new_exception("BrokenBarrierError", rt.RuntimeError);
  broken->module = "threading";
  put(vm, m, "BrokenBarrierError", Ref(broken));
  if (vm.threads) vm.threads->errors["BrokenBarrierError"] = Ref(broken);
  (void)barrier_parties;
  return m;
}

Ref queue_module(VM& vm) {
  auto& rt = vm.rt;
  Ref m = new_module(vm, "queue");
  std::initializer_list<std::pair<const char*, BuiltinFn>> qm = {
      {"put", queue_put}, {"get", queue_get}, {"put_nowait", queue_put_nowait}, {"get_nowait", queue_get_nowait},
      {"qsize", queue_qsize}, {"empty", queue_empty}, {"full", queue_full}, {"task_done", queue_task_done},
      {"join", queue_join}};
  for (const char* n : {"Queue", "LifoQueue", "PriorityQueue", "SimpleQueue"}) put(vm, m, n, Ref(type_with(vm, n, "queue", queue_new, qm)));
  ClassObj* empty = rt.new_exception("Empty", rt.Exception);
  empty->module = "_queue";
  ClassObj* full = rt.new_exception("Full", rt.Exception);
  full->module = "queue";
  put(vm, m, "Empty", Ref(empty));
  put(vm, m, "Full", Ref(full));
  if (vm.threads) {
    vm.threads->errors["Empty"] = Ref(empty);
    vm.threads->errors["Full"] = Ref(full);
  }
  return m;
}

Ref multiprocessing_module(VM& vm) {
  Ref m = new_module(vm, "_pitfall_mp");
  ClassObj* pool = type_with(vm, "Pool", "multiprocessing.pool", mpool_new,
                             {{"__enter__", mpool_enter}, {"__exit__", mpool_exit}, {"map", mpool_map},
                              {"starmap", mpool_starmap}, {"imap", mpool_imap}, {"imap_unordered", mpool_imap_unordered},
                              {"map_async", mpool_map_async}, {"starmap_async", mpool_starmap_async},
                              {"apply_async", mpool_apply_async}, {"apply", mpool_apply}, {"close", mpool_close},
                              {"join", mpool_join}, {"terminate", mpool_terminate}});
  put(vm, m, "Pool", Ref(pool));
  std::initializer_list<std::pair<const char*, BuiltinFn>> ar_methods = {
      {"get", async_get}, {"wait", async_wait}, {"ready", async_ready}, {"successful", async_successful}};
  vm.dict_set(vm.builtins.as<DictObj>(), vm.rt.intern("__pitfall_apply_result_t"),
              Ref(type_with(vm, "ApplyResult", "multiprocessing.pool", nullptr, ar_methods)));
  vm.dict_set(vm.builtins.as<DictObj>(), vm.rt.intern("__pitfall_map_result_t"),
              Ref(type_with(vm, "MapResult", "multiprocessing.pool", nullptr, ar_methods)));
  put(vm, m, "Queue", Ref(type_with(vm, "Queue", "multiprocessing.queues", mpq_new,
                                    {{"put", mpq_put}, {"get", mpq_get}, {"put_nowait", mpq_put_nowait},
                                     {"get_nowait", mpq_get_nowait}, {"qsize", mpq_qsize}, {"empty", mpq_empty},
                                     {"full", mpq_full}, {"close", mpq_none}, {"join_thread", mpq_none},
                                     {"_poll", mpq_poll},
                                     {"cancel_join_thread", mpq_none}})));
  put(vm, m, "JoinableQueue", Ref(type_with(vm, "JoinableQueue", "multiprocessing.queues", mpq_new,
                                    {{"put", mpq_put}, {"get", mpq_get}, {"put_nowait", mpq_put_nowait},
                                     {"get_nowait", mpq_get_nowait}, {"qsize", mpq_qsize}, {"empty", mpq_empty},
                                     {"full", mpq_full}, {"close", mpq_none}, {"join_thread", mpq_none},
                                     {"_poll", mpq_poll}, {"cancel_join_thread", mpq_none},
                                     {"task_done", mpq_task_done}, {"join", mpq_join}})));
  auto fn = [&](const char* n, BuiltinFn f) { put(vm, m, n, vm.make_builtin(n, f)); };
  fn("cpu_count", pt_cpu_count);
  fn("process_start", mp_process_start);
  fn("process_join", mp_process_join);
  fn("process_alive", mp_process_alive);
  fn("process_exitcode", mp_process_exitcode);
  fn("process_pid", mp_process_pid);
  fn("shared_cell", mp_shared_cell);
  fn("cell_get", mp_cell_get);
  fn("cell_set", mp_cell_set);
  fn("set_python_part", mp_set_python_part);
  fn("process_signal", mp_process_signal);
  fn("process_threads", mp_process_threads);
  fn("manager_call", mp_manager_call);
  fn("pickle_copy", mp_pickle_copy);
  fn("default_start_method", mp_default_start_method);
  return m;
}

}  // namespace

// Simulator-provided Python source run as module `name` (io, threading, ...).
Ref run_python_module(VM& vm, const std::string& name, const char* source) { return python_module(vm, name, source); }

// The concurrency modules; false when `name` is not one of them. On true,
// `out` is the module, or null with an exception set.
bool create_thread_module(VM& vm, const std::string& name, Ref& out) {
  if (name == "_pitfall_thread") out = native_thread_module(vm);
  else if (name == "queue") out = queue_module(vm);
  else if (name == "threading") {
    out = python_module(vm, "threading", kThreadingPy);
    if (out) {  // Condition.wait_for is Python code over the native wait()
      DictObj* d = out.as<ModuleObj>()->dict.as<DictObj>();
      Ref cond = vm.dict_get_str(d, vm.rt.intern("Condition").as<StrObj>());
      Ref wf = vm.dict_get_str(d, vm.rt.intern("_condition_wait_for").as<StrObj>());
      if (cond && wf && cond->tag == Tag::Class) vm.dict_set(cond.as<ClassObj>()->dict.as<DictObj>(), vm.rt.intern("wait_for"), wf);
    }
  }
  else if (name == "concurrent.futures") {
    out = python_module(vm, "concurrent.futures", kFuturesPy);
    if (out) put(vm, out, "TimeoutError", Ref(vm.rt.TimeoutError));
  } else if (name == "_pitfall_mp") out = multiprocessing_module(vm);
  else if (name == "multiprocessing") {
    // the cost tables' import of multiprocessing is the native module's: the
    // Python part's own set-up (class bodies) is not charged again
    double c0 = vm.cpu_ns, w0 = vm.clock_ns;
    out = python_module(vm, "multiprocessing", kMultiprocessingPy);
    vm.cpu_ns = c0;
    vm.clock_ns = w0;
  }
  else return false;
  return true;
}

}  // namespace pitfall::sim
