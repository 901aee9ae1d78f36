// weakref.proxy's forwarding: every operation on a proxy is the same
// operation on its referent (Objects/weakrefobject.c: each proxy slot starts
// with UNWRAP, which raises ReferenceError once the referent died).
#pragma once
#include "sim/vm/weakrefs.h"

namespace pitfall::sim {

inline bool is_proxy(const Obj* o) { return is_weakref(o) && static_cast<const WeakRefObj*>(o)->proxy; }

// Replaces the proxy `o` by its referent (left alone if `o` is no proxy);
// false + ReferenceError when the referent died.
bool proxy_unwrap(VM& vm, Ref& o);

// The proxy types' forwarding methods: rich comparisons, item access,
// `in`, iteration, next(), unary operators, abs(), __index__ and __bytes__.
// Binary operators, len(), truth, str(), setattr and delattr unwrap in the
// VM's protocols (protocols.cpp, text.cpp call proxy_unwrap), as CPython's
// proxy number/sequence slots and tp_setattro do.
void add_proxy_methods(VM& vm, ClassObj* proxy_type);

}  // namespace pitfall::sim
