// User-defined __new__ (Objects/typeobject.c type_call / object_new): calling
// a class runs cls.__new__(cls, *args); when the result is an instance of the
// class its type's __init__ runs next, otherwise it is returned as is.
#pragma once
#include "sim/vm/vm.h"

namespace pitfall::sim {

// The Python function a class defines (or inherits) as __new__; null when
// __new__ is a built-in one (object's, list's, ...), i.e. plain allocation.
Ref user_new_of(VM& vm, ClassObj* cls);
// Registers object.__new__ and the built-in types' __new__ (called with the
// class explicitly: `super().__new__(cls)`, `tuple.__new__(cls, items)`).
void init_new_methods(VM& vm);

}  // namespace pitfall::sim
