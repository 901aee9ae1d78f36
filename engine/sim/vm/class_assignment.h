// `obj.__class__ = C` on an instance of a Python class (Objects/typeobject.c
// object_set_class): C must be a class, both classes Python classes, and
// their instances of the same layout (the same __slots__, the same built-in
// base); the instance then takes C's attributes and methods.
//
// Notes about the model: the instance keeps its new class alive (as instances
// do), and releases the old one. Layout is compared as the simulator builds
// instances: dict or slots-only, the slot names, the tag of the instance.
#pragma once
#include "sim/vm/vm.h"

namespace pitfall::sim {

// False with the exception set (TypeError) when the assignment is refused.
bool set_instance_class(VM& vm, InstanceObj* o, const Ref& value);

}  // namespace pitfall::sim
