// An int that an instruction pushes as its very last step: after it, nothing
// runs before the next instruction boundary (no charge, no free, no other
// allocation, no return from VM::eval). The memory layer accounts it at once
// instead of at that boundary (VmMemory::created_scalar_last), which then
// has no work: the same report, fewer host steps. Call sites: the int fast
// paths of BINARY_OP and FOR_ITER over a range (eval.cpp).
#pragma once
#include <cstdint>

#include "sim/vm/vm.h"

namespace pitfall::sim {

Ref make_int_result(VM& vm, std::int64_t v);  // a new IntObj (scalar_objects.cpp)

// Off: such ints are pending until the boundary like any other (the tests
// compare the two: memory_scalar_results_test.cpp).
extern bool g_scalar_results_at_once;

// Runtime::make_int with that promise.
[[gnu::always_inline]] inline Ref int_result(VM& vm, std::int64_t v) {
  if (v >= -5 && v <= 256) return vm.rt.small_ints[v + 5];
  return make_int_result(vm, v);
}

}  // namespace pitfall::sim
