// __class__ assignment (class_assignment.h).
#include "sim/vm/class_assignment.h"

namespace pitfall::sim {

namespace {
bool same_slot_names(const ClassObj* a, const ClassObj* b) {
  if (a->slot_names.size() != b->slot_names.size()) return false;
  for (std::size_t i = 0; i < a->slot_names.size(); ++i) {
    const Obj* x = a->slot_names[i].get();
    const Obj* y = b->slot_names[i].get();
    if (x == y) continue;
    if (!x || !y || x->tag != Tag::Str || y->tag != Tag::Str) return false;
    if (static_cast<const StrObj*>(x)->s != static_cast<const StrObj*>(y)->s) return false;
  }
  return true;
}
// The built-in class instances of `c` are laid out as (the first built-in one of its MRO).
const ClassObj* solid_base(const ClassObj* c) {
  for (const ClassObj* m : c->mro) if (m->builtin) return m;
  return nullptr;
}
}  // namespace

bool set_instance_class(VM& vm, InstanceObj* o, const Ref& value) {
  if (!value || value->tag != Tag::Class) {
    vm.raise(vm.rt.TypeError, "__class__ must be set to a class, not '" + (value ? value->cls->name : std::string("NoneType")) + "' object");
    return false;
  }
  ClassObj* to = value.as<ClassObj>();
  ClassObj* from = o->cls;
  if (to == from) return true;
  if (from->builtin || to->builtin) {
    vm.raise(vm.rt.TypeError, "__class__ assignment only supported for mutable types or ModuleType subclasses");
    return false;
  }
  if (to->instance_tag != from->instance_tag || to->has_slots_only != from->has_slots_only || !same_slot_names(from, to) ||
      solid_base(from) != solid_base(to) || to->is_exception != from->is_exception) {
    vm.raise(vm.rt.TypeError, "__class__ assignment: '" + to->name + "' object layout differs from '" + from->name + "'");
    return false;
  }
  ++to->rc;  // instances keep their class alive (VM::instantiate), released in obj_dealloc
  o->cls = to;
  if (--from->rc == 0) obj_dealloc(from);
  return true;
}

}  // namespace pitfall::sim
