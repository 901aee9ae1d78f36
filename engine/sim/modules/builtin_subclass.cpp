// Subclassing built-in types (class Stack(list), class Celsius(float),
// class Name(str), class Config(dict), ...): VM::instantiate calls
// __new_native__(cls, *args) found on the MRO, which builds the native object
// carrying the subclass, then the class's __init__ runs. Mutable containers
// start empty and are filled by list/dict/set.__init__ (Objects/listobject.c
// list___init__, dictobject.c dict_init); immutable values (int, float, str,
// bytes, tuple, frozenset) take their value at creation, like their __new__.
#include "sim/vm/int_ops.h"
#include "sim/vm/set_ops.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

// Calls the built-in type's own constructor with the arguments (without the class).
Ref construct_as(VM& vm, ClassObj* native, Args& a) {
  Ref ctor = vm.dict_get_str(native->dict.as<DictObj>(), vm.rt.intern("__call_type__").as<StrObj>());
  if (!ctor) return vm.not_modelled("subclassing built-in type '" + native->name + "'");
  std::vector<Ref> args;
  args.push_back(Ref(native));
  for (int i = 1; i < a.n; ++i) args.push_back(a.v[i]);
  int nkw = a.nkw();
  for (int i = 0; i < nkw; ++i) args.push_back(a.kwv[i]);
  return vm.call(ctor, args.data(), int(args.size()), nkw ? a.kwn : nullptr);
}

ClassObj* native_of(VM& vm, ClassObj* cls) {
  for (ClassObj* m : cls->mro) if (m->builtin) return m;
  return vm.rt.object_t;
}

Ref new_native(VM& vm, Args& a) {
  auto& rt = vm.rt;
  ClassObj* cls = a.v[0].as<ClassObj>();
  ClassObj* native = native_of(vm, cls);
  switch (native->instance_tag) {
    case Tag::List: return make<ListObj>(cls);
    case Tag::Dict: return make<DictObj>(cls);
    case Tag::Set: return make<DictObj>(cls, Tag::Set);
    default: break;
  }
  Ref v = construct_as(vm, native, a);
  if (!v) return nullptr;
  switch (v->tag) {
    case Tag::Int: return make<IntObj>(cls, v.as<IntObj>()->v);
    case Tag::BigInt: return make<BigIntObj>(cls, v.as<BigIntObj>()->v);
    case Tag::Float: return make<FloatObj>(cls, v.as<FloatObj>()->v);
    case Tag::Str: return make<StrObj>(cls, v.as<StrObj>()->s);
    case Tag::Bytes: return make<BytesObj>(cls, v.as<BytesObj>()->s);
    case Tag::Tuple: { Ref t = make<TupleObj>(cls); t.as<TupleObj>()->items = v.as<TupleObj>()->items; return t; }
    case Tag::FrozenSet: {
      return set_make(vm, cls, Tag::FrozenSet, v);
    }
    default: break;
  }
  (void)rt;
  return vm.not_modelled("subclassing built-in type '" + native->name + "'");
}

// list.__init__(self, iterable=())
Ref list_init(VM& vm, Args& a) {
  if (a.n < 1 || a.v[0]->tag != Tag::List) return vm.raise(vm.rt.TypeError, "descriptor '__init__' requires a 'list' object");
  if (a.n > 2) return vm.raise(vm.rt.TypeError, "list expected at most 1 argument, got " + std::to_string(a.n - 1));
  std::vector<Ref> items;
  if (a.n > 1 && !vm.to_list(a.v[1], items)) return nullptr;
  a.v[0].as<ListObj>()->items = std::move(items);
  return vm.rt.None;
}
// dict.__init__(self, mapping_or_pairs=(), **kwargs): dict.update
Ref dict_init(VM& vm, Args& a) {
  if (a.n < 1 || a.v[0]->tag != Tag::Dict) return vm.raise(vm.rt.TypeError, "descriptor '__init__' requires a 'dict' object");
  if (a.n > 2) return vm.raise(vm.rt.TypeError, "dict expected at most 1 argument, got " + std::to_string(a.n - 1));
  if (a.n == 1 && a.nkw() == 0) return vm.rt.None;
  Ref upd = vm.dict_get_str(vm.rt.dict_t->dict.as<DictObj>(), vm.rt.intern("update").as<StrObj>());
  if (!upd) return vm.not_modelled("dict.update");
  std::vector<Ref> args(a.v, a.v + a.n);
  int nkw = a.nkw();
  for (int i = 0; i < nkw; ++i) args.push_back(a.kwv[i]);
  Ref r = vm.call(upd, args.data(), int(args.size()), nkw ? a.kwn : nullptr);
  return r ? vm.rt.None : nullptr;
}
Ref set_init(VM& vm, Args& a) {
  if (a.n < 1 || a.v[0]->tag != Tag::Set) return vm.raise(vm.rt.TypeError, "descriptor '__init__' requires a 'set' object");
  DictObj* d = a.v[0].as<DictObj>();
  std::vector<DictEntry> old;
  old.swap(d->entries);  // set_clear_internal, then set_update_internal
  d->used = 0;
  mem_touch(d);
  if (a.n > 1 && !set_update_internal(vm, d, a.v[1])) return nullptr;
  return vm.rt.None;
}
// int/float/str/bytes/tuple/frozenset: the value was set by __new_native__
Ref value_init(VM& vm, Args&) { return vm.rt.None; }

}  // namespace

void init_builtin_subclassing(VM& vm) {
  auto& rt = vm.rt;
  for (ClassObj* t : {rt.list_t, rt.dict_t, rt.set_t, rt.tuple_t, rt.str_t, rt.int_t, rt.float_t, rt.bytes_t, rt.frozenset_t}) {
    vm.dict_set(t->dict.as<DictObj>(), rt.intern("__new_native__"), vm.make_builtin("__new__", new_native));
    BuiltinFn init = t == rt.list_t ? list_init : t == rt.dict_t ? dict_init : t == rt.set_t ? set_init : value_init;
    std::string qual = t->name + ".__init__";
    // the builtin keeps the name pointer: intern a stable copy
    Ref nm = rt.intern(qual);
    vm.add_method(t, nm.as<StrObj>()->s.c_str(), init);
  }
}

}  // namespace pitfall::sim
