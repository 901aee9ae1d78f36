// Class creation beyond `type`'s plain path (Objects/typeobject.c,
// Python/bltinmodule.c builtin___build_class__):
// - metaclasses: the most derived metaclass of the explicit one and the
//   bases' (_PyType_CalculateMetaclass), __prepare__ (returning a dict), and
//   calling the metaclass with (name, bases, namespace, **kwds);
// - type.__new__ / type.__init__ / type.__call__ for metaclasses written in
//   Python (`class Meta(type)`, `super().__new__(mcls, ...)`,
//   `super().__call__(*args)`), a class's metaclass deciding what calling the
//   class does (a __call__ on the metaclass) and supplying attributes;
// - __set_name__ on the namespace's values and the parent's
//   __init_subclass__(**kwds) once the class exists (type_new_set_names,
//   type_new_init_subclass).
// Model note: the namespace is always a plain dict (a __prepare__ returning
// another mapping is reported as not modelled).
#include "sim/modules/class_creation.h"

namespace pitfall::sim {

Ref new_class_public(VM& vm, const std::string& name, const std::vector<Ref>& bases, Ref ns);  // builtin_funcs.cpp

namespace {

StrObj* S(VM& vm, const char* s) { return vm.rt.intern(s).as<StrObj>(); }

bool is_metaclass(VM& vm, ClassObj* c) { return c != vm.rt.type_t && VM::is_subclass(c, vm.rt.type_t); }

// Calls f(*pos, **kw) where kw is (names, values).
Ref call_kw(VM& vm, const Ref& f, std::vector<Ref> pos, const std::vector<Ref>& kn, const std::vector<Ref>& kv) {
  TupleObj* names = nullptr;
  Ref kwt;
  if (!kn.empty()) {
    kwt = vm.rt.make_tuple(kn);
    names = kwt.as<TupleObj>();
    for (auto& v : kv) pos.push_back(v);
  }
  return vm.call(f, pos.data(), int(pos.size()), names);
}

void split_kw(Args& a, std::vector<Ref>& kn, std::vector<Ref>& kv) {
  for (int i = 0; i < a.nkw(); ++i) {
    kn.push_back(a.kwn->items[size_t(i)]);
    kv.push_back(a.kwv[i]);
  }
}

// type.__new__(mcls, name, bases, namespace, **kwds)
Ref type_new(VM& vm, Args& a) {
  if (a.n != 4) return vm.raise(vm.rt.TypeError, "type.__new__() takes exactly 3 arguments (" + std::to_string(a.n - 1) + " given)");
  if (a.v[0]->tag != Tag::Class || !VM::is_subclass(a.v[0].as<ClassObj>(), vm.rt.type_t))
    return vm.raise(vm.rt.TypeError, "type.__new__(X): X is not a type object (" + vm.type_name(a.v[0]) + ")");
  if (a.v[1]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "type.__new__() argument 1 must be str, not " + vm.type_name(a.v[1]));
  if (a.v[2]->tag != Tag::Tuple) return vm.raise(vm.rt.TypeError, "type.__new__() argument 2 must be tuple, not " + vm.type_name(a.v[2]));
  if (a.v[3]->tag != Tag::Dict) return vm.raise(vm.rt.TypeError, "type.__new__() argument 3 must be dict, not " + vm.type_name(a.v[3]));
  std::vector<Ref> bases = a.v[2].as<TupleObj>()->items;
  for (auto& b : bases)
    if (b->tag != Tag::Class) return vm.raise(vm.rt.TypeError, "bases must be types");
  if (bases.empty()) bases.push_back(Ref(vm.rt.object_t));
  Ref ns = vm.rt.make_dict();
  for (auto& e : a.v[3].as<DictObj>()->entries)
    if (e.key && !vm.dict_set(ns.as<DictObj>(), e.key, e.value)) return nullptr;
  Ref cls = new_class_public(vm, a.v[1].as<StrObj>()->s, bases, ns);
  if (!cls) return nullptr;
  ClassObj* meta = a.v[0].as<ClassObj>();
  if (meta != vm.rt.type_t) {
    cls->cls = meta;
    meta->rc++;  // a class keeps its metaclass alive (freed with the simulation's heap)
  }
  std::vector<Ref> kn, kv;
  split_kw(a, kn, kv);
  if (!class_post_init(vm, cls, kn, kv)) return nullptr;
  return cls;
}

Ref type_init(VM& vm, Args&) { return vm.rt.None; }

// object.__init_subclass__(cls): accepts no keywords (object_init_subclass)
Ref object_init_subclass(VM& vm, Args& a) {
  if (a.nkw() > 0 || a.n > 1) {
    std::string n = a.n > 0 && a.v[0]->tag == Tag::Class ? a.v[0].as<ClassObj>()->name : "object";
    return vm.raise(vm.rt.TypeError, n + ".__init_subclass__() takes no keyword arguments");
  }
  return vm.rt.None;
}

// type.__call__(cls, *args, **kwds): the plain instantiation a metaclass's __call__ defers to
Ref type_call(VM& vm, Args& a) {
  if (a.n < 1 || a.v[0]->tag != Tag::Class) return vm.raise(vm.rt.TypeError, "descriptor '__call__' requires a 'type' object");
  ClassObj* c = a.v[0].as<ClassObj>();
  std::vector<Ref> args(a.v + 1, a.v + a.n);
  std::vector<Ref> kn, kv;
  split_kw(a, kn, kv);
  for (auto& v : kv) args.push_back(v);
  Ref kwt = kn.empty() ? Ref() : vm.rt.make_tuple(kn);
  TupleObj* names = kn.empty() ? nullptr : kwt.as<TupleObj>();
  if (is_metaclass(vm, c)) return metaclass_instantiate(vm, c, args.data(), int(args.size()), names);
  return vm.instantiate(c, args.data(), int(args.size()), names);
}

}  // namespace

// type_call for a metaclass M: obj = M.__new__(M, *args, **kw); M.__init__(obj, ...) when obj is an M
Ref metaclass_instantiate(VM& vm, ClassObj* meta, Ref* args, int n, TupleObj* kwnames) {
  Ref nf = vm.lookup_type(meta, S(vm, "__new__"));
  if (!nf) return vm.raise(vm.rt.TypeError, "cannot create '" + meta->name + "' instances");
  if (nf->tag == Tag::StaticMethod) nf = nf.as<WrapperObj>()->f;
  std::vector<Ref> na;
  na.push_back(Ref(meta));
  for (int i = 0; i < n; ++i) na.push_back(args[i]);
  Ref obj = vm.call(nf, na.data(), n + 1, kwnames);
  if (!obj || !vm.isinstance(obj, meta)) return obj;
  Ref init = vm.lookup_type(obj->cls, S(vm, "__init__"));
  if (init && init->tag == Tag::Func) {
    na[0] = obj;
    Ref r = vm.call(init, na.data(), n + 1, kwnames);
    if (!r) return nullptr;
  }
  return obj;
}

// What calling class `c` does when its metaclass is not `type`: true with
// `out` set (or null with an exception) when the metaclass decides.
bool call_through_metaclass(VM& vm, ClassObj* c, Ref* args, int n, TupleObj* kwnames, Ref& out) {
  if (!c->builtin && is_metaclass(vm, c)) {
    out = metaclass_instantiate(vm, c, args, n, kwnames);
    return true;
  }
  ClassObj* meta = c->cls;
  if (!meta || meta == vm.rt.type_t || meta->builtin) return false;
  Ref m = vm.lookup_type(meta, S(vm, "__call__"));
  if (!m || m->tag != Tag::Func) return false;
  std::vector<Ref> na;
  na.push_back(Ref(c));
  for (int i = 0; i < n; ++i) na.push_back(args[i]);
  out = vm.call(m, na.data(), n + 1, kwnames);
  return true;
}

// __set_name__ for the new class's attributes, then the nearest parent's
// __init_subclass__(**kwds) (object's accepts no keywords).
bool class_post_init(VM& vm, const Ref& cls_ref, const std::vector<Ref>& kn, const std::vector<Ref>& kv) {
  ClassObj* cls = cls_ref.as<ClassObj>();
  std::vector<DictEntry> es = cls->dict.as<DictObj>()->entries;
  for (auto& e : es) {
    if (!e.key || e.value->cls->builtin) continue;
    Ref sn = vm.lookup_type(e.value->cls, S(vm, "__set_name__"));
    if (!sn || sn->tag != Tag::Func) continue;
    Ref argv[3] = {e.value, cls_ref, e.key};
    if (!vm.call(sn, argv, 3)) return false;
  }
  Ref init_sub;
  for (size_t i = 1; i < cls->mro.size() && !init_sub; ++i)
    init_sub = vm.dict_get_str(cls->mro[i]->dict.as<DictObj>(), S(vm, "__init_subclass__"));
  if (init_sub && (init_sub->tag == Tag::ClassMethod || init_sub->tag == Tag::StaticMethod)) init_sub = init_sub.as<WrapperObj>()->f;
  if (!init_sub || (init_sub->tag != Tag::Func && init_sub->tag != Tag::Builtin)) {
    if (!kn.empty()) return bool(vm.raise(vm.rt.TypeError, cls->name + ".__init_subclass__() takes no keyword arguments"));
    return true;
  }
  return bool(call_kw(vm, init_sub, {cls_ref}, kn, kv));
}

// The class statement with keywords or a metaclass other than `type`
// (builtin___build_class__ after the body function is known). `body_run`
// executes the class body into the namespace it is given.
Ref build_class_with_meta(VM& vm, const std::string& name, const std::vector<Ref>& orig_bases, Ref meta,
                          const std::vector<Ref>& kn, const std::vector<Ref>& kv, bool (*body_run)(VM&, void*, Ref&), void* ctx) {
  auto& rt = vm.rt;
  if (!meta || meta->tag == Tag::Class) {
    // _PyType_CalculateMetaclass: the most derived of the explicit metaclass and the bases' types
    ClassObj* winner = meta ? meta.as<ClassObj>() : rt.type_t;
    for (auto& b : orig_bases) {
      ClassObj* t = b->cls;
      if (VM::is_subclass(winner, t)) continue;
      if (VM::is_subclass(t, winner)) { winner = t; continue; }
      return vm.raise(rt.TypeError, "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases");
    }
    meta = Ref(winner);
  }
  Ref bases_t = rt.make_tuple(orig_bases);
  Ref ns;
  if (meta->tag == Tag::Class && meta.get() != rt.type_t) {
    Ref prep = vm.getattr_opt(meta, S(vm, "__prepare__"));
    if (vm.exc) return nullptr;
    if (prep && !(prep->tag == Tag::BoundMethod && prep.as<BoundMethodObj>()->func->tag == Tag::Builtin)) {
      ns = call_kw(vm, prep, {rt.make_str(name), bases_t}, kn, kv);
      if (!ns) return nullptr;
      if (ns->tag != Tag::Dict || ns->cls != rt.dict_t)
        return vm.not_modelled("a __prepare__ returning a '" + vm.type_name(ns) + "' namespace");
    }
  }
  if (!ns) ns = rt.make_dict();
  if (!body_run(vm, ctx, ns)) return nullptr;
  if (meta.get() == rt.type_t) {
    std::vector<Ref> bases = orig_bases;
    if (bases.empty()) bases.push_back(Ref(rt.object_t));
    Ref cls = new_class_public(vm, name, bases, ns);
    if (!cls || !class_post_init(vm, cls, kn, kv)) return nullptr;
    return cls;
  }
  return call_kw(vm, meta, {rt.make_str(name), bases_t, ns}, kn, kv);
}

void init_type_methods(VM& vm) {
  auto& rt = vm.rt;
  DictObj* td = rt.type_t->dict.as<DictObj>();
  Ref nw = vm.make_builtin("type.__new__", type_new);
  vm.dict_set(td, rt.intern("__new__"), make<WrapperObj>(rt.staticmethod_t, Tag::StaticMethod, nw));
  vm.add_method(rt.type_t, "type.__init__", type_init);
  vm.add_method(rt.type_t, "type.__call__", type_call);
  Ref is = vm.make_builtin("object.__init_subclass__", object_init_subclass);
  vm.dict_set(rt.object_t->dict.as<DictObj>(), rt.intern("__init_subclass__"), make<WrapperObj>(rt.classmethod_t, Tag::ClassMethod, is));
}

}  // namespace pitfall::sim
