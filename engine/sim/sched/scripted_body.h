// A thread body that follows a script (CPU bursts, blocking calls, lock and
// queue operations): the synthetic workload the scheduling tests run, and a
// reference for how a VM body answers run_until().
//
// Notes about the model: a CPU burst checks the eval breaker every
// `breaker_every` ns of its own progress (a Python loop's back-edge) and at its
// end; cpu_no_breaker() is a long C call that never checks (sum(range(10**8)),
// a huge sort). Each request op is handed to the scheduler and its Outcome is
// recorded in outcomes().
#pragma once
#include <vector>

#include "sim/sched/threads.h"

namespace pitfall::sim::sched {

class ScriptedBody : public ThreadBody {
 public:
  explicit ScriptedBody(Nanos breaker_every = 1000) : breaker_every_(breaker_every > 0 ? breaker_every : 1) {}

  ScriptedBody& cpu(Nanos ns) { return push(Op{Op::Cpu, ns, {}}); }
  ScriptedBody& cpu_no_breaker(Nanos ns) { return push(Op{Op::CpuNoBreak, ns, {}}); }
  ScriptedBody& request(Request r) { return push(Op{Op::Req, 0, r}); }
  ScriptedBody& io(Nanos ns) { return request(make(ReqKind::Io, -1, ns)); }
  ScriptedBody& sleep(Nanos ns) { return request(make(ReqKind::Sleep, -1, ns)); }
  ScriptedBody& ccall(Nanos ns) { return request(make(ReqKind::CCall, -1, ns)); }
  ScriptedBody& start(ThreadId t) { return request(make(ReqKind::Start, t)); }
  ScriptedBody& join(ThreadId t, Nanos timeout = -1) { return request(make(ReqKind::Join, t, 0, timeout)); }
  ScriptedBody& acquire(ObjId o, Nanos timeout = -1, bool blocking = true) {
    Request r = make(ReqKind::Acquire, o, 0, timeout);
    r.blocking = blocking;
    return request(r);
  }
  ScriptedBody& release(ObjId o) { return request(make(ReqKind::Release, o)); }
  ScriptedBody& put(ObjId q, std::int64_t v, Nanos timeout = -1) {
    Request r = make(ReqKind::QueuePut, q, 0, timeout);
    r.value = v;
    return request(r);
  }
  ScriptedBody& get(ObjId q, Nanos timeout = -1) { return request(make(ReqKind::QueueGet, q, 0, timeout)); }
  ScriptedBody& op(ReqKind k, ObjId o, Nanos timeout = -1, std::int64_t value = 0) {
    Request r = make(k, o, 0, timeout);
    r.value = value;
    return request(r);
  }

  // Outcomes of the request ops, in script order (filled as they complete).
  const std::vector<Outcome>& outcomes() const { return outcomes_; }
  RunResult run_until(const RunContext& ctx) override;

 private:
  struct Op {
    enum Kind { Cpu, CpuNoBreak, Req } kind;
    Nanos ns;
    Request req;
  };
  static Request make(ReqKind k, int obj, Nanos ns = 0, Nanos timeout = -1) {
    Request r;
    r.kind = k;
    r.obj = obj;
    r.ns = ns;
    r.timeout = timeout;
    return r;
  }
  ScriptedBody& push(Op o) {
    ops_.push_back(o);
    return *this;
  }
  Nanos breaker_every_;
  std::vector<Op> ops_;
  std::size_t next_ = 0;
  Nanos progress_ = 0;  // into ops_[next_] when it is a CPU burst
  bool awaiting_ = false;
  std::vector<Outcome> outcomes_;
};

}  // namespace pitfall::sim::sched
