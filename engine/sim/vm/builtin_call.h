// A call of a built-in with its arguments in place (VM::call's Builtin case,
// also inlined into the CALL instruction for `o.m(x)` and bound built-in
// methods): the built-in runs; then the call's base cost is charged unless the
// built-in charged its own (builtin_call_costs.h), the raise cost if it
// failed, and a method's self is re-sized by the memory layer (a list grown
// by append). A method of a built-in type sits behind its self check
// (method_self_check.h); when that check would pass at once, the method runs
// directly, with the same Args checked_method would give it.
#pragma once
#include <cstdint>

#include "sim/vm/builtin_call_costs.h"
#include "sim/vm/method_self_check.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

[[gnu::always_inline]] inline Ref run_builtin(VM& vm, BuiltinObj* b, Args& a) {
  if (BuiltinObj* inner = checked_method_direct(b, a)) {
    a.self = inner;
    return inner->fn(vm, a);
  }
  return b->fn(vm, a);
}

// builtin_call_base_ns(), its resolved value read inline.
[[gnu::always_inline]] inline double builtin_base_ns(VM& vm, BuiltinObj* b, const Args& a) {
  return b->call_ns >= 0 ? b->call_ns : builtin_call_base_ns(vm, b, a);
}

[[gnu::always_inline]] inline Ref call_builtin(VM& vm, BuiltinObj* b, Ref* args, int n, TupleObj* kwnames) {
  Args a;
  const int nkw = kwnames ? int(kwnames->items.size()) : 0;
  a.v = args;
  a.n = n - nkw;
  a.kwv = args + (n - nkw);
  a.kwn = nkw ? kwnames : nullptr;
  a.self = b;
  const std::uint64_t charged = vm.builtin_charges;  // did the built-in charge its own cost?
  if (!b->is_method || a.n < 1 || !a.v[0]->mem_slot) {
    Ref r = run_builtin(vm, b, a);
    if (vm.builtin_charges == charged) vm.charge(builtin_base_ns(vm, b, a));
    if (!r) vm.charge(builtin_raise_ns(vm));
    return r;
  }
  Ref self = a.v[0];  // a method may resize its container (list.append, dict.update...)
  Ref r = run_builtin(vm, b, a);
  if (vm.builtin_charges == charged) vm.charge(builtin_base_ns(vm, b, a));
  if (!r) vm.charge(builtin_raise_ns(vm));
  mem_touch(self.get());
  return r;
}

}  // namespace pitfall::sim
