// The types of the built-in iterators (list_iterator, zip, map, enumerate,
// dict_keyiterator, itertools.chain, ...): type(it), it.__class__ and
// isinstance(it, type(it)).
//
// Notes about the model: the simulator's built-in iterators share one type
// (`iterator`) and carry their CPython type's name; type() gives a class of
// that name (a subclass of that shared type, made on first use and kept in
// the builtins dict under a hidden name), so `type(it).__name__`, its repr
// and `type(a) is type(b)` are CPython's. The class is not the built-in
// callable of the same name (`type(zip()) is zip` is False here).
#pragma once
#include "sim/vm/vm.h"

namespace pitfall::sim {

// type(o): o->cls, or the named iterator type for a built-in iterator.
Ref iterator_type(VM& vm, const Ref& o);

// isinstance(o, c) for a built-in iterator and the type iterator_type gave for it.
bool is_iterator_type_of(VM& vm, const Ref& o, const ClassObj* c);

}  // namespace pitfall::sim
