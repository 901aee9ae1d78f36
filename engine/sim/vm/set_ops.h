// Set and frozenset operations in CPython's order (Objects/setobject.c), over
// the slot table of objects/set_slots.h: which table each result starts from
// and in which order elements are added decides the iteration order users see.
#pragma once
#include "sim/vm/vm.h"

namespace pitfall::sim {

// Element comparison for set lookups: 1, 0, -1 (error raised).
int set_key_eq(VM& vm, Obj* stored, const Ref& key);
// set_update_internal: merge a set, add a dict's keys after one presize, else iterate.
bool set_update_internal(VM& vm, DictObj* so, const Ref& other);
// An empty set or frozenset of the base type of `proto` (make_new_set_basetype).
Ref set_new_like(VM& vm, const Obj* proto);
// set(iterable) / frozenset(iterable) of class `cls` (make_new_set).
Ref set_make(VM& vm, ClassObj* cls, Tag tag, const Ref& iterable);
Ref set_copy_of(VM& vm, const Ref& so);
Ref set_intersection_of(VM& vm, const Ref& so, const Ref& other);
Ref set_difference_of(VM& vm, const Ref& so, const Ref& other);
Ref set_symmetric_difference_of(VM& vm, const Ref& so, const Ref& other);
bool set_difference_update(VM& vm, DictObj* so, const Ref& other);
bool set_symmetric_difference_update(VM& vm, DictObj* so, const Ref& other);
// so := so & other (set_intersection_update: the result's table replaces so's).
bool set_intersection_update(VM& vm, DictObj* so, const Ref& other);
// | & - ^ and their in-place forms on two sets (a null Ref with no exception:
// not applicable, the caller goes on).
Ref set_binary_op(VM& vm, int op, const Ref& a, const Ref& b, bool inplace);
// < <= > >= between two sets: subset and superset tests (null: not applicable).
Ref set_order_compare(VM& vm, int op, const Ref& a, const Ref& b);
// set_issubset: 1, 0, -1 error.
int set_is_subset(VM& vm, const Ref& so, const Ref& other);
// The methods of set and frozenset (modules/set_methods.cpp).
void init_set_methods(VM& vm);

}  // namespace pitfall::sim
