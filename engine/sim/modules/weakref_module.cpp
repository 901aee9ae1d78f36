// The `_weakref` module (weakref.ref and its KeyedRef subtype, proxies,
// getweakrefcount, getweakrefs, _remove_dead_weakref: Objects/weakrefobject.c,
// Modules/_weakref.c), `atexit` (its handlers run after the main thread's
// code and threading's shutdown hooks, newest first: Modules/atexitmodule.c),
// and `weakref` itself, Python source over them (modules/weakref_py.cpp).
#include <cstdio>

#include "sim/vm/thread_runtime.h"
#include "sim/vm/weakref_proxy.h"
#include "sim/vm/weakrefs.h"

namespace pitfall::sim {

extern const char* const kWeakrefPy;  // weakref_py.cpp
extern const char* const kAtexitPy;   // weakref_py.cpp
Ref run_python_module(VM& vm, const std::string& name, const char* source);  // threading_module.cpp

namespace {

void put(VM& vm, const Ref& m, const char* name, Ref v) {
  vm.dict_set(m.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern(name), std::move(v));
}

WeakRefObj* self_ref(VM& vm, Args& a) {
  if (a.n < 1 || !is_weakref(a.v[0].get())) {
    vm.raise(vm.rt.TypeError, "descriptor requires a 'weakref.ReferenceType' object");
    return nullptr;
  }
  return a.v[0].as<WeakRefObj>();
}

std::string addr(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(p)));
  return buf;
}

ClassObj* reference_error(VM& vm) {
  Ref e = vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("ReferenceError").as<StrObj>());
  return e && e->tag == Tag::Class ? e.as<ClassObj>() : vm.rt.RuntimeError;
}

// The referent of a proxy, or null + ReferenceError when it died (proxy_checkref).
Ref proxy_target(VM& vm, WeakRefObj* w) {
  if (!w->referent) return vm.raise(reference_error(vm), "weakly-referenced object no longer exists");
  return Ref(w->referent);
}

// ref(ob, callback=None) / KeyedRef(ob, callback, key), also for Python subclasses
Ref ref_new(VM& vm, Args& a) {
  if (a.n < 1 || a.v[0]->tag != Tag::Class) return vm.raise(vm.rt.TypeError, "ref.__new__(X): X is not a type object");
  ClassObj* cls = a.v[0].as<ClassObj>();
  const bool keyed = weakref_native_base(cls)->name == "KeyedRef";
  const int max_args = keyed ? 3 : 2;
  if (a.n < 2) return vm.raise(vm.rt.TypeError, std::string(keyed ? "KeyedRef" : "__new__") + " expected at least 1 argument, got 0");
  if (a.n - 1 > max_args)
    return vm.raise(vm.rt.TypeError, std::string(keyed ? "KeyedRef" : "__new__") + " expected at most " + std::to_string(max_args) +
                                         " arguments, got " + std::to_string(a.n - 1));
  Ref cb = a.n > 2 ? a.v[2] : Ref();
  Ref r = new_weakref(vm, cls, a.v[1], cb, false);
  if (r && keyed) r.as<WeakRefObj>()->b = a.n > 3 ? a.v[3] : vm.rt.None;
  return r;
}

// ref.__new__(cls, ...) called explicitly (a subclass's __new__): the new
// object holds a reference to its Python class, as VM::instantiate's do.
Ref ref_dunder_new(VM& vm, Args& a) {
  Ref r = ref_new(vm, a);
  if (r && !r->cls->builtin && r->cls == a.v[0].get()) r->cls->rc++;
  return r;
}
// ref.__init__(self, ob, callback=None): the arguments were taken by __new__
Ref ref_init(VM& vm, Args&) { return vm.rt.None; }
Ref ref_hash(VM& vm, Args& a) {
  WeakRefObj* w = self_ref(vm, a);
  std::int64_t h = 0;
  if (!w || !weakref_hash(vm, w, h)) return nullptr;
  return vm.rt.make_int(h);
}
// method(function, instance) (types.MethodType), which WeakMethod calls
Ref method_new(VM& vm, Args& a) {
  if (a.n != 3) return vm.raise(vm.rt.TypeError, "method expected 2 arguments, got " + std::to_string(a.n - 1));
  return make<BoundMethodObj>(vm.rt.method_t, a.v[1], a.v[2]);
}

// ref.__call__(): the referent, or None once it died
Ref ref_call(VM& vm, Args& a) {
  WeakRefObj* w = self_ref(vm, a);
  if (!w) return nullptr;
  if (a.n > 1) return vm.raise(vm.rt.TypeError, "weakref() takes no arguments");
  return w->referent ? Ref(w->referent) : vm.rt.None;
}

// weakref_richcompare: live references compare their referents, dead ones by identity.
Ref ref_compare(VM& vm, Args& a, bool ne) {
  WeakRefObj* w = self_ref(vm, a);
  if (!w) return nullptr;
  if (a.n < 2 || !is_weakref(a.v[1].get()) || a.v[1].as<WeakRefObj>()->proxy) return vm.rt.NotImplemented;
  WeakRefObj* o = a.v[1].as<WeakRefObj>();
  if (!w->referent || !o->referent) return vm.rt.make_bool((w == o) != ne);
  Ref x(w->referent), y(o->referent);
  return vm.compare(ne ? CMP_NE : CMP_EQ, x, y);
}
Ref ref_eq(VM& vm, Args& a) { return ref_compare(vm, a, false); }
Ref ref_ne(VM& vm, Args& a) { return ref_compare(vm, a, true); }

Ref ref_repr(VM& vm, Args& a) {
  WeakRefObj* w = self_ref(vm, a);
  if (!w) return nullptr;
  const char* what = w->proxy ? "weakproxy" : "weakref";
  if (w->proxy && vm.python_minor() < 13) {  // proxy_repr before 3.13: "<weakproxy at %p to %s at %p>", None when dead
    const Obj* r = w->referent ? w->referent : vm.rt.None.get();
    return vm.rt.make_str("<weakproxy at " + addr(w) + " to " + r->cls->name + " at " + addr(r) + ">");
  }
  if (!w->referent) return vm.rt.make_str(std::string("<") + what + " at " + addr(w) + "; dead>");
  const ClassObj* c = w->referent->cls;
  const std::string tname = c->builtin && c->module != "builtins" ? c->module + "." + c->name : c->name;
  return vm.rt.make_str(std::string("<") + what + " at " + addr(w) + "; to '" + tname + "' at " + addr(w->referent) + ">");
}

Ref ref_callback(VM& vm, Args& a) {
  WeakRefObj* w = self_ref(vm, a);
  if (!w) return nullptr;
  return w->a ? w->a : vm.rt.None;
}
Ref keyed_key(VM& vm, Args& a) {
  WeakRefObj* w = self_ref(vm, a);
  if (!w) return nullptr;
  return w->b ? w->b : vm.rt.None;
}

// proxy(ob, callback=None): ProxyType, or CallableProxyType for a callable referent
Ref proxy_new(VM& vm, Args& a) {
  if (a.n < 1 || a.n > 2) return vm.raise(vm.rt.TypeError, "proxy expected 1 or 2 arguments, got " + std::to_string(a.n));
  Ref types = a.self->data;  // (ProxyType, CallableProxyType)
  const Obj* o = a.v[0].get();
  const bool callable = o->tag == Tag::Func || o->tag == Tag::Builtin || o->tag == Tag::BoundMethod || o->tag == Tag::Class ||
                        bool(vm.lookup_type(o->cls, vm.rt.intern("__call__").as<StrObj>()));
  ClassObj* cls = types.as<TupleObj>()->items[callable ? 1 : 0].as<ClassObj>();
  return new_weakref(vm, cls, a.v[0], a.n > 1 ? a.v[1] : Ref(), true);
}

// Attribute reads, calls and comparisons of a proxy go to its referent.
Ref proxy_getattr(VM& vm, Args& a) {
  WeakRefObj* w = self_ref(vm, a);
  if (!w || a.n < 2 || a.v[1]->tag != Tag::Str) return nullptr;
  Ref t = proxy_target(vm, w);
  if (!t) return nullptr;
  return vm.getattr(t, a.v[1].as<StrObj>());
}
Ref proxy_call(VM& vm, Args& a) {
  WeakRefObj* w = self_ref(vm, a);
  if (!w) return nullptr;
  Ref t = proxy_target(vm, w);
  if (!t) return nullptr;
  std::vector<Ref> args(a.v + 1, a.v + a.n + a.nkw());
  return vm.call(t, args.data(), int(args.size()), a.kwn);
}
Ref proxy_compare(VM& vm, Args& a, int op) {
  WeakRefObj* w = self_ref(vm, a);
  if (!w || a.n < 2) return nullptr;
  Ref x = proxy_target(vm, w);
  if (!x) return nullptr;
  Ref y = a.v[1];
  if (is_weakref(y.get()) && y.as<WeakRefObj>()->proxy) {
    y = proxy_target(vm, y.as<WeakRefObj>());
    if (!y) return nullptr;
  }
  return vm.compare(op, x, y);
}
Ref proxy_eq(VM& vm, Args& a) { return proxy_compare(vm, a, CMP_EQ); }
Ref proxy_ne(VM& vm, Args& a) { return proxy_compare(vm, a, CMP_NE); }

Ref getweakrefcount(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "getweakrefcount() takes exactly one argument (" + std::to_string(a.n) + " given)");
  return vm.rt.make_int(std::int64_t(weakrefs_of(vm, a.v[0].get()).size()));
}
Ref getweakrefs(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "getweakrefs() takes exactly one argument (" + std::to_string(a.n) + " given)");
  Ref l = vm.rt.make_list();
  for (WeakRefObj* w : weakrefs_of(vm, a.v[0].get())) l.as<ListObj>()->items.push_back(Ref(w));
  return l;
}
// _remove_dead_weakref(dict, key): delete dict[key] if it is a dead weak reference.
Ref remove_dead_weakref(VM& vm, Args& a) {
  if (a.n != 2 || a.v[0]->tag != Tag::Dict) return vm.raise(vm.rt.TypeError, "_remove_dead_weakref() argument 1 must be dict");
  DictObj* d = a.v[0].as<DictObj>();
  Ref v = vm.dict_get(d, a.v[1]);
  if (!v) { if (vm.exc) return nullptr; return vm.rt.None; }
  if (is_weakref(v.get()) && !v.as<WeakRefObj>()->referent && vm.dict_del(d, a.v[1]) < 0) return nullptr;
  mem_touch(d);
  return vm.rt.None;
}

Ref property_of(VM& vm, const char* name, BuiltinFn fget) {
  Ref p = make<PropertyObj>(vm.rt.property_t);
  p.as<PropertyObj>()->fget = vm.make_builtin(name, fget);
  return p;
}

ClassObj* weak_type(VM& vm, const char* name, ClassObj* base) {
  ClassObj* c = vm.rt.new_builtin_type(name, base, Tag::Other);
  c->module = "weakref";
  c->weakref_type = true;
  vm.rt.all_types.push_back(Ref(c));
  return c;
}

void init_weakref_native(VM& vm, const Ref& m) {
  auto& rt = vm.rt;
  if (!vm.dict_get_str(vm.builtins.as<DictObj>(), rt.intern("ReferenceError").as<StrObj>())) {
    ClassObj* re = rt.new_exception("ReferenceError", rt.Exception);
    rt.all_types.push_back(Ref(re));
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("ReferenceError"), Ref(re));
  }
  ClassObj* ref_t = weak_type(vm, "ReferenceType", rt.object_t);
  vm.dict_set(ref_t->dict.as<DictObj>(), rt.intern("__call_type__"), vm.make_builtin("ref", ref_new));
  vm.dict_set(ref_t->dict.as<DictObj>(), rt.intern("__new_native__"), vm.make_builtin("__new__", ref_new));
  vm.dict_set(ref_t->dict.as<DictObj>(), rt.intern("__new__"), vm.make_builtin("__new__", ref_dunder_new));
  vm.add_method(ref_t, "__init__", ref_init);
  vm.add_method(ref_t, "__hash__", ref_hash);
  vm.add_method(ref_t, "__call__", ref_call);
  vm.add_method(ref_t, "__eq__", ref_eq);
  vm.add_method(ref_t, "__ne__", ref_ne);
  vm.add_method(ref_t, "__repr__", ref_repr);
  vm.dict_set(ref_t->dict.as<DictObj>(), rt.intern("__callback__"), property_of(vm, "__callback__", ref_callback));
  ClassObj* keyed_t = weak_type(vm, "KeyedRef", ref_t);
  vm.dict_set(keyed_t->dict.as<DictObj>(), rt.intern("__call_type__"), vm.make_builtin("KeyedRef", ref_new));
  vm.dict_set(keyed_t->dict.as<DictObj>(), rt.intern("key"), property_of(vm, "key", keyed_key));
  ClassObj* proxy_t = weak_type(vm, "ProxyType", rt.object_t);
  ClassObj* cproxy_t = weak_type(vm, "CallableProxyType", rt.object_t);
  for (ClassObj* p : {proxy_t, cproxy_t}) {
    p->has_getattr = true;
    vm.add_method(p, "__getattr__", proxy_getattr);
    vm.add_method(p, "__eq__", proxy_eq);
    vm.add_method(p, "__ne__", proxy_ne);
    vm.add_method(p, "__repr__", ref_repr);
    add_proxy_methods(vm, p);
  }
  vm.add_method(cproxy_t, "__call__", proxy_call);
  DictObj* md = rt.method_t->dict.as<DictObj>();
  if (!vm.dict_get_str(md, rt.intern("__call_type__").as<StrObj>()))
    vm.dict_set(md, rt.intern("__call_type__"), vm.make_builtin("method", method_new));
  put(vm, m, "ref", Ref(ref_t));
  put(vm, m, "ReferenceType", Ref(ref_t));
  put(vm, m, "KeyedRef", Ref(keyed_t));
  put(vm, m, "ProxyType", Ref(proxy_t));
  put(vm, m, "CallableProxyType", Ref(cproxy_t));
  put(vm, m, "proxy", vm.make_builtin("proxy", proxy_new, rt.make_tuple({Ref(proxy_t), Ref(cproxy_t)})));
  put(vm, m, "getweakrefcount", vm.make_builtin("getweakrefcount", getweakrefcount));
  put(vm, m, "getweakrefs", vm.make_builtin("getweakrefs", getweakrefs));
  put(vm, m, "_remove_dead_weakref", vm.make_builtin("_remove_dead_weakref", remove_dead_weakref));
}

// _pitfall_atexit.set_hook(f): f runs once the main thread's code ended.
Ref atexit_set_hook(VM& vm, Args& a) {
  if (vm.threads && a.n >= 1) vm.threads->atexit_hook = a.v[0];
  return vm.rt.None;
}

void copy_namespace(VM& vm, const Ref& from, const Ref& to) {
  for (auto& e : from.as<ModuleObj>()->dict.as<DictObj>()->entries)
    if (e.key) vm.dict_set(to.as<ModuleObj>()->dict.as<DictObj>(), e.key, e.value);
}

}  // namespace

bool init_weakref_modules(VM& vm, const std::string& name, const Ref& module) {
  if (name == "_weakref") {
    init_weakref_native(vm, module);
  } else if (name == "_pitfall_atexit") {
    put(vm, module, "set_hook", vm.make_builtin("set_hook", atexit_set_hook));
  } else if (name == "atexit" || name == "weakref") {
    Ref m = run_python_module(vm, name, name == "atexit" ? kAtexitPy : kWeakrefPy);
    if (m) copy_namespace(vm, m, module);
  } else {
    return false;
  }
  return true;
}

}  // namespace pitfall::sim
