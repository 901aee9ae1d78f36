// What a simulated thread asks of the scheduler when it stops running: the
// seam between a thread's code (the VM running its frames, or a scripted body
// in tests) and the scheduling models. See threads.h for how it is driven.
#pragma once
#include <cstdint>
#include <string>

#include "sim/sched/kernel.h"

namespace pitfall::sim::sched {

using ThreadId = int;
using ObjId = int;  // a synchronisation object (Lock, RLock, Semaphore, Event, Condition, Barrier, Queue)

enum class ReqKind {
  Yield,        // at an eval-breaker point at/after the deadline; wants to go on running
  Done,         // the thread's function returned (or raised)
  Io,           // blocking call that releases the GIL for `ns` (socket, file, select, subprocess wait)
  Sleep,        // time.sleep(ns): releases the GIL
  CCall,        // C code that releases the GIL and computes for `ns` (hashlib >= 2 KiB, zlib): CPU on another core
  Start,        // Thread.start() of thread `obj`
  Join,         // Thread.join(timeout) of thread `obj`
  Acquire,      // Lock/RLock/Semaphore `obj`.acquire(blocking, timeout)
  Release,      // Lock/RLock/Semaphore `obj`.release() (Semaphore: release(n=value))
  EventSet, EventClear, EventWait,
  CondWait,     // Condition `obj`.wait(timeout): releases the condition's lock, waits, re-acquires
  CondNotify,   // Condition `obj`.notify(n=value); value < 0: notify_all()
  BarrierWait,
  QueuePut,     // Queue `obj`.put(value, blocking, timeout)
  QueueGet,     // Queue `obj`.get(blocking, timeout) -> value
};

struct Request {
  ReqKind kind = ReqKind::Yield;
  Nanos ns = 0;            // duration of Io / Sleep / CCall
  int obj = -1;            // thread id or synchronisation object id
  bool blocking = true;
  Nanos timeout = -1;      // < 0: wait forever
  std::int64_t value = 0;  // queue item, notify count, semaphore release count
  int line = 0;            // source line making the call (for messages)
  bool as_io = false;      // EventWait: shown as io (an asyncio loop's select() on its wake-up fd)
  Nanos cpu = 0;           // Io: CPU the process spends meanwhile for this call (a Pool's handler threads), counted to the thread
};

// The answer to the previous request, given to the thread when it next runs.
// A non-empty error_type means the call raises (e.g. "RuntimeError",
// "cannot join current thread"); the VM turns it into a Python exception.
struct Outcome {
  bool ok = true;           // acquire/wait/join succeeded (False from acquire(timeout=...), Event.wait, ...)
  std::int64_t value = 0;   // item from Queue.get, Barrier.wait index
  std::string error_type, error_message;
};

}  // namespace pitfall::sim::sched
