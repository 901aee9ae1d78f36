// The `dataclasses` module, common form (Lib/dataclasses.py 3.11): @dataclass
// with init/repr/eq/order/frozen/unsafe_hash/match_args/kw_only, field()
// (default, default_factory, init, repr, compare, kw_only), fields(),
// asdict(), astuple(), replace(), is_dataclass(), MISSING and
// FrozenInstanceError.
//
// Notes about the model: fields come from the class body's __annotations__
// (evaluated, except those naming typing's forms or InitVar, which the
// compiler keeps as source text as under PEP 563; ClassVar fields are
// skipped by their text). CPython generates the methods as Python source and
// exec()s it; here they are native methods with the same behaviour and error
// texts, which the cost model charges as one call each.
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

constexpr int kFieldKind = 0x46494c44;
enum FieldFlag { F_INIT = 1, F_REPR = 2, F_COMPARE = 4, F_KW_ONLY = 8, F_HASH = 16 };
enum ClassFlag { C_INIT = 1, C_REPR = 2, C_EQ = 4, C_ORDER = 8, C_UNSAFE_HASH = 16, C_FROZEN = 32, C_MATCH_ARGS = 64, C_KW_ONLY = 128, C_SLOTS = 256 };

Ref hidden(VM& vm, const char* name) { return vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern(name).as<StrObj>()); }
StrObj* S(VM& vm, const char* s) { return vm.rt.intern(s).as<StrObj>(); }
Ref missing(VM& vm) { return hidden(vm, "__pitfall_dc_missing"); }
bool is_missing(VM& vm, const Ref& v) { return !v || v.get() == missing(vm).get(); }

// Field: a = name, b = type text, c = default, d = default_factory, j = flags
bool is_field(const Ref& o) { return native_kind(o) == kFieldKind; }
NativeObj* F(const Ref& o) { return static_cast<NativeObj*>(o.get()); }

Ref new_field(VM& vm) {
  Ref f = make<NativeObj>(hidden(vm, "__pitfall_dc_field_t").as<ClassObj>(), kFieldKind);
  F(f)->a = vm.rt.None;
  F(f)->b = vm.rt.None;
  F(f)->c = missing(vm);
  F(f)->d = missing(vm);
  F(f)->j = F_INIT | F_REPR | F_COMPARE | F_HASH;
  return f;
}

Ref f_field(VM& vm, Args& a) {
  if (a.n) return vm.raise(vm.rt.TypeError, "field() takes 0 positional arguments but " + std::to_string(a.n) + " were given");
  Ref f = new_field(vm);
  auto* n = F(f);
  if (Ref v = a.kw("default")) n->c = v;
  if (Ref v = a.kw("default_factory")) n->d = v;
  if (!is_missing(vm, n->c) && !is_missing(vm, n->d)) return vm.raise(vm.rt.ValueError, "cannot specify both default and default_factory");
  auto flag = [&](const char* name, int bit) {
    Ref v = a.kw(name);
    if (!v || v.get() == vm.rt.None.get() || is_missing(vm, v)) return;
    if (vm.truthy(v) > 0) n->j |= bit; else n->j &= ~std::int64_t(bit);
  };
  flag("init", F_INIT);
  flag("repr", F_REPR);
  flag("compare", F_COMPARE);
  flag("kw_only", F_KW_ONLY);
  flag("hash", F_HASH);
  return f;
}

std::string qualname(VM& vm, ClassObj* c) {
  Ref q = vm.dict_get_str(c->dict.as<DictObj>(), S(vm, "__qualname__"));
  return q && q->tag == Tag::Str ? q.as<StrObj>()->s : c->name;
}

// The fields tuple a generated method was built with (data), filtered by flag.
std::vector<NativeObj*> fields_with(const Ref& tuple, int flag) {
  std::vector<NativeObj*> out;
  for (auto& f : tuple.as<TupleObj>()->items) if (F(f)->j & flag) out.push_back(F(f));
  return out;
}

bool store(VM& vm, const Ref& self, const Ref& name, Ref v) {
  // frozen classes assign through object.__setattr__ in __init__
  if (self->tag == Tag::Instance && self.as<InstanceObj>()->dict) {
    vm.dict_set(self.as<InstanceObj>()->dict.as<DictObj>(), name, std::move(v));
    return true;
  }
  return vm.setattr(self, name.as<StrObj>(), std::move(v));
}

Ref dc_init(VM& vm, Args& a) {
  Ref self = a.v[0];
  ClassObj* owner = a.self->data2.as<ClassObj>();
  std::string q = qualname(vm, owner) + ".__init__()";
  std::vector<NativeObj*> all = fields_with(a.self->data, 0xff);
  std::vector<NativeObj*> pos, init;
  for (auto* f : all) if (f->j & F_INIT) { init.push_back(f); if (!(f->j & F_KW_ONLY)) pos.push_back(f); }
  std::vector<Ref> vals(init.size());
  int npos = a.n - 1;
  if (size_t(npos) > pos.size()) {
    // Python/ceval.c too_many_positional: "from N to M" when some have defaults
    size_t required = 0;
    for (auto* f : pos) if (is_missing(vm, f->c) && is_missing(vm, f->d)) ++required;
    std::string takes = required == pos.size() ? std::to_string(pos.size() + 1) + " positional argument" + (pos.size() ? "s" : "")
                                               : "from " + std::to_string(required + 1) + " to " + std::to_string(pos.size() + 1) + " positional arguments";
    return vm.raise(vm.rt.TypeError, q + " takes " + takes + " but " + std::to_string(npos + 1) + " were given");
  }
  auto index_of = [&](NativeObj* f) { for (size_t i = 0; i < init.size(); ++i) if (init[i] == f) return i; return size_t(0); };
  for (int i = 0; i < npos; ++i) vals[index_of(pos[size_t(i)])] = a.v[1 + i];
  for (int k = 0; k < a.nkw(); ++k) {
    const std::string& kn = a.kwn->items[size_t(k)].as<StrObj>()->s;
    size_t j = 0;
    for (; j < init.size(); ++j) if (init[j]->a.as<StrObj>()->s == kn) break;
    if (j == init.size()) return vm.raise(vm.rt.TypeError, q + " got an unexpected keyword argument '" + kn + "'");
    if (vals[j]) return vm.raise(vm.rt.TypeError, q + " got multiple values for argument '" + kn + "'");
    vals[j] = a.kwv[k];
  }
  std::vector<std::string> miss_pos, miss_kw;
  for (size_t j = 0; j < init.size(); ++j) {
    if (vals[j] || !is_missing(vm, init[j]->c) || !is_missing(vm, init[j]->d)) continue;
    (init[j]->j & F_KW_ONLY ? miss_kw : miss_pos).push_back("'" + init[j]->a.as<StrObj>()->s + "'");
  }
  for (int pass = 0; pass < 2; ++pass) {
    auto& m = pass == 0 ? miss_pos : miss_kw;
    if (m.empty()) continue;
    std::string list;
    for (size_t i = 0; i < m.size(); ++i) {
      if (i) list += m.size() == 2 ? " and " : (i + 1 == m.size() ? ", and " : ", ");
      list += m[i];
    }
    return vm.raise(vm.rt.TypeError, q + " missing " + std::to_string(m.size()) + (pass == 0 ? " required positional argument" : " required keyword-only argument") + (m.size() > 1 ? "s" : "") + ": " + list);
  }
  for (auto* f : all) {
    Ref v;
    if (f->j & F_INIT) v = vals[index_of(f)];
    if (!v && !is_missing(vm, f->d)) { v = vm.call0(f->d); if (!v) return nullptr; }
    if (!v && !is_missing(vm, f->c)) v = f->c;
    if (v && !store(vm, self, f->a, v)) return nullptr;
  }
  Ref post = vm.lookup_type(self->cls, S(vm, "__post_init__"));
  if (post) { if (!vm.call1(post, self)) return nullptr; }
  return vm.rt.None;
}

Ref dc_repr(VM& vm, Args& a) {
  Ref self = a.v[0];
  std::string out = qualname(vm, self->cls) + "(";
  bool first = true;
  if (vm.nested > 200) return vm.rt.make_str("...");
  for (auto* f : fields_with(a.self->data, F_REPR)) {
    if (!first) out += ", ";
    first = false;
    out += f->a.as<StrObj>()->s + "=";
    Ref v = vm.getattr(self, f->a.as<StrObj>());
    if (!v || !vm.repr_to(v, out)) return nullptr;
  }
  return vm.rt.make_str(out + ")");
}

Ref as_tuple_of(VM& vm, const Ref& self, const Ref& fields) {
  std::vector<Ref> items;
  for (auto* f : fields_with(fields, F_COMPARE)) {
    Ref v = vm.getattr(self, f->a.as<StrObj>());
    if (!v) return nullptr;
    items.push_back(v);
  }
  return vm.rt.make_tuple(std::move(items));
}
Ref dc_compare(VM& vm, Args& a) {
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "expected 1 argument");
  if (a.v[1]->cls != a.v[0]->cls) return vm.rt.NotImplemented;
  Ref x = as_tuple_of(vm, a.v[0], a.self->data);
  if (!x) return nullptr;
  Ref y = as_tuple_of(vm, a.v[1], a.self->data);
  if (!y) return nullptr;
  return vm.compare(int(a.self->idata), x, y);
}
Ref dc_hash(VM& vm, Args& a) {
  std::vector<Ref> items;
  for (auto* f : fields_with(a.self->data, F_HASH)) {
    if (!(f->j & F_COMPARE)) continue;
    Ref v = vm.getattr(a.v[0], f->a.as<StrObj>());
    if (!v) return nullptr;
    items.push_back(v);
  }
  std::int64_t h;
  if (!vm.hash(vm.rt.make_tuple(std::move(items)), h)) return nullptr;
  return vm.rt.make_int(h);
}
Ref frozen_error(VM& vm, const std::string& msg) {
  return vm.raise(hidden(vm, "__pitfall_dc_frozen_t").as<ClassObj>(), msg);
}
Ref dc_frozen_setattr(VM& vm, Args& a) {
  if (a.n != 3) return vm.raise(vm.rt.TypeError, "expected 2 arguments");
  return frozen_error(vm, "cannot assign to field '" + (a.v[1]->tag == Tag::Str ? a.v[1].as<StrObj>()->s : std::string("?")) + "'");
}
Ref dc_frozen_delattr(VM& vm, Args& a) {
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "expected 1 argument");
  return frozen_error(vm, "cannot delete field '" + (a.v[1]->tag == Tag::Str ? a.v[1].as<StrObj>()->s : std::string("?")) + "'");
}

bool is_classvar(const std::string& t) {
  return t.rfind("ClassVar", 0) == 0 || t.rfind("typing.ClassVar", 0) == 0 || t.rfind("InitVar", 0) == 0 || t.rfind("dataclasses.InitVar", 0) == 0;
}

Ref method(VM& vm, const char* name, BuiltinFn fn, const Ref& fields, ClassObj* owner) {
  Ref m = vm.make_builtin(name, fn, fields);
  m.as<BuiltinObj>()->is_method = true;
  m.as<BuiltinObj>()->data2 = Ref(owner);
  return m;
}

Ref process(VM& vm, const Ref& cls_ref, std::int64_t flags) {
  auto& rt = vm.rt;
  ClassObj* cls = cls_ref.as<ClassObj>();
  DictObj* cd = cls->dict.as<DictObj>();
  // inherited fields: bases in reverse MRO order
  std::vector<Ref> names, fields;
  auto add = [&](const Ref& name, const Ref& f) {
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i].as<StrObj>()->s == name.as<StrObj>()->s) { fields[i] = f; return; }
    names.push_back(name);
    fields.push_back(f);
  };
  for (size_t k = cls->mro.size(); k-- > 1;) {
    Ref bf = vm.dict_get_str(cls->mro[k]->dict.as<DictObj>(), S(vm, "__dataclass_fields__"));
    if (bf && bf->tag == Tag::Dict)
      for (auto& e : bf.as<DictObj>()->entries) if (e.key) add(e.key, e.value);
  }
  Ref ann = vm.dict_get_str(cd, S(vm, "__annotations__"));
  if (ann && ann->tag == Tag::Dict) {
    std::vector<DictEntry> es = ann.as<DictObj>()->entries;
    for (auto& e : es) {
      if (!e.key || e.key->tag != Tag::Str) continue;
      std::string ty = e.value && e.value->tag == Tag::Str ? e.value.as<StrObj>()->s : "";
      if (is_classvar(ty)) continue;
      Ref name = rt.intern(e.key.as<StrObj>()->s);
      Ref dv = vm.dict_get_str(cd, name.as<StrObj>());
      Ref f;
      if (is_field(dv)) {
        f = dv;
        if (is_missing(vm, F(f)->c)) vm.dict_del(cd, name);
        else vm.dict_set(cd, name, F(f)->c);
      } else {
        f = new_field(vm);
        if (dv) F(f)->c = dv;
      }
      F(f)->a = name;
      F(f)->b = e.value ? e.value : rt.None;
      if ((flags & C_KW_ONLY)) F(f)->j |= F_KW_ONLY;
      Ref dflt = F(f)->c;
      if (!is_missing(vm, dflt) && (dflt->cls == rt.list_t || dflt->cls == rt.dict_t || dflt->cls == rt.set_t))
        return vm.raise(rt.ValueError, "mutable default <class '" + dflt->cls->name + "'> for field " + name.as<StrObj>()->s + " is not allowed: use default_factory");
      add(name, f);
    }
  }
  // a field without a default may not follow one with a default (positional __init__ parameters)
  if (flags & C_INIT) {
    bool seen_default = false;
    for (auto& f : fields) {
      auto* n = F(f);
      if (!(n->j & F_INIT) || (n->j & F_KW_ONLY)) continue;
      bool has = !is_missing(vm, n->c) || !is_missing(vm, n->d);
      if (has) seen_default = true;
      else if (seen_default) return vm.raise(rt.TypeError, "non-default argument '" + n->a.as<StrObj>()->s + "' follows default argument");
    }
  }
  Ref fd = rt.make_dict();
  for (size_t i = 0; i < names.size(); ++i) vm.dict_set(fd.as<DictObj>(), names[i], fields[i]);
  vm.dict_set(cd, rt.intern("__dataclass_fields__"), fd);
  Ref ft = rt.make_tuple(fields);
  auto set_new = [&](const char* name, Ref v) {
    if (vm.dict_get_str(cd, S(vm, name))) return false;
    vm.dict_set(cd, rt.intern(name), std::move(v));
    return true;
  };
  if (flags & C_INIT) set_new("__init__", method(vm, "__init__", dc_init, ft, cls));
  if (flags & C_REPR) set_new("__repr__", method(vm, "__repr__", dc_repr, ft, cls));
  if (flags & C_EQ) {
    Ref m = method(vm, "__eq__", dc_compare, ft, cls);
    m.as<BuiltinObj>()->idata = CMP_EQ;
    set_new("__eq__", m);
  }
  if (flags & C_ORDER) {
    if (!(flags & C_EQ)) return vm.raise(rt.ValueError, "eq must be true if order is true");
    const char* ns[] = {"__lt__", "__le__", "__gt__", "__ge__"};
    const int ops[] = {CMP_LT, CMP_LE, CMP_GT, CMP_GE};
    for (int i = 0; i < 4; ++i) {
      Ref m = method(vm, ns[i], dc_compare, ft, cls);
      m.as<BuiltinObj>()->idata = ops[i];
      if (!set_new(ns[i], m))
        return vm.raise(rt.TypeError, std::string("Cannot overwrite attribute ") + ns[i] + " in class " + cls->name + ". Consider using functools.total_ordering");
    }
  }
  if (flags & C_FROZEN) {
    set_new("__setattr__", method(vm, "__setattr__", dc_frozen_setattr, ft, cls));
    set_new("__delattr__", method(vm, "__delattr__", dc_frozen_delattr, ft, cls));
    cls->has_setattr = true;
  }
  // __hash__ (Lib/dataclasses.py _hash_action table)
  // None put there by the class's own __eq__ (type_new) is not an explicit __hash__
  Ref class_hash = vm.dict_get_str(cd, S(vm, "__hash__"));
  bool has_explicit_hash = class_hash && !(class_hash.get() == rt.None.get() && vm.dict_get_str(cd, S(vm, "__eq__")));
  bool eq = flags & C_EQ, frozen = flags & C_FROZEN, unsafe = flags & C_UNSAFE_HASH;
  if (unsafe) {
    if (has_explicit_hash) return vm.raise(rt.TypeError, "Cannot overwrite attribute __hash__ in class " + cls->name);
    vm.dict_set(cd, rt.intern("__hash__"), method(vm, "__hash__", dc_hash, ft, cls));
  } else if (eq && frozen && !has_explicit_hash) {
    vm.dict_set(cd, rt.intern("__hash__"), method(vm, "__hash__", dc_hash, ft, cls));
  } else if (eq && !frozen && !has_explicit_hash) {
    vm.dict_set(cd, rt.intern("__hash__"), rt.None);
  }
  if (flags & C_MATCH_ARGS) {
    std::vector<Ref> ma;
    for (auto& f : fields) if ((F(f)->j & F_INIT) && !(F(f)->j & F_KW_ONLY)) ma.push_back(F(f)->a);
    set_new("__match_args__", rt.make_tuple(std::move(ma)));
  }
  ++cls->version;
  return cls_ref;
}

std::int64_t flags_from(VM& vm, Args& a) {
  std::int64_t fl = C_INIT | C_REPR | C_EQ | C_MATCH_ARGS;
  auto flag = [&](const char* name, int bit) {
    Ref v = a.kw(name);
    if (!v) return;
    if (vm.truthy(v) > 0) fl |= bit; else fl &= ~std::int64_t(bit);
  };
  flag("init", C_INIT);
  flag("repr", C_REPR);
  flag("eq", C_EQ);
  flag("order", C_ORDER);
  flag("unsafe_hash", C_UNSAFE_HASH);
  flag("frozen", C_FROZEN);
  flag("match_args", C_MATCH_ARGS);
  flag("kw_only", C_KW_ONLY);
  flag("slots", C_SLOTS);
  return fl;
}

// slots=True (Lib/dataclasses.py _add_slots): a new class from the same
// namespace with __slots__ = the fields not already slotted in a base, and
// without the fields' class-level defaults (__init__ takes them from the fields)
Ref add_slots(VM& vm, const Ref& cls_ref) {
  auto& rt = vm.rt;
  ClassObj* cls = cls_ref.as<ClassObj>();
  Ref fd = vm.dict_get_str(cls->dict.as<DictObj>(), S(vm, "__dataclass_fields__"));
  if (!fd || fd->tag != Tag::Dict) return cls_ref;
  std::vector<Ref> names;
  for (auto& e : fd.as<DictObj>()->entries) {
    if (!e.key) continue;
    bool inherited = false;
    for (size_t i = 1; i + 1 < cls->mro.size(); ++i) {
      Ref sl = vm.dict_get_str(cls->mro[i]->dict.as<DictObj>(), S(vm, "__slots__"));
      if (sl && sl->tag == Tag::Tuple)
        for (auto& x : sl.as<TupleObj>()->items) if (vm.eq(x, e.key) > 0) inherited = true;
    }
    if (!inherited) names.push_back(e.key);
  }
  Ref ns = rt.make_dict();
  for (auto& e : std::vector<DictEntry>(cls->dict.as<DictObj>()->entries)) {
    if (!e.key || e.key->tag != Tag::Str) continue;
    const std::string& k = e.key.as<StrObj>()->s;
    if (k == "__dict__" || k == "__weakref__") continue;
    bool is_field = vm.dict_get_str(fd.as<DictObj>(), e.key.as<StrObj>()) != nullptr;
    if (is_field) continue;
    vm.dict_set(ns.as<DictObj>(), e.key, e.value);
  }
  vm.dict_set(ns.as<DictObj>(), rt.intern("__slots__"), rt.make_tuple(names));
  std::vector<Ref> bases = cls->bases;
  Ref args[3] = {rt.make_str(cls->name), rt.make_tuple(std::move(bases)), ns};
  Ref meta(cls->cls);
  return vm.call(meta, args, 3);
}

Ref process_with_slots(VM& vm, const Ref& cls, std::int64_t fl) {
  Ref r = process(vm, cls, fl);
  if (!r || !(fl & C_SLOTS)) return r;
  return add_slots(vm, r);
}
Ref dc_decorate(VM& vm, Args& a) {
  if (a.n != 1 || a.v[0]->tag != Tag::Class) return vm.raise(vm.rt.TypeError, "dataclass() should be applied to a class");
  return process_with_slots(vm, a.v[0], a.self->idata);
}
Ref f_dataclass(VM& vm, Args& a) {
  std::int64_t fl = flags_from(vm, a);
  if ((fl & C_SLOTS) && (fl & C_FROZEN)) return vm.not_modelled("@dataclass(slots=True, frozen=True)");
  if (a.n >= 1 && a.v[0].get() != vm.rt.None.get()) {
    if (a.v[0]->tag != Tag::Class) return vm.raise(vm.rt.TypeError, "dataclass() should be applied to a class");
    return process_with_slots(vm, a.v[0], fl);
  }
  Ref dec = vm.make_builtin("wrap", dc_decorate);
  dec.as<BuiltinObj>()->idata = fl;
  return dec;
}

Ref dataclass_fields(VM& vm, const Ref& x) {
  ClassObj* c = x->tag == Tag::Class ? x.as<ClassObj>() : x->cls;
  Ref fd = vm.lookup_type(c, S(vm, "__dataclass_fields__"));
  return fd && fd->tag == Tag::Dict ? fd : nullptr;
}
Ref f_fields(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "fields() takes exactly one argument");
  Ref fd = dataclass_fields(vm, a.v[0]);
  if (!fd) return vm.raise(vm.rt.TypeError, "must be called with a dataclass type or instance");
  std::vector<Ref> out;
  for (auto& e : fd.as<DictObj>()->entries) if (e.key) out.push_back(e.value);
  return vm.rt.make_tuple(std::move(out));
}
Ref f_is_dataclass(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "is_dataclass() takes exactly one argument");
  return vm.rt.make_bool(bool(dataclass_fields(vm, a.v[0])));
}

Ref as_inner(VM& vm, const Ref& o, bool as_dict, int depth) {
  if (depth > 200) return vm.raise(vm.rt.RecursionError, "maximum recursion depth exceeded");
  auto& rt = vm.rt;
  if (o->tag != Tag::Class && dataclass_fields(vm, o) && o->tag == Tag::Instance) {
    Ref fd = dataclass_fields(vm, o);
    Ref d = as_dict ? rt.make_dict() : nullptr;
    std::vector<Ref> items;
    for (auto& e : std::vector<DictEntry>(fd.as<DictObj>()->entries)) {
      if (!e.key) continue;
      Ref v = vm.getattr(o, e.key.as<StrObj>());
      if (!v) return nullptr;
      Ref r = as_inner(vm, v, as_dict, depth + 1);
      if (!r) return nullptr;
      if (as_dict) vm.dict_set(d.as<DictObj>(), e.key, r); else items.push_back(r);
    }
    return as_dict ? d : rt.make_tuple(std::move(items));
  }
  if (o->tag == Tag::List || (o->tag == Tag::Tuple && o->cls == rt.tuple_t)) {
    const auto seq = list_or_tuple_items(o.get());
    std::vector<Ref> src(seq.begin(), seq.end());
    std::vector<Ref> out;
    for (auto& x : src) { Ref r = as_inner(vm, x, as_dict, depth + 1); if (!r) return nullptr; out.push_back(r); }
    if (o->tag == Tag::Tuple) return rt.make_tuple(std::move(out));
    Ref l = rt.make_list();
    l.as<ListObj>()->items = std::move(out);
    return l;
  }
  if (o->tag == Tag::Tuple) {  // namedtuple: rebuild with the same class
    std::vector<Ref> out;
    for (auto& x : std::vector<Ref>(o.as<TupleObj>()->items)) { Ref r = as_inner(vm, x, as_dict, depth + 1); if (!r) return nullptr; out.push_back(r); }
    Ref t = make<TupleObj>(o->cls);
    t.as<TupleObj>()->items = std::move(out);
    return t;
  }
  if (o->tag == Tag::Dict) {
    Ref d = make<DictObj>(o->cls->builtin ? o->cls : rt.dict_t);
    for (auto& e : std::vector<DictEntry>(o.as<DictObj>()->entries)) {
      if (!e.key) continue;
      Ref k = as_inner(vm, e.key, as_dict, depth + 1);
      Ref v = k ? as_inner(vm, e.value, as_dict, depth + 1) : nullptr;
      if (!v || !vm.dict_set(d.as<DictObj>(), k, v)) return nullptr;
    }
    return d;
  }
  return o;  // copy.deepcopy of other values: immutable ones are shared
}
Ref f_asdict(VM& vm, Args& a) {
  if (a.n != 1 || a.v[0]->tag == Tag::Class || !dataclass_fields(vm, a.v[0])) return vm.raise(vm.rt.TypeError, "asdict() should be called on dataclass instances");
  return as_inner(vm, a.v[0], true, 0);
}
Ref f_astuple(VM& vm, Args& a) {
  if (a.n != 1 || a.v[0]->tag == Tag::Class || !dataclass_fields(vm, a.v[0])) return vm.raise(vm.rt.TypeError, "astuple() should be called on dataclass instances");
  return as_inner(vm, a.v[0], false, 0);
}
Ref f_replace(VM& vm, Args& a) {
  if (a.n != 1 || a.v[0]->tag == Tag::Class || !dataclass_fields(vm, a.v[0])) return vm.raise(vm.rt.TypeError, "replace() should be called on dataclass instances");
  Ref fd = dataclass_fields(vm, a.v[0]);
  std::vector<Ref> kn, kv;
  for (int i = 0; i < a.nkw(); ++i) { kn.push_back(a.kwn->items[size_t(i)]); kv.push_back(a.kwv[i]); }
  for (auto& e : std::vector<DictEntry>(fd.as<DictObj>()->entries)) {
    if (!e.key || !(F(e.value)->j & F_INIT)) continue;
    bool given = false;
    for (auto& k : kn) if (k.as<StrObj>()->s == e.key.as<StrObj>()->s) given = true;
    if (given) continue;
    Ref v = vm.getattr(a.v[0], e.key.as<StrObj>());
    if (!v) return nullptr;
    kn.push_back(e.key);
    kv.push_back(v);
  }
  Ref names = vm.rt.make_tuple(kn);
  return vm.call(Ref(a.v[0]->cls), kv.data(), int(kv.size()), names.as<TupleObj>());
}

Ref field_attr(VM& vm, Args& a, int which) {
  if (!is_field(a.v[0])) return vm.raise(vm.rt.TypeError, "descriptor requires a 'Field' object");
  auto* f = F(a.v[0]);
  switch (which) {
    case 0: return f->a;
    case 1: return f->b;
    case 2: return f->c;
    case 3: return f->d;
    case 4: return vm.rt.make_bool(f->j & F_INIT);
    case 5: return vm.rt.make_bool(f->j & F_REPR);
    case 6: return vm.rt.make_bool(f->j & F_COMPARE);
    default: return vm.rt.make_bool(f->j & F_KW_ONLY);
  }
}
Ref fa_name(VM& vm, Args& a) { return field_attr(vm, a, 0); }
Ref fa_type(VM& vm, Args& a) { return field_attr(vm, a, 1); }
Ref fa_default(VM& vm, Args& a) { return field_attr(vm, a, 2); }
Ref fa_factory(VM& vm, Args& a) { return field_attr(vm, a, 3); }
Ref fa_init(VM& vm, Args& a) { return field_attr(vm, a, 4); }
Ref fa_repr(VM& vm, Args& a) { return field_attr(vm, a, 5); }
Ref fa_compare(VM& vm, Args& a) { return field_attr(vm, a, 6); }
Ref fa_kw_only(VM& vm, Args& a) { return field_attr(vm, a, 7); }

}  // namespace

void init_dataclasses_module(VM& vm, const Ref& module) {
  auto& rt = vm.rt;
  DictObj* bd = vm.builtins.as<DictObj>();
  if (!hidden(vm, "__pitfall_dc_field_t")) {
    ClassObj* ft = rt.new_builtin_type("Field", rt.object_t, Tag::Other);
    ft->module = "dataclasses";
    struct { const char* n; BuiltinFn f; } props[] = {{"name", fa_name}, {"type", fa_type}, {"default", fa_default},
        {"default_factory", fa_factory}, {"init", fa_init}, {"repr", fa_repr}, {"compare", fa_compare}, {"kw_only", fa_kw_only}};
    for (auto& p : props) {
      Ref pr = make<PropertyObj>(rt.property_t);
      pr.as<PropertyObj>()->fget = vm.make_builtin(p.n, p.f);
      vm.dict_set(ft->dict.as<DictObj>(), rt.intern(p.n), pr);
    }
    vm.dict_set(bd, rt.intern("__pitfall_dc_field_t"), Ref(ft));
    ClassObj* mt = rt.new_builtin_type("_MISSING_TYPE", rt.object_t, Tag::Instance);
    mt->module = "dataclasses";
    vm.dict_set(bd, rt.intern("__pitfall_dc_missing"), make<InstanceObj>(mt));
    ClassObj* fe = rt.new_exception("FrozenInstanceError", rt.AttributeError);
    fe->module = "dataclasses";
    vm.dict_set(bd, rt.intern("__pitfall_dc_frozen_t"), Ref(fe));
  }
  DictObj* d = module.as<ModuleObj>()->dict.as<DictObj>();
  auto put = [&](const char* name, BuiltinFn fn) { vm.dict_set(d, rt.intern(name), vm.make_builtin(name, fn)); };
  put("dataclass", f_dataclass);
  put("field", f_field);
  put("fields", f_fields);
  put("asdict", f_asdict);
  put("astuple", f_astuple);
  put("replace", f_replace);
  put("is_dataclass", f_is_dataclass);
  vm.dict_set(d, rt.intern("MISSING"), missing(vm));
  vm.dict_set(d, rt.intern("FrozenInstanceError"), hidden(vm, "__pitfall_dc_frozen_t"));
  vm.dict_set(d, rt.intern("Field"), hidden(vm, "__pitfall_dc_field_t"));
}

}  // namespace pitfall::sim
