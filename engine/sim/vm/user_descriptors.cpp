#include "sim/vm/user_descriptors.h"

namespace pitfall::sim {

namespace {
StrObj* S(VM& vm, const char* s) { return vm.rt.intern(s).as<StrObj>(); }
}  // namespace

bool is_user_data_descriptor(VM& vm, const Ref& descr) {
  if (!descr || descr->tag != Tag::Instance || descr->cls->builtin) return false;
  return vm.lookup_type(descr->cls, S(vm, "__set__")) || vm.lookup_type(descr->cls, S(vm, "__delete__"));
}

Ref user_descriptor_get(VM& vm, const Ref& descr, const Ref& obj, ClassObj* type) {
  Ref get = vm.lookup_type(descr->cls, S(vm, "__get__"));
  if (!get) return descr;
  Ref args[3] = {descr, obj ? obj : vm.rt.None, Ref(type)};
  return vm.call(get, args, 3);
}

bool user_descriptor_set(VM& vm, const Ref& descr, const Ref& obj, const Ref& v) {
  const char* which = v ? "__set__" : "__delete__";
  Ref f = vm.lookup_type(descr->cls, S(vm, which));
  if (!f) { vm.raise(vm.rt.AttributeError, which); return false; }
  if (v) {
    Ref args[3] = {descr, obj, v};
    return bool(vm.call(f, args, 3));
  }
  return bool(vm.call2(f, descr, obj));
}

bool set_instance_dict(VM& vm, InstanceObj* o, const Ref& v) {
  if (!v || v->tag != Tag::Dict) {
    vm.raise(vm.rt.TypeError, "__dict__ must be set to a dictionary, not a '" + (v ? v->cls->name : std::string("NoneType")) + "'");
    return false;
  }
  o->dict = v;
  return true;
}

}  // namespace pitfall::sim
