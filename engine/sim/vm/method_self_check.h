// The self check in front of the methods of the built-in types
// (method_self_check.cpp): each such method in a type's dict is a wrapper
// whose `data` is the method itself, `data2` the type and `idata` its row of
// the argument-count table (method_arity.h), and whose fn is checked_method.
#pragma once
#include <cstddef>

#include "sim/vm/method_arity.h"
#include "sim/vm/objects_ext.h"

namespace pitfall::sim {

// Checks self and the argument count, then runs the method (a.self becomes it).
Ref checked_method(VM& vm, Args& a);

// The method behind the wrapper `w` when checked_method would run it at once
// for `a` (self's class is the method's type itself, no keywords, a
// positional count the table allows), else null: checked_method decides.
[[gnu::always_inline]] inline BuiltinObj* checked_method_direct(const BuiltinObj* w, const Args& a) {
  if (w->fn != checked_method || a.n < 1 || a.kwn) return nullptr;
  const Obj* inner = w->data.get();
  const Obj* owner = w->data2.get();
  if (!inner || inner->tag != Tag::Builtin || !owner || owner->tag != Tag::Class || a.v[0]->cls != owner) return nullptr;
  if (w->idata > 0 && std::size_t(w->idata) <= kMethodArityCount) {
    const MethodArity& r = kMethodArity[w->idata - 1];
    const int k = a.n - 1;
    if (k < r.min || (r.max >= 0 && k > r.max)) return nullptr;
  }
  return static_cast<BuiltinObj*>(const_cast<Obj*>(inner));
}

}  // namespace pitfall::sim
