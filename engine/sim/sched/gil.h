// The global interpreter lock of GIL builds, as Python/ceval_gil.c runs it.
//
// Notes about the model: follows take_gil()/drop_gil() of Python/ceval_gil.c
// (3.11-3.13; cpython-facts.md section 1). A thread that wants the GIL takes
// it at once if it is free; otherwise it waits on the condition variable with
// a timeout of switch_interval. When a wait times out and no switch happened
// meanwhile (switch_number unchanged), the waiter sets gil_drop_request (the
// eval_breaker bit) and keeps waiting. The holder notices the request at its
// next eval-breaker check and drops the GIL; with FORCE_SWITCHING the dropper
// cannot take it back before another thread has taken it (here: the dropper
// queues behind the existing waiters, and only once it has woken up from the
// switch, `handoff` after it, so threads that began waiting meanwhile, such as
// a thread just started, go first: measured start-up order of CPU threads). A blocking call drops the GIL
// voluntarily, without any wait. Whoever is woken by a forced drop gets the GIL after
// the wake-up latency `handoff` (a voluntary drop: `wake`, a plain condition-variable wake-up) (the measured slice of two CPU-bound threads is
// interval + 0.1-0.2 ms); the same latency delays a forced dropper's own
// timed wait, since it must wake up after the switch first. Who is woken:
// drop_gil() does COND_SIGNAL(gil->cond), which names no thread (not the one
// that set the drop request); glibc's condition variable (nptl
// pthread_cond_wait.c, since 2.25) wakes the waiters in the order they began
// waiting, and a waiter whose timed wait ran out and that waits again starts
// a new wait behind the others. So the waiters form a queue in order of
// their latest (re)wait, and a drop wakes its front (SchedConfig::fifo_rewait;
// off: a forced drop goes to the requester, the older model). With three or
// more CPU-bound threads this shares the GIL round-robin among them, as the
// truth corpus's four-thread runs show (equal work ends close together), where
// handing it to the requester let two threads ping-pong and starve a third.
// A voluntary drop (the holder blocks) picks differently (SchedConfig::
// signal_groups): glibc's condition variable (nptl, since 2.25) keeps two
// groups of waiters, G1 (those a signal may wake) and G2 (those that began
// waiting since); a signal wakes a G1 waiter, and only when G1 has none left
// do all current waiters become G1 (a group switch). Within G1 the futex
// wakes in no guaranteed order; measured (a producer and two consumers on a
// queue.Queue, every Condition.wait and GIL take logged, 3.11 and 3.13), the
// waiter that began waiting last wins: when a consumer drains the queue and
// blocks, the producer it woke with its first get() takes the GIL before the
// other consumer, woken earlier, and that consumer, left in G1, takes the next
// drop and with it the next batch; a strict FIFO gave every batch to one
// consumer and the other only empty wake-ups. Only threads back from a
// blocking wait (a lock, a condition, a queue, a sleep or I/O) and still in
// their first timed wait count for G1: CPU-bound threads forced off the GIL
// re-wait every switch interval and keep the FIFO turns the truth corpus's
// CPU-bound runs show, at a thread's exit too. Counts switches (changes of holder,
// CPython's switch_number) and time spent waiting. Left out: the
// A thread that takes the GIL after nobody held it for a while (every
// thread blocked) owes SchedConfig::cold_resume of CPU, scaled by how long
// the process was idle (tools/bench/wake_cold.py: the caches and the idle
// core make the wake-up and the code after it slower). Left out: the
// interpreter-wide vs per-thread eval_breaker distinction (3.13 moved the
// bit to the holder's thread state; the behaviour is the same), signal
// handling and pending calls that also use the breaker.
#pragma once
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sim/sched/kernel.h"
#include "sim/sched/request.h"

namespace pitfall::sim::sched {

class Scheduler;

// The GIL was held by `holder` from start to end.
struct GilSpan { Nanos start, end; ThreadId holder; };

class Gil {
 public:
  explicit Gil(Scheduler& s) : sched_(s) {}
  // take_gil(): the thread wants the GIL at time `at`; its first timed wait
  // starts `wake_delay` later (a forced dropper first has to wake up).
  void take(ThreadId t, Nanos at, Nanos wake_delay = 0);
  // drop_gil() by the holder (voluntary or on a drop request).
  // forced: the drop answers gil_drop_request (FORCE_SWITCHING applies).
  void drop(ThreadId t, Nanos at, bool forced);
  bool held_by(ThreadId t) const { return holder == t; }

  ThreadId holder = -1;       // -1: free (possibly in transit to a woken waiter)
  ThreadId last_holder = -1;
  ThreadId in_transit = -1;   // waiter woken by the last drop, taking it after `handoff`
  bool gil_drop_request = false;
  std::uint64_t switch_number = 0;
  std::int64_t switches = 0;
  std::deque<ThreadId> waiters;  // FIFO
  std::vector<ThreadId> g1;      // signal_groups: the waiters a voluntary drop may wake (glibc's G1)
  std::vector<ThreadId> fresh;   // waiters back from a blocking wait, in their first timed wait
  std::vector<GilSpan> spans;
  std::vector<std::pair<Nanos, int>> waiter_samples;

 private:
  void grant(ThreadId t, Nanos at);
  void arm_interval(ThreadId t, Nanos at);
  void sample(Nanos at);
  std::deque<ThreadId>::iterator pick_voluntary();
  Scheduler& sched_;
  Nanos held_since_ = 0;
  Nanos free_since_ = 0;  // when the last holder dropped it (the process idle since, if no one took it)
  ThreadId forced_dropper_ = -1;
  ThreadId requester_ = -1;  // the waiter whose timed wait set gil_drop_request
  std::unordered_map<ThreadId, EventId> timers_;  // each waiter's pending interval timeout
};

}  // namespace pitfall::sim::sched
