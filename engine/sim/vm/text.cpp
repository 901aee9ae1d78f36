// repr/str/format of objects and iteration (iter/next). The exact texts come
// from pylib: float repr (shortest round-trip digits, Objects/floatobject.c),
// str repr (Objects/unicodeobject.c unicode_repr), and format() with the full
// spec mini-language (Python/formatter_unicode.c).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "sim/pylib/format.h"
#include "sim/vm/int_ops.h"
#include "sim/vm/measured_rows.h"
#include "sim/vm/vm.h"
#include "sim/vm/weakref_proxy.h"

#include <algorithm>

#include "sim/vm/dict_iter.h"

namespace pitfall::sim {

bool itertools_repr(VM& vm, const IterObj* it, std::string& out);  // modules/itertools_module.cpp

namespace {
StrObj* S(VM& vm, const char* s) { return vm.rt.intern(s).as<StrObj>(); }
}

std::string int_str(std::int64_t v) { return std::to_string(v); }

std::string float_repr(double v) { return pylib::float_repr(v); }

static std::string str_repr(const std::string& s) { return pylib::str_repr(s); }

static std::string bytes_repr(const std::string& s) {
  bool has_single = s.find('\'') != std::string::npos, has_double = s.find('"') != std::string::npos;
  char q = has_single && !has_double ? '"' : '\'';
  std::string out = "b";
  out += q;
  for (unsigned char c : s) {
    if (c == q || c == '\\') { out += '\\'; out += char(c); }
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c >= 0x7f) { char b[8]; std::snprintf(b, sizeof b, "\\x%02x", c); out += b; }
    else out += char(c);
  }
  out += q;
  return out;
}

// A subclass of a built-in type without a __repr__ of its own prints like its base.
std::string module_repr(const VM& vm, const ModuleObj* m);      // module_repr.cpp
bool method_descriptor_repr(const BuiltinObj* b, std::string& out);  // method_self_check.cpp

// (a built-in type's own __repr__, list.__repr__ or Counter.__repr__, is native_type_repr below,
// possibly behind the self check of method_self_check.cpp)
Ref native_type_repr(VM& vm, Args& a);
static bool is_native_type_repr(const Ref& m) {
  if (!m || m->tag != Tag::Builtin) return false;
  const auto* b = m.as<BuiltinObj>();
  if (b->fn == native_type_repr) return true;
  return b->data && b->data->tag == Tag::Builtin && b->data.as<BuiltinObj>()->fn == native_type_repr;
}
static bool builtin_repr(VM& vm, ClassObj* c) {
  if (c->builtin) return true;
  Ref m = vm.lookup_type(c, vm.rt.intern("__repr__").as<StrObj>());
  return !m || (m->tag == Tag::Builtin && std::strcmp(m.as<BuiltinObj>()->name, "object.__repr__") == 0) || is_native_type_repr(m);
}

// The object whose next repr is its built-in type's own, whatever its class
// defines: `list.__repr__(self)` / `super().__repr__()` in a subclass's __repr__.
static const Obj* g_native_repr = nullptr;
static bool g_native_as_dict = false;  // dict.__repr__ of a Counter / OrderedDict / defaultdict: the plain dict form

// list.__repr__, dict.__repr__, ... of the built-in types whose repr the VM
// writes itself (modules/type_methods_more.cpp registers it).
Ref native_type_repr(VM& vm, Args& a) {
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "expected 0 arguments, got " + std::to_string(a.n > 0 ? a.n - 1 : 0));
  const Obj* saved = g_native_repr;
  const bool saved_dict = g_native_as_dict;
  g_native_repr = a.v[0].get();
  g_native_as_dict = a.self && a.self->name && std::strcmp(a.self->name, "dict.__repr__") == 0;
  Ref r = vm.repr(a.v[0]);
  g_native_repr = saved;
  g_native_as_dict = saved_dict;
  return r;
}

// Counter.__repr__ prints dict(self.most_common()): a stable sort on the count,
// descending. Counts that are not plain ints/floats keep insertion order (the
// TypeError fallback of Lib/collections/__init__.py, approximated).
static void sort_counter_entries(std::vector<DictEntry>& es) {
  auto num = [](const Ref& v, double& out) {
    if (v->tag == Tag::Int) { out = double(static_cast<IntObj*>(v.get())->v); return true; }
    if (v->tag == Tag::Float) { out = static_cast<FloatObj*>(v.get())->v; return true; }
    return false;
  };
  double t;
  for (auto& e : es)
    if (e.key && !num(e.value, t)) return;
  std::stable_sort(es.begin(), es.end(), [&](const DictEntry& p, const DictEntry& q) {
    if (!p.key || !q.key) return bool(p.key) && !q.key;
    double x, y;
    num(p.value, x);
    num(q.value, y);
    return x > y;
  });
}

bool VM::repr_to(const Ref& a, std::string& out) {
  Obj* o = a.get();
  const bool native = o == g_native_repr;  // native_type_repr: the type's own repr, once
  const bool as_dict = native && g_native_as_dict;
  if (native) { g_native_repr = nullptr; g_native_as_dict = false; }
  switch (o->tag) {
    case Tag::Int:
      if (o->cls == rt.bool_t) { out += static_cast<IntObj*>(o)->v ? "True" : "False"; return true; }
      if (o->cls == rt.int_t || (native || builtin_repr(*this, o->cls))) { out += int_str(static_cast<IntObj*>(o)->v); return true; }
      break;
    case Tag::BigInt: if (o->cls == rt.int_t || (native || builtin_repr(*this, o->cls))) return int_to_decimal(*this, o, out); break;
    case Tag::Float: if (o->cls == rt.float_t || (native || builtin_repr(*this, o->cls))) { out += float_repr(static_cast<FloatObj*>(o)->v); return true; } break;
    case Tag::Str: if (o->cls == rt.str_t || (native || builtin_repr(*this, o->cls))) { out += str_repr(static_cast<StrObj*>(o)->s); return true; } break;
    case Tag::Bytes: out += bytes_repr(static_cast<BytesObj*>(o)->s); return true;
    case Tag::None: out += "None"; return true;
    case Tag::List: case Tag::Tuple: {
      if (o->cls != rt.list_t && o->cls != rt.tuple_t && !(native || builtin_repr(*this, o->cls))) break;
      bool list = o->tag == Tag::List;
      const auto seq = list_or_tuple_items(o);
      std::vector<Ref> items(seq.begin(), seq.end());
      if (nested > 100) { raise(rt.RecursionError, "maximum recursion depth exceeded while getting the repr of an object"); return false; }
      out += list ? '[' : '(';
      for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        if (items[i].get() == o) { out += list ? "[...]" : "(...)"; continue; }
        if (!repr_to(items[i], out)) return false;
      }
      if (!list && items.size() == 1) out += ',';
      out += list ? ']' : ')';
      return true;
    }
    case Tag::Dict: {
      if (!(native || builtin_repr(*this, o->cls))) break;
      DictObj* d = static_cast<DictObj*>(o);
      std::vector<DictEntry> es = d->entries;
      ClassObj* shown = o->cls;  // Counter(...), defaultdict(...); plain subclasses print as dict
      while (!shown->builtin && shown->mro.size() > 1) shown = shown->mro[1];
      if (as_dict) shown = rt.dict_t;
      bool wrap = shown != rt.dict_t;
      if (wrap) {
        out += o->cls->name + "(";
        if (o->cls == rt.defaultdict_t) {
          if (d->default_factory) { if (!repr_to(d->default_factory, out)) return false; } else out += "None";
          out += ", ";
        }
        if (o->cls == rt.counter_t && d->used == 0) { out += ")"; return true; }
        // Counter's repr lists most_common() order: counts descending, ties in insertion order
        if (o->cls == rt.counter_t) sort_counter_entries(es);
        // 3.11's OrderedDict repr is a list of pairs; 3.12 made it the dict form (Lib/collections/__init__.py)
        if (o->cls == rt.ordereddict_t && python_minor() < 12) {
          if (d->used == 0) { out += ")"; return true; }
          out += '[';
          bool first_pair = true;
          for (auto& e : es) {
            if (!e.key) continue;
            if (!first_pair) out += ", ";
            first_pair = false;
            out += '(';
            if (!repr_to(e.key, out)) return false;
            out += ", ";
            if (!repr_to(e.value, out)) return false;
            out += ')';
          }
          out += "])";
          return true;
        }
      }
      out += '{';
      bool first = true;
      for (auto& e : es) {
        if (!e.key) continue;
        if (!first) out += ", ";
        first = false;
        if (!repr_to(e.key, out)) return false;
        out += ": ";
        if (e.value.get() == o) out += "{...}";
        else if (!repr_to(e.value, out)) return false;
      }
      out += '}';
      if (wrap) out += ')';
      return true;
    }
    case Tag::Set: case Tag::FrozenSet: {
      DictObj* d = static_cast<DictObj*>(o);
      bool fz = o->tag == Tag::FrozenSet;
      // subclasses print their own name around the braces (Objects/setobject.c set_repr)
      bool sub = o->cls != rt.set_t && o->cls != rt.frozenset_t;
      if (sub) {
        if (!(native || builtin_repr(*this, o->cls))) break;
        out += o->cls->name + "(";
        if (d->used == 0) { out += ")"; return true; }
        fz = true;  // closes with ')'
      } else if (d->used == 0) { out += fz ? "frozenset()" : "set()"; return true; }
      else if (fz) out += "frozenset(";
      out += '{';
      bool first = true;
      std::vector<DictEntry> es = d->entries;
      for (auto& e : es) {
        if (!e.key) continue;
        if (!first) out += ", ";
        first = false;
        if (!repr_to(e.key, out)) return false;
      }
      out += '}';
      if (fz) out += ')';
      return true;
    }
    case Tag::Range: {
      auto* r = static_cast<RangeObj*>(o);
      out += "range(" + int_str(r->start) + ", " + int_str(r->stop);
      if (r->step != 1) out += ", " + int_str(r->step);
      out += ")";
      return true;
    }
    case Tag::Slice: {
      auto* s = static_cast<SliceObj*>(o);
      out += "slice(";
      if (!repr_to(s->start, out)) return false;
      out += ", ";
      if (!repr_to(s->stop, out)) return false;
      out += ", ";
      if (!repr_to(s->step, out)) return false;
      out += ")";
      return true;
    }
    case Tag::Func: out += "<function " + o->cls->name.substr(0, 0) + static_cast<FuncObj*>(o)->qualname.as<StrObj>()->s + " at 0x7f0000000000>"; return true;
    case Tag::Builtin: {
      auto* b = static_cast<BuiltinObj*>(o);
      if (method_descriptor_repr(b, out)) return true;  // list.append: <method 'append' of 'list' objects>
      out += std::string("<built-in function ") + b->name + ">";
      return true;
    }
    case Tag::BoundMethod: {
      auto* bm = static_cast<BoundMethodObj*>(o);
      if (bm->func->tag == Tag::Builtin && bm->self) {  // meth_repr: <built-in method append of list object at 0x...>
        std::string n = bm->func.as<BuiltinObj>()->name;
        if (const auto dot = n.rfind('.'); dot != std::string::npos) n = n.substr(dot + 1);
        char addr[32];
        std::snprintf(addr, sizeof addr, " object at 0x%llx>", static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(bm->self.get())));
        out += "<built-in method " + n + " of " + bm->self->cls->name + addr;
        return true;
      }
      std::string fname = bm->func->tag == Tag::Func ? bm->func.as<FuncObj>()->qualname.as<StrObj>()->s : bm->func->tag == Tag::Builtin ? bm->func.as<BuiltinObj>()->name : "?";
      out += "<bound method " + fname + " of ";
      if (!repr_to(bm->self, out)) return false;
      out += ">";
      return true;
    }
    case Tag::Class: {
      ClassObj* c = static_cast<ClassObj*>(o);
      if (c->cls != rt.type_t && !builtin_repr(*this, c->cls)) break;  // a metaclass's __repr__
      out += "<class '" + (c->module == "builtins" ? c->name : c->module + "." + c->name) + "'>";
      return true;
    }
    case Tag::Module: out += module_repr(*this, static_cast<ModuleObj*>(o)); return true;
    case Tag::Generator: {
      auto* g = static_cast<GenObj*>(o);
      out += std::string(g->coroutine ? "<coroutine object " : g->async_gen ? "<async_generator object " : "<generator object ") + g->qualname.as<StrObj>()->s + " at 0x7f0000000000>";
      return true;
    }
    case Tag::Exception: {
      Ref m = lookup_type(o->cls, S(*this, "__repr__"));
      if (m && m->tag == Tag::Func) break;
      auto* e = static_cast<ExceptionObj*>(o);
      out += o->cls->name + "(";
      if (e->args) {
        auto& items = e->args.as<TupleObj>()->items;
        for (size_t i = 0; i < items.size(); ++i) {
          if (i) out += ", ";
          if (!repr_to(items[i], out)) return false;
        }
      }
      out += ")";
      return true;
    }
    default: break;
  }
  if (o == rt.Ellipsis.get()) { out += "Ellipsis"; return true; }
  if (o == rt.NotImplemented.get()) { out += "NotImplemented"; return true; }
  Ref m = lookup_type(o->cls, S(*this, "__repr__"));
  if (m && m->tag != Tag::Builtin) {
    Ref r = call1(m, a);
    if (!r) return false;
    if (r->tag != Tag::Str) { raise(rt.TypeError, "__repr__ returned non-string (type " + type_name(r) + ")"); return false; }
    out += r.as<StrObj>()->s;
    return true;
  }
  if (m && m->tag == Tag::Builtin && std::strcmp(m.as<BuiltinObj>()->name, "object.__repr__") != 0) {
    Ref r = call1(m, a);
    if (!r) return false;
    out += r.as<StrObj>()->s;
    return true;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, " object at 0x%llx>", static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(o)));
  if (o->tag == Tag::Iter && o->cls == rt.iterator_t && itertools_repr(*this, static_cast<const IterObj*>(o), out)) return !exc;
  std::string tname = o->cls->module == "builtins" ? o->cls->name : o->cls->module + "." + o->cls->name;
  if (o->tag == Tag::Iter && o->cls == rt.iterator_t) {  // the built-in iterator's own type name (list_iterator, zip, ...)
    const char* n = static_cast<const IterObj*>(o)->type_name;
    if (std::strcmp(n, "generator") != 0 && std::strcmp(n, "coroutine") != 0 && std::strcmp(n, "Future") != 0) tname = n;
  }
  out += "<" + tname + buf;
  return true;
}

bool VM::str_to(const Ref& a, std::string& out) {
  Obj* o = a.get();
  if (o->tag == Tag::Str && o->cls == rt.str_t) { out += static_cast<StrObj*>(o)->s; return true; }
  if (o->tag == Tag::Other && is_proxy(o)) {  // proxy_str
    Ref t = a;
    return proxy_unwrap(*this, t) && str_to(t, out);
  }
  if (o->cls->builtin && o->tag != Tag::Exception) return repr_to(a, out);
  Ref m = lookup_type(o->cls, S(*this, "__str__"));
  if (o->tag == Tag::Str && (!m || m->tag != Tag::Func)) { out += static_cast<StrObj*>(o)->s; return true; }
  if (m && m->tag == Tag::Func) {
    Ref r = call1(m, a);
    if (!r) return false;
    if (r->tag != Tag::Str) { raise(rt.TypeError, "__str__ returned non-string (type " + type_name(r) + ")"); return false; }
    out += r.as<StrObj>()->s;
    return true;
  }
  if (o->tag == Tag::Exception) {
    auto* e = static_cast<ExceptionObj*>(o);
    const std::span<const Ref> items = e->args ? list_or_tuple_items(e->args.get()) : std::span<Ref>();
    if (items.empty()) return true;
    // SyntaxError(msg, (filename, lineno, ...)): "msg (filename, line N)" (SyntaxError_str)
    if (items.size() == 2 && is_subclass(o->cls, rt.SyntaxError) && items[1]->tag == Tag::Tuple &&
        items[1].as<TupleObj>()->items.size() >= 2 && items[1].as<TupleObj>()->items[0]->tag == Tag::Str &&
        items[1].as<TupleObj>()->items[1]->tag == Tag::Int) {
      if (!str_to(items[0], out)) return false;
      std::string line;
      if (!str_to(items[1].as<TupleObj>()->items[1], line)) return false;
      out += " (" + items[1].as<TupleObj>()->items[0].as<StrObj>()->s + ", line " + line + ")";
      return true;
    }
    if (items.size() == 1) {
      if (is_subclass(o->cls, rt.KeyError)) return repr_to(items[0], out);
      return str_to(items[0], out);
    }
    return repr_to(e->args, out);
  }
  return repr_to(a, out);
}

Ref VM::repr(const Ref& o) {
  std::string s;
  if (!repr_to(o, s)) return nullptr;
  return rt.make_str(std::move(s));
}
Ref VM::str(const Ref& o) {
  if (o->tag == Tag::Str && o->cls == rt.str_t) return o;
  std::string s;
  if (!str_to(o, s)) return nullptr;
  return rt.make_str(std::move(s));
}

// ---- format(): the spec mini-language is pylib/format.h ----

Ref VM::format(const Ref& o, const std::string& spec) {
  Obj* x = o.get();
  if (!x->cls->builtin) {
    Ref m = lookup_type(x->cls, S(*this, "__format__"));
    if (m && m->tag == Tag::Func) return call2(m, o, rt.make_str(spec));
    if (spec.empty()) return str(o);
    return raise(rt.TypeError, "unsupported format string passed to " + type_name(o) + ".__format__");
  }
  if (spec.empty()) return str(o);
  // parsing the spec and formatting by it (f'{x:.2f}', format(x, '06d')):
  // builtin.format, measured against f'{i}' (tools/calibrate_lib/ratio_costs.py)
  charge(measured_row_ns(*this, "builtin.format", 0));
  // int.__format__ / float.__format__ / str.__format__ (Python/formatter_unicode.c)
  pylib::Result<std::string> r = std::string();
  if (x->tag == Tag::Int) r = pylib::format_int(static_cast<IntObj*>(x)->v, spec);
  else if (x->tag == Tag::BigInt) r = pylib::format_int(static_cast<BigIntObj*>(x)->v, spec);
  else if (x->tag == Tag::Float) r = pylib::format_float(static_cast<FloatObj*>(x)->v, spec);
  else if (x->tag == Tag::Str) r = pylib::format_str(static_cast<StrObj*>(x)->s, spec);
  else goto other;
  if (!r) return raise_pylib(*this, r.error());
  return rt.make_str(std::move(*r));
other:
  Ref s = str(o);
  if (!s) return nullptr;
  return raise(rt.TypeError, "unsupported format string passed to " + type_name(o) + ".__format__");
}

// ---- iteration ----

static Ref list_next(VM&, IterObj* it) {
  auto& items = it->a.as<ListObj>()->items;
  if (it->i < std::int64_t(items.size())) return items[size_t(it->i++)];
  it->a = it->a;  // keep
  return nullptr;
}
static Ref tuple_next(VM&, IterObj* it) {
  auto& items = it->a.as<TupleObj>()->items;
  if (it->i < std::int64_t(items.size())) return items[size_t(it->i++)];
  return nullptr;
}
static Ref range_next(VM& vm, IterObj* it) {
  if (it->n <= 0) return nullptr;
  --it->n;
  std::int64_t v = it->i;
  // wraps past the last item of a range near the int64 limit: that value is never read (n is 0 then)
  it->i = std::int64_t(std::uint64_t(it->i) + std::uint64_t(it->step));
  return vm.rt.make_int(v);
}
static Ref str_next(VM& vm, IterObj* it) {
  const std::string& s = it->a.as<StrObj>()->s;
  if (it->i >= std::int64_t(s.size())) return nullptr;
  size_t start = size_t(it->i), end = start + 1;
  while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) ++end;
  it->i = std::int64_t(end);
  return vm.rt.make_str(s.substr(start, end - start));
}
static Ref bytes_next(VM& vm, IterObj* it) {
  const std::string& s = it->a.as<BytesObj>()->s;
  if (it->i >= std::int64_t(s.size())) return nullptr;
  return vm.rt.make_int(static_cast<unsigned char>(s[size_t(it->i++)]));
}
Ref dict_entries_next(VM& vm, IterObj* it) {
  DictObj* d = it->a.as<DictObj>();
  if (d->used != it->n) {
    it->n = -1000000;
    return vm.raise(vm.rt.RuntimeError, std::string(d->tag == Tag::Dict ? "dictionary" : "Set") + " changed size during iteration");
  }
  while (it->i < std::int64_t(d->entries.size())) {
    DictEntry& e = d->entries[size_t(it->i++)];
    if (!e.key) continue;
    if (it->step == 0) return e.key;
    if (it->step == 1) return e.value;
    return vm.rt.make_tuple({e.key, e.value});
  }
  return nullptr;
}
static Ref gen_next(VM& vm, IterObj* it) {
  Stop how;
  GenObj* g = it->a.as<GenObj>();
  if (g->finished) return nullptr;
  Ref r = vm.gen_send(g, vm.rt.None, how);
  if (!r) return nullptr;
  if (how == Stop::Returned) return nullptr;
  return r;
}
static Ref call_next(VM& vm, IterObj* it) {
  Ref r = vm.call1(it->b, it->a);
  if (!r && vm.matches(vm.exc, vm.rt.StopIteration)) { vm.exc.reset(); return nullptr; }
  return r;
}

Ref VM::iter(const Ref& o) {
  IterNext fn = nullptr;
  const char* tn = "iterator";
  Ref it;
  switch (o->tag) {
    case Tag::List: fn = list_next; tn = "list_iterator"; break;
    case Tag::Tuple: fn = tuple_next; tn = "tuple_iterator"; break;
    case Tag::Str: fn = str_next; tn = "str_ascii_iterator"; break;
    case Tag::Bytes: fn = bytes_next; tn = "bytes_iterator"; break;
    case Tag::Dict: case Tag::Set: case Tag::FrozenSet: {
      if (o->tag == Tag::Dict && !o->cls->builtin) break;
      it = make<IterObj>(rt.iterator_t, dict_entries_next);
      auto* io = it.as<IterObj>();
      io->a = o;
      io->n = o.as<DictObj>()->used;
      io->step = 0;
      io->type_name = o->tag == Tag::Dict ? "dict_keyiterator" : "set_iterator";
      io->kind = ITER_DICT;
      return it;
    }
    case Tag::Range: {
      auto* r = o.as<RangeObj>();
      it = make<IterObj>(rt.iterator_t, range_next);
      auto* io = it.as<IterObj>();
      io->i = r->start;
      io->step = r->step;
      io->n = len(o);
      io->type_name = "range_iterator";
      io->kind = ITER_RANGE;
      io->total = io->n;
      io->t0_ns = clock_ns;
      return it;
    }
    case Tag::Iter: return o;
    case Tag::Generator: {
      if (o.as<GenObj>()->coroutine || o.as<GenObj>()->async_gen) return raise(rt.TypeError, "'" + type_name(o) + "' object is not iterable");
      it = make<IterObj>(rt.iterator_t, gen_next);
      it.as<IterObj>()->a = o;
      it.as<IterObj>()->type_name = "generator";
      it.as<IterObj>()->kind = ITER_GENERATOR;
      return it;
    }
    default: break;
  }
  if (fn) {
    it = make<IterObj>(rt.iterator_t, fn);
    it.as<IterObj>()->a = o;
    it.as<IterObj>()->type_name = tn;
    it.as<IterObj>()->kind = o->tag == Tag::List ? ITER_LIST : o->tag == Tag::Tuple ? ITER_TUPLE : ITER_OTHER;
    it.as<IterObj>()->t0_ns = clock_ns;
    return it;
  }
  Ref m = lookup_type(o->cls, S(*this, "__iter__"));
  if (m) {
    Ref r = call1(m, o);
    if (!r) return nullptr;
    if (r->tag == Tag::Iter || r->tag == Tag::Generator) {
      if (r->tag == Tag::Generator) return iter(r);
      return r;
    }
    Ref nx = lookup_type(r->cls, S(*this, "__next__"));
    if (!nx) return raise(rt.TypeError, "iter() returned non-iterator of type '" + type_name(r) + "'");
    it = make<IterObj>(rt.iterator_t, call_next);
    it.as<IterObj>()->a = r;
    it.as<IterObj>()->b = nx;
    return it;
  }
  Ref gi = lookup_type(o->cls, S(*this, "__getitem__"));
  if (gi && !o->cls->builtin) {
    // sequence protocol
    it = make<IterObj>(rt.iterator_t, [](VM& vm, IterObj* io) -> Ref {
      Ref r = vm.call2(io->b, io->a, vm.rt.make_int(io->i++));
      if (!r && (vm.matches(vm.exc, vm.rt.IndexError) || vm.matches(vm.exc, vm.rt.StopIteration))) { vm.exc.reset(); return nullptr; }
      return r;
    });
    it.as<IterObj>()->a = o;
    it.as<IterObj>()->b = gi;
    return it;
  }
  return raise(rt.TypeError, "'" + type_name(o) + "' object is not iterable");
}

Ref VM::next(const Ref& it) {
  // a built-in consuming a generator (sum, list, ...) resumes its frame per item:
  // charged as FOR_ITER.generator, as when a Python loop drives it
  if (it->tag == Tag::Iter) {
    IterObj* io = it.as<IterObj>();
    if (io->kind == ITER_GENERATOR) charge(op_cost[FOR_ITER] + variant_delta[CV_FOR_ITER_GENERATOR]);
    return io->next(*this, io);
  }
  if (it->tag == Tag::Generator) {
    charge(op_cost[FOR_ITER] + variant_delta[CV_FOR_ITER_GENERATOR]);
    Stop how;
    GenObj* g = it.as<GenObj>();
    if (g->finished) return nullptr;
    Ref r = gen_send(g, rt.None, how);
    if (!r || how == Stop::Returned) return nullptr;
    return r;
  }
  Ref m = lookup_type(it->cls, S(*this, "__next__"));
  if (!m) return raise(rt.TypeError, "'" + type_name(it) + "' object is not an iterator");
  Ref r = call1(m, it);
  if (!r && matches(exc, rt.StopIteration)) exc.reset();
  return r;
}

}  // namespace pitfall::sim
