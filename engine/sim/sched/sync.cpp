// Requests on synchronisation objects (Lock, RLock, Semaphore, Event,
// Condition, Barrier, Queue) and wait time-outs (see sync.h and threads.h).
#include <algorithm>

#include "sim/sched/threads.h"

namespace pitfall::sim::sched {

namespace {
Outcome error(const char* type, const char* msg) { return Outcome{false, 0, type, msg}; }
void erase(std::deque<ThreadId>& d, ThreadId t) {
  auto it = std::find(d.begin(), d.end(), t);
  if (it != d.end()) d.erase(it);
}
}  // namespace

bool Scheduler::lock_try(ThreadId t, ObjId o, std::int64_t count) {
  SyncObj& s = sync_[o];
  switch (s.kind) {
    case SyncKind::Lock:
      if (s.owner >= 0) return false;
      s.owner = t;
      return true;
    case SyncKind::RLock:
      if (s.owner >= 0 && s.owner != t) return false;
      s.owner = t;
      s.count += count < 1 ? 1 : count;
      return true;
    case SyncKind::Semaphore:
      if (s.count <= 0) return false;
      --s.count;
      return true;
    default: return false;
  }
}

// After a release. CPython's locks do not hand themselves to a waiter: a
// release (3.11: sem_post in Python/thread_pthread.h; 3.13: PyMutex unlock,
// Python/lock.c) leaves the lock free and wakes one sleeping waiter, which
// retries once the OS has woken it (`wake` later, without the GIL:
// Modules/_threadmodule.c acquire_timed waits with the GIL released). A
// thread that keeps the GIL and asks again before then takes the lock back
// (barging), and the waiter sleeps until the next release. A table may set a
// hand-over for waiters parked longer than lock.fair_after_ns (PyMutex's
// TIME_TO_BE_FAIR_NS, Python/lock.c); 3.11 and 3.13 measured barging
// (tools/bench/lock_fairness.py).
void Scheduler::lock_handoff(ObjId o, Nanos at) {
  SyncObj& s = sync_[o];
  while (!s.waiters.empty()) {
    ThreadId w = s.waiters.front();
    Thread& th = threads_[std::size_t(w)];
    bool fair = cfg_.lock_fair_after >= 0 && at - th.state_since >= cfg_.lock_fair_after;
    if (cfg_.lock_barging && !fair) {
      lock_wake_waiter(o, at);
      return;
    }
    Wait& wt = th.wait;
    if (!lock_try(w, o, wt.cond_reacquire ? wt.value : 1)) break;
    s.waiters.pop_front();
    Outcome out;
    out.ok = wt.cond_reacquire ? wt.notified : true;
    wake(w, out, at);
  }
}

// The front waiter, woken by a release, retries `wake` later (one wake-up in
// flight per object; a release meanwhile finds it on its way).
void Scheduler::lock_wake_waiter(ObjId o, Nanos at) {
  SyncObj& s = sync_[o];
  if (s.retry_pending || s.waiters.empty()) return;
  s.retry_pending = true;
  Nanos latency = cfg_.wake >= 0 ? cfg_.wake : cfg_.handoff;
  kernel_.at(at + latency, [this, o] {
    SyncObj& s = sync_[o];
    s.retry_pending = false;
    if (s.waiters.empty()) return;
    ThreadId w = s.waiters.front();
    Wait& wt = threads_[std::size_t(w)].wait;
    // taken again meanwhile: the waiter sleeps until the next release
    if (!lock_try(w, o, wt.cond_reacquire ? wt.value : 1)) return;
    s.waiters.pop_front();
    Outcome out;
    out.ok = wt.cond_reacquire ? wt.notified : true;
    wake(w, out, kernel_.now());
    // a semaphore may have room for more than one
    if (s.kind == SyncKind::Semaphore && s.count > 0) lock_wake_waiter(o, kernel_.now());
  });
}

void Scheduler::lock_release(ThreadId t, ObjId o, Nanos at, bool full, std::int64_t* saved_count) {
  SyncObj& s = sync_[o];
  if (saved_count) *saved_count = s.count;
  if (s.kind == SyncKind::RLock && !full && --s.count > 0) return;
  (void)t;
  s.owner = -1;
  s.count = 0;
  lock_handoff(o, at);
}

void Scheduler::remove_waiter(ThreadId t) {
  const Wait& w = threads_[std::size_t(t)].wait;
  if (!sync_.valid(w.obj)) return;
  if (w.kind == WaitKind::Join || w.kind == WaitKind::Shutdown) return;
  erase(sync_[w.obj].waiters, t);
  erase(sync_[w.obj].putters, t);
}


void Scheduler::on_timeout(ThreadId id) {
  Thread& t = threads_[std::size_t(id)];
  t.wait.timeout_event = 0;
  Nanos at = kernel_.now();
  Wait w = t.wait;
  switch (w.kind) {
    case WaitKind::Join: case WaitKind::Event: wake(id, Outcome{false, 0, "", ""}, at); return;
    case WaitKind::Lock:
      remove_waiter(id);
      wake(id, Outcome{false, 0, "", ""}, at);
      return;
    case WaitKind::CondNotify: {
      erase(sync_[w.obj].waiters, id);
      ObjId lock = sync_[w.obj].lock;
      t.wait.kind = WaitKind::Lock;
      t.wait.obj = lock;
      t.wait.cond_reacquire = true;
      t.wait.notified = false;
      sync_[lock].waiters.push_back(id);
      lock_handoff(lock, at);
      return;
    }
    case WaitKind::Barrier: {
      SyncObj& b = sync_[w.obj];
      b.broken = true;
      b.count = 0;
      std::deque<ThreadId> ws;
      ws.swap(b.waiters);
      for (ThreadId x : ws) wake(x, error("BrokenBarrierError", ""), at);
      return;
    }
    case WaitKind::QueueGet:
      remove_waiter(id);
      wake(id, error("Empty", ""), at);
      return;
    case WaitKind::QueuePut:
      remove_waiter(id);
      wake(id, error("Full", ""), at);
      return;
    default: return;
  }
}

// A blocked get or put woken by the other side: Lib/queue.py put() ends with
// not_empty.notify() and get() with not_full.notify(), each waking one
// blocked thread. The woken thread does not take the item (or the free slot)
// now: it re-checks the queue when it runs again (`while not self._qsize():
// self.not_empty.wait(remaining)`, and the same for a full queue), so a
// thread that runs first (holding the GIL) may have taken it meanwhile
// (Scheduler::retry_queue).
void Scheduler::queue_wake_one(ObjId o, Nanos at, bool getter) {
  SyncObj& q = sync_[o];
  std::deque<ThreadId>& ws = getter ? q.waiters : q.putters;
  if (ws.empty()) return;
  ThreadId id = ws.front();
  ws.pop_front();
  Thread& t = threads_[std::size_t(id)];
  Nanos deadline = t.wait.deadline;
  std::int64_t value = t.wait.value;
  // Condition.notify releases the waiter's lock: the woken thread runs (and
  // asks for the GIL) once the OS has woken it; a multiprocessing queue's
  // or pipe's costs (pipe.message_ns, queue feeder) already hold that wake-up
  wake(id, Outcome{}, at, q.ipc ? 0 : cfg_.wake >= 0 ? cfg_.wake : cfg_.handoff);
  t.retry_queue = o;
  t.retry_put = !getter;
  t.retry_value = value;
  t.retry_deadline = deadline;
}

// A woken getter (putter) runs again: it takes the front item (puts its item)
// or waits again behind the others, with what is left of its timeout. True
// if it blocked again.
bool Scheduler::retry_queue(ThreadId id, Nanos at) {
  Thread& t = threads_[std::size_t(id)];
  ObjId o = t.retry_queue;
  t.retry_queue = -1;
  if (!sync_.valid(o)) return false;
  SyncObj& q = sync_[o];
  bool put = t.retry_put;
  if (put ? (q.initial <= 0 || std::int64_t(q.items.size()) < q.initial) : !q.items.empty()) {
    t.last = Outcome{};
    if (put) {
      q.items.push_back(t.retry_value);
      queue_wake_one(o, at, true);
    } else {
      t.last.value = q.items.front();
      q.items.pop_front();
      queue_wake_one(o, at, false);
    }
    return false;
  }
  Nanos timeout = t.retry_deadline < 0 ? -1 : std::max<Nanos>(0, t.retry_deadline - at);
  if (timeout == 0) {
    t.last = error(put ? "Full" : "Empty", "");
    return false;
  }
  Wait w;
  w.kind = put ? WaitKind::QueuePut : WaitKind::QueueGet;
  w.obj = o;
  w.value = t.retry_value;
  w.deadline = t.retry_deadline;
  (put ? q.putters : q.waiters).push_back(id);
  block(id, ThreadState::Lock, w, at, timeout);
  return true;
}

void Scheduler::sync_request(ThreadId id, const Request& rq, Nanos at) {
  Thread& t = threads_[std::size_t(id)];
  if (!sync_.valid(rq.obj)) {
    t.last = error("RuntimeError", "no such synchronisation object");
    return;
  }
  ObjId o = rq.obj;
  SyncObj& s = sync_[o];
  auto wrong = [&] { t.last = error("TypeError", "operation not supported by this object"); };
  Wait w;
  w.obj = o;
  switch (rq.kind) {
    case ReqKind::Acquire:
      if (s.kind != SyncKind::Lock && s.kind != SyncKind::RLock && s.kind != SyncKind::Semaphore) return wrong();
      if (lock_try(id, o)) return;
      if (!rq.blocking || rq.timeout == 0) { t.last.ok = false; return; }
      w.kind = WaitKind::Lock;
      s.waiters.push_back(id);
      block(id, ThreadState::Lock, w, at, rq.timeout);
      return;
    case ReqKind::Release:
      if (s.kind == SyncKind::Lock) {
        if (s.owner < 0) { t.last = error("RuntimeError", "release unlocked lock"); return; }
        lock_release(id, o, at, true, nullptr);
      } else if (s.kind == SyncKind::RLock) {
        if (s.owner != id) { t.last = error("RuntimeError", "cannot release un-acquired lock"); return; }
        lock_release(id, o, at, false, nullptr);
      } else if (s.kind == SyncKind::Semaphore) {
        std::int64_t n = rq.value > 0 ? rq.value : 1;
        if (s.bounded && s.count + n > s.initial) {
          t.last = error("ValueError", "Semaphore released too many times");
          return;
        }
        s.count += n;
        lock_handoff(o, at);
      } else {
        wrong();
      }
      return;
    case ReqKind::EventSet: {
      if (s.kind != SyncKind::Event) return wrong();
      s.flag = true;
      std::deque<ThreadId> ws;
      ws.swap(s.waiters);
      for (ThreadId x : ws) wake(x, Outcome{}, at);
      return;
    }
    case ReqKind::EventClear:
      if (s.kind != SyncKind::Event) return wrong();
      s.flag = false;
      return;
    case ReqKind::EventWait:
      if (s.kind != SyncKind::Event) return wrong();
      if (s.flag) return;
      if (!rq.blocking || rq.timeout == 0) { t.last.ok = false; return; }
      w.kind = WaitKind::Event;
      s.waiters.push_back(id);
      block(id, rq.as_io ? ThreadState::Io : ThreadState::Lock, w, at, rq.timeout);
      return;
    case ReqKind::CondWait: {
      if (s.kind != SyncKind::Condition) return wrong();
      ObjId lock = s.lock;
      if (sync_[lock].owner != id) { t.last = error("RuntimeError", "cannot wait on un-acquired lock"); return; }
      std::int64_t saved = 1;
      lock_release(id, lock, at, true, &saved);
      w.kind = WaitKind::CondNotify;
      w.value = saved < 1 ? 1 : saved;
      s.waiters.push_back(id);
      block(id, ThreadState::Lock, w, at, rq.timeout);
      return;
    }
    case ReqKind::CondNotify: {
      if (s.kind != SyncKind::Condition) return wrong();
      ObjId lock = s.lock;
      if (sync_[lock].owner != id) { t.last = error("RuntimeError", "cannot notify on un-acquired lock"); return; }
      std::int64_t n = rq.value < 0 ? std::int64_t(s.waiters.size()) : rq.value;
      while (n-- > 0 && !s.waiters.empty()) {
        ThreadId x = s.waiters.front();
        s.waiters.pop_front();
        Wait& xw = threads_[std::size_t(x)].wait;
        if (xw.timeout_event) kernel_.cancel(xw.timeout_event);
        xw.timeout_event = 0;
        xw.kind = WaitKind::Lock;
        xw.obj = lock;
        xw.cond_reacquire = true;
        xw.notified = true;
        sync_[lock].waiters.push_back(x);  // the notifier holds the lock: it waits for release
      }
      return;
    }
    case ReqKind::BarrierWait: {
      if (s.kind != SyncKind::Barrier) return wrong();
      if (s.broken) { t.last = error("BrokenBarrierError", ""); return; }
      std::int64_t index = s.count++;
      if (s.count >= s.initial) {
        s.count = 0;
        std::deque<ThreadId> ws;
        ws.swap(s.waiters);
        for (ThreadId x : ws) {
          Outcome out;
          out.value = threads_[std::size_t(x)].wait.value;
          wake(x, out, at);
        }
        t.last.value = index;
        return;
      }
      w.kind = WaitKind::Barrier;
      w.value = index;
      s.waiters.push_back(id);
      block(id, ThreadState::Lock, w, at, rq.timeout);
      return;
    }
    case ReqKind::QueuePut:
      if (s.kind != SyncKind::Queue) return wrong();
      if (s.initial <= 0 || std::int64_t(s.items.size()) < s.initial) {
        s.items.push_back(rq.value);
        queue_wake_one(o, at, true);
        return;
      }
      if (!rq.blocking || rq.timeout == 0) { t.last = error("Full", ""); return; }
      w.kind = WaitKind::QueuePut;
      w.value = rq.value;
      w.deadline = rq.timeout >= 0 ? at + rq.timeout : -1;
      s.putters.push_back(id);
      block(id, ThreadState::Lock, w, at, rq.timeout);
      return;
    case ReqKind::QueueGet:
      if (s.kind != SyncKind::Queue) return wrong();
      if (!s.items.empty()) {
        t.last.value = s.items.front();
        s.items.pop_front();
        queue_wake_one(o, at, false);
        return;
      }
      if (!rq.blocking || rq.timeout == 0) { t.last = error("Empty", ""); return; }
      w.kind = WaitKind::QueueGet;
      w.deadline = rq.timeout >= 0 ? at + rq.timeout : -1;
      s.waiters.push_back(id);
      block(id, ThreadState::Lock, w, at, rq.timeout);
      return;
    default: return;
  }
}

}  // namespace pitfall::sim::sched
