#include "sim/vm/released_call.h"

#include <cstdint>

#include "sim/vm/thread_runtime.h"

namespace pitfall::sim {

Ref released_call(VM& vm, double ns, Ref result) {
  ThreadRuntime* t = vm.threads;
  if (!t || !t->can_stop()) {
    vm.charge(ns);
    return result;
  }
  sched::Request r;
  r.kind = sched::ReqKind::CCall;
  r.ns = ns < 9.2e18 ? sched::Nanos(ns) : sched::Nanos(INT64_MAX);  // no float-to-int overflow
  r.line = vm.current_line();
  sched::Outcome now;
  if (t->request(r, now)) {
    t->on_answer(nullptr, Ref());
    return result;
  }
  if (!now.error_type.empty()) return t->raise_outcome(now);
  return result;
}

}  // namespace pitfall::sim
