// The instructions of `async for` and `async with` (Python/ceval.c 3.11
// GET_AITER, GET_ANEXT, END_ASYNC_FOR, BEFORE_ASYNC_WITH): the protocol
// lookups live here; the awaiting itself is the ordinary GET_AWAITABLE/SEND
// loop the compiler emits after them.
#include "sim/vm/async_ops.h"

#include "sim/vm/async_gen.h"

namespace pitfall::sim {

Ref async_get_aiter(VM& vm, const Ref& o) {
  Ref m = vm.lookup_type(o->cls, vm.rt.intern("__aiter__").as<StrObj>());
  if (!m) return vm.raise(vm.rt.TypeError, "'async for' requires an object with __aiter__ method, got " + vm.type_name(o));
  Ref it = vm.call1(m, o);
  if (!it) return nullptr;
  if (!vm.lookup_type(it->cls, vm.rt.intern("__anext__").as<StrObj>()))
    return vm.raise(vm.rt.TypeError, "'async for' received an object from __aiter__ that does not implement __anext__: " + vm.type_name(it));
  return it;
}

Ref async_get_anext(VM& vm, const Ref& aiter) {
  Ref m = vm.lookup_type(aiter->cls, vm.rt.intern("__anext__").as<StrObj>());
  if (!m) return vm.raise(vm.rt.TypeError, "'async for' requires an iterator with __anext__ method, got " + vm.type_name(aiter));
  Ref aw = vm.call1(m, aiter);
  if (!aw) return nullptr;
  if ((aw->tag == Tag::Generator && aw.as<GenObj>()->coroutine) || is_agen_awaitable(vm, aw)) return aw;
  Ref await = vm.getattr_opt(aw, vm.rt.intern("__await__").as<StrObj>());
  if (!await) {
    if (vm.exc) return nullptr;
    return vm.raise(vm.rt.TypeError, "'async for' received an invalid object from __anext__: " + vm.type_name(aw));
  }
  return aw;
}

Ref async_before_with(VM& vm, const Ref& mgr, Ref& exit_out) {
  Ref enter = vm.lookup_type(mgr->cls, vm.rt.intern("__aenter__").as<StrObj>());
  Ref exitf = vm.getattr_opt(mgr, vm.rt.intern("__aexit__").as<StrObj>());
  if (!enter || !exitf) {
    if (!vm.exc)
      vm.raise(vm.rt.TypeError, "'" + vm.type_name(mgr) + "' object does not support the asynchronous context manager protocol");
    return nullptr;
  }
  Ref aw = vm.call1(enter, mgr);
  if (!aw) return nullptr;
  exit_out = std::move(exitf);
  return aw;
}

}  // namespace pitfall::sim
