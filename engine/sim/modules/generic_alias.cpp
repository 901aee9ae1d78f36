#include "sim/modules/generic_alias.h"

namespace pitfall::sim {

namespace {

bool is_types_class(const Obj* o, const char* name) {
  return o && (o->tag == Tag::Instance) && !o->cls->builtin && o->cls->module == "types" && o->cls->name == name;
}

// An attribute of the simulator's `types` module, imported without charging the program.
Ref types_attr(VM& vm, const char* name) {
  const double c0 = vm.cpu_ns, w0 = vm.clock_ns;
  Ref m = vm.import("types");
  vm.cpu_ns = c0;
  vm.clock_ns = w0;
  if (!m) return nullptr;
  return vm.getattr(m, vm.rt.intern(name).as<StrObj>());
}

bool generic_builtin(VM& vm, const ClassObj* c) {
  const auto& rt = vm.rt;
  return c == rt.list_t || c == rt.tuple_t || c == rt.dict_t || c == rt.set_t || c == rt.frozenset_t || c == rt.type_t ||
         c == rt.defaultdict_t || c == rt.counter_t || c == rt.deque_t || c == rt.ordereddict_t;
}

bool unionable(VM& vm, const Ref& o) {
  return o->tag == Tag::Class || o.get() == vm.rt.None.get() || is_union_type(o.get()) || is_generic_alias(o.get());
}

}  // namespace

bool is_union_type(const Obj* o) { return is_types_class(o, "UnionType"); }
bool is_generic_alias(const Obj* o) { return is_types_class(o, "GenericAlias"); }

Ref class_subscript(VM& vm, const Ref& cls, const Ref& key) {
  auto* c = cls.as<ClassObj>();
  if (!c->builtin) {
    if (Ref cg = vm.lookup_type(c, vm.rt.intern("__class_getitem__").as<StrObj>())) {
      // implicitly a class method (type_new wraps a plain function)
      Ref f = cg->tag == Tag::ClassMethod || cg->tag == Tag::StaticMethod ? cg.as<WrapperObj>()->f : cg;
      if (cg->tag == Tag::StaticMethod) return vm.call1(f, key);
      return vm.call2(f, cls, key);
    }
    return cls;
  }
  if (!generic_builtin(vm, c)) return cls;
  Ref ga = types_attr(vm, "GenericAlias");
  if (!ga) return nullptr;
  return vm.call2(ga, cls, key);
}

Ref type_union(VM& vm, const Ref& a, const Ref& b) {
  if (!unionable(vm, a) || !unionable(vm, b)) return nullptr;
  if (a->tag != Tag::Class && b->tag != Tag::Class) return nullptr;  // None | None: not a union
  Ref u = types_attr(vm, "_union");
  if (!u) return nullptr;
  return vm.call2(u, a, b);
}

}  // namespace pitfall::sim
