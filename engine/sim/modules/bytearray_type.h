// bytearray, the mutable bytes type (modules/bytearray_type.cpp).
#pragma once
#include <string>

#include "sim/vm/vm.h"

namespace pitfall::sim {

void init_bytearray(VM& vm);
bool is_bytearray(const Obj* o);
// sys.getsizeof: the object header plus CPython's allocated buffer.
std::int64_t bytearray_sizeof(const Obj* o);
const std::string& bytearray_data(const Obj* o);

}  // namespace pitfall::sim
