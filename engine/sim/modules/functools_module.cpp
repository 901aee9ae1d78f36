// functools beyond reduce: partial, update_wrapper/wraps, lru_cache/cache
// (with cache_info/cache_clear), cached_property, cmp_to_key, total_ordering
// (Modules/_functoolsmodule.c, Lib/functools.py 3.11).
//
// Notes about the model: the lru_cache wrapper and cached_property are native
// descriptors (their __get__ binds them like functions / stores the computed
// value in the instance __dict__). The key is built as _make_key does: the
// single int/str argument itself, else a tuple of the arguments with a marker
// before keyword items. A cache miss calls the function through a nested run,
// so recursion through a cached function is bounded by the nesting cap.
#include <algorithm>

#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

constexpr int kPartialKind = 0x50415254, kLruKind = 0x4c525543, kCachedPropKind = 0x43505250, kKeyKind = 0x4b455946;

Ref hidden(VM& vm, const char* name) { return vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern(name).as<StrObj>()); }
void set_hidden(VM& vm, const char* name, Ref v) { vm.dict_set(vm.builtins.as<DictObj>(), vm.rt.intern(name), std::move(v)); }

NativeObj* self_of(VM& vm, Args& a, int kind, const char* what) {
  if (a.n < 1 || native_kind(a.v[0]) != kind) {
    vm.raise(vm.rt.TypeError, std::string("descriptor requires a '") + what + "' object");
    return nullptr;
  }
  return static_cast<NativeObj*>(a.v[0].get());
}

ClassObj* native_class(VM& vm, const char* hidden_name, const char* name, const char* module) {
  Ref t = hidden(vm, hidden_name);
  if (t) return t.as<ClassObj>();
  ClassObj* c = vm.rt.new_builtin_type(name, vm.rt.object_t, Tag::Other);
  c->module = module;
  set_hidden(vm, hidden_name, Ref(c));
  return c;
}
void property(VM& vm, ClassObj* c, const char* name, BuiltinFn fget) {
  Ref p = make<PropertyObj>(vm.rt.property_t);
  p.as<PropertyObj>()->fget = vm.make_builtin(name, fget);
  vm.dict_set(c->dict.as<DictObj>(), vm.rt.intern(name), p);
}

// Calls f with positional `pos` and keyword items (names, values).
Ref call_with(VM& vm, const Ref& f, std::vector<Ref> pos, const std::vector<Ref>& kn, const std::vector<Ref>& kv) {
  size_t npos = pos.size();
  for (auto& v : kv) pos.push_back(v);
  Ref names = kn.empty() ? Ref() : vm.rt.make_tuple(kn);
  return vm.call(f, pos.data(), int(npos + kv.size()), names ? names.as<TupleObj>() : nullptr);
}

// ---- partial: a = func, b = args tuple, c = keywords dict ----
Ref partial_new(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "type 'partial' takes at least one argument");
  ClassObj* cls = native_class(vm, "__pitfall_partial_t", "partial", "functools");
  Ref f = a.v[1];
  std::vector<Ref> args;
  Ref kw = vm.rt.make_dict();
  if (native_kind(f) == kPartialKind) {  // flatten nested partials
    auto* inner = f.as<NativeObj>();
    args = inner->b.as<TupleObj>()->items;
    for (auto& e : inner->c.as<DictObj>()->entries) if (e.key) vm.dict_set(kw.as<DictObj>(), e.key, e.value);
    f = inner->a;
  }
  Ref callable_check = vm.lookup_type(f->cls, vm.rt.intern("__call__").as<StrObj>());
  if (!(f->tag == Tag::Func || f->tag == Tag::Builtin || f->tag == Tag::BoundMethod || f->tag == Tag::Class || callable_check))
    return vm.raise(vm.rt.TypeError, "the first argument must be callable");
  for (int i = 2; i < a.n; ++i) args.push_back(a.v[i]);
  for (int i = 0; i < a.nkw(); ++i) vm.dict_set(kw.as<DictObj>(), a.kwn->items[size_t(i)], a.kwv[i]);
  Ref p = make<NativeObj>(cls, kPartialKind);
  p.as<NativeObj>()->a = f;
  p.as<NativeObj>()->b = vm.rt.make_tuple(std::move(args));
  p.as<NativeObj>()->c = kw;
  return p;
}
Ref partial_call(VM& vm, Args& a) {
  NativeObj* p = self_of(vm, a, kPartialKind, "functools.partial");
  if (!p) return nullptr;
  std::vector<Ref> pos = p->b.as<TupleObj>()->items;
  for (int i = 1; i < a.n; ++i) pos.push_back(a.v[i]);
  Ref kw = vm.rt.make_dict();
  for (auto& e : p->c.as<DictObj>()->entries) if (e.key) vm.dict_set(kw.as<DictObj>(), e.key, e.value);
  for (int i = 0; i < a.nkw(); ++i) vm.dict_set(kw.as<DictObj>(), a.kwn->items[size_t(i)], a.kwv[i]);
  std::vector<Ref> kn, kv;
  for (auto& e : kw.as<DictObj>()->entries) if (e.key) { kn.push_back(e.key); kv.push_back(e.value); }
  return call_with(vm, p->a, std::move(pos), kn, kv);
}
Ref partial_func(VM& vm, Args& a) { NativeObj* p = self_of(vm, a, kPartialKind, "functools.partial"); return p ? p->a : nullptr; }
Ref partial_args(VM& vm, Args& a) { NativeObj* p = self_of(vm, a, kPartialKind, "functools.partial"); return p ? p->b : nullptr; }
Ref partial_keywords(VM& vm, Args& a) { NativeObj* p = self_of(vm, a, kPartialKind, "functools.partial"); return p ? p->c : nullptr; }
Ref partial_repr(VM& vm, Args& a) {
  NativeObj* p = self_of(vm, a, kPartialKind, "functools.partial");
  if (!p) return nullptr;
  std::string out = "functools.partial(";
  if (!vm.repr_to(p->a, out)) return nullptr;
  for (auto& x : p->b.as<TupleObj>()->items) { out += ", "; if (!vm.repr_to(x, out)) return nullptr; }
  for (auto& e : p->c.as<DictObj>()->entries) {
    if (!e.key) continue;
    out += ", " + e.key.as<StrObj>()->s + "=";
    if (!vm.repr_to(e.value, out)) return nullptr;
  }
  return vm.rt.make_str(out + ")");
}

// ---- update_wrapper / wraps ----
Ref do_update_wrapper(VM& vm, const Ref& wrapper, const Ref& wrapped) {
  for (const char* n : {"__module__", "__name__", "__qualname__", "__doc__"}) {
    StrObj* name = vm.rt.intern(n).as<StrObj>();
    Ref v = vm.getattr_opt(wrapped, name);
    if (vm.exc) return nullptr;
    if (v && !vm.setattr(wrapper, name, v)) vm.exc.reset();
  }
  StrObj* dn = vm.rt.intern("__dict__").as<StrObj>();
  Ref src = vm.getattr_opt(wrapped, dn);
  vm.exc.reset();
  Ref dst = vm.getattr_opt(wrapper, dn);
  vm.exc.reset();
  if (src && dst && src->tag == Tag::Dict && dst->tag == Tag::Dict && src.get() != dst.get())
    for (auto& e : std::vector<DictEntry>(src.as<DictObj>()->entries)) if (e.key) vm.dict_set(dst.as<DictObj>(), e.key, e.value);
  if (!vm.setattr(wrapper, vm.rt.intern("__wrapped__").as<StrObj>(), wrapped)) vm.exc.reset();
  return wrapper;
}
Ref f_update_wrapper(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "update_wrapper() missing 1 required positional argument: 'wrapped'");
  return do_update_wrapper(vm, a.v[0], a.v[1]);
}
Ref wraps_apply(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "update_wrapper() missing 1 required positional argument: 'wrapper'");
  return do_update_wrapper(vm, a.v[0], a.self->data);
}
Ref f_wraps(VM& vm, Args& a) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "wraps() missing 1 required positional argument: 'wrapped'");
  return vm.make_builtin("update_wrapper", wraps_apply, a.v[0]);
}

// ---- lru_cache: a = func, c = cache dict, i = hits, j = misses, t = maxsize (< 0: unbounded), d = key marker ----
Ref make_key(VM& vm, NativeObj* w, Args& a, int first) {
  int npos = a.n - first, nkw = a.nkw();
  if (npos == 1 && nkw == 0) {
    Ref x = a.v[first];
    if (x->cls == vm.rt.int_t || x->cls == vm.rt.str_t) return x;
  }
  std::vector<Ref> key(a.v + first, a.v + a.n);
  if (nkw) {
    key.push_back(w->d);
    for (int i = 0; i < nkw; ++i) { key.push_back(a.kwn->items[size_t(i)]); key.push_back(a.kwv[i]); }
  }
  return vm.rt.make_tuple(std::move(key));
}
Ref lru_call(VM& vm, Args& a) {
  NativeObj* w = self_of(vm, a, kLruKind, "functools._lru_cache_wrapper");
  if (!w) return nullptr;
  Ref hold(w);
  DictObj* cache = w->c.as<DictObj>();
  if (w->t == 0) {  // maxsize=0: no caching, only statistics
    ++w->j;
    std::vector<Ref> pos(a.v + 1, a.v + a.n);
    std::vector<Ref> kn, kv;
    for (int i = 0; i < a.nkw(); ++i) { kn.push_back(a.kwn->items[size_t(i)]); kv.push_back(a.kwv[i]); }
    return call_with(vm, w->a, std::move(pos), kn, kv);
  }
  Ref key = make_key(vm, w, a, 1);
  Ref hit = vm.dict_get(cache, key);
  if (hit) {
    ++w->i;
    if (w->t > 0) {  // move to the most recently used end
      if (vm.dict_del(cache, key) < 0 || !vm.dict_set(cache, key, hit)) return nullptr;
    }
    return hit;
  }
  if (vm.exc) return nullptr;
  ++w->j;
  std::vector<Ref> pos(a.v + 1, a.v + a.n);
  std::vector<Ref> kn, kv;
  for (int i = 0; i < a.nkw(); ++i) { kn.push_back(a.kwn->items[size_t(i)]); kv.push_back(a.kwv[i]); }
  Ref r = call_with(vm, w->a, std::move(pos), kn, kv);
  if (!r) return nullptr;
  if (vm.dict_get(cache, key)) return r;  // filled by a recursive call meanwhile
  if (vm.exc) return nullptr;
  if (!vm.dict_set(cache, key, r)) return nullptr;
  if (w->t > 0 && cache->used > std::int64_t(w->t)) {
    for (auto& e : cache->entries) {
      if (!e.key) continue;
      Ref oldest = e.key;
      if (vm.dict_del(cache, oldest) < 0) return nullptr;
      break;
    }
  }
  return r;
}
Ref lru_get(VM& vm, Args& a) {
  // __get__(self, obj, type): bind like a function
  if (a.n < 2 || a.v[1].get() == vm.rt.None.get()) return a.v[0];
  return make<BoundMethodObj>(vm.rt.method_t, a.v[0], a.v[1]);
}
Ref lru_cache_info(VM& vm, Args& a) {
  NativeObj* w = self_of(vm, a, kLruKind, "functools._lru_cache_wrapper");
  if (!w) return nullptr;
  Ref ci = hidden(vm, "__pitfall_cacheinfo_t");
  if (!ci) {
    Ref coll = vm.import("collections");
    if (!coll) return nullptr;
    Ref nt = vm.getattr(coll, vm.rt.intern("namedtuple").as<StrObj>());
    if (!nt) return nullptr;
    Ref fields = vm.rt.make_list();
    for (const char* n : {"hits", "misses", "maxsize", "currsize"}) fields.as<ListObj>()->items.push_back(vm.rt.make_str(n));
    Ref args[2] = {vm.rt.make_str("CacheInfo"), fields};
    ci = vm.call(nt, args, 2);
    if (!ci) return nullptr;
    ci.as<ClassObj>()->module = "functools";
    set_hidden(vm, "__pitfall_cacheinfo_t", ci);
  }
  Ref args[4] = {vm.rt.make_int(w->i), vm.rt.make_int(w->j), w->t < 0 ? vm.rt.None : vm.rt.make_int(std::int64_t(w->t)),
                 vm.rt.make_int(w->c.as<DictObj>()->used)};
  return vm.call(ci, args, 4);
}
Ref lru_cache_clear(VM& vm, Args& a) {
  NativeObj* w = self_of(vm, a, kLruKind, "functools._lru_cache_wrapper");
  if (!w) return nullptr;
  w->c = vm.rt.make_dict();
  w->i = w->j = 0;
  return vm.rt.None;
}
Ref lru_wrapped(VM& vm, Args& a) { NativeObj* w = self_of(vm, a, kLruKind, "functools._lru_cache_wrapper"); return w ? w->a : nullptr; }
Ref lru_attr(VM& vm, Args& a, const char* name) {
  NativeObj* w = self_of(vm, a, kLruKind, "functools._lru_cache_wrapper");
  if (!w) return nullptr;
  return vm.getattr(w->a, vm.rt.intern(name).as<StrObj>());
}
Ref lru_name(VM& vm, Args& a) { return lru_attr(vm, a, "__name__"); }
Ref lru_qualname(VM& vm, Args& a) { return lru_attr(vm, a, "__qualname__"); }
Ref lru_doc(VM& vm, Args& a) { return lru_attr(vm, a, "__doc__"); }
Ref lru_repr(VM& vm, Args& a) {
  NativeObj* w = self_of(vm, a, kLruKind, "functools._lru_cache_wrapper");
  if (!w) return nullptr;
  return vm.repr(w->a);
}

Ref make_lru(VM& vm, const Ref& func, double maxsize) {
  ClassObj* cls = native_class(vm, "__pitfall_lru_t", "_lru_cache_wrapper", "functools");
  Ref w = make<NativeObj>(cls, kLruKind);
  auto* n = w.as<NativeObj>();
  n->a = func;
  n->c = vm.rt.make_dict();
  n->d = make<InstanceObj>(vm.rt.object_t);  // kwd_mark
  n->t = maxsize;
  return w;
}
Ref lru_decorate(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "decorating function expected");
  return make_lru(vm, a.v[0], double(a.self->idata));
}
Ref f_lru_cache(VM& vm, Args& a) {
  Ref m = a.n > 0 ? a.v[0] : a.kw("maxsize");
  std::int64_t maxsize = 128;
  if (m && m.get() != vm.rt.None.get()) {
    if (m->tag != Tag::Int) {
      if (m->tag == Tag::Func || m->tag == Tag::Builtin || m->tag == Tag::BoundMethod || m->tag == Tag::Other || m->tag == Tag::Class)
        return make_lru(vm, m, 128);  // @lru_cache without parentheses
      return vm.raise(vm.rt.TypeError, "Expected first argument to be an integer, a callable, or None");
    }
    maxsize = m.as<IntObj>()->v;
    if (maxsize < 0) maxsize = 0;
  } else if (m) {
    maxsize = -1;
  }
  Ref dec = vm.make_builtin("decorating_function", lru_decorate);
  dec.as<BuiltinObj>()->idata = maxsize;
  return dec;
}
Ref f_cache(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "cache() takes exactly one argument");
  return make_lru(vm, a.v[0], -1);
}

// ---- cached_property: a = func, b = attribute name ----
Ref f_cached_property(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "cached_property() takes exactly one argument");
  ClassObj* cls = native_class(vm, "__pitfall_cached_property_t", "cached_property", "functools");
  Ref p = make<NativeObj>(cls, kCachedPropKind);
  p.as<NativeObj>()->a = a.v[0];
  p.as<NativeObj>()->b = vm.getattr(a.v[0], vm.rt.intern("__name__").as<StrObj>());
  if (!p.as<NativeObj>()->b) return nullptr;
  return p;
}
Ref cached_property_get(VM& vm, Args& a) {
  NativeObj* p = self_of(vm, a, kCachedPropKind, "functools.cached_property");
  if (!p) return nullptr;
  if (a.n < 2 || a.v[1].get() == vm.rt.None.get()) return a.v[0];
  Ref obj = a.v[1];
  if (obj->tag != Tag::Instance || !obj.as<InstanceObj>()->dict)
    return vm.raise(vm.rt.TypeError, "No '__dict__' attribute on '" + vm.type_name(obj) + "' instance to cache '" + p->b.as<StrObj>()->s + "' property.");
  Ref v = vm.call1(p->a, obj);
  if (!v) return nullptr;
  vm.dict_set(obj.as<InstanceObj>()->dict.as<DictObj>(), p->b, v);
  return v;
}

// ---- cmp_to_key: K(obj) objects comparing through mycmp ----
Ref key_new(VM& vm, Args& a) {
  ClassObj* cls = native_class(vm, "__pitfall_cmpkey_t", "functools.KeyWrapper", "functools");
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "K() takes exactly 1 argument");
  Ref k = make<NativeObj>(cls, kKeyKind);
  k.as<NativeObj>()->a = a.self->data;
  k.as<NativeObj>()->b = a.v[0];
  return k;
}
Ref key_cmp(VM& vm, Args& a, int op) {
  NativeObj* k = self_of(vm, a, kKeyKind, "functools.KeyWrapper");
  if (!k) return nullptr;
  if (a.n < 2 || native_kind(a.v[1]) != kKeyKind)
    return vm.raise(vm.rt.TypeError, "other argument must be K instance");
  Ref r = vm.call2(k->a, k->b, a.v[1].as<NativeObj>()->b);
  if (!r) return nullptr;
  return vm.compare(op, r, vm.rt.make_int(0));
}
Ref key_lt(VM& vm, Args& a) { return key_cmp(vm, a, CMP_LT); }
Ref key_le(VM& vm, Args& a) { return key_cmp(vm, a, CMP_LE); }
Ref key_gt(VM& vm, Args& a) { return key_cmp(vm, a, CMP_GT); }
Ref key_ge(VM& vm, Args& a) { return key_cmp(vm, a, CMP_GE); }
Ref key_eq(VM& vm, Args& a) { return key_cmp(vm, a, CMP_EQ); }
Ref f_cmp_to_key(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "cmp_to_key() missing required argument 'mycmp' (pos 1)");
  ClassObj* cls = native_class(vm, "__pitfall_cmpkey_t", "functools.KeyWrapper", "functools");
  if (!vm.dict_get_str(cls->dict.as<DictObj>(), vm.rt.intern("__lt__").as<StrObj>())) {
    vm.add_method(cls, "__lt__", key_lt);
    vm.add_method(cls, "__le__", key_le);
    vm.add_method(cls, "__gt__", key_gt);
    vm.add_method(cls, "__ge__", key_ge);
    vm.add_method(cls, "__eq__", key_eq);
  }
  return vm.make_builtin("K", key_new, a.v[0]);
}

// ---- total_ordering: fills the missing comparisons from __lt__/__le__/__gt__/__ge__ and __eq__ ----
Ref derived_cmp(VM& vm, Args& a) {
  // idata: which method this is (CMP_*); data: the root method name (str)
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "expected 1 argument");
  Ref self = a.v[0], other = a.v[1];
  Ref root = vm.lookup_type(self->cls, a.self->data.as<StrObj>());
  if (!root) return vm.raise(vm.rt.TypeError, "total_ordering root vanished");
  Ref r = vm.call2(root, self, other);
  if (!r || r.get() == vm.rt.NotImplemented.get()) return r;
  int t = vm.truthy(r);
  if (t < 0) return nullptr;
  int e = -1;
  auto eqv = [&]() -> int { if (e < 0) e = vm.eq(self, other); return e; };
  const std::string& rn = a.self->data.as<StrObj>()->s;
  int op = int(a.self->idata);
  bool res = false;
  // Lib/functools.py _convert table
  if (rn == "__lt__") {
    if (op == CMP_GT) { int q = t ? 0 : eqv(); if (q < 0) return nullptr; res = !t && !q; }
    else if (op == CMP_LE) { int q = t ? 1 : eqv(); if (q < 0) return nullptr; res = t || q; }
    else res = !t;  // __ge__
  } else if (rn == "__le__") {
    if (op == CMP_GE) { int q = t ? eqv() : 1; if (q < 0) return nullptr; res = !t || q; }
    else if (op == CMP_LT) { int q = t ? eqv() : 0; if (q < 0) return nullptr; res = t && !q; }
    else res = !t;  // __gt__
  } else if (rn == "__gt__") {
    if (op == CMP_LT) { int q = t ? 0 : eqv(); if (q < 0) return nullptr; res = !t && !q; }
    else if (op == CMP_GE) { int q = t ? 1 : eqv(); if (q < 0) return nullptr; res = t || q; }
    else res = !t;  // __le__
  } else {
    if (op == CMP_LE) { int q = t ? eqv() : 1; if (q < 0) return nullptr; res = !t || q; }
    else if (op == CMP_GT) { int q = t ? eqv() : 0; if (q < 0) return nullptr; res = t && !q; }
    else res = !t;  // __lt__
  }
  return vm.rt.make_bool(res);
}
Ref f_total_ordering(VM& vm, Args& a) {
  if (a.n != 1 || a.v[0]->tag != Tag::Class) return vm.raise(vm.rt.TypeError, "total_ordering expects a class");
  ClassObj* c = a.v[0].as<ClassObj>();
  const char* names[] = {"__lt__", "__le__", "__gt__", "__ge__"};
  const int ops[] = {CMP_LT, CMP_LE, CMP_GT, CMP_GE};
  std::vector<int> defined;
  for (int i = 0; i < 4; ++i) {
    Ref m = vm.lookup_type(c, vm.rt.intern(names[i]).as<StrObj>());
    if (m && m->tag == Tag::Func) defined.push_back(i);
  }
  if (defined.empty()) return vm.raise(vm.rt.ValueError, "must define at least one ordering operation: < > <= >=");
  int root = defined[0];
  for (int i = 0; i < 4; ++i) {
    if (std::find(defined.begin(), defined.end(), i) != defined.end()) continue;
    Ref m = vm.make_builtin(names[i], derived_cmp, vm.rt.intern(names[root]));
    m.as<BuiltinObj>()->is_method = true;
    m.as<BuiltinObj>()->idata = ops[i];
    vm.dict_set(c->dict.as<DictObj>(), vm.rt.intern(names[i]), m);
  }
  ++c->version;
  return a.v[0];
}

}  // namespace

void init_functools_py(VM& vm, const Ref& module);  // functools_py.cpp: singledispatch

void init_functools_more(VM& vm, const Ref& module) {
  auto& rt = vm.rt;
  init_functools_py(vm, module);
  ClassObj* pt = native_class(vm, "__pitfall_partial_t", "partial", "functools");
  if (!vm.dict_get_str(pt->dict.as<DictObj>(), rt.intern("__call__").as<StrObj>())) {
    vm.dict_set(pt->dict.as<DictObj>(), rt.intern("__call_type__"), vm.make_builtin("partial", partial_new));
    vm.add_method(pt, "__call__", partial_call);
    vm.add_method(pt, "__repr__", partial_repr);
    property(vm, pt, "func", partial_func);
    property(vm, pt, "args", partial_args);
    property(vm, pt, "keywords", partial_keywords);
    ClassObj* lt = native_class(vm, "__pitfall_lru_t", "_lru_cache_wrapper", "functools");
    vm.add_method(lt, "__call__", lru_call);
    vm.add_method(lt, "__get__", lru_get);
    vm.add_method(lt, "__repr__", lru_repr);
    vm.add_method(lt, "cache_info", lru_cache_info);
    vm.add_method(lt, "cache_clear", lru_cache_clear);
    property(vm, lt, "__wrapped__", lru_wrapped);
    property(vm, lt, "__name__", lru_name);
    property(vm, lt, "__qualname__", lru_qualname);
    property(vm, lt, "__doc__", lru_doc);
    ClassObj* cp = native_class(vm, "__pitfall_cached_property_t", "cached_property", "functools");
    vm.add_method(cp, "__get__", cached_property_get);
  }
  DictObj* d = module.as<ModuleObj>()->dict.as<DictObj>();
  auto put = [&](const char* name, BuiltinFn fn) { vm.dict_set(d, rt.intern(name), vm.make_builtin(name, fn)); };
  vm.dict_set(d, rt.intern("partial"), Ref(pt));
  put("update_wrapper", f_update_wrapper);
  put("wraps", f_wraps);
  put("lru_cache", f_lru_cache);
  put("cache", f_cache);
  put("cached_property", f_cached_property);
  put("cmp_to_key", f_cmp_to_key);
  put("total_ordering", f_total_ordering);
  vm.dict_set(d, rt.intern("WRAPPER_ASSIGNMENTS"), rt.make_tuple({rt.make_str("__module__"), rt.make_str("__name__"), rt.make_str("__qualname__"), rt.make_str("__doc__"), rt.make_str("__annotations__")}));
}

}  // namespace pitfall::sim
