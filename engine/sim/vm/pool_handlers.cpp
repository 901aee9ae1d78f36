// multiprocessing.Pool's handler threads: their bodies (see pool_handlers.h).
#include "sim/vm/pool_handlers.h"

#include <algorithm>

namespace pitfall::sim {

using sched::Nanos;
using sched::ReqKind;

bool PoolHandlerDriver::run(const sched::RunContext& c, sched::RunResult& r) {
  std::deque<PoolStep>& steps = pool_->steps[h_];
  Nanos now = c.now, ran = 0;
  auto burn = [&](Nanos ns) {
    ran += ns;
    now += ns;
    vm_.cpu_ns += double(ns);
    vm_.clock_ns += double(ns);
  };
  auto stop = [&](sched::Request q) {
    r.ran = ran;
    r.request = q;
    return true;
  };
  for (;;) {
    if (steps.empty()) {
      // the handler leaves its loop (terminate): the thread's code goes on and ends
      if (pool_->terminating) {
        pool_->ended[h_] = now;
        return false;
      }
      sched::Request q;
      q.obj = pool_->wake[h_];
      q.kind = cleared_ ? ReqKind::EventWait : ReqKind::EventClear;
      q.as_io = h_ != H_TASKS;  // blocked on a pipe (select / read); the task handler waits on a queue
      cleared_ = !cleared_;
      return stop(q);
    }
    cleared_ = false;
    PoolStep& s = steps.front();
    switch (s.kind) {
      case PoolStep::Cpu: {
        // stops at the first eval-breaker check at or after the deadline
        Nanos step = std::min(s.ns, std::max<Nanos>(c.deadline - now, 1000));
        burn(step);
        s.ns -= step;
        if (s.ns <= 0) steps.pop_front();
        if (now >= c.deadline) return stop(sched::Request{});
        break;
      }
      case PoolStep::Until: {
        Nanos t = s.ns;
        steps.pop_front();
        if (t > now) {
          sched::Request q;
          q.kind = ReqKind::Io;
          q.ns = t - now;
          return stop(q);
        }
        break;
      }
      case PoolStep::Released: {
        sched::Request q;
        q.kind = ReqKind::CCall;
        q.ns = s.ns;
        steps.pop_front();
        return stop(q);
      }
      case PoolStep::Req: {
        sched::Request q = s.req;
        steps.pop_front();
        return stop(q);
      }
    }
  }
}

}  // namespace pitfall::sim
