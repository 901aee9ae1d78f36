// Simulated threads: dispatch loop (GIL and free-threaded), thread states and
// lanes, blocking and waking, thread end, shutdown and deadlock (see threads.h).
#include "sim/sched/threads.h"

#include <algorithm>

namespace pitfall::sim::sched {

const char* state_name(ThreadState s) {
  switch (s) {
    case ThreadState::New: return "new";
    case ThreadState::Run: return "run";
    case ThreadState::WaitGil: return "wait_gil";
    case ThreadState::Io: return "io";
    case ThreadState::Sleep: return "sleep";
    case ThreadState::Lock: return "lock";
    case ThreadState::Done: return "done";
  }
  return "run";
}

Scheduler::Scheduler(SchedConfig cfg) : cfg_(cfg), gil_(*this) {
  if (cfg_.cores < 1) cfg_.cores = 1;
  if (cfg_.switch_interval < 1) cfg_.switch_interval = 1;
  if (cfg_.handoff < 0) cfg_.handoff = 0;
  if (cfg_.lockstep_quantum < 1) cfg_.lockstep_quantum = 1;
  if (cfg_.os_timeslice < 1) cfg_.os_timeslice = 1;
}

ThreadId Scheduler::add_thread(std::string name, ThreadBody* body, bool daemon) {
  Thread t;
  t.name = std::move(name);
  t.body = body;
  t.daemon = daemon;
  threads_.push_back(std::move(t));
  ThreadId id = ThreadId(threads_.size() - 1);
  if (id == 0) {
    threads_[0].started = kernel_.now();
    threads_[0].daemon = false;
    make_runnable(0, kernel_.now());
  }
  return id;
}

ObjId Scheduler::new_semaphore(std::string name, std::int64_t value, bool bounded) {
  ObjId o = sync_.add(SyncKind::Semaphore, std::move(name));
  sync_[o].count = sync_[o].initial = value < 0 ? 0 : value;
  sync_[o].bounded = bounded;
  return o;
}

ObjId Scheduler::new_condition(std::string name, ObjId lock) {
  if (!sync_.valid(lock) || (sync_[lock].kind != SyncKind::Lock && sync_[lock].kind != SyncKind::RLock))
    lock = sync_.add(SyncKind::RLock, name + ".lock");
  ObjId o = sync_.add(SyncKind::Condition, std::move(name));
  sync_[o].lock = lock;
  return o;
}

ObjId Scheduler::new_barrier(std::string name, int parties) {
  ObjId o = sync_.add(SyncKind::Barrier, std::move(name));
  sync_[o].initial = parties < 1 ? 1 : parties;
  return o;
}

ObjId Scheduler::new_queue(std::string name, std::int64_t maxsize, bool ipc) {
  ObjId o = sync_.add(SyncKind::Queue, std::move(name));
  sync_[o].initial = maxsize;
  sync_[o].ipc = ipc;
  return o;
}

void Scheduler::set_state(ThreadId id, ThreadState s, Nanos at) {
  Thread& t = threads_[std::size_t(id)];
  if (t.state == s) return;
  if (at < t.state_since) at = t.state_since;
  if (t.state != ThreadState::New && t.state != ThreadState::Done && at > t.state_since) {
    const char* name = state_name(t.state);
    double a = to_seconds(t.state_since), b = to_seconds(at);
    if (!t.segments.empty() && t.segments.back().state == name && t.segments.back().end_s == a)
      t.segments.back().end_s = b;
    else
      t.segments.push_back(report::Segment{a, b, name});
    if (t.state == ThreadState::WaitGil && cfg_.gil) t.gil_wait += at - t.state_since;
  }
  t.state = s;
  t.state_since = at;
}

void Scheduler::make_runnable(ThreadId id, Nanos at) {
  if (threads_[std::size_t(id)].own_gil) {
    proc_runnable(id, at);
    return;
  }
  if (cfg_.gil) {
    gil_.take(id, at);
    return;
  }
  Thread& t = threads_[std::size_t(id)];
  int busy = 0;
  for (const Thread& o : threads_) busy += o.on_core ? 1 : 0;
  if (busy < cfg_.cores) {
    t.on_core = true;
    t.local = at;
    t.core_since = at;
    set_state(id, ThreadState::Run, at);
  } else {
    core_queue_.push_back(id);
    set_state(id, ThreadState::WaitGil, at);
  }
}

void Scheduler::fill_free_cores(Nanos at) {
  int busy = 0;
  for (const Thread& o : threads_) busy += o.on_core ? 1 : 0;
  while (busy < cfg_.cores && !core_queue_.empty()) {
    ThreadId id = core_queue_.front();
    core_queue_.pop_front();
    Thread& t = threads_[std::size_t(id)];
    Nanos start = std::max(at, t.state_since);
    t.on_core = true;
    t.local = start;
    t.core_since = start;
    set_state(id, ThreadState::Run, start);
    ++busy;
  }
}

void Scheduler::release_cpu(ThreadId id, Nanos at) {
  if (threads_[std::size_t(id)].own_gil) {
    proc_release(id, at);
    return;
  }
  if (cfg_.gil) {
    gil_.drop(id, at, false);
    return;
  }
  Thread& t = threads_[std::size_t(id)];
  if (t.on_core) {
    t.on_core = false;
    fill_free_cores(at);
  }
}

void Scheduler::block(ThreadId id, ThreadState s, Wait w, Nanos at, Nanos timeout) {
  release_cpu(id, at);
  set_state(id, s, at);
  Thread& t = threads_[std::size_t(id)];
  t.wait = w;
  t.wait.timeout_event = 0;
  if (timeout >= 0) t.wait.timeout_event = kernel_.at(at + timeout, [this, id] { on_timeout(id); });
}

void Scheduler::wake(ThreadId id, Outcome o, Nanos at, Nanos latency) {
  Thread& t = threads_[std::size_t(id)];
  if (t.wait.timeout_event) kernel_.cancel(t.wait.timeout_event);
  t.wait = Wait{};
  t.last = std::move(o);
  if (latency <= 0) {
    make_runnable(id, at);
    return;
  }
  kernel_.at(at + latency, [this, id] { make_runnable(id, kernel_.now()); });
}

void Scheduler::thread_done(ThreadId id, Nanos at) {
  Thread& t = threads_[std::size_t(id)];
  if (id == 0) {
    // threading._shutdown(): the main thread waits for the non-daemon threads.
    bool others = false;
    for (std::size_t i = 1; i < threads_.size(); ++i)
      others |= !threads_[i].daemon && threads_[i].state != ThreadState::Done && threads_[i].state != ThreadState::New;
    if (others) {
      Wait w;
      w.kind = WaitKind::Shutdown;
      block(0, ThreadState::Lock, w, at, -1);
      return;
    }
  }
  release_cpu(id, at);
  set_state(id, ThreadState::Done, at);
  t.ended = at;
  for (std::size_t i = 0; i < threads_.size(); ++i) {
    Thread& j = threads_[i];
    if (j.wait.kind == WaitKind::Join && j.wait.obj == id) wake(ThreadId(i), Outcome{}, at);
  }
  if (id == 0) finish(at);
  else check_shutdown(at);
}

void Scheduler::check_shutdown(Nanos at) {
  if (threads_.empty() || threads_[0].wait.kind != WaitKind::Shutdown) return;
  for (std::size_t i = 1; i < threads_.size(); ++i)
    if (!threads_[i].daemon && threads_[i].state != ThreadState::Done && threads_[i].state != ThreadState::New) return;
  Thread& m = threads_[0];
  m.wait = Wait{};
  set_state(0, ThreadState::Done, at);
  m.ended = at;
  finish(at);
}

void Scheduler::finish(Nanos at) {
  if (finished_) return;
  finished_ = true;
  end_ = at;
  for (std::size_t i = 0; i < threads_.size(); ++i) {
    Thread& t = threads_[i];
    if (t.state == ThreadState::Done || t.state == ThreadState::New) continue;
    set_state(ThreadId(i), ThreadState::Done, at);  // daemon threads are cut at exit
    t.ended = at;
  }
}

void Scheduler::handle(ThreadId id, const Request& rq, Nanos at) {
  Thread& t = threads_[std::size_t(id)];
  t.last = Outcome{};
  switch (rq.kind) {
    case ReqKind::Yield:
      if (!cfg_.gil && !core_queue_.empty() && t.local - t.core_since >= cfg_.os_timeslice) {
        t.on_core = false;
        core_queue_.push_back(id);
        set_state(id, ThreadState::WaitGil, at);
        fill_free_cores(at);
      }
      return;
    case ReqKind::Done: thread_done(id, at); return;
    case ReqKind::Io: case ReqKind::Sleep: case ReqKind::CCall: {
      Nanos ns = rq.ns > 0 ? rq.ns : 0;
      release_cpu(id, at);
      set_state(id, rq.kind == ReqKind::Sleep ? ThreadState::Sleep : ThreadState::Io, at);
      if (rq.kind == ReqKind::CCall) {
        t.cpu += ns;
        ccall_start(id, ns, at);  // ccall_sharing.cpp: on a core of its own while one is free
        return;
      }
      if (rq.kind == ReqKind::Io) t.cpu += std::clamp<Nanos>(rq.cpu, 0, ns);
      kernel_.at(at + ns, [this, id] { make_runnable(id, kernel_.now()); });
      return;
    }
    case ReqKind::Start: {
      if (rq.obj < 0 || rq.obj >= ThreadId(threads_.size())) {
        t.last = Outcome{false, 0, "RuntimeError", "no such thread"};
        return;
      }
      Thread& n = threads_[std::size_t(rq.obj)];
      if (n.state != ThreadState::New || rq.obj == 0) {
        t.last = Outcome{false, 0, "RuntimeError", "threads can only be started once"};
        return;
      }
      n.started = at;
      n.state_since = at;
      make_runnable(rq.obj, at);
      return;
    }
    case ReqKind::Join: {
      if (rq.obj < 0 || rq.obj >= ThreadId(threads_.size())) {
        t.last = Outcome{false, 0, "RuntimeError", "no such thread"};
        return;
      }
      if (rq.obj == id) {
        t.last = Outcome{false, 0, "RuntimeError", "cannot join current thread"};
        return;
      }
      Thread& n = threads_[std::size_t(rq.obj)];
      if (n.state == ThreadState::New) {
        t.last = Outcome{false, 0, "RuntimeError", "cannot join thread before it is started"};
        return;
      }
      if (n.state == ThreadState::Done) return;
      if (!rq.blocking || rq.timeout == 0) {
        t.last.ok = false;
        return;
      }
      Wait w;
      w.kind = WaitKind::Join;
      w.obj = rq.obj;
      block(id, ThreadState::Lock, w, at, rq.timeout);
      return;
    }
    default: sync_request(id, rq, at); return;
  }
}

Outcome Scheduler::apply(ThreadId id, const Request& rq, Nanos at) {
  if (id < 0 || id >= ThreadId(threads_.size())) return Outcome{false, 0, "RuntimeError", "no such thread"};
  bool never_blocks = rq.kind == ReqKind::Start || rq.kind == ReqKind::Release || rq.kind == ReqKind::EventSet ||
                      rq.kind == ReqKind::EventClear || rq.kind == ReqKind::CondNotify ||
                      ((rq.kind == ReqKind::Acquire || rq.kind == ReqKind::QueuePut || rq.kind == ReqKind::QueueGet) &&
                       (!rq.blocking || rq.timeout == 0));
  if (!never_blocks && (rq.kind == ReqKind::Acquire || rq.kind == ReqKind::QueuePut || rq.kind == ReqKind::QueueGet)) {
    // a blocking acquire / put / get that does not have to wait (a free lock,
    // a queue with room or an item) succeeds here as it would have there
    Request now = rq;
    now.blocking = false;
    handle(id, now, at);
    Outcome o = threads_[std::size_t(id)].last;
    threads_[std::size_t(id)].last = Outcome{};
    if (o.ok && o.error_type.empty()) return o;
  }
  if (!never_blocks)
    return Outcome{false, 0, "NotModelled", "a blocking call that may wait"};
  handle(id, rq, at);
  Outcome o = threads_[std::size_t(id)].last;
  threads_[std::size_t(id)].last = Outcome{};
  return o;
}

bool Scheduler::dispatch_gil() {
  kernel_.run_until(kernel_.now());
  if (finished_) return false;
  ThreadId h = gil_.holder;
  if (h >= 0) {
    Nanos now = kernel_.now();
    Thread& t = threads_[std::size_t(h)];
    if (gil_.gil_drop_request && !gil_.waiters.empty()) {
      // The holder is at an eval-breaker check: drop_gil() on request.
      set_state(h, ThreadState::WaitGil, now);
      gil_.drop(h, now, true);
      return true;
    }
    if (t.cold_pending > 0) {
      // back after the process ran nothing for a while: the wake-up and the
      // refill of the caches, CPU of this thread before its code goes on
      Nanos ran = t.cold_pending;
      t.cold_pending = 0;
      t.cpu += ran;
      kernel_.run_until(now + ran);
      return true;
    }
    if (t.retry_queue >= 0 && retry_queue(h, now)) return true;  // a woken Queue getter / putter must wait again
    auto next = kernel_.next_time();
    RunContext ctx{h, now, next ? *next : kForever, &t.last};
    RunResult r = t.body ? t.body->run_until(ctx) : RunResult{0, Request{ReqKind::Done}};
    Nanos ran = r.ran > 0 ? r.ran : 0;
    if (r.request.kind == ReqKind::Yield && ran == 0) ran = 1;  // guarantees progress
    threads_[std::size_t(h)].cpu += ran;
    kernel_.run_until(now + ran);
    handle(h, r.request, now + ran);
    return true;
  }
  return kernel_.step();
}

bool Scheduler::dispatch_free() {
  for (;;) {
    ThreadId pick = -1;
    for (std::size_t i = 0; i < threads_.size(); ++i)
      if (threads_[i].on_core && (pick < 0 || threads_[i].local < threads_[std::size_t(pick)].local)) pick = ThreadId(i);
    if (pick < 0) return kernel_.step();
    Nanos local = threads_[std::size_t(pick)].local;
    auto next = kernel_.next_time();
    if (next && *next <= local) {
      kernel_.run_until(local);  // events due before this thread's clock may put others on cores
      if (finished_) return false;
      continue;
    }
    kernel_.advance_to(local);
    Thread& t = threads_[std::size_t(pick)];
    if (t.retry_queue >= 0 && retry_queue(pick, local)) return true;
    Nanos deadline = local + cfg_.lockstep_quantum;
    if (next && *next < deadline) deadline = *next;
    RunContext ctx{pick, local, deadline, &t.last};
    RunResult r = t.body ? t.body->run_until(ctx) : RunResult{0, Request{ReqKind::Done}};
    Nanos ran = r.ran > 0 ? r.ran : 0;
    if (r.request.kind == ReqKind::Yield && ran == 0) ran = 1;
    Thread& t2 = threads_[std::size_t(pick)];
    t2.cpu += ran;
    t2.local += ran;
    handle(pick, r.request, t2.local);
    return true;
  }
}

bool Scheduler::dispatch() {
  if (finished_) return false;
  bool progressed = cfg_.gil ? dispatch_gil() : dispatch_free();
  if (finished_ || progressed) return true;
  // Nothing runs and no event is pending: the program ended, or deadlocked.
  Nanos at = kernel_.now();
  bool live = false;
  for (std::size_t i = 0; i < threads_.size(); ++i) {
    const Thread& t = threads_[i];
    if (t.state == ThreadState::Done || t.state == ThreadState::New) continue;
    if (i == 0 || !t.daemon) live = true;
  }
  if (live) deadlock_ = describe_deadlock();
  finish(at);
  return false;
}

bool Scheduler::run(std::uint64_t max_dispatches) {
  for (std::uint64_t i = 0; i < max_dispatches && !finished_; ++i)
    if (!dispatch()) break;
  return finished_;
}

std::string Scheduler::describe_deadlock() const {
  std::string m = "deadlock: no thread can ever run again";
  for (std::size_t i = 0; i < threads_.size(); ++i) {
    const Thread& t = threads_[i];
    if (t.state == ThreadState::Done || t.state == ThreadState::New) continue;
    m += "\n  `" + t.name + "`";
    const Wait& w = t.wait;
    switch (w.kind) {
      case WaitKind::Join: m += " waits to join `" + threads_[std::size_t(w.obj)].name + "`"; break;
      case WaitKind::Shutdown: m += " finished and waits for the non-daemon threads at exit"; break;
      case WaitKind::Lock: {
        const SyncObj& o = sync_[w.obj];
        m += w.cond_reacquire ? " waits to re-acquire `" + o.name + "`" : " waits for `" + o.name + "`";
        if (o.owner == ThreadId(i)) m += ", which it holds itself";
        else if (o.owner >= 0) m += " (held by `" + threads_[std::size_t(o.owner)].name + "`)";
        break;
      }
      case WaitKind::CondNotify: m += " waits for a notify on `" + sync_[w.obj].name + "`"; break;
      case WaitKind::Event: m += " waits for event `" + sync_[w.obj].name + "` to be set"; break;
      case WaitKind::Barrier: m += " waits at barrier `" + sync_[w.obj].name + "`"; break;
      case WaitKind::QueueGet: m += " waits to get from empty queue `" + sync_[w.obj].name + "`"; break;
      case WaitKind::QueuePut: m += " waits to put into full queue `" + sync_[w.obj].name + "`"; break;
      case WaitKind::None: m += " is blocked"; break;
    }
    std::string held;
    for (std::size_t o = 0; o < sync_.size(); ++o)
      if (sync_[ObjId(o)].owner == ThreadId(i)) held += (held.empty() ? "`" : ", `") + sync_[ObjId(o)].name + "`";
    if (!held.empty()) m += "; holds " + held;
  }
  return m;
}

Nanos Scheduler::gil_wait_total() const {
  Nanos s = 0;
  for (const Thread& t : threads_) s += t.own_gil ? 0 : t.gil_wait;
  return s;
}

void Scheduler::fill(report::Report& r) const {
  r.threads.clear();
  double cpu = 0;
  for (const Thread& t : threads_) {
    if (t.started < 0 || t.own_gil) continue;  // child processes: report.processes (Processes::fill)
    report::ThreadLane lane;
    lane.name = t.name;
    lane.start_s = to_seconds(t.started);
    lane.end_s = to_seconds(t.ended >= 0 ? t.ended : now());
    lane.cpu_s = to_seconds(t.cpu);
    lane.segments = t.segments;
    cpu += lane.cpu_s;
    r.threads.push_back(std::move(lane));
  }
  r.gil_switches = int(gil_.switches);
  r.gil_wait_s = to_seconds(gil_wait_total());
  r.wall_s = to_seconds(now());
  r.cpu_s = cpu;
}

}  // namespace pitfall::sim::sched
