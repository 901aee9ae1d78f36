// collections.deque and collections.namedtuple (Modules/_collectionsmodule.c,
// Lib/collections/__init__.py).
//
// Notes about the model: a deque is a native object over a double-ended
// buffer (CPython's block list: O(1) at both ends). A namedtuple class is an
// ordinary class deriving from tuple whose instances are tuple objects
// carrying the class: indexing, iteration, hashing and comparison are the
// tuple's; field names are read-only properties reading one item.
#include <algorithm>
#include <cctype>
#include <deque>

#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

constexpr int kDequeKind = 0x44455155;
struct DequeObj : NativeObj {
  std::deque<Ref> items;
  std::int64_t maxlen = -1;
  std::uint64_t mutations = 0;
  explicit DequeObj(ClassObj* c) : NativeObj(c, kDequeKind) {}
};

DequeObj* as_deque(VM& vm, Args& a) {
  if (a.n < 1 || a.v[0]->cls != vm.rt.deque_t) { vm.raise(vm.rt.TypeError, "descriptor requires a 'collections.deque' object"); return nullptr; }
  return static_cast<DequeObj*>(a.v[0].get());
}
#define DQ DequeObj* d = as_deque(vm, a); if (!d) return nullptr

void push_back(DequeObj* d, Ref v) {
  d->items.push_back(std::move(v));
  if (d->maxlen >= 0 && std::int64_t(d->items.size()) > d->maxlen) d->items.pop_front();
  ++d->mutations;
}
void push_front(DequeObj* d, Ref v) {
  d->items.push_front(std::move(v));
  if (d->maxlen >= 0 && std::int64_t(d->items.size()) > d->maxlen) d->items.pop_back();
  ++d->mutations;
}

Ref deque_ctor(VM& vm, Args& a) {
  Ref o = make<DequeObj>(vm.rt.deque_t);
  auto* d = o.as<DequeObj>();
  Ref ml = a.n > 2 ? a.v[2] : a.kw("maxlen");
  if (ml && ml.get() != vm.rt.None.get()) {
    if (!vm.index_value(ml, d->maxlen)) return nullptr;
    if (d->maxlen < 0) return vm.raise(vm.rt.ValueError, "maxlen must be non-negative");
  }
  Ref src = a.n > 1 ? a.v[1] : a.kw("iterable");
  if (src) {
    std::vector<Ref> items;
    if (!vm.to_list(src, items)) return nullptr;
    for (auto& x : items) push_back(d, x);
  }
  return o;
}
Ref dq_append(VM& vm, Args& a) { DQ; if (a.n != 2) return vm.raise(vm.rt.TypeError, "deque.append() takes exactly one argument"); push_back(d, a.v[1]); return vm.rt.None; }
Ref dq_appendleft(VM& vm, Args& a) { DQ; if (a.n != 2) return vm.raise(vm.rt.TypeError, "deque.appendleft() takes exactly one argument"); push_front(d, a.v[1]); return vm.rt.None; }
Ref dq_pop(VM& vm, Args& a) {
  DQ;
  if (d->items.empty()) return vm.raise(vm.rt.IndexError, "pop from an empty deque");
  Ref v = d->items.back();
  d->items.pop_back();
  ++d->mutations;
  return v;
}
Ref dq_popleft(VM& vm, Args& a) {
  DQ;
  if (d->items.empty()) return vm.raise(vm.rt.IndexError, "pop from an empty deque");
  Ref v = d->items.front();
  d->items.pop_front();
  ++d->mutations;
  return v;
}
Ref dq_extend(VM& vm, Args& a) {
  DQ;
  std::vector<Ref> items;
  if (a.n != 2 || !vm.to_list(a.v[1], items)) return a.n != 2 ? vm.raise(vm.rt.TypeError, "deque.extend() takes exactly one argument") : nullptr;
  for (auto& x : items) push_back(d, x);
  return vm.rt.None;
}
Ref dq_extendleft(VM& vm, Args& a) {
  DQ;
  std::vector<Ref> items;
  if (a.n != 2 || !vm.to_list(a.v[1], items)) return a.n != 2 ? vm.raise(vm.rt.TypeError, "deque.extendleft() takes exactly one argument") : nullptr;
  for (auto& x : items) push_front(d, x);
  return vm.rt.None;
}
Ref dq_clear(VM& vm, Args& a) { DQ; d->items.clear(); ++d->mutations; return vm.rt.None; }
Ref dq_rotate(VM& vm, Args& a) {
  DQ;
  std::int64_t n = 1;
  if (a.n > 1 && !vm.index_value(a.v[1], n)) return nullptr;
  std::int64_t len = std::int64_t(d->items.size());
  if (len <= 1) return vm.rt.None;
  n %= len;
  if (n < 0) n += len;
  for (std::int64_t i = 0; i < n; ++i) { d->items.push_front(d->items.back()); d->items.pop_back(); }
  ++d->mutations;
  return vm.rt.None;
}
Ref dq_len(VM& vm, Args& a) { DQ; return vm.rt.make_int(std::int64_t(d->items.size())); }
Ref dq_count(VM& vm, Args& a) {
  DQ;
  std::vector<Ref> items(d->items.begin(), d->items.end());
  std::int64_t c = 0;
  for (auto& x : items) { int e = vm.eq(x, a.v[1]); if (e < 0) return nullptr; c += e; }
  return vm.rt.make_int(c);
}
// deque.index(x[, start[, stop]]): the bounds as list.index takes them
Ref dq_index(VM& vm, Args& a) {
  DQ;
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "index expected at least 1 argument, got 0");
  std::vector<Ref> items(d->items.begin(), d->items.end());
  const std::int64_t len = std::int64_t(items.size());
  std::int64_t lo = 0, hi = len;
  for (int k = 0; k < 2 && a.n > 2 + k; ++k) {
    std::int64_t x;
    if (!vm.index_value(a.v[2 + k], x)) return nullptr;
    if (x < 0) { x += len; if (x < 0) x = 0; }
    (k == 0 ? lo : hi) = x;
  }
  for (std::int64_t i = lo; i < hi && i < len; ++i) {
    int e = vm.eq(items[size_t(i)], a.v[1]);
    if (e < 0) return nullptr;
    if (e) return vm.rt.make_int(i);
  }
  std::string rep;
  if (!vm.repr_to(a.v[1], rep)) return nullptr;
  return vm.raise(vm.rt.ValueError, rep + " is not in deque");
}
Ref dq_remove(VM& vm, Args& a) {
  DQ;
  for (size_t i = 0; i < d->items.size(); ++i) {
    int e = vm.eq(d->items[i], a.v[1]);
    if (e < 0) return nullptr;
    if (e) { d->items.erase(d->items.begin() + std::ptrdiff_t(i)); ++d->mutations; return vm.rt.None; }
  }
  return vm.raise(vm.rt.ValueError, "deque.remove(x): x not in deque");
}
Ref dq_getitem(VM& vm, Args& a) {
  DQ;
  std::int64_t i;
  if (!vm.index_value(a.v[1], i)) return nullptr;
  std::int64_t n = std::int64_t(d->items.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) return vm.raise(vm.rt.IndexError, "deque index out of range");
  return d->items[size_t(i)];
}
Ref dq_setitem(VM& vm, Args& a) {
  DQ;
  std::int64_t i;
  if (!vm.index_value(a.v[1], i)) return nullptr;
  std::int64_t n = std::int64_t(d->items.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) return vm.raise(vm.rt.IndexError, "deque assignment index out of range");
  d->items[size_t(i)] = a.v[2];
  return vm.rt.None;
}
Ref dq_contains(VM& vm, Args& a) {
  DQ;
  std::vector<Ref> items(d->items.begin(), d->items.end());
  for (auto& x : items) { int e = vm.eq(x, a.v[1]); if (e < 0) return nullptr; if (e) return vm.rt.True; }
  return vm.rt.False;
}
Ref dq_next(VM& vm, IterObj* it) {
  auto* d = static_cast<DequeObj*>(it->a.get());
  if (std::uint64_t(it->n) != d->mutations) return vm.raise(vm.rt.RuntimeError, "deque mutated during iteration");
  if (it->i >= std::int64_t(d->items.size())) return nullptr;
  return d->items[size_t(it->i++)];
}
Ref dq_iter(VM& vm, Args& a) {
  DQ;
  Ref it = make<IterObj>(vm.rt.iterator_t, dq_next);
  it.as<IterObj>()->a = a.v[0];
  it.as<IterObj>()->n = std::int64_t(d->mutations);
  it.as<IterObj>()->type_name = "_collections._deque_iterator";
  return it;
}
Ref dq_repr(VM& vm, Args& a) {
  DQ;
  std::string out = "deque([";
  std::vector<Ref> items(d->items.begin(), d->items.end());
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    if (items[i].get() == d) { out += "[...]"; continue; }
    if (!vm.repr_to(items[i], out)) return nullptr;
  }
  out += "]";
  if (d->maxlen >= 0) out += ", maxlen=" + std::to_string(d->maxlen);
  out += ")";
  return vm.rt.make_str(out);
}
Ref dq_maxlen(VM& vm, Args& a) { DQ; return d->maxlen < 0 ? vm.rt.None : vm.rt.make_int(d->maxlen); }
Ref dq_eq(VM& vm, Args& a) {
  DQ;
  if (a.v[1]->cls != vm.rt.deque_t) return vm.rt.NotImplemented;
  auto* e = static_cast<DequeObj*>(a.v[1].get());
  if (d->items.size() != e->items.size()) return vm.rt.False;
  for (size_t i = 0; i < d->items.size(); ++i) { int r = vm.eq(d->items[i], e->items[i]); if (r < 0) return nullptr; if (!r) return vm.rt.False; }
  return vm.rt.True;
}

// ---- namedtuple ----
Ref nt_field(VM& vm, Args& a) {
  std::int64_t i = a.self->idata;
  if (a.n < 1 || a.v[0]->tag != Tag::Tuple) return vm.raise(vm.rt.TypeError, "descriptor for a namedtuple field applied to a non-tuple");
  auto& items = a.v[0].as<TupleObj>()->items;
  if (i >= std::int64_t(items.size())) return vm.raise(vm.rt.IndexError, "tuple index out of range");
  return items[size_t(i)];
}

bool nt_fields(VM& vm, ClassObj* cls, std::vector<Ref>& names, Ref& defaults) {
  Ref f = vm.lookup_type(cls, vm.rt.intern("_fields").as<StrObj>());
  if (!f || f->tag != Tag::Tuple) { vm.raise(vm.rt.TypeError, "not a namedtuple class"); return false; }
  names = f.as<TupleObj>()->items;
  defaults = vm.lookup_type(cls, vm.rt.intern("_field_defaults").as<StrObj>());
  return true;
}

// __new_native__ of tuple subclasses built by namedtuple: binds the arguments to the fields
Ref nt_new(VM& vm, Args& a) {
  ClassObj* cls = a.v[0].as<ClassObj>();
  std::vector<Ref> names;
  Ref defaults;
  if (!nt_fields(vm, cls, names, defaults)) return nullptr;
  size_t nf = names.size();
  std::vector<Ref> vals(nf);
  int npos = a.n - 1;
  if (size_t(npos) > nf)
    return vm.raise(vm.rt.TypeError, cls->name + ".__new__() takes " + std::to_string(nf + 1) + " positional arguments but " + std::to_string(npos + 1) + " were given");
  for (int i = 0; i < npos; ++i) vals[size_t(i)] = a.v[1 + i];
  for (int k = 0; k < a.nkw(); ++k) {
    StrObj* kn = a.kwn->items[size_t(k)].as<StrObj>();
    size_t j = 0;
    for (; j < nf; ++j) if (names[j].as<StrObj>()->s == kn->s) break;
    if (j == nf) return vm.raise(vm.rt.TypeError, cls->name + ".__new__() got an unexpected keyword argument '" + kn->s + "'");
    if (vals[j]) return vm.raise(vm.rt.TypeError, cls->name + ".__new__() got multiple values for argument '" + kn->s + "'");
    vals[j] = a.kwv[k];
  }
  std::vector<std::string> missing;
  for (size_t j = 0; j < nf; ++j) {
    if (vals[j]) continue;
    Ref dv = defaults && defaults->tag == Tag::Dict ? vm.dict_get(defaults.as<DictObj>(), names[j]) : nullptr;
    if (dv) vals[j] = dv;
    else missing.push_back("'" + names[j].as<StrObj>()->s + "'");
  }
  if (!missing.empty()) {
    std::string list;
    for (size_t i = 0; i < missing.size(); ++i) {
      if (i) list += missing.size() == 2 ? " and " : (i + 1 == missing.size() ? ", and " : ", ");
      list += missing[i];
    }
    return vm.raise(vm.rt.TypeError, cls->name + ".__new__() missing " + std::to_string(missing.size()) + " required positional argument" + (missing.size() > 1 ? "s" : "") + ": " + list);
  }
  Ref t = make<TupleObj>(cls);
  t.as<TupleObj>()->items = std::move(vals);
  return t;
}
Ref nt_init(VM& vm, Args&) { return vm.rt.None; }
Ref nt_repr(VM& vm, Args& a) {
  Ref self = a.v[0];
  std::vector<Ref> names;
  Ref defaults;
  if (!nt_fields(vm, self->cls, names, defaults)) return nullptr;
  auto items = self.as<TupleObj>()->items;
  std::string out = self->cls->name + "(";
  for (size_t i = 0; i < items.size() && i < names.size(); ++i) {
    if (i) out += ", ";
    out += names[i].as<StrObj>()->s + "=";
    if (!vm.repr_to(items[i], out)) return nullptr;
  }
  out += ")";
  return vm.rt.make_str(out);
}
Ref nt_asdict(VM& vm, Args& a) {
  std::vector<Ref> names;
  Ref defaults;
  if (!nt_fields(vm, a.v[0]->cls, names, defaults)) return nullptr;
  Ref d = vm.rt.make_dict();
  auto& items = a.v[0].as<TupleObj>()->items;
  for (size_t i = 0; i < items.size() && i < names.size(); ++i) vm.dict_set(d.as<DictObj>(), names[i], items[i]);
  return d;
}
Ref nt_replace(VM& vm, Args& a) {
  std::vector<Ref> names;
  Ref defaults;
  if (!nt_fields(vm, a.v[0]->cls, names, defaults)) return nullptr;
  std::vector<Ref> vals = a.v[0].as<TupleObj>()->items;
  for (int k = 0; k < a.nkw(); ++k) {
    StrObj* kn = a.kwn->items[size_t(k)].as<StrObj>();
    size_t j = 0;
    for (; j < names.size(); ++j) if (names[j].as<StrObj>()->s == kn->s) break;
    if (j == names.size()) return vm.raise(vm.rt.ValueError, "Got unexpected field names: ['" + kn->s + "']");
    vals[j] = a.kwv[k];
  }
  Ref t = make<TupleObj>(a.v[0]->cls);
  t.as<TupleObj>()->items = std::move(vals);
  return t;
}
Ref nt_make(VM& vm, Args& a) {
  // classmethod: v[0] is the class
  std::vector<Ref> items;
  if (a.n < 2 || !vm.to_list(a.v[1], items)) return a.n < 2 ? vm.raise(vm.rt.TypeError, "_make() missing 1 required positional argument: 'iterable'") : nullptr;
  ClassObj* cls = a.v[0].as<ClassObj>();
  std::vector<Ref> names;
  Ref defaults;
  if (!nt_fields(vm, cls, names, defaults)) return nullptr;
  if (items.size() != names.size()) return vm.raise(vm.rt.TypeError, "Expected " + std::to_string(names.size()) + " arguments, got " + std::to_string(items.size()));
  Ref t = make<TupleObj>(cls);
  t.as<TupleObj>()->items = std::move(items);
  return t;
}

bool valid_identifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_' || static_cast<unsigned char>(s[0]) >= 0x80)) return false;
  for (unsigned char c : s) if (!(std::isalnum(c) || c == '_' || c >= 0x80)) return false;
  return true;
}

Ref f_namedtuple(VM& vm, Args& a) {
  auto& rt = vm.rt;
  if (a.n < 2) return vm.raise(rt.TypeError, "namedtuple() missing required argument 'field_names'");
  if (a.v[0]->tag != Tag::Str) return vm.raise(rt.TypeError, "Type names and field names must be strings");
  std::string tname = a.v[0].as<StrObj>()->s;
  std::vector<Ref> fields;
  if (a.v[1]->tag == Tag::Str) {
    std::string s = a.v[1].as<StrObj>()->s, cur;
    for (char& c : s) if (c == ',') c = ' ';
    for (char c : s + " ") {
      if (c == ' ' || c == '\t' || c == '\n') { if (!cur.empty()) fields.push_back(rt.intern(cur)); cur.clear(); }
      else cur += c;
    }
  } else {
    std::vector<Ref> raw;
    if (!vm.to_list(a.v[1], raw)) return nullptr;
    for (auto& f : raw) {
      Ref s = vm.str(f);
      if (!s) return nullptr;
      fields.push_back(rt.intern(s.as<StrObj>()->s));
    }
  }
  Ref rn = a.kw("rename");
  bool rename = rn && vm.truthy(rn) > 0;
  std::vector<std::string> seen;
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string f = fields[i].as<StrObj>()->s;
    bool bad = !valid_identifier(f) || f[0] == '_' || std::find(seen.begin(), seen.end(), f) != seen.end();
    if (bad && rename) { f = "_" + std::to_string(i); fields[i] = rt.intern(f); bad = false; }
    if (bad) {
      if (!valid_identifier(f)) return vm.raise(rt.ValueError, "Type names and field names must be valid identifiers: '" + f + "'");
      if (f[0] == '_') return vm.raise(rt.ValueError, "Field names cannot start with an underscore: '" + f + "'");
      return vm.raise(rt.ValueError, "Encountered duplicate field name: '" + f + "'");
    }
    seen.push_back(f);
  }
  if (!valid_identifier(tname)) return vm.raise(rt.ValueError, "Type names and field names must be valid identifiers: '" + tname + "'");
  Ref cls_ref = make<ClassObj>(rt.type_t, tname);
  ClassObj* cls = cls_ref.as<ClassObj>();
  Ref mod = a.kw("module");
  cls->module = mod && mod->tag == Tag::Str ? mod.as<StrObj>()->s : "__main__";
  cls->bases.push_back(Ref(rt.tuple_t));
  cls->mro.push_back(cls);
  for (ClassObj* m : rt.tuple_t->mro) cls->mro.push_back(m);
  cls->instance_tag = Tag::Tuple;
  cls->has_slots_only = true;  // the generated class has __slots__ = (): no instance __dict__
  cls->dict = rt.make_dict();
  DictObj* d = cls->dict.as<DictObj>();
  auto put = [&](const char* n, Ref v) { vm.dict_set(d, rt.intern(n), std::move(v)); };
  auto method = [&](const char* n, BuiltinFn fn) {
    Ref b = vm.make_builtin(n, fn);
    b.as<BuiltinObj>()->is_method = true;
    put(n, b);
  };
  put("__module__", rt.make_str(cls->module));
  put("__slots__", rt.make_tuple({}));
  put("_fields", rt.make_tuple(fields));
  Ref fd = rt.make_dict();
  Ref defaults = a.kw("defaults");
  if (defaults && defaults.get() != rt.None.get()) {
    std::vector<Ref> dv;
    if (!vm.to_list(defaults, dv)) return nullptr;
    if (dv.size() > fields.size()) return vm.raise(rt.TypeError, "Got more default values than field names");
    for (size_t i = 0; i < dv.size(); ++i) vm.dict_set(fd.as<DictObj>(), fields[fields.size() - dv.size() + i], dv[i]);
  }
  put("_field_defaults", fd);
  put("__new_native__", vm.make_builtin("__new__", nt_new));
  put("__new__", vm.make_builtin("__new__", nt_new));  // super().__new__(cls, x, y) in a subclass
  method("__init__", nt_init);
  method("__repr__", nt_repr);
  method("_asdict", nt_asdict);
  method("_replace", nt_replace);
  put("_make", make<WrapperObj>(rt.classmethod_t, Tag::ClassMethod, vm.make_builtin("_make", nt_make)));
  for (size_t i = 0; i < fields.size(); ++i) {
    Ref p = make<PropertyObj>(rt.property_t);
    Ref getter = vm.make_builtin("_tuplegetter", nt_field);
    getter.as<BuiltinObj>()->idata = std::int64_t(i);
    p.as<PropertyObj>()->fget = getter;
    vm.dict_set(d, fields[i], p);
  }
  return cls_ref;
}

}  // namespace

std::int64_t deque_size(const Obj* o) { return std::int64_t(static_cast<const DequeObj*>(o)->items.size()); }

extern const char* const kCollectionsPy;                                       // collections_py.cpp
Ref run_python_module(VM& vm, const std::string& name, const char* source);  // threading_module.cpp

// Counter's arithmetic and comparisons, OrderedDict's reordering and ChainMap:
// Python source (collections_py.cpp) whose functions become methods of the
// built-in classes. False with an exception set when the source fails.
static bool install_collections_py(VM& vm, DictObj* module_dict) {
  auto& rt = vm.rt;
  Ref m = run_python_module(vm, "_pitfall_collections", kCollectionsPy);
  if (!m) return false;
  DictObj* src = m.as<ModuleObj>()->dict.as<DictObj>();
  vm.dict_set(src, rt.intern("Counter"), Ref(rt.counter_t));
  auto copy = [&](ClassObj* cls, std::initializer_list<const char*> names) {
    for (const char* n : names) {
      Ref f = vm.dict_get_str(src, rt.intern(n).as<StrObj>());
      if (f) vm.dict_set(cls->dict.as<DictObj>(), rt.intern(n), f);
    }
  };
  copy(rt.counter_t, {"__add__", "__sub__", "__or__", "__and__", "__pos__", "__neg__", "__iadd__", "__isub__", "__ior__",
                      "__iand__", "__eq__", "__ne__", "__le__", "__lt__", "__ge__", "__gt__", "elements", "subtract",
                      "total"});
  copy(rt.ordereddict_t, {"move_to_end", "popitem"});
  Ref cm = vm.dict_get_str(src, rt.intern("ChainMap").as<StrObj>());
  if (cm && cm->tag == Tag::Class) {
    cm.as<ClassObj>()->module = "collections";
    vm.dict_set(module_dict, rt.intern("ChainMap"), cm);
  }
  return true;
}

void init_collections_more(VM& vm, const Ref& module) {
  auto& rt = vm.rt;
  ClassObj* t = rt.deque_t;
  DictObj* td = t->dict.as<DictObj>();
  if (!vm.dict_get_str(td, rt.intern("popleft").as<StrObj>())) {
    vm.dict_set(td, rt.intern("__call_type__"), vm.make_builtin("deque", deque_ctor));
    struct { const char* n; BuiltinFn f; } ms[] = {
        {"append", dq_append}, {"appendleft", dq_appendleft}, {"pop", dq_pop}, {"popleft", dq_popleft},
        {"extend", dq_extend}, {"extendleft", dq_extendleft}, {"clear", dq_clear}, {"rotate", dq_rotate},
        {"count", dq_count}, {"index", dq_index}, {"remove", dq_remove}, {"__len__", dq_len}, {"__getitem__", dq_getitem},
        {"__setitem__", dq_setitem}, {"__contains__", dq_contains}, {"__iter__", dq_iter}, {"__repr__", dq_repr},
        {"__eq__", dq_eq},
    };
    for (auto& m : ms) vm.add_method(t, m.n, m.f);
    Ref p = make<PropertyObj>(rt.property_t);
    p.as<PropertyObj>()->fget = vm.make_builtin("maxlen", dq_maxlen);
    vm.dict_set(td, rt.intern("maxlen"), p);
  }
  DictObj* d = module.as<ModuleObj>()->dict.as<DictObj>();
  vm.dict_set(d, rt.intern("deque"), Ref(t));
  vm.dict_set(d, rt.intern("namedtuple"), vm.make_builtin("namedtuple", f_namedtuple));
  install_collections_py(vm, d);
}

}  // namespace pitfall::sim
