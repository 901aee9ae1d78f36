// ScriptedBody::run_until: replays a script against the scheduler's deadline
// (see scripted_body.h).
#include "sim/sched/scripted_body.h"

namespace pitfall::sim::sched {

RunResult ScriptedBody::run_until(const RunContext& ctx) {
  if (awaiting_) {
    outcomes_.push_back(ctx.last ? *ctx.last : Outcome{});
    awaiting_ = false;
  }
  RunResult r;
  Nanos t = ctx.now;
  while (next_ < ops_.size()) {
    const Op& op = ops_[next_];
    if (op.kind == Op::Req) {
      ++next_;
      awaiting_ = true;
      r.request = op.req;
      return r;
    }
    Nanos remaining = (op.ns > 0 ? op.ns : 0) - progress_;
    if (op.kind == Op::CpuNoBreak || t + remaining < ctx.deadline) {
      t += remaining;
      r.ran += remaining;
      ++next_;
      progress_ = 0;
      if (t >= ctx.deadline) return r;  // the end of a burst is a check point
      continue;
    }
    // Stop at the first breaker point (multiple of breaker_every_ into the burst) at/after the deadline.
    Nanos target = progress_ + (ctx.deadline - t);
    Nanos stop = (target + breaker_every_ - 1) / breaker_every_ * breaker_every_;
    if (stop >= op.ns) {
      r.ran += remaining;
      ++next_;
      progress_ = 0;
    } else {
      r.ran += stop - progress_;
      progress_ = stop;
    }
    return r;
  }
  r.request.kind = ReqKind::Done;
  return r;
}

}  // namespace pitfall::sim::sched
