// Attributes of instances of Python subclasses of built-in types
// (`class Stack(list)`, `class Name(str)`, ...): their __dict__ and __slots__
// values. The object itself is the native list/str/int... carrying the
// subclass; what CPython keeps in the instance (a managed __dict__ or the
// slots after the base layout, Objects/typeobject.c type_new) lives in a side
// table of the VM keyed by the object, dropped when the object dies.
#pragma once
#include "sim/vm/vm.h"

namespace pitfall::sim {

// True for an object of a Python class whose layout is a built-in type's
// (not an InstanceObj): the objects this table serves.
inline bool is_native_subclass_instance(const Obj* o) {
  return o->cls && !o->cls->builtin && o->tag != Tag::Instance && o->tag != Tag::Exception && o->tag != Tag::Class;
}

// The attribute record of `o` (created when `create`); null when none.
NativeAttrs* native_attrs(VM& vm, Obj* o, bool create);
// The instance __dict__ (created on demand) or null when the class has only __slots__.
Ref native_instance_dict(VM& vm, Obj* o);
// Called by obj_dealloc: releases what the dying object held.
void drop_native_attrs(VM& vm, Obj* o);

// Attribute protocol steps for such objects; each returns false when the
// name is not theirs to handle (the caller goes on with the generic path).
bool native_getattr(VM& vm, const Ref& o, StrObj* name, const Ref& descr, Ref& out);
bool native_setattr(VM& vm, const Ref& o, StrObj* name, Ref& v, bool& ok);
bool native_delattr(VM& vm, const Ref& o, StrObj* name, bool& ok);
// object.__setattr__ on such an object: stores without calling a Python __setattr__.
bool native_object_setattr(VM& vm, const Ref& o, StrObj* name, Ref v);

}  // namespace pitfall::sim

namespace pitfall::sim {
// sys.getsizeof of such an object given its base type's size for the same value.
std::int64_t builtin_subclass_getsizeof(const Obj* o, std::int64_t base_size, int minor);
}  // namespace pitfall::sim
