// An int that an instruction pushes as its very last step: after it, nothing
// runs before the next instruction boundary (no charge, no free, no other
// allocation, no return from VM::eval). The memory layer accounts it at once
// instead of at that boundary (VmMemory::created_int_last), which then
// has no work: the same report, fewer host steps. Call sites: the int fast
// paths of BINARY_OP and FOR_ITER over a range (eval.cpp), and BINARY_OP's
// float fast path (float_binary.h).
#pragma once
#include <cstdint>

#include "sim/vm/vm.h"

namespace pitfall::sim {

// A new IntObj or FloatObj (scalar_objects.cpp), the caller's reference
// (Ref::adopt it; an Obj* so that the maker's rare paths are tail calls).
Obj* make_int_result(VM& vm, std::int64_t v);
Obj* make_float_result(VM& vm, double v);  // Runtime::make_float with that promise
// float_result(vm, v): Runtime::make_float with that promise
[[gnu::always_inline]] inline Ref float_result(VM& vm, double v) { return Ref::adopt(make_float_result(vm, v)); }

// Off: such ints are pending until the boundary like any other (the tests
// compare the two: memory_scalar_results_test.cpp).
extern bool g_scalar_results_at_once;

// Runtime::make_int with that promise.
[[gnu::always_inline]] inline Ref int_result(VM& vm, std::int64_t v) {
  if (v >= -5 && v <= 256) return vm.rt.small_ints[v + 5];
  return Ref::adopt(make_int_result(vm, v));
}

}  // namespace pitfall::sim
