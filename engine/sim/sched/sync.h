// The synchronisation objects of the threading and queue modules as kernel
// waiters: Lock, RLock, Semaphore (and BoundedSemaphore), Event, Condition,
// Barrier and Queue, plus what a blocked thread is waiting for.
//
// Notes about the model: follows Lib/threading.py and Lib/queue.py semantics
// (and Modules/_threadmodule.c for Lock/RLock): return values of acquire(),
// wait() and join() with timeouts, the RuntimeError / ValueError messages of
// misuse, Barrier indices (arrival order) and BrokenBarrierError on timeout,
// queue.Empty / queue.Full for non-blocking or timed-out get/put. A release
// leaves a Lock, RLock or Semaphore free and wakes its longest waiter, which
// retries after the OS wake-up; the releaser may take it back first (CPython's
// locks barge: threads.h SchedConfig::lock_barging, lock_fair_after).
// Waiting costs no CPU; the woken thread then competes for the GIL (a
// getter woken by a put after the OS wake-up, SchedConfig::wake). A put
// (get) wakes one blocked getter (putter), which re-checks the queue when it
// runs, as Lib/queue.py's Condition-based get/put do: a thread that ran first
// may have taken the item, and then it waits again. Queue items are opaque 64-bit values (the VM maps them to objects).
// Left out: Queue.task_done()/join(), Barrier actions, Condition.wait_for
// (the VM can build it from wait), LIFO/priority queues.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "sim/sched/kernel.h"
#include "sim/sched/request.h"

namespace pitfall::sim::sched {

enum class SyncKind { Lock, RLock, Semaphore, Event, Condition, Barrier, Queue };

struct SyncObj {
  SyncKind kind = SyncKind::Lock;
  std::string name;
  ThreadId owner = -1;       // Lock / RLock
  std::int64_t count = 0;    // RLock recursion; Semaphore value; Barrier arrivals
  std::int64_t initial = 0;  // Semaphore initial value (bounded check); Barrier parties; Queue maxsize
  bool bounded = false, flag = false, broken = false;  // BoundedSemaphore; Event flag; Barrier broken
  bool retry_pending = false;  // Lock / RLock / Semaphore: a woken waiter is about to retry
  bool ipc = false;            // Queue between processes (multiprocessing): its measured round trip includes the OS wake-up
  ObjId lock = -1;           // Condition's lock
  std::deque<ThreadId> waiters;    // blocked in acquire / wait / get
  std::deque<ThreadId> putters;    // Queue: blocked in put
  std::deque<std::int64_t> items;  // Queue
};

enum class WaitKind { None, Join, Lock, CondNotify, Event, Barrier, QueueGet, QueuePut, Shutdown };

struct Wait {
  WaitKind kind = WaitKind::None;
  int obj = -1;                 // sync object or thread id
  EventId timeout_event = 0;    // 0: none
  std::int64_t value = 0;       // item to put; RLock count to restore after Condition.wait
  bool cond_reacquire = false;  // Condition.wait: re-acquiring the lock after notify or timeout
  bool notified = false;        // ... and whether it was notified (wait() returns it)
  Nanos deadline = -1;          // Queue get: when its timeout runs out (-1: never)
};

class SyncTable {
 public:
  ObjId add(SyncKind k, std::string name) {
    objs_.push_back(SyncObj{});
    objs_.back().kind = k;
    objs_.back().name = std::move(name);
    return ObjId(objs_.size() - 1);
  }
  bool valid(ObjId o) const { return o >= 0 && o < ObjId(objs_.size()); }
  SyncObj& operator[](ObjId o) { return objs_[std::size_t(o)]; }
  const SyncObj& operator[](ObjId o) const { return objs_[std::size_t(o)]; }
  std::size_t size() const { return objs_.size(); }

 private:
  std::vector<SyncObj> objs_;
};

}  // namespace pitfall::sim::sched
