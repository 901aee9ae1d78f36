// Arguments that C functions read through the buffer protocol (a Py_buffer
// converter): bytes, bytearray and array.array give their bytes.
#pragma once
#include <string>

#include "sim/vm/vm.h"

namespace pitfall::sim {

// The bytes of a buffer-protocol object; false (nothing raised) for any other.
bool buffer_data(const Obj* o, std::string& out);
// The same, raising CPython's "a bytes-like object is required, not 'T'" for
// any other object.
bool buffer_arg(VM& vm, const Ref& v, std::string& out);

}  // namespace pitfall::sim
