// Class creation with metaclasses, class keywords, __set_name__ and
// __init_subclass__ (modules/class_creation.cpp).
#pragma once
#include <string>
#include <vector>

#include "sim/vm/vm.h"

namespace pitfall::sim {

// type_call for a metaclass (a subclass of type): __new__ then __init__.
Ref metaclass_instantiate(VM& vm, ClassObj* meta, Ref* args, int n, TupleObj* kwnames);
// Calling class `c` when a metaclass decides what that does: true with `out`
// set (null with an exception on error); false: the ordinary instantiation.
bool call_through_metaclass(VM& vm, ClassObj* c, Ref* args, int n, TupleObj* kwnames, Ref& out);
// __set_name__ and the parent's __init_subclass__(**kw) for a new class.
bool class_post_init(VM& vm, const Ref& cls, const std::vector<Ref>& kwnames, const std::vector<Ref>& kwvalues);
// A class statement with keywords or a metaclass: body_run(vm, ctx, ns) runs the body into ns.
Ref build_class_with_meta(VM& vm, const std::string& name, const std::vector<Ref>& bases, Ref meta,
                          const std::vector<Ref>& kwnames, const std::vector<Ref>& kwvalues,
                          bool (*body_run)(VM&, void*, Ref&), void* ctx);
// type.__new__, type.__init__, type.__call__ in type's dict.
void init_type_methods(VM& vm);

}  // namespace pitfall::sim
