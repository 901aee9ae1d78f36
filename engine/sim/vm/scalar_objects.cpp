// The runtime's makers of new ints and floats (Runtime::make_int_object,
// make_float_object; cached small ints never come here). The object joins
// the heap as any other, then is told to the VM's memory layer directly when
// it is the heap's hooks (VmMemory::created_scalar, inline) instead of
// through ObjHooks::created's virtual call; and make_int_result
// (scalar_results.h). Host speed only.
#include "sim/objects/runtime.h"
#include "sim/vm/scalar_results.h"
#include "sim/vm/vm_memory_scalars.h"

namespace pitfall::sim {

namespace {
template <class T>
[[gnu::always_inline]] inline Ref announce(VmMemory* memory, T* o) {
  if (ObjHeap* h = o->heap(); h && h->hooks) {
    if (h->hooks == memory) memory->created_scalar(o);  // (null memory never equals a set hooks)
    else h->hooks->created(o);
  }
  return Ref::adopt(o);
}
}  // namespace

Ref Runtime::make_int_object(std::int64_t v) { return announce(scalar_memory, new IntObj(int_t, v, Obj::Unhooked{})); }

Ref Runtime::make_float_object(double v) { return announce(scalar_memory, new FloatObj(float_t, v, Obj::Unhooked{})); }

bool g_scalar_results_at_once = true;

Ref make_int_result(VM& vm, std::int64_t v) {
  auto* o = new IntObj(vm.rt.int_t, v, Obj::Unhooked{});
  if (ObjHeap* h = o->heap(); h && h->hooks) {
    if (VmMemory* memory = vm.rt.scalar_memory; h->hooks == memory) {
      if (g_scalar_results_at_once) [[likely]] memory->created_scalar_last(o);
      else memory->created_scalar(o);
    } else {
      h->hooks->created(o);
    }
  }
  return Ref::adopt(o);
}

}  // namespace pitfall::sim
