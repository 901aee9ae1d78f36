// Built-in functions (Python/bltinmodule.c) and constructors of the
// built-in types, plus __build_class__ (C3 MRO, __slots__, __classcell__).
#include <algorithm>
#include <cmath>
#include <cstring>

#include "sim/modules/generic_alias.h"
#include "sim/modules/iterator_types.h"
#include "sim/vm/user_descriptors.h"
#include "sim/modules/ascii_repr.h"
#include "sim/modules/class_creation.h"
#include "sim/vm/async_gen.h"
#include "sim/costs/cost_table.h"
#include "sim/pylib/parse.h"
#include "sim/vm/int_ops.h"
#include "sim/vm/range_items.h"
#include "sim/vm/set_ops.h"
#include "sim/vm/vm.h"
#include "sim/vm/weakref_proxy.h"

namespace pitfall::sim {

void init_more_exceptions(VM& vm);  // builtin_exceptions_more.cpp
Ref iter_callable(VM& vm, const Ref& f, const Ref& sentinel);  // callable_iterator.cpp
int metaclass_check(VM& vm, const Ref& cls, const Ref& obj, bool subclass);  // instance_checks.cpp
Ref next_with_value(VM& vm, const Ref& it, bool& returned);                      // builtins.cpp

bool slice_indices_public(VM& vm, SliceObj* s, std::int64_t len, std::int64_t& start, std::int64_t& stop, std::int64_t& step, std::int64_t& count);
bool sort_values_public(VM& vm, std::vector<Ref>& items, const Ref& key, bool reverse);
void init_modules(VM& vm);

namespace {

StrObj* S(VM& vm, const char* s) { return vm.rt.intern(s).as<StrObj>(); }
Ref need(VM& vm, Args& a, int k, const char* name) {
  if (a.n < k) return vm.raise(vm.rt.TypeError, std::string(name) + " expected " + std::to_string(k) + " argument" + (k == 1 ? "" : "s") + ", got " + std::to_string(a.n));
  return vm.rt.None;
}
#define NEED(k, name) if (!need(vm, a, k, name)) return nullptr

Ref b_print(VM& vm, Args& a) {
  Ref sep = a.kw("sep"), end = a.kw("end"), file = a.kw("file");
  std::string s;
  for (int i = 0; i < a.n; ++i) {
    if (i) s += sep && sep.get() != vm.rt.None.get() ? sep.as<StrObj>()->s : " ";
    if (!vm.str_to(a.v[i], s)) return nullptr;
  }
  s += end && end.get() != vm.rt.None.get() ? end.as<StrObj>()->s : "\n";
  vm.charge(vm.builtin_ns("builtin.print", double(s.size())));
  if (!file || file.get() == vm.rt.None.get()) {  // sys.stdout, which the program may have replaced
    if (Ref sys = vm.dict_get_str(vm.modules.as<DictObj>(), S(vm, "sys")); sys && sys->tag == Tag::Module)
      file = vm.dict_get_str(sys.as<ModuleObj>()->dict.as<DictObj>(), S(vm, "stdout"));
  }
  if (file && file.get() != vm.rt.None.get()) {
    // sys.stdout / sys.stderr themselves (modules.cpp: kinds 1 and 2 of _io's stream type)
    const int k = file->cls->module == "_io" ? native_kind(file) : -1;
    if (k == 2) { vm.err += s; return vm.rt.None; }
    if (k == 1) { vm.out += s; return vm.rt.None; }
    Ref w = vm.getattr(file, S(vm, "write"));
    if (!w) return nullptr;
    if (!vm.call1(w, vm.rt.make_str(s))) return nullptr;
    return vm.rt.None;
  }
  vm.out += s;
  return vm.rt.None;
}
Ref b_len(VM& vm, Args& a) { NEED(1, "len"); std::int64_t n = vm.len(a.v[0]); return n < 0 ? nullptr : vm.rt.make_int_ssize(n); }
Ref b_repr(VM& vm, Args& a) { NEED(1, "repr"); return vm.repr(a.v[0]); }
Ref b_ascii(VM& vm, Args& a) { NEED(1, "ascii"); return ascii_of(vm, a.v[0]); }
Ref b_id(VM& vm, Args& a) { NEED(1, "id"); return vm.rt.make_int(std::int64_t(reinterpret_cast<std::uintptr_t>(a.v[0].get()) & 0x7fffffffffff)); }
Ref b_hash(VM& vm, Args& a) { NEED(1, "hash"); std::int64_t h; if (!vm.hash(a.v[0], h)) return nullptr; return vm.rt.make_int_ssize(h); }
Ref b_abs(VM& vm, Args& a) {
  NEED(1, "abs");
  Ref x = a.v[0];
  if (is_int_obj(x.get())) return int_abs(vm, x.get());
  if (x->tag == Tag::Float) return vm.rt.make_float(std::fabs(x.as<FloatObj>()->v));
  Ref m = vm.lookup_type(x->cls, S(vm, "__abs__"));
  if (m) return vm.call1(m, x);
  return vm.raise(vm.rt.TypeError, "bad operand type for abs(): '" + vm.type_name(x) + "'");
}
Ref b_callable(VM& vm, Args& a) {
  NEED(1, "callable");
  Tag t = a.v[0]->tag;
  bool c = t == Tag::Func || t == Tag::Builtin || t == Tag::BoundMethod || t == Tag::Class || bool(vm.lookup_type(a.v[0]->cls, S(vm, "__call__")));
  return vm.rt.make_bool(c);
}
// isinstance/issubclass's classinfo: a class, or a tuple of classes and
// tuples; 1 when `check` says 1 for one of them, 0 for none, -1 with an
// exception set (`bad`: the TypeError for an item that is neither).
template <class Check>
int walk_classinfo(VM& vm, const Ref& t, const Check& check, const char* bad, int depth = 0) {
  if (t->tag == Tag::Tuple) {
    if (depth > 200) {
      vm.raise(vm.rt.RecursionError, "maximum recursion depth exceeded in __instancecheck__");
      return -1;
    }
    for (auto& x : t.as<TupleObj>()->items)
      if (const int r = walk_classinfo(vm, x, check, bad, depth + 1)) return r;
    return 0;
  }
  if (is_union_type(t.get())) {  // int | str: its members
    Ref args = vm.getattr(t, vm.rt.intern("__args__").as<StrObj>());
    if (!args) return -1;
    return walk_classinfo(vm, args, check, bad, depth + 1);
  }
  if (is_generic_alias(t.get())) {
    vm.raise(vm.rt.TypeError, std::string(bad).substr(0, std::string(bad).find("()")) + "() argument 2 cannot be a parameterized generic");
    return -1;
  }
  if (t->tag == Tag::Instance && !t->cls->builtin) {  // an object whose type answers the check (typing's forms)
    const bool sub = std::string(bad).rfind("issubclass", 0) == 0;
    Ref hook = vm.lookup_type(t->cls, vm.rt.intern(sub ? "__subclasscheck__" : "__instancecheck__").as<StrObj>());
    if (hook && hook->tag == Tag::Func) return check(t);  // metaclass_check calls it
  }
  if (t->tag != Tag::Class) {
    vm.raise(vm.rt.TypeError, bad);
    return -1;
  }
  return check(t);
}

Ref b_isinstance(VM& vm, Args& a) {
  NEED(2, "isinstance");
  Ref t = a.v[1];
  // a weakref.proxy also passes for its referent's class: isinstance falls
  // back to obj.__class__ (Objects/abstract.c object_isinstance), which the
  // proxy forwards (ReferenceError once the referent died)
  Ref o = a.v[0];
  auto inst = [&](ClassObj* c) -> int {
    if (vm.isinstance(a.v[0], c) || is_iterator_type_of(vm, a.v[0], c)) return 1;
    if (!is_proxy(a.v[0].get())) return 0;
    if (o == a.v[0] && !proxy_unwrap(vm, o)) return -1;
    return vm.isinstance(o, c) ? 1 : 0;
  };
  auto check = [&](const Ref& c) -> int {  // a metaclass's __instancecheck__ first
    const int m = metaclass_check(vm, c, a.v[0], false);
    return m != -2 ? m : inst(c.as<ClassObj>());
  };
  const int r = walk_classinfo(vm, t, check, "isinstance() arg 2 must be a type, a tuple of types, or a union");
  return r < 0 ? Ref() : vm.rt.make_bool(r != 0);
}
Ref b_issubclass(VM& vm, Args& a) {
  NEED(2, "issubclass");
  Ref t = a.v[1];
  auto check = [&](const Ref& c) -> int {  // a metaclass's __subclasscheck__ first
    const int m = metaclass_check(vm, c, a.v[0], true);
    if (m != -2) return m;
    if (a.v[0]->tag != Tag::Class) {
      vm.raise(vm.rt.TypeError, "issubclass() arg 1 must be a class");
      return -1;
    }
    return VM::is_subclass(a.v[0].as<ClassObj>(), c.as<ClassObj>()) ? 1 : 0;
  };
  const char* bad = a.v[0]->tag != Tag::Class ? "issubclass() arg 1 must be a class" : "issubclass() arg 2 must be a class, a tuple of classes, or a union";
  const int r = walk_classinfo(vm, t, check, bad);
  return r < 0 ? Ref() : vm.rt.make_bool(r != 0);
}
Ref b_getattr(VM& vm, Args& a) {
  NEED(2, "getattr");
  if (a.v[1]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "attribute name must be string, not '" + vm.type_name(a.v[1]) + "'");
  Ref name = vm.rt.intern(a.v[1].as<StrObj>()->s);
  if (a.n > 2) {
    Ref v = vm.getattr_opt(a.v[0], name.as<StrObj>());
    if (!v && !vm.exc) return a.v[2];
    return v;
  }
  return vm.getattr(a.v[0], name.as<StrObj>());
}
Ref b_hasattr(VM& vm, Args& a) {
  NEED(2, "hasattr");
  if (a.v[1]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "attribute name must be string, not '" + vm.type_name(a.v[1]) + "'");
  Ref name = vm.rt.intern(a.v[1].as<StrObj>()->s);
  Ref v = vm.getattr_opt(a.v[0], name.as<StrObj>());
  if (!v && vm.exc) return nullptr;
  return vm.rt.make_bool(bool(v));
}
Ref b_setattr(VM& vm, Args& a) {
  NEED(3, "setattr");
  if (a.v[1]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "attribute name must be string, not '" + vm.type_name(a.v[1]) + "'");
  Ref name = vm.rt.intern(a.v[1].as<StrObj>()->s);
  return vm.setattr(a.v[0], name.as<StrObj>(), a.v[2]) ? vm.rt.None : nullptr;
}
Ref b_delattr(VM& vm, Args& a) {
  NEED(2, "delattr");
  if (a.v[1]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "attribute name must be string, not '" + vm.type_name(a.v[1]) + "'");
  Ref name = vm.rt.intern(a.v[1].as<StrObj>()->s);
  return vm.delattr(a.v[0], name.as<StrObj>()) ? vm.rt.None : nullptr;
}
Ref b_iter(VM& vm, Args& a) {
  NEED(1, "iter");
  if (a.n < 2) return vm.iter(a.v[0]);
  // iter(callable, sentinel) (callable_iterator.cpp)
  Args c;
  c.v = a.v;
  c.n = 1;
  Ref ok = b_callable(vm, c);
  if (!ok) return nullptr;
  if (ok.get() != vm.rt.True.get()) return vm.raise(vm.rt.TypeError, "iter(v, w): v must be callable");
  return iter_callable(vm, a.v[0], a.v[1]);
}
Ref b_next(VM& vm, Args& a) {
  NEED(1, "next");
  Ref it = a.v[0];
  if (it->tag != Tag::Iter && it->tag != Tag::Generator && !vm.lookup_type(it->cls, S(vm, "__next__")))
    return vm.raise(vm.rt.TypeError, "'" + vm.type_name(it) + "' object is not an iterator");
  bool returned = false;
  Ref r = next_with_value(vm, it, returned);  // builtins.cpp: a generator's return value rides on StopIteration
  if (r) return r;
  if (returned && a.n > 1) { vm.exc.reset(); return a.v[1]; }
  if (vm.exc) return nullptr;
  if (a.n > 1) return a.v[1];
  return vm.raise(vm.rt.StopIteration, "");
}
Ref b_chr(VM& vm, Args& a) {
  NEED(1, "chr");
  std::int64_t cp;
  if (!vm.index_value(a.v[0], cp)) return nullptr;
  if (cp < 0 || cp > 0x10FFFF) return vm.raise(vm.rt.ValueError, "chr() arg not in range(0x110000)");
  std::string out;
  std::uint32_t c = std::uint32_t(cp);
  if (c < 0x80) out += char(c);
  else if (c < 0x800) { out += char(0xC0 | (c >> 6)); out += char(0x80 | (c & 0x3F)); }
  else if (c < 0x10000) { out += char(0xE0 | (c >> 12)); out += char(0x80 | ((c >> 6) & 0x3F)); out += char(0x80 | (c & 0x3F)); }
  else { out += char(0xF0 | (c >> 18)); out += char(0x80 | ((c >> 12) & 0x3F)); out += char(0x80 | ((c >> 6) & 0x3F)); out += char(0x80 | (c & 0x3F)); }
  return vm.rt.make_str(out);
}
Ref b_ord(VM& vm, Args& a) {
  NEED(1, "ord");
  if (a.v[0]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "ord() expected string of length 1, but " + vm.type_name(a.v[0]) + " found");
  const std::string& s = a.v[0].as<StrObj>()->s;
  if (vm.len(a.v[0]) != 1) return vm.raise(vm.rt.TypeError, "ord() expected a character, but string of length " + std::to_string(vm.len(a.v[0])) + " found");
  unsigned char c0 = static_cast<unsigned char>(s[0]);
  std::uint32_t cp = c0;
  if (c0 >= 0xF0) cp = ((c0 & 7u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
  else if (c0 >= 0xE0) cp = ((c0 & 15u) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
  else if (c0 >= 0xC0) cp = ((c0 & 31u) << 6) | (s[1] & 0x3Fu);
  return vm.rt.make_int(cp);
}
Ref b_format(VM& vm, Args& a) { NEED(1, "format"); return vm.format(a.v[0], a.n > 1 ? a.v[1].as<StrObj>()->s : ""); }

// sum over a range: the call (builtin.sum:range's base), then per item the
// cached-int cost (sum.range_item_ns) plus, for items the range iterator must
// allocate, int.range_alloc_item_ns (tools/calibrate_lib/step_pieces.py).
// Tables without these keys keep builtin.sum:range's fitted per-item cost.
void charge_sum_range(VM& vm, const RangeObj* r, std::int64_t n) {
  const auto* t = static_cast<const costs::CostTable*>(vm.cost_table);
  const double per = t ? t->param("sum.range_item_ns", -1) : -1;
  if (per < 0) {
    vm.charge(vm.builtin_ns("builtin.sum:range", double(n)));
    return;
  }
  const double alloc = t->param("int.range_alloc_item_ns", 0);
  vm.charge(vm.builtin_ns("builtin.sum:range", 0) + per * double(n) +
            alloc * double(range_items_uncached(r->start, r->step, n)));
}

Ref b_sum(VM& vm, Args& a) {
  NEED(1, "sum");
  Ref acc = a.n > 1 ? a.v[1] : (a.kw("start") ? a.kw("start") : vm.rt.make_int(0));
  if (acc->tag == Tag::Str) return vm.raise(vm.rt.TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
  Ref it = vm.iter(a.v[0]);
  if (!it) return nullptr;
  std::int64_t n = 0;
  // fast int path
  bool int_mode = acc->tag == Tag::Int && acc->cls == vm.rt.int_t;
  std::int64_t iacc = int_mode ? acc.as<IntObj>()->v : 0;
  bool float_mode = false;
  double facc = 0;
  for (;;) {
    Ref x = vm.next(it);
    if (!x) { if (vm.exc) return nullptr; break; }
    ++n;
    if (int_mode && x->tag == Tag::Int) {
      std::int64_t before = iacc;
      if (!__builtin_add_overflow(iacc, x.as<IntObj>()->v, &iacc)) continue;
      // overflow: continue in arbitrary precision (Python/bltinmodule.c builtin_sum_impl)
      acc = int_binary(vm, NB_ADD, vm.rt.make_int(before).get(), x.get());
      int_mode = false;
      continue;
    }
    if (int_mode) { acc = vm.rt.make_int(iacc); int_mode = false; }
    if (!float_mode && acc->tag == Tag::Float && x->tag == Tag::Float) { float_mode = true; facc = acc.as<FloatObj>()->v; }
    if (float_mode) {
      if (x->tag == Tag::Float) { facc += x.as<FloatObj>()->v; continue; }
      if (x->tag == Tag::Int) { facc += double(x.as<IntObj>()->v); continue; }
      if (x->tag == Tag::BigInt) { double d; if (!int_to_double(vm, x.get(), d)) return nullptr; facc += d; continue; }
      acc = vm.rt.make_float(facc);
      float_mode = false;
    }
    acc = vm.binary(NB_ADD, acc, x);
    if (!acc) return nullptr;
  }
  // sum(range(...)) creates each int as it goes: its own calibrated key
  if (a.v[0]->tag == Tag::Range) charge_sum_range(vm, a.v[0].as<RangeObj>(), n);
  else vm.charge(vm.builtin_ns("builtin.sum", double(n)));
  // the int fast path's result: PyLong_FromLong up to 3.11 (the medium-int
  // path, 32 bytes), PyLong_FromSsize_t from 3.12 (28 bytes for one digit)
  if (int_mode) return vm.python_minor() >= 12 ? vm.rt.make_int_ssize(iacc) : vm.rt.make_int(iacc);
  if (float_mode) return vm.rt.make_float(facc);
  return acc;
}
Ref minmax(VM& vm, Args& a, bool is_max) {
  const char* name = is_max ? "max" : "min";
  if (a.n == 0) return vm.raise(vm.rt.TypeError, std::string(name) + " expected at least 1 argument, got 0");
  std::vector<Ref> items;
  if (a.n == 1) { if (!vm.to_list(a.v[0], items)) return nullptr; }
  else items.assign(a.v, a.v + a.n);
  Ref key = a.kw("key"), dflt = a.kw("default");
  if (items.empty()) {
    if (dflt) return dflt;
    return vm.raise(vm.rt.ValueError, std::string(name) + "() arg is an empty sequence");
  }
  Ref best = items[0];
  Ref bestk = key && key.get() != vm.rt.None.get() ? vm.call1(key, best) : best;
  if (!bestk) return nullptr;
  for (size_t i = 1; i < items.size(); ++i) {
    Ref k = key && key.get() != vm.rt.None.get() ? vm.call1(key, items[i]) : items[i];
    if (!k) return nullptr;
    Ref c = vm.compare(is_max ? CMP_GT : CMP_LT, k, bestk);
    if (!c) return nullptr;
    if (vm.truthy(c) > 0) { best = items[i]; bestk = k; }
  }
  vm.charge(vm.builtin_ns(is_max ? "builtin.max" : "builtin.min", double(items.size())));
  return best;
}
Ref b_max(VM& vm, Args& a) { return minmax(vm, a, true); }
Ref b_min(VM& vm, Args& a) { return minmax(vm, a, false); }
Ref b_sorted(VM& vm, Args& a) {
  NEED(1, "sorted");
  std::vector<Ref> items;
  if (!vm.to_list(a.v[0], items)) return nullptr;
  Ref rev = a.kw("reverse");
  if (!sort_values_public(vm, items, a.kw("key"), rev && vm.truthy(rev) > 0)) return nullptr;
  vm.charge(vm.builtin_ns("builtin.list.copy", double(items.size())));  // + list.sort, charged by the sort
  Ref l = vm.rt.make_list();
  l.as<ListObj>()->items = std::move(items);
  return l;
}
Ref b_any_all(VM& vm, Args& a, bool any) {
  Ref it = vm.iter(a.v[0]);
  if (!it) return nullptr;
  for (;;) {
    Ref x = vm.next(it);
    if (!x) { if (vm.exc) return nullptr; return vm.rt.make_bool(!any); }
    int t = vm.truthy(x);
    if (t < 0) return nullptr;
    if (bool(t) == any) return vm.rt.make_bool(any);
  }
}
Ref b_any(VM& vm, Args& a) { NEED(1, "any"); return b_any_all(vm, a, true); }
Ref b_all(VM& vm, Args& a) { NEED(1, "all"); return b_any_all(vm, a, false); }
Ref b_divmod(VM& vm, Args& a) {
  NEED(2, "divmod");
  Ref q = vm.binary(NB_FLOOR_DIVIDE, a.v[0], a.v[1]);
  if (!q) return nullptr;
  Ref r = vm.binary(NB_REMAINDER, a.v[0], a.v[1]);
  if (!r) return nullptr;
  return vm.rt.make_tuple({q, r});
}
Ref b_pow(VM& vm, Args& a) {
  NEED(2, "pow");
  if (a.n > 2 && a.v[2].get() != vm.rt.None.get()) {
    if (!is_int_obj(a.v[0].get()) || !is_int_obj(a.v[1].get()) || !is_int_obj(a.v[2].get()))
      return vm.raise(vm.rt.TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    return int_pow_mod(vm, a.v[0].get(), a.v[1].get(), a.v[2].get());
  }
  return vm.binary(NB_POWER, a.v[0], a.v[1]);
}
Ref b_round(VM& vm, Args& a) {
  NEED(1, "round");
  Ref x = a.v[0];
  bool has_nd = a.n > 1 && a.v[1].get() != vm.rt.None.get();
  std::int64_t nd = 0;
  if (has_nd && !vm.index_value(a.v[1], nd)) return nullptr;
  // an int beyond the int64 fast path below: the BigInt path
  const bool big_round = x->tag == Tag::Int && has_nd && nd < 0 &&
                         (nd < -18 || [&] {
                           std::int64_t p = 1, ignored = 0;
                           for (std::int64_t i = 0; i < -nd; ++i) p *= 10;
                           const std::int64_t v = x.as<IntObj>()->v;
                           return __builtin_add_overflow(v, p, &ignored) || __builtin_sub_overflow(v, p, &ignored);
                         }());
  if (x->tag == Tag::BigInt || big_round) {
    if (!has_nd || nd >= 0) return x;
    // round half to even at 10**-nd (Objects/longobject.c long_round)
    Ref p = int_binary(vm, NB_POWER, vm.rt.make_int(10).get(), vm.rt.make_int(-nd).get());
    if (!p) return nullptr;
    pylib::BigInt pv = int_big(p.get());
    auto qr = pylib::BigInt::divmod(int_big(x.get()), pv);
    pylib::BigInt q = qr->first, twice = qr->second + qr->second;
    if (twice > pv || (twice == pv && q.is_odd())) q = q + pylib::BigInt(1);
    return vm.rt.make_int(q * pv);
  }
  if (x->tag == Tag::Int) {
    if (!has_nd || nd >= 0) return vm.rt.make_int(x.as<IntObj>()->v);
    std::int64_t p = 1;
    for (std::int64_t i = 0; i < -nd && i < 18; ++i) p *= 10;
    std::int64_t v = x.as<IntObj>()->v, q = v / p, r = v % p;
    if (r < 0) { r += p; --q; }
    if (2 * r > p || (2 * r == p && (q & 1))) ++q;
    return vm.rt.make_int(q * p);
  }
  if (x->tag == Tag::Float) {
    double d = x.as<FloatObj>()->v;
    if (!has_nd) {
      auto r = pylib::BigInt::from_double(std::nearbyint(d));
      if (!r) return raise_pylib(vm, r.error());
      return vm.rt.make_int(*r);
    }
    if (nd < 0) {
      // round half to even at 10**-nd on the exact binary value (double_round with ndigits < 0)
      if (!std::isfinite(d)) return x;
      if (nd < -330) return vm.rt.make_float(0.0 * d);
      const double ad = std::fabs(d), ip = std::trunc(ad), frac = ad - ip;
      auto iv = pylib::BigInt::from_double(ip);
      if (!iv) return raise_pylib(vm, iv.error());
      Ref pw = int_binary(vm, NB_POWER, vm.rt.make_int(10).get(), vm.rt.make_int(-nd).get());
      if (!pw) return nullptr;
      const pylib::BigInt pv = int_big(pw.get());
      auto qr = pylib::BigInt::divmod(*iv, pv);
      if (!qr) return raise_pylib(vm, qr.error());
      pylib::BigInt q = qr->first;
      const pylib::BigInt twice = qr->second + qr->second;
      if (twice > pv || (twice == pv && (frac > 0 || q.is_odd()))) q = q + pylib::BigInt(1);
      auto r = (q * pv).to_double();
      if (!r) return raise_pylib(vm, r.error());
      return vm.rt.make_float(d < 0 ? -*r : *r);
    }
    // correctly rounded via the shortest decimal representation
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", int(nd < 0 ? 0 : nd), d);
    double r = std::strtod(buf, nullptr);
    // snprintf rounds half-to-even on the exact binary value, like CPython's round
    return vm.rt.make_float(r);
  }
  Ref m = vm.lookup_type(x->cls, S(vm, "__round__"));
  if (m) return a.n > 1 ? vm.call2(m, x, a.v[1]) : vm.call1(m, x);
  return vm.raise(vm.rt.TypeError, "type " + vm.type_name(x) + " doesn't define __round__ method");
}

// ---- iterator builtins ----
Ref it_enumerate(VM& vm, IterObj* it) {
  Ref x = vm.next(it->a);
  if (!x) return nullptr;
  return vm.rt.make_tuple({vm.rt.make_int_ssize(it->i++), x});
}
Ref b_enumerate(VM& vm, Args& a) {
  NEED(1, "enumerate");
  Ref src = vm.iter(a.v[0]);
  if (!src) return nullptr;
  Ref it = make<IterObj>(vm.rt.iterator_t, it_enumerate);
  it.as<IterObj>()->a = src;
  Ref start = a.n > 1 ? a.v[1] : a.kw("start");
  if (start && !vm.index_value(start, it.as<IterObj>()->i)) return nullptr;
  it.as<IterObj>()->type_name = "enumerate";
  return it;
}
Ref it_zip(VM& vm, IterObj* it) {
  if (it->v.empty()) return nullptr;
  std::vector<Ref> out;
  out.reserve(it->v.size());
  for (size_t i = 0; i < it->v.size(); ++i) {
    Ref x = vm.next(it->v[i]);
    if (!x) {
      if (vm.exc) return nullptr;
      if (it->step == 2) {  // strict
        if (i > 0) return vm.raise(vm.rt.ValueError, "zip() argument " + std::to_string(i + 1) + " is shorter than argument" + (i > 1 ? "s 1-" + std::to_string(i) : " 1"));
        for (size_t j = 1; j < it->v.size(); ++j) {
          Ref y = vm.next(it->v[j]);
          if (y) return vm.raise(vm.rt.ValueError, "zip() argument " + std::to_string(j + 1) + " is longer than argument" + (j > 1 ? "s 1-" + std::to_string(j) : " 1"));
          if (vm.exc) return nullptr;
        }
      }
      it->v.clear();
      return nullptr;
    }
    out.push_back(std::move(x));
  }
  return vm.rt.make_tuple(std::move(out));
}
Ref b_zip(VM& vm, Args& a) {
  Ref it = make<IterObj>(vm.rt.iterator_t, it_zip);
  for (int i = 0; i < a.n; ++i) {
    Ref s = vm.iter(a.v[i]);
    if (!s) return nullptr;
    it.as<IterObj>()->v.push_back(s);
  }
  Ref strict = a.kw("strict");
  if (strict && vm.truthy(strict) > 0) it.as<IterObj>()->step = 2;
  it.as<IterObj>()->type_name = "zip";
  return it;
}
Ref it_map(VM& vm, IterObj* it) {
  std::vector<Ref> args;
  for (auto& s : it->v) {
    Ref x = vm.next(s);
    if (!x) return nullptr;
    args.push_back(std::move(x));
  }
  return vm.call(it->a, args.data(), int(args.size()));
}
Ref b_map(VM& vm, Args& a) {
  NEED(2, "map");
  Ref it = make<IterObj>(vm.rt.iterator_t, it_map);
  it.as<IterObj>()->a = a.v[0];
  for (int i = 1; i < a.n; ++i) {
    Ref s = vm.iter(a.v[i]);
    if (!s) return nullptr;
    it.as<IterObj>()->v.push_back(s);
  }
  it.as<IterObj>()->type_name = "map";
  return it;
}
Ref it_filter(VM& vm, IterObj* it) {
  for (;;) {
    Ref x = vm.next(it->b);
    if (!x) return nullptr;
    Ref t = it->a.get() == vm.rt.None.get() ? x : vm.call1(it->a, x);
    if (!t) return nullptr;
    int v = vm.truthy(t);
    if (v < 0) return nullptr;
    if (v) return x;
  }
}
Ref b_filter(VM& vm, Args& a) {
  NEED(2, "filter");
  Ref it = make<IterObj>(vm.rt.iterator_t, it_filter);
  it.as<IterObj>()->a = a.v[0];
  it.as<IterObj>()->b = vm.iter(a.v[1]);
  if (!it.as<IterObj>()->b) return nullptr;
  it.as<IterObj>()->type_name = "filter";
  return it;
}
Ref it_reversed(VM&, IterObj* it) {
  if (it->i < 0) return nullptr;
  const auto items = list_or_tuple_items(it->a.get());
  if (it->i >= std::int64_t(items.size())) { it->i = -1; return nullptr; }
  return items[size_t(it->i--)];
}
Ref b_reversed(VM& vm, Args& a) {
  NEED(1, "reversed");
  Ref s = a.v[0];
  if (s->tag == Tag::Range) {
    auto* r = s.as<RangeObj>();
    std::int64_t n = vm.len(s);
    std::int64_t last = r->start + (n - 1) * r->step;
    Ref it = vm.iter(make<RangeObj>(vm.rt.range_t, last, last - n * r->step, -r->step));
    return it;
  }
  if (s->tag != Tag::List && s->tag != Tag::Tuple) {
    Ref m = vm.lookup_type(s->cls, S(vm, "__reversed__"));
    if (m) return vm.call1(m, s);
    std::vector<Ref> items;
    Ref gi = s->tag == Tag::Dict ? Ref() : vm.lookup_type(s->cls, S(vm, "__getitem__"));
    if (s->tag == Tag::Str || s->tag == Tag::Dict || s->tag == Tag::Bytes) { if (!vm.to_list(s, items)) return nullptr; }
    else if (gi && vm.lookup_type(s->cls, S(vm, "__len__"))) {
      // the sequence protocol (reversed_new_impl): __len__, then __getitem__ from the end
      std::int64_t n = vm.len(s);
      if (n < 0 || vm.exc) return nullptr;
      for (std::int64_t i = 0; i < n; ++i) {
        Ref x = vm.call2(gi, s, vm.rt.make_int(i));
        if (!x) return nullptr;
        items.push_back(std::move(x));
      }
    } else return vm.raise(vm.rt.TypeError, "'" + vm.type_name(s) + "' object is not reversible");
    std::reverse(items.begin(), items.end());
    Ref l = vm.rt.make_list();
    l.as<ListObj>()->items = std::move(items);
    Ref rit = vm.iter(l);
    if (rit && rit->tag == Tag::Iter) rit.as<IterObj>()->type_name = s->tag == Tag::Dict ? "dict_reversekeyiterator" : "reversed";
    return rit;
  }
  Ref it = make<IterObj>(vm.rt.iterator_t, it_reversed);
  it.as<IterObj>()->a = s;
  it.as<IterObj>()->i = std::int64_t(s->tag == Tag::List ? s.as<ListObj>()->items.size() : s.as<TupleObj>()->items.size()) - 1;
  it.as<IterObj>()->type_name = s->tag == Tag::List ? "list_reverseiterator" : "reversed";
  return it;
}

// ---- type constructors (called with the class as args[0]) ----
Ref t_int(VM& vm, Args& a) {
  if (a.n == 1) return vm.rt.make_int(0);
  Ref x = a.v[1];
  if (x->tag == Tag::Int) return x->cls == vm.rt.int_t ? x : vm.rt.make_int(x.as<IntObj>()->v);
  if (x->tag == Tag::BigInt) return x->cls == vm.rt.int_t ? x : vm.rt.make_int(x.as<BigIntObj>()->v);
  if (x->tag == Tag::Float) {
    auto r = pylib::BigInt::from_double(x.as<FloatObj>()->v);
    if (!r) return raise_pylib(vm, r.error());
    return vm.rt.make_int(*r);
  }
  if (x->tag == Tag::Str || x->tag == Tag::Bytes) {
    std::int64_t base = 10;
    if (a.n > 2 && !vm.index_value(a.v[2], base)) return nullptr;
    if (a.kw("base") && !vm.index_value(a.kw("base"), base)) return nullptr;
    const std::string& text = x->tag == Tag::Str ? x.as<StrObj>()->s : x.as<BytesObj>()->s;
    auto r = pylib::parse_int(text, int(base));
    if (!r) return raise_pylib(vm, r.error());
    return vm.rt.make_int_parsed(*r);
  }
  Ref m = vm.lookup_type(x->cls, S(vm, "__int__"));
  if (!m) m = vm.lookup_type(x->cls, S(vm, "__index__"));
  if (m && !x->cls->builtin) return vm.call1(m, x);
  return vm.raise(vm.rt.TypeError, "int() argument must be a string, a bytes-like object or a real number, not '" + vm.type_name(x) + "'");
}
Ref t_float(VM& vm, Args& a) {
  if (a.n == 1) return vm.rt.make_float(0);
  Ref x = a.v[1];
  if (x->tag == Tag::Float) return x->cls == vm.rt.float_t ? x : vm.rt.make_float(x.as<FloatObj>()->v);
  if (is_int_obj(x.get())) { double d; if (!int_to_double(vm, x.get(), d)) return nullptr; return vm.rt.make_float(d); }
  if (x->tag == Tag::Str) {
    auto r = pylib::parse_float(x.as<StrObj>()->s);
    if (!r) return raise_pylib(vm, r.error());
    return vm.rt.make_float(*r);
  }
  Ref m = vm.lookup_type(x->cls, S(vm, "__float__"));
  if (m && !x->cls->builtin) return vm.call1(m, x);
  return vm.raise(vm.rt.TypeError, "float() argument must be a string or a real number, not '" + vm.type_name(x) + "'");
}
Ref t_str(VM& vm, Args& a) { return a.n == 1 ? vm.rt.intern("") : vm.str(a.v[1]); }
Ref t_bool(VM& vm, Args& a) { if (a.n == 1) return vm.rt.False; int t = vm.truthy(a.v[1]); return t < 0 ? nullptr : vm.rt.make_bool(t); }
Ref t_list(VM& vm, Args& a) {
  Ref l = vm.rt.make_list();
  if (a.n > 1 && !vm.to_list(a.v[1], l.as<ListObj>()->items)) return nullptr;
  vm.charge(vm.builtin_ns("builtin.list", double(l.as<ListObj>()->items.size())));
  return l;
}
Ref t_tuple(VM& vm, Args& a) {
  if (a.n > 1 && a.v[1]->tag == Tag::Tuple && a.v[1]->cls == vm.rt.tuple_t) return a.v[1];
  std::vector<Ref> items;
  if (a.n > 1 && !vm.to_list(a.v[1], items)) return nullptr;
  vm.charge(vm.builtin_ns("builtin.tuple", double(items.size())));
  return vm.rt.make_tuple(std::move(items));
}
Ref fill_dict(VM& vm, Ref d, Args& a, int first) {
  if (a.n > first) {
    Ref src = a.v[first];
    Ref argv[2] = {d, src};
    Args b{argv, 2, nullptr, nullptr, nullptr};
    Ref upd = vm.lookup_type(d->cls, S(vm, "update"));
    if (!vm.call(upd, argv, 2)) return nullptr;
    (void)b;
  }
  for (int i = 0; i < a.nkw(); ++i) vm.dict_set(d.as<DictObj>(), a.kwn->items[size_t(i)], a.kwv[i]);
  return d;
}
Ref t_dict(VM& vm, Args& a) {
  Ref d = make<DictObj>(a.v[0].as<ClassObj>());
  return fill_dict(vm, d, a, 1);
}
Ref t_defaultdict(VM& vm, Args& a) {
  Ref d = make<DictObj>(vm.rt.defaultdict_t);
  if (a.n > 1) d.as<DictObj>()->default_factory = a.v[1];
  return fill_dict(vm, d, a, 2);
}
Ref t_set(VM& vm, Args& a) {
  bool frozen = a.v[0].get() == vm.rt.frozenset_t;
  // frozenset(a frozenset) is that frozenset (frozenset_new)
  if (frozen && a.n > 1 && a.v[1]->cls == vm.rt.frozenset_t) return a.v[1];
  // make_new_set: set_update_internal, in CPython's order (vm/set_ops.cpp)
  Ref s = set_make(vm, frozen ? vm.rt.frozenset_t : vm.rt.set_t, frozen ? Tag::FrozenSet : Tag::Set, a.n > 1 ? a.v[1] : Ref());
  if (s && a.n > 1) vm.charge(vm.builtin_ns("builtin.set", double(s.as<DictObj>()->used)));
  return s;
}
Ref t_range(VM& vm, Args& a) {
  std::int64_t v[3] = {0, 0, 1};
  int n = a.n - 1;
  if (n < 1) return vm.raise(vm.rt.TypeError, "range expected at least 1 argument, got 0");
  if (n > 3) return vm.raise(vm.rt.TypeError, "range expected at most 3 arguments, got " + std::to_string(n));
  for (int i = 0; i < n; ++i) {
    if (a.v[1 + i]->tag != Tag::Int) {
      if (a.v[1 + i]->tag == Tag::Float) return vm.raise(vm.rt.TypeError, "'float' object cannot be interpreted as an integer");
      if (!vm.index_value(a.v[1 + i], v[i])) return nullptr;
    } else {
      v[i] = a.v[1 + i].as<IntObj>()->v;
    }
  }
  if (n == 1) return make<RangeObj>(vm.rt.range_t, 0, v[0], 1);
  if (n == 3 && v[2] == 0) return vm.raise(vm.rt.ValueError, "range() arg 3 must not be zero");
  return make<RangeObj>(vm.rt.range_t, v[0], v[1], n == 3 ? v[2] : 1);
}
Ref new_class(VM& vm, const std::string& name, const std::vector<Ref>& bases, Ref ns);
Ref t_type(VM& vm, Args& a) {
  if (a.n == 2) return iterator_type(vm, a.v[1]);  // o's class; a built-in iterator's own (modules/iterator_types.h)
  if (a.n != 4) return vm.raise(vm.rt.TypeError, "type() takes 1 or 3 arguments");
  if (a.v[1]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "type.__new__() argument 1 must be str, not " + vm.type_name(a.v[1]));
  if (a.v[2]->tag != Tag::Tuple) return vm.raise(vm.rt.TypeError, "type.__new__() argument 2 must be tuple, not " + vm.type_name(a.v[2]));
  if (a.v[3]->tag != Tag::Dict) return vm.raise(vm.rt.TypeError, "type.__new__() argument 3 must be dict, not " + vm.type_name(a.v[3]));
  std::vector<Ref> bases = a.v[2].as<TupleObj>()->items;
  for (auto& b : bases) if (b->tag != Tag::Class) return vm.raise(vm.rt.TypeError, "bases must be types");
  // the most derived metaclass of the bases makes the class (type(name, (ABC,), ns) runs ABCMeta)
  ClassObj* winner = vm.rt.type_t;
  for (auto& b : bases) {
    ClassObj* m = b->cls;
    if (VM::is_subclass(m, winner)) winner = m;
    else if (!VM::is_subclass(winner, m))
      return vm.raise(vm.rt.TypeError, "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases");
  }
  if (winner != vm.rt.type_t && !winner->builtin) return vm.call(Ref(winner), a.v + 1, 3);
  if (bases.empty()) bases.push_back(Ref(vm.rt.object_t));
  Ref ns = vm.rt.make_dict();
  for (auto& e : a.v[3].as<DictObj>()->entries) if (e.key && !vm.dict_set(ns.as<DictObj>(), e.key, e.value)) return nullptr;
  if (!vm.dict_get_str(ns.as<DictObj>(), vm.rt.intern("__qualname__").as<StrObj>())) vm.dict_set(ns.as<DictObj>(), vm.rt.intern("__qualname__"), a.v[1]);
  Ref cls = new_class(vm, a.v[1].as<StrObj>()->s, bases, ns);
  if (!cls || !class_post_init(vm, cls, {}, {})) return nullptr;
  return cls;
}
Ref t_object(VM& vm, Args&) { return make<InstanceObj>(vm.rt.object_t); }
Ref t_slice(VM& vm, Args& a) {
  Ref s = make<SliceObj>(vm.rt.slice_t);
  auto* so = s.as<SliceObj>();
  if (a.n == 2) { so->start = vm.rt.None; so->stop = a.v[1]; so->step = vm.rt.None; }
  else { so->start = a.v[1]; so->stop = a.n > 2 ? a.v[2] : vm.rt.None; so->step = a.n > 3 ? a.v[3] : vm.rt.None; }
  return s;
}
Ref t_bytes(VM& vm, Args& a) {
  if (a.n == 1) return make<BytesObj>(vm.rt.bytes_t, "");
  if (a.v[1]->tag == Tag::Str) return make<BytesObj>(vm.rt.bytes_t, a.v[1].as<StrObj>()->s);
  if (a.v[1]->tag == Tag::Int) return make<BytesObj>(vm.rt.bytes_t, std::string(size_t(a.v[1].as<IntObj>()->v), '\0'));
  std::vector<Ref> items;
  if (!vm.to_list(a.v[1], items)) return nullptr;
  std::string s;
  for (auto& x : items) s += char(x.as<IntObj>()->v);
  return make<BytesObj>(vm.rt.bytes_t, s);
}
Ref t_property(VM& vm, Args& a) {
  Ref p = make<PropertyObj>(vm.rt.property_t);
  if (a.n > 1) p.as<PropertyObj>()->fget = a.v[1];
  if (a.n > 2) p.as<PropertyObj>()->fset = a.v[2];
  return p;
}
Ref prop_setter(VM& vm, Args& a) {
  Ref p = make<PropertyObj>(vm.rt.property_t);
  p.as<PropertyObj>()->fget = a.v[0].as<PropertyObj>()->fget;
  p.as<PropertyObj>()->fset = a.v[1];
  return p;
}
Ref prop_deleter(VM& vm, Args& a) {
  Ref p = make<PropertyObj>(vm.rt.property_t);
  p.as<PropertyObj>()->fget = a.v[0].as<PropertyObj>()->fget;
  p.as<PropertyObj>()->fset = a.v[0].as<PropertyObj>()->fset;
  p.as<PropertyObj>()->fdel = a.v[1];
  return p;
}
Ref prop_getter(VM& vm, Args& a) {
  Ref p = make<PropertyObj>(vm.rt.property_t);
  p.as<PropertyObj>()->fget = a.v[1];
  p.as<PropertyObj>()->fset = a.v[0].as<PropertyObj>()->fset;
  return p;
}
Ref t_staticmethod(VM& vm, Args& a) { NEED(2, "staticmethod"); return make<WrapperObj>(vm.rt.staticmethod_t, Tag::StaticMethod, a.v[1]); }
Ref t_classmethod(VM& vm, Args& a) { NEED(2, "classmethod"); return make<WrapperObj>(vm.rt.classmethod_t, Tag::ClassMethod, a.v[1]); }
Ref t_super(VM& vm, Args& a) {
  if (a.n >= 3) {
    if (a.v[1]->tag != Tag::Class) return vm.raise(vm.rt.TypeError, "super() argument 1 must be a type, not " + vm.type_name(a.v[1]));
    return make<SuperObj>(vm.rt.super_t, a.v[1].as<ClassObj>(), a.v[2]);
  }
  Frame* f = vm.current_frame();
  if (!f || f->code->argcount == 0) return vm.raise(vm.rt.RuntimeError, "super(): no arguments");
  CodeObj* co = f->code;
  int idx = -1;
  for (size_t i = 0; i < co->freevars.size(); ++i) if (co->freevars[i] == "__class__") idx = int(co->varnames.size() + co->cellvars.size() + i);
  if (idx < 0) return vm.raise(vm.rt.RuntimeError, "super(): __class__ cell not found");
  Ref cell = f->slots[size_t(idx)];
  if (!cell || !cell.as<CellObj>()->v) return vm.raise(vm.rt.RuntimeError, "super(): empty __class__ cell");
  Ref self = f->slots[0];
  if (!self) {
    // first argument may live in a cell
    for (size_t i = 0; i < co->cellvars.size(); ++i)
      if (co->cell_from_arg[i] == 0) self = f->slots[co->varnames.size() + i].as<CellObj>()->v;
  }
  if (!self) return vm.raise(vm.rt.RuntimeError, "super(): arg[0] deleted");
  return make<SuperObj>(vm.rt.super_t, cell.as<CellObj>()->v.as<ClassObj>(), self);
}
Ref exc_ctor(VM& vm, Args& a) {
  ClassObj* c = a.v[0].as<ClassObj>();
  return vm.instantiate(c, a.v + 1, a.n - 1 + a.nkw(), a.kwn);
}

// ---- classes ----
bool c3_merge(std::vector<std::vector<ClassObj*>> seqs, std::vector<ClassObj*>& out) {
  for (;;) {
    seqs.erase(std::remove_if(seqs.begin(), seqs.end(), [](auto& s) { return s.empty(); }), seqs.end());
    if (seqs.empty()) return true;
    ClassObj* cand = nullptr;
    for (auto& s : seqs) {
      ClassObj* h = s[0];
      bool in_tail = false;
      for (auto& t : seqs)
        if (std::find(t.begin() + 1, t.end(), h) != t.end()) { in_tail = true; break; }
      if (!in_tail) { cand = h; break; }
    }
    if (!cand) return false;
    out.push_back(cand);
    for (auto& s : seqs) if (s[0] == cand) s.erase(s.begin());
  }
}

// Runs a class body (a function) with `ns` as its locals.
static bool run_class_body(VM& vm, void* ctx, Ref& ns) {
  FuncObj* fn = static_cast<FuncObj*>(ctx);
  // the body's first store: __module__ = __name__ (compiler_class_body)
  if (Ref mod = vm.dict_get_str(fn->globals.as<DictObj>(), vm.rt.intern("__name__").as<StrObj>()); mod && mod->tag == Tag::Str)
    vm.dict_set(ns.as<DictObj>(), vm.rt.intern("__module__"), mod);
  Frame* fr = vm.new_frame(fn, fn->co(), fn->globals, ns);
  int nv = int(fn->co()->varnames.size());
  for (size_t i = 0; i < fn->co()->cellvars.size(); ++i) fr->slots[size_t(nv) + i] = make<CellObj>(vm.rt.cell_t);
  if (fn->closure) {
    auto& cl = fn->closure.as<TupleObj>()->items;
    for (size_t i = 0; i < cl.size(); ++i) fr->slots[size_t(nv) + fn->co()->cellvars.size() + i] = cl[i];
  }
  size_t base = vm.frames.size();
  vm.frames.push_back(fr);
  Ref cell;
  return vm.eval(base, cell) != Stop::Exception;
}

Ref b_build_class(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "__build_class__: not enough arguments");
  Ref body = a.v[0];
  std::string name = a.v[1].as<StrObj>()->s;
  std::vector<Ref> bases(a.v + 2, a.v + a.n);
  for (auto& b : bases) {
    if (b->tag != Tag::Class) return vm.raise(vm.rt.TypeError, "bases must be types");
  }
  // class keywords (metaclass=, arguments for __init_subclass__) or a base whose
  // metaclass is not `type`: modules/class_creation.cpp
  bool plain = true;
  Ref meta;
  std::vector<Ref> kn, kv;
  for (int i = 0; i < a.nkw(); ++i) {
    if (a.kwn->items[size_t(i)].as<StrObj>()->s == "metaclass") meta = a.kwv[i];
    else { kn.push_back(a.kwn->items[size_t(i)]); kv.push_back(a.kwv[i]); }
    plain = false;
  }
  for (auto& b : bases) if (b->cls != vm.rt.type_t) plain = false;
  if (!plain) return build_class_with_meta(vm, name, bases, meta, kn, kv, run_class_body, body.get());
  if (bases.empty()) bases.push_back(Ref(vm.rt.object_t));
  Ref ns = vm.rt.make_dict();
  if (!run_class_body(vm, body.get(), ns)) return nullptr;
  Ref cls = new_class(vm, name, bases, ns);
  if (!cls || !class_post_init(vm, cls, kn, kv)) return nullptr;
  return cls;
}

// type(name, bases, dict) and the end of class statements (Objects/typeobject.c type_new)
Ref new_class(VM& vm, const std::string& name, const std::vector<Ref>& bases, Ref ns) {
  Ref cls_ref = make<ClassObj>(vm.rt.type_t, name);
  ClassObj* cls = cls_ref.as<ClassObj>();
  Ref mod = vm.dict_get_str(ns.as<DictObj>(), S(vm, "__module__"));
  cls->module = mod && mod->tag == Tag::Str ? mod.as<StrObj>()->s : "__main__";
  cls->dict = ns;
  cls->bases = bases;
  // type_new (inherit_slots): a class defining __eq__ without __hash__ gets __hash__ = None (unhashable)
  if (vm.dict_get_str(ns.as<DictObj>(), S(vm, "__eq__")) && !vm.dict_get_str(ns.as<DictObj>(), S(vm, "__hash__")))
    vm.dict_set(ns.as<DictObj>(), vm.rt.intern("__hash__"), vm.rt.None);
  std::vector<std::vector<ClassObj*>> seqs;
  for (auto& b : bases) seqs.push_back(b.as<ClassObj>()->mro);
  std::vector<ClassObj*> bl;
  for (auto& b : bases) bl.push_back(b.as<ClassObj>());
  seqs.push_back(bl);
  std::vector<ClassObj*> mro{cls};
  if (!c3_merge(seqs, mro)) return vm.raise(vm.rt.TypeError, "Cannot create a consistent method resolution order (MRO) for bases");
  cls->mro = mro;
  for (ClassObj* m : mro) {
    if (m->is_exception) cls->is_exception = true;
    if (m != cls && m->instance_tag == Tag::Exception) cls->instance_tag = Tag::Exception;
  }
  DictObj* d = ns.as<DictObj>();
  cls->has_del = bool(vm.lookup_type(cls, S(vm, "__del__")));
  cls->has_getattr = bool(vm.lookup_type(cls, S(vm, "__getattr__"))) || overrides_getattribute(vm, cls);
  Ref sa = vm.lookup_type(cls, S(vm, "__setattr__"));
  cls->has_setattr = sa && sa->tag == Tag::Func;
  if (Ref da = vm.lookup_type(cls, S(vm, "__delattr__")); da && da->tag == Tag::Func) cls->has_setattr = true;  // also gates __delattr__
  // __slots__
  Ref slots = vm.dict_get_str(d, S(vm, "__slots__"));
  bool parents_dictless = true;
  for (ClassObj* m : mro) {
    if (m == cls || m == vm.rt.object_t) continue;
    if (!m->has_slots_only && !m->builtin) parents_dictless = false;  // built-in layouts carry no __dict__
    for (auto& sn : m->slot_names) cls->slot_names.push_back(sn);
  }
  if (slots) {
    std::vector<Ref> names;
    if (slots->tag == Tag::Str) names.push_back(slots);
    else if (!vm.to_list(slots, names)) return nullptr;
    bool has_dict = false;
    for (auto& n : names) {
      if (n->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "__slots__ items must be strings, not '" + vm.type_name(n) + "'");
      if (n.as<StrObj>()->s == "__dict__") { has_dict = true; continue; }
      Ref in = vm.rt.intern(n.as<StrObj>()->s);
      int idx = int(cls->slot_names.size());
      cls->slot_names.push_back(in);
      Ref descr = make<SlotDescr>(vm.rt.object_t, idx, in);
      vm.dict_set(d, in, descr);
    }
    cls->has_slots_only = parents_dictless && !has_dict;
    // var-sized built-in layouts cannot take slots (typeobject.c type_new_slots_impl)
    for (ClassObj* m : mro)
      if (m->builtin && (m == vm.rt.int_t || m == vm.rt.bytes_t || m == vm.rt.tuple_t) && cls->slot_names.size() > 0)
        return vm.raise(vm.rt.TypeError, "nonempty __slots__ not supported for subtype of '" + m->name + "'");
  }
  Ref classcell = vm.dict_get_str(d, S(vm, "__classcell__"));
  if (classcell && classcell->tag == Tag::Cell) {
    classcell.as<CellObj>()->v = cls_ref;
    vm.dict_del(d, vm.rt.intern("__classcell__"));
  }
  // __set_name__ / __init_subclass__ follow (class_post_init, modules/class_creation.cpp)
  return cls_ref;
}

// vars(obj): obj.__dict__ (Python/bltinmodule.c builtin_vars)
Ref b_vars(VM& vm, Args& a) {
  if (a.n == 0) {  // vars() is locals()
    Ref locals_fn = vm.dict_get_str(vm.builtins.as<DictObj>(), S(vm, "locals"));
    return locals_fn ? vm.call0(locals_fn) : vm.not_modelled("vars() without locals()");
  }
  Ref d = vm.getattr_opt(a.v[0], S(vm, "__dict__"));
  if (!d && !vm.exc) return vm.raise(vm.rt.TypeError, "vars() argument must have __dict__ attribute");
  return d;
}

// open(): the io module's open() on the simulation's virtual files (modules/io_py.cpp)
Ref b_open(VM& vm, Args& a) {
  Ref io = vm.import("io");
  if (!io) return nullptr;
  Ref f = vm.getattr(io, S(vm, "open"));
  if (!f) return nullptr;
  return vm.call(f, a.v, a.n + a.nkw(), a.kwn);
}

Ref b_exit(VM& vm, Args& a) {
  Ref e = vm.new_exception(vm.rt.SystemExit, "");
  if (a.n > 0) e.as<ExceptionObj>()->args = vm.rt.make_tuple({a.v[0]});
  return vm.raise_obj(e);
}

void reg(VM& vm, const char* name, BuiltinFn fn) {
  vm.dict_set(vm.builtins.as<DictObj>(), vm.rt.intern(name), vm.make_builtin(name, fn));
}
void type_ctor(VM& vm, ClassObj* t, BuiltinFn fn) {
  vm.dict_set(t->dict.as<DictObj>(), vm.rt.intern("__call_type__"), vm.make_builtin(t->name.c_str(), fn));
  vm.dict_set(vm.builtins.as<DictObj>(), vm.rt.intern(t->name), Ref(t));
}

}  // namespace

// type's class construction for modules/class_creation.cpp
Ref new_class_public(VM& vm, const std::string& name, const std::vector<Ref>& bases, Ref ns) { return new_class(vm, name, bases, ns); }

void init_bytearray(VM& vm);

void init_eval_exec(VM& vm);
void init_builtins(VM& vm) {
  auto& rt = vm.rt;
  vm.builtins = rt.make_dict();
  init_bytearray(vm);  // bytearray_type.cpp (after init_types: shares the bytes methods)
  reg(vm, "print", b_print);
  reg(vm, "len", b_len);
  reg(vm, "repr", b_repr);
  reg(vm, "ascii", b_ascii);
  reg(vm, "id", b_id);
  reg(vm, "hash", b_hash);
  reg(vm, "abs", b_abs);
  reg(vm, "callable", b_callable);
  reg(vm, "isinstance", b_isinstance);
  reg(vm, "issubclass", b_issubclass);
  reg(vm, "getattr", b_getattr);
  reg(vm, "hasattr", b_hasattr);
  reg(vm, "setattr", b_setattr);
  reg(vm, "delattr", b_delattr);
  reg(vm, "vars", b_vars);
  reg(vm, "open", b_open);
  reg(vm, "iter", b_iter);
  reg(vm, "next", b_next);
  reg(vm, "aiter", builtin_aiter);  // sim/vm/async_gen.cpp
  reg(vm, "anext", builtin_anext);
  reg(vm, "chr", b_chr);
  reg(vm, "ord", b_ord);
  reg(vm, "format", b_format);
  reg(vm, "sum", b_sum);
  reg(vm, "max", b_max);
  reg(vm, "min", b_min);
  reg(vm, "sorted", b_sorted);
  reg(vm, "any", b_any);
  reg(vm, "all", b_all);
  reg(vm, "divmod", b_divmod);
  reg(vm, "pow", b_pow);
  reg(vm, "round", b_round);
  reg(vm, "enumerate", b_enumerate);
  reg(vm, "zip", b_zip);
  reg(vm, "map", b_map);
  reg(vm, "filter", b_filter);
  reg(vm, "reversed", b_reversed);
  reg(vm, "__build_class__", b_build_class);
  reg(vm, "exit", b_exit);
  reg(vm, "quit", b_exit);
  type_ctor(vm, rt.int_t, t_int);
  type_ctor(vm, rt.float_t, t_float);
  type_ctor(vm, rt.str_t, t_str);
  type_ctor(vm, rt.bool_t, t_bool);
  type_ctor(vm, rt.list_t, t_list);
  type_ctor(vm, rt.tuple_t, t_tuple);
  type_ctor(vm, rt.dict_t, t_dict);
  type_ctor(vm, rt.set_t, t_set);
  type_ctor(vm, rt.frozenset_t, t_set);
  type_ctor(vm, rt.range_t, t_range);
  type_ctor(vm, rt.type_t, t_type);
  init_type_methods(vm);  // type.__new__/__init__/__call__ (modules/class_creation.cpp)
  type_ctor(vm, rt.object_t, t_object);
  type_ctor(vm, rt.slice_t, t_slice);
  type_ctor(vm, rt.bytes_t, t_bytes);
  type_ctor(vm, rt.property_t, t_property);
  type_ctor(vm, rt.staticmethod_t, t_staticmethod);
  type_ctor(vm, rt.classmethod_t, t_classmethod);
  type_ctor(vm, rt.super_t, t_super);
  vm.dict_set(rt.defaultdict_t->dict.as<DictObj>(), rt.intern("__call_type__"), vm.make_builtin("defaultdict", t_defaultdict));
  vm.dict_set(rt.counter_t->dict.as<DictObj>(), rt.intern("__call_type__"), vm.make_builtin("Counter", t_dict));
  vm.dict_set(rt.ordereddict_t->dict.as<DictObj>(), rt.intern("__call_type__"), vm.make_builtin("OrderedDict", t_dict));
  vm.add_method(rt.property_t, "setter", prop_setter);
  vm.add_method(rt.property_t, "getter", prop_getter);
  vm.add_method(rt.property_t, "deleter", prop_deleter);
  for (auto& t : rt.all_types) {
    ClassObj* c = t.as<ClassObj>();
    if (c->is_exception) {
      vm.dict_set(vm.builtins.as<DictObj>(), rt.intern(c->name), t);
    }
  }
  vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("None"), rt.None);
  vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("True"), rt.True);
  vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("False"), rt.False);
  vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("NotImplemented"), rt.NotImplemented);
  vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("Ellipsis"), rt.Ellipsis);
  (void)exc_ctor;
  init_more_exceptions(vm);  // builtin_exceptions_more.cpp
  init_eval_exec(vm);  // eval_exec.cpp: eval, exec, compile, globals, locals
  init_modules(vm);
}

}  // namespace pitfall::sim
