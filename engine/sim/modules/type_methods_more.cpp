// More methods and attributes of the built-in types (Objects/unicodeobject.c
// unicode_maketrans / unicode_translate, Objects/bytesobject.c
// bytes_fromhex, Objects/rangeobject.c range_index / range_count,
// Objects/longobject.c and floatobject.c's real/imag/numerator/denominator):
// str.maketrans, str.translate, bytes.fromhex, range.index, range.count,
// int.real/imag/numerator/denominator/as_integer_ratio/conjugate,
// float.real/imag/conjugate, types.ModuleType(name, doc).
//
// Notes about the model: these calls charge what a call of a built-in method
// costs without a row of their own in the cost tables (no per-item cost).
// range.index / range.count of a value that is not an int compare item by
// item, as CPython does, up to 10 million items (beyond: not modelled).
#include <cstdio>

#include "sim/pylib/unicode.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

Ref need_args(VM& vm, Args& a, int lo, int hi, const char* name) {
  if (a.n - 1 < lo || a.n - 1 > hi) {
    const std::string want = lo == hi ? "exactly " + std::to_string(lo) : lo == 0 ? "at most " + std::to_string(hi) : "from " + std::to_string(lo) + " to " + std::to_string(hi);
    return vm.raise(vm.rt.TypeError, std::string(name) + "() takes " + want + " argument" + (hi == 1 ? "" : "s") + " (" + std::to_string(a.n - 1) + " given)");
  }
  return vm.rt.None;
}

// str.maketrans(x[, y[, z]]), a static method: a = the arguments (no self)
Ref str_maketrans(VM& vm, Args& a) {
  if (a.n < 1 || a.n > 3) return vm.raise(vm.rt.TypeError, "maketrans() takes from 1 to 3 positional arguments");
  Ref out = vm.rt.make_dict();
  auto* d = out.as<DictObj>();
  if (a.n == 1) {
    if (a.v[0]->tag != Tag::Dict) return vm.raise(vm.rt.TypeError, "if you give only one argument to maketrans it must be a dict");
    for (const DictEntry& e : std::vector<DictEntry>(a.v[0].as<DictObj>()->entries)) {
      if (!e.key) continue;
      Ref k = e.key;
      if (k->tag == Tag::Str) {
        const std::u32string cs = pylib::utf8_decode(k.as<StrObj>()->s);
        if (cs.size() != 1) return vm.raise(vm.rt.ValueError, "string keys in translate table must be of length 1");
        k = vm.rt.make_int(std::int64_t(cs[0]));
      } else if (k->tag != Tag::Int && k->tag != Tag::BigInt) {
        return vm.raise(vm.rt.TypeError, "keys in translate table must be strings or integers");
      }
      if (!vm.dict_set(d, k, e.value)) return nullptr;
    }
    return out;
  }
  if (a.v[0]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "maketrans() argument 1 must be str, not " + vm.type_name(a.v[0]));
  if (a.v[1]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "maketrans() argument 2 must be str, not " + vm.type_name(a.v[1]));
  if (a.n == 3 && a.v[2]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "maketrans() argument 3 must be str, not " + vm.type_name(a.v[2]));
  const std::u32string x = pylib::utf8_decode(a.v[0].as<StrObj>()->s), y = pylib::utf8_decode(a.v[1].as<StrObj>()->s);
  if (x.size() != y.size()) return vm.raise(vm.rt.ValueError, "the first two maketrans arguments must have equal length");
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!vm.dict_set(d, vm.rt.make_int(std::int64_t(x[i])), vm.rt.make_int(std::int64_t(y[i])))) return nullptr;
  if (a.n == 3)
    for (char32_t c : pylib::utf8_decode(a.v[2].as<StrObj>()->s))
      if (!vm.dict_set(d, vm.rt.make_int(std::int64_t(c)), vm.rt.None)) return nullptr;
  return out;
}

// str.translate(table): table[ord(c)] is None (drop), an int (a code point) or a str; LookupError keeps c
Ref str_translate(VM& vm, Args& a) {
  if (!need_args(vm, a, 1, 1, "str.translate")) return nullptr;
  const Ref table = a.v[1];
  std::string out;
  for (char32_t c : pylib::utf8_decode(a.v[0].as<StrObj>()->s)) {
    Ref r = vm.getitem(table, vm.rt.make_int(std::int64_t(c)));
    if (!r) {
      if (!vm.matches(vm.exc, vm.rt.LookupError)) return nullptr;
      vm.exc.reset();
      pylib::utf8_append(out, c);
      continue;
    }
    if (r.get() == vm.rt.None.get()) continue;
    if (r->tag == Tag::Int) {
      const std::int64_t v = r.as<IntObj>()->v;
      if (v < 0 || v > 0x10FFFF) return vm.raise(vm.rt.ValueError, "character mapping must be in range(0x110000)");
      pylib::utf8_append(out, char32_t(v));
    } else if (r->tag == Tag::Str) {
      out += r.as<StrObj>()->s;
    } else {
      return vm.raise(vm.rt.TypeError, "character mapping must return integer, None or str");
    }
  }
  return vm.rt.make_str(std::move(out));
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// bytes.fromhex(string), a class method: a.v[0] is the class
Ref bytes_fromhex(VM& vm, Args& a) {
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "fromhex() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  if (a.v[1]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "fromhex() argument must be str, not " + vm.type_name(a.v[1]));
  const std::string& s = a.v[1].as<StrObj>()->s;
  std::string out;
  std::size_t i = 0;
  const auto bad = [&](std::size_t at) {
    return vm.raise(vm.rt.ValueError, "non-hexadecimal number found in fromhex() arg at position " + std::to_string(at));
  };
  while (i < s.size()) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v') { ++i; continue; }
    const int hi = hex_digit(s[i]);
    if (hi < 0) return bad(i);
    if (i + 1 >= s.size()) return bad(i + 1);
    const int lo = hex_digit(s[i + 1]);
    if (lo < 0) return bad(i + 1);
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  Ref b = make<BytesObj>(vm.rt.bytes_t, std::move(out));
  if (a.v[0].get() == vm.rt.bytes_t) return b;
  return vm.call1(a.v[0], b);  // a subclass or bytearray: cls(bytes)
}

constexpr std::int64_t kRangeSearchLimit = 10'000'000;

// The index of int `v` in range `r`, or -1.
std::int64_t range_find_int(const RangeObj* r, std::int64_t v) {
  const __int128 off = __int128(v) - r->start;
  if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop)) return -1;
  if (off % r->step != 0) return -1;
  return std::int64_t(off / r->step);
}

// range.index(x) / range.count(x); `count` selects which
Ref range_search(VM& vm, Args& a, bool count) {
  if (!need_args(vm, a, 1, 1, count ? "range.count" : "range.index")) return nullptr;
  const auto* r = a.v[0].as<RangeObj>();
  const Ref& x = a.v[1];
  if (x->tag == Tag::Int && (x->cls == vm.rt.int_t || x->cls == vm.rt.bool_t)) {
    const std::int64_t i = range_find_int(r, x.as<IntObj>()->v);
    if (count) return vm.rt.make_int(i >= 0 ? 1 : 0);
    if (i < 0) {
      std::string rep;
      if (!vm.repr_to(x, rep)) return nullptr;
      return vm.raise(vm.rt.ValueError, rep + " is not in range");
    }
    return vm.rt.make_int(i);
  }
  const std::int64_t n = vm.len(a.v[0]);
  if (n > kRangeSearchLimit) return vm.not_modelled("range.index/count of a non-int value over more than 10 million items");
  std::int64_t found = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    Ref eq = vm.compare(CMP_EQ, vm.rt.make_int(r->start + i * r->step), x);
    if (!eq) return nullptr;
    const int t = vm.truthy(eq);
    if (t < 0) return nullptr;
    if (t) {
      if (!count) return vm.rt.make_int(i);
      ++found;
    }
  }
  if (count) return vm.rt.make_int(found);
  return vm.raise(vm.rt.ValueError, "sequence.index(x): x not in sequence");
}
Ref range_index(VM& vm, Args& a) { return range_search(vm, a, false); }
Ref range_count(VM& vm, Args& a) { return range_search(vm, a, true); }

// int.real / numerator / conjugate(): the value as an int (a bool's as 0 or 1)
Ref int_self(VM& vm, Args& a) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "descriptor needs an argument");
  const Ref& x = a.v[0];
  if (x->tag == Tag::Int) return x->cls == vm.rt.int_t ? x : vm.rt.make_int(x.as<IntObj>()->v);
  if (x->tag == Tag::BigInt) return x->cls == vm.rt.int_t ? x : vm.rt.make_int(x.as<BigIntObj>()->v);
  return vm.raise(vm.rt.TypeError, "descriptor requires an 'int' object but received a '" + vm.type_name(x) + "'");
}
Ref int_zero(VM& vm, Args&) { return vm.rt.make_int(0); }
Ref int_one(VM& vm, Args&) { return vm.rt.make_int(1); }
Ref int_ratio(VM& vm, Args& a) {
  Ref v = int_self(vm, a);
  if (!v) return nullptr;
  return vm.rt.make_tuple({v, vm.rt.make_int(1)});
}
Ref float_self(VM& vm, Args& a) {
  if (a.n < 1 || a.v[0]->tag != Tag::Float) return vm.raise(vm.rt.TypeError, "descriptor requires a 'float' object");
  return a.v[0]->cls == vm.rt.float_t ? a.v[0] : vm.rt.make_float(a.v[0].as<FloatObj>()->v);
}
Ref float_zero(VM& vm, Args&) { return vm.rt.make_float(0.0); }

// types.ModuleType(name, doc=None): a new, empty module (moduleobject.c module___init___impl)
Ref module_new(VM& vm, Args& a) {
  Ref name = a.n > 1 ? a.v[1] : a.kw("name");
  Ref doc = a.n > 2 ? a.v[2] : a.kw("doc");
  if (!name) return vm.raise(vm.rt.TypeError, "module.__init__() missing required argument 'name' (pos 1)");
  if (name->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "module.__init__() argument 'name' must be str, not " + vm.type_name(name));
  Ref m = make<ModuleObj>(vm.rt.module_t, name.as<StrObj>()->s);
  m.as<ModuleObj>()->dict = vm.rt.make_dict();
  DictObj* d = m.as<ModuleObj>()->dict.as<DictObj>();
  vm.dict_set(d, vm.rt.intern("__name__"), name);
  vm.dict_set(d, vm.rt.intern("__doc__"), doc ? doc : vm.rt.None);
  for (const char* k : {"__package__", "__loader__", "__spec__"}) vm.dict_set(d, vm.rt.intern(k), vm.rt.None);
  return m;
}

void property(VM& vm, ClassObj* c, const char* name, BuiltinFn fget) {
  Ref p = make<PropertyObj>(vm.rt.property_t);
  p.as<PropertyObj>()->fget = vm.make_builtin(name, fget);
  vm.dict_set(c->dict.as<DictObj>(), vm.rt.intern(name), p);
}

}  // namespace

Ref native_type_repr(VM& vm, Args& a);  // vm/text.cpp

void init_type_methods_more(VM& vm) {
  auto& rt = vm.rt;
  // each built-in type's own __repr__ (CPython's slot wrappers: dict.__repr__ is not object.__repr__,
  // Counter.__repr__ is not dict.__repr__), so that type(x).__repr__ tells the types apart
  const std::pair<ClassObj*, const char*> reprs[] = {
      {rt.int_t, "int.__repr__"}, {rt.bool_t, "bool.__repr__"}, {rt.float_t, "float.__repr__"}, {rt.str_t, "str.__repr__"},
      {rt.bytes_t, "bytes.__repr__"}, {rt.list_t, "list.__repr__"}, {rt.tuple_t, "tuple.__repr__"}, {rt.dict_t, "dict.__repr__"},
      {rt.set_t, "set.__repr__"}, {rt.frozenset_t, "frozenset.__repr__"}, {rt.counter_t, "Counter.__repr__"},
      {rt.defaultdict_t, "defaultdict.__repr__"}, {rt.ordereddict_t, "OrderedDict.__repr__"}};
  for (const auto& [t, n] : reprs) vm.add_method(t, n, native_type_repr);
  vm.dict_set(rt.str_t->dict.as<DictObj>(), rt.intern("maketrans"),
              make<WrapperObj>(rt.staticmethod_t, Tag::StaticMethod, vm.make_builtin("maketrans", str_maketrans)));
  vm.add_method(rt.str_t, "translate", str_translate);
  vm.dict_set(rt.bytes_t->dict.as<DictObj>(), rt.intern("fromhex"),
              make<WrapperObj>(rt.classmethod_t, Tag::ClassMethod, vm.make_builtin("fromhex", bytes_fromhex)));
  vm.add_method(rt.range_t, "index", range_index);
  vm.add_method(rt.range_t, "count", range_count);
  for (const char* n : {"real", "numerator"}) property(vm, rt.int_t, n, int_self);
  property(vm, rt.int_t, "imag", int_zero);
  property(vm, rt.int_t, "denominator", int_one);
  vm.add_method(rt.int_t, "conjugate", int_self);
  vm.add_method(rt.int_t, "as_integer_ratio", int_ratio);
  vm.dict_set(rt.module_t->dict.as<DictObj>(), rt.intern("__call_type__"), vm.make_builtin("module", module_new));
  property(vm, rt.float_t, "real", float_self);
  property(vm, rt.float_t, "imag", float_zero);
  vm.add_method(rt.float_t, "conjugate", float_self);
}

}  // namespace pitfall::sim
