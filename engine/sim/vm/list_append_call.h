// `o.append(x)` / `append(x)` on a list at a call site: CPython 3.11
// specializes it too (PRECALL_NO_KW_LIST_APPEND). Host speed only: what
// call_builtin (builtin_call.h) does for it, in the same order and with the
// same charges. The self check would pass at once (checked_method_direct:
// self's class is list itself, one positional argument), the item is
// appended, the built-in's base cost is charged (list.append charges nothing
// of its own and cannot fail), and self is re-sized by the memory layer
// (mem_touch). Left out: the Args record (made only when the base cost is
// not resolved yet), the indirect call and the extra hold on self (self is
// on the caller's stack, or in the bound call's argument buffer, until the
// call is over; list.append leaves its argument slots alone).
#pragma once

#include "sim/vm/builtin_call.h"

namespace pitfall::sim {

Ref list_append(VM& vm, Args& a);  // list.append itself (modules/builtins.cpp)
// The method this route runs in place: list_append, or null to leave every
// call to the general path (a test compares the reports of both; no
// built-in that can be called has a null fn).
extern BuiltinFn g_list_append_in_place;

// `b` is the built-in called with `args` = [self, x]; true when the call was
// made here (its result is None), false: the general path (nothing done).
[[gnu::always_inline]] inline bool call_list_append(VM& vm, BuiltinObj* b, Ref* args) {
  Args a;
  a.v = args;
  a.n = 2;
  a.kwv = args + 2;
  a.kwn = nullptr;
  a.self = b;
  if (!b->is_method) return false;  // (call_builtin touches self only then)
  const BuiltinObj* inner = checked_method_direct(b, a);
  if (!inner || inner->fn != g_list_append_in_place || args[0]->tag != Tag::List) return false;
  static_cast<ListObj*>(args[0].get())->items.push_back(args[1]);
  a.self = const_cast<BuiltinObj*>(inner);
  vm.charge(builtin_base_ns(vm, b, a));
  mem_touch(args[0].get());
  return true;
}

}  // namespace pitfall::sim
