// Types as values in annotations and checks (Objects/genericaliasobject.c,
// Objects/unionobject.c): `list[int]` is a types.GenericAlias, `int | None`
// a types.UnionType, `C[int]` calls a class's __class_getitem__, and
// isinstance/issubclass accept a union (its members) but refuse a
// parameterized generic.
//
// Notes about the model: GenericAlias and UnionType are Python classes of the
// simulator's `types` module (types_module.cpp), imported on first use
// without charging the import to the program's clocks; their operations cost
// what Python code costs, not C. The built-in classes that are generic are
// tuple, list, dict, set, frozenset, type and the collections classes; other
// classes subscripted without __class_getitem__ stay as before (the class
// itself, as typing's placeholders need).
#pragma once
#include "sim/vm/vm.h"

namespace pitfall::sim {

// `cls[key]` for a class whose metaclass has no __getitem__.
Ref class_subscript(VM& vm, const Ref& cls, const Ref& key);

// `a | b` when neither operand's __or__ / __ror__ answered: a union when both
// are types (or None, a GenericAlias, a union); null without an exception otherwise.
Ref type_union(VM& vm, const Ref& a, const Ref& b);

bool is_union_type(const Obj* o);
bool is_generic_alias(const Obj* o);

}  // namespace pitfall::sim
