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

namespace {
// A new built-in int or float (T: IntObj or FloatObj of class cls) that the
// executing instruction pushes as its last step, when neither the object
// pool, the heap's table nor the memory layer needs to call out for it: all
// is checked first (VmMemory::result_slot_fast), then the object is made in
// a block already at hand (no call in the whole path). Null: nothing done.
template <class T, class V>
[[gnu::always_inline]] inline Obj* make_result_fast(VmMemory* memory, ClassObj* cls, V v, std::int64_t bytes) {
  ObjHeap* h = g_obj_heap;
  if (!memory || !h || h->hooks != memory || !h->id || !g_scalar_results_at_once || !h->has_room()) return nullptr;
  if (!g_obj_pool.has_freed(sizeof(T))) return nullptr;
  const std::uint32_t slot = memory->result_slot_fast(bytes);
  if (!slot) return nullptr;
  T* o = ::new (g_obj_pool.alloc_freed(sizeof(T))) T(cls, v, Obj::InHeap{h});
  o->mem_slot = slot;
  return o;
}
}  // namespace

namespace {
// make_int_result() and make_float_result() when make_result_fast() cannot:
// the object is made as any other, then accounted at once if it can be.
[[gnu::noinline]] Obj* make_int_result_slow(VM& vm, std::int64_t v) {
  VmMemory* memory = vm.rt.scalar_memory;
  if (ObjHeap* h = g_obj_heap; h && h->id && h->hooks && h->hooks == memory && g_scalar_results_at_once) {
    auto* o = new IntObj(vm.rt.int_t, v, Obj::Unhooked{});  // (joins h)
    memory->created_int_last(o);
    return o;
  }
  auto* o = new IntObj(vm.rt.int_t, v, Obj::Unhooked{});
  if (ObjHeap* h = o->heap(); h && h->hooks) {
    if (h->hooks == memory) memory->created_scalar(o);  // (g_scalar_results_at_once off)
    else h->hooks->created(o);
  }
  return o;
}

[[gnu::noinline]] Obj* make_float_result_slow(VM& vm, double v) {
  VmMemory* memory = vm.rt.scalar_memory;
  if (ObjHeap* h = g_obj_heap; h && h->id && h->hooks && h->hooks == memory && g_scalar_results_at_once) {
    auto* o = new FloatObj(vm.rt.float_t, v, Obj::Unhooked{});  // (joins h)
    memory->created_float_last(o);
    return o;
  }
  return vm.rt.make_float(v).release();
}
}  // namespace

// The fast path alone (flattened: no call in it, so no register saves),
// the rest a tail call.
[[gnu::flatten]] Obj* make_int_result(VM& vm, std::int64_t v) {
  VmMemory* memory = vm.rt.scalar_memory;
  if (Obj* o = make_result_fast<IntObj>(memory, vm.rt.int_t, v, memory ? memory->int_result_bytes(v) : 0)) [[likely]]
    return o;
  return make_int_result_slow(vm, v);
}

[[gnu::flatten]] Obj* make_float_result(VM& vm, double v) {
  VmMemory* memory = vm.rt.scalar_memory;
  if (Obj* o = make_result_fast<FloatObj>(memory, vm.rt.float_t, v, memory ? memory->float_result_bytes() : 0)) [[likely]]
    return o;
  return make_float_result_slow(vm, v);
}

}  // namespace pitfall::sim
