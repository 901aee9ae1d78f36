// ascii(obj) and the !a conversion (Objects/object.c PyObject_ASCII): repr(obj)
// with every non-ASCII character escaped as \xNN, \uNNNN or \UNNNNNNNN.
#pragma once
#include "sim/vm/vm.h"

namespace pitfall::sim {

// The new str, or null with the exception set (repr failed).
Ref ascii_of(VM& vm, const Ref& o);

}  // namespace pitfall::sim
