// bytes operators and methods (modules/bytes_methods.cpp).
#pragma once
#include "sim/vm/vm.h"

namespace pitfall::sim {

// bytes + bytes, bytes * int, int * bytes (null with no exception: not applicable).
Ref bytes_binary_op(VM& vm, int op, const Ref& a, const Ref& b);
void init_bytes_methods(VM& vm);

}  // namespace pitfall::sim
