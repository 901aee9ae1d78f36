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

namespace {
// The object whose next attribute read is object.__getattribute__'s generic lookup
// (consumed by that read: a nested read of the same object goes through the override again).
const Obj* g_generic_read = nullptr;
}  // namespace

bool overrides_getattribute(VM& vm, ClassObj* t) {
  if (t->builtin) return false;
  Ref ga = vm.lookup_type(t, S(vm, "__getattribute__"));
  return ga && ga->tag == Tag::Func;
}

Ref call_getattribute(VM& vm, const Ref& o, StrObj* name, bool& handled) {
  handled = false;
  if (g_generic_read == o.get()) { g_generic_read = nullptr; return nullptr; }
  if (!overrides_getattribute(vm, o->cls)) return nullptr;
  handled = true;
  Ref r = vm.call2(vm.lookup_type(o->cls, S(vm, "__getattribute__")), o, Ref(name));
  if (!r && vm.matches(vm.exc, vm.rt.AttributeError)) {
    Ref ga = vm.lookup_type(o->cls, S(vm, "__getattr__"));
    if (ga) {
      vm.exc.reset();
      return vm.call2(ga, o, Ref(name));
    }
  }
  return r;
}

Ref object_getattribute(VM& vm, Args& a) {
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "expected 1 argument, got " + std::to_string(a.n - 1));
  if (a.v[1]->tag != Tag::Str)
    return vm.raise(vm.rt.TypeError, "attribute name must be string, not '" + vm.type_name(a.v[1]) + "'");
  Ref name = vm.rt.intern(a.v[1].as<StrObj>()->s);
  g_generic_read = a.v[0].get();
  Ref r = vm.getattr(a.v[0], name.as<StrObj>());
  g_generic_read = nullptr;
  return r;
}

}  // namespace pitfall::sim
