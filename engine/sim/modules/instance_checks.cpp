// isinstance()/issubclass() ask the class's metaclass when it defines
// __instancecheck__ / __subclasscheck__ (Objects/abstract.c
// object_recursive_isinstance, object_issubclass): abc.ABCMeta's virtual
// subclasses and __subclasshook__ (collections.abc.Iterable, ...) answer
// through them. isinstance(x, C) with type(x) is C is True without asking.
#include "sim/vm/vm.h"

namespace pitfall::sim {

// 1 or 0: the metaclass's answer; -1: it raised; -2: no such hook (the
// built-in check decides).
int metaclass_check(VM& vm, const Ref& cls, const Ref& obj, bool subclass) {
  // a class, or an object whose type has the hook (typing.List, typing.Optional[int], ...)
  if (!cls || (cls->tag != Tag::Class && cls->tag != Tag::Instance)) return -2;
  ClassObj* meta = cls->cls;
  if (!meta || meta == vm.rt.type_t || meta->builtin) return -2;
  if (!subclass && obj->cls == cls.get()) return 1;
  Ref m = vm.lookup_type(meta, vm.rt.intern(subclass ? "__subclasscheck__" : "__instancecheck__").as<StrObj>());
  if (!m || m->tag != Tag::Func) return -2;
  Ref r = vm.call2(m, cls, obj);
  if (!r) return -1;
  return vm.truthy(r);
}

}  // namespace pitfall::sim
