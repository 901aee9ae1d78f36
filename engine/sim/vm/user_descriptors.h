// Descriptors defined in Python (a class attribute whose class defines
// __get__, __set__ or __delete__) and the instance __dict__ as an attribute
// (Objects/object.c _PyObject_GenericGetAttrWithDict /
// _PyObject_GenericSetAttrWithDict, Objects/typeobject.c subtype_setdict).
//
// Notes about the model:
// - A data descriptor (its type defines __set__ or __delete__) takes
//   precedence over the instance dict on reads; a non-data descriptor (only
//   __get__) is looked up after the instance dict (VM::getattr's bind).
// - Stores and deletes go to the descriptor's __set__ / __delete__; a data
//   descriptor without the needed one raises AttributeError as CPython does.
// - `obj.__dict__ = d` replaces the instance dict (a dict is required).
// - A class defining __getattribute__ (a Python function) answers every
//   attribute read of its instances, methods included; __getattr__ runs when
//   it raises AttributeError; object.__getattribute__ is the generic lookup.
//   ClassObj::has_getattr marks classes with either hook, so that the
//   common case costs one flag test.
#pragma once
#include "sim/vm/vm.h"

namespace pitfall::sim {

// True when `descr` is an instance of a Python class defining __set__ or __delete__.
bool is_user_data_descriptor(VM& vm, const Ref& descr);

// descr.__get__(obj, type), or descr itself when its class has no __get__.
Ref user_descriptor_get(VM& vm, const Ref& descr, const Ref& obj, ClassObj* type);

// descr.__set__(obj, v) (or __delete__(obj) when `v` is null); false with the exception set.
bool user_descriptor_set(VM& vm, const Ref& descr, const Ref& obj, const Ref& v);

// `obj.__dict__ = v` on an instance with a dict; false with the exception set.
bool set_instance_dict(VM& vm, InstanceObj* o, const Ref& v);

// True when instances of `t` have a Python __getattribute__ (only tested when t->has_getattr).
bool overrides_getattribute(VM& vm, ClassObj* t);

// type(o).__getattribute__(o, name), then __getattr__ on AttributeError; `handled` is false
// when the generic lookup should run instead (no override, or object.__getattribute__ asked for it).
Ref call_getattribute(VM& vm, const Ref& o, StrObj* name, bool& handled);

// object.__getattribute__(self, name)
Ref object_getattribute(VM& vm, Args& a);

}  // namespace pitfall::sim
