// object.__new__ and the built-in types' __new__ as callables, and the lookup
// of a Python-level __new__ (see instance_new.h).
#include "sim/vm/instance_new.h"

namespace pitfall::sim {

namespace {

ClassObj* native_base(VM& vm, ClassObj* cls) {
  for (ClassObj* m : cls->mro) if (m->builtin) return m;
  return vm.rt.object_t;
}

bool excess_args(Args& a) { return a.n > 1 || a.nkw() > 0; }

// object.__new__(cls, *args, **kwargs) (typeobject.c object_new): allocation
// only; extra arguments are an error unless the class overrides exactly one of
// __new__/__init__.
Ref object_new(VM& vm, Args& a) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "object.__new__(): not enough arguments");
  if (a.v[0]->tag != Tag::Class) return vm.raise(vm.rt.TypeError, "object.__new__(X): X is not a type object (" + vm.type_name(a.v[0]) + ")");
  ClassObj* cls = a.v[0].as<ClassObj>();
  ClassObj* native = native_base(vm, cls);
  if (native != vm.rt.object_t && !native->is_exception)
    return vm.raise(vm.rt.TypeError, "object.__new__(" + cls->name + ") is not safe, use " + native->name + ".__new__()");
  if (cls->builtin && !cls->is_exception)
    return vm.raise(vm.rt.TypeError, "object.__new__(" + cls->name + ") is not safe, use " + cls->name + ".__new__()");
  if (excess_args(a)) {
    Ref init = vm.lookup_type(cls, vm.rt.intern("__init__").as<StrObj>());
    bool init_is_object = init && init->tag == Tag::Builtin && std::string(init.as<BuiltinObj>()->name) == "object.__init__";
    if (user_new_of(vm, cls) != nullptr && !cls->is_exception)
      return vm.raise(vm.rt.TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
    if (init_is_object && !cls->is_exception) return vm.raise(vm.rt.TypeError, cls->name + "() takes no arguments");
  }
  Ref obj = vm.instantiate(cls, nullptr, -1, nullptr);  // allocation only
  if (obj && obj->tag == Tag::Exception)  // BaseException.__new__ keeps the arguments
    obj.as<ExceptionObj>()->args = vm.rt.make_tuple(std::vector<Ref>(a.v + 1, a.v + a.n));
  return obj;
}

// int.__new__(cls, x), tuple.__new__(cls, items), ...: the type's
// __new_native__, plus the reference to the class that VM::instantiate takes
// for every instance of a Python class.
Ref builtin_type_new(VM& vm, Args& a) {
  if (a.n < 1 || a.v[0]->tag != Tag::Class)
    return vm.raise(vm.rt.TypeError, std::string(a.self->name) + "(X): X is not a type object");
  Ref r = vm.call(a.self->data, a.v, a.n + a.nkw(), a.kwn);
  if (r && !r->cls->builtin && r->cls == a.v[0].get()) r->cls->rc++;
  return r;
}

}  // namespace

Ref user_new_of(VM& vm, ClassObj* cls) {
  Ref n = vm.lookup_type(cls, vm.rt.intern("__new__").as<StrObj>());
  if (!n) return nullptr;
  if (n->tag == Tag::StaticMethod) n = n.as<WrapperObj>()->f;
  return n->tag == Tag::Func ? n : nullptr;
}

void init_new_methods(VM& vm) {
  auto& rt = vm.rt;
  vm.dict_set(rt.object_t->dict.as<DictObj>(), rt.intern("__new__"), vm.make_builtin("object.__new__", object_new));
  // list.__new__, int.__new__, ...: the builtin that builds the native object carrying cls
  for (ClassObj* t : {rt.list_t, rt.dict_t, rt.set_t, rt.tuple_t, rt.str_t, rt.int_t, rt.float_t, rt.bytes_t, rt.frozenset_t}) {
    Ref nn = vm.dict_get_str(t->dict.as<DictObj>(), rt.intern("__new_native__").as<StrObj>());
    if (nn) vm.dict_set(t->dict.as<DictObj>(), rt.intern("__new__"), vm.make_builtin("__new__", builtin_type_new, nn));
  }
}

}  // namespace pitfall::sim
