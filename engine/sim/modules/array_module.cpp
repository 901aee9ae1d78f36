// array: typed arrays of machine values (Modules/arraymodule.c, 3.11).
// Typecodes b B h H i I l L q Q f d u; the items live unboxed in one buffer
// (each read makes a new int/float object, as CPython's getitem does),
// indexing, slicing, iteration, repr, comparison, + * += *=, append, extend,
// insert, pop, remove, index, count, reverse, tobytes, frombytes, tolist,
// fromlist, buffer_info, byteswap, itemsize, typecode.
// The buffer keeps CPython's allocation (`allocated`, array_resize's
// over-allocation: newsize + newsize/16 + (3 if the array held < 8 items else
// 7); exact sizes from newarrayobject for literals, slices, + and *), which
// sys.getsizeof reports (64 + allocated * itemsize, plus the GC header: a GC
// type since 3.10) and tracemalloc traces as the array's second block.
// Model notes: the 'u' typecode stores code points (wchar_t is 4 bytes on
// Linux); 3.13's 'w' typecode and its DeprecationWarning for 'u' are not
// modelled; buffer_info's address is the simulator object's.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "sim/memory/sizes.h"
#include "sim/modules/bytearray_type.h"
#include "sim/pylib/unicode.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

bool slice_indices_public(VM& vm, SliceObj* s, std::int64_t len, std::int64_t& start, std::int64_t& stop, std::int64_t& step, std::int64_t& count);

namespace {

constexpr int kArrayKind = 0x41525259;  // 'ARRY'
constexpr int kArrayGcFromMinor = 10;     // the array type has Py_TPFLAGS_HAVE_GC from this 3.x (3.10: a heap type with GC)

struct ArrayObj : NativeObj {
  char tc;
  int itemsize;
  std::string data;
  std::int64_t allocated = 0;
  ArrayObj(ClassObj* c, char t, int size) : NativeObj(c, kArrayKind), tc(t), itemsize(size) {}
  std::int64_t size() const { return std::int64_t(data.size()) / itemsize; }
};

ArrayObj* A(const Ref& r) { return static_cast<ArrayObj*>(r.get()); }
// Only this module's type makes array objects (other Tag::Other objects are
// not all NativeObj: look at the class before the kind).
bool is_array(const Obj* o) {
  return native_kind(o) == kArrayKind && o->cls->builtin && o->cls->module == "array" && o->cls->name == "array";
}

ClassObj* array_type(VM& vm) {
  return vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("__pitfall_array_t").as<StrObj>()).as<ClassObj>();
}

int itemsize_of(char tc) {
  switch (tc) {
    case 'b': case 'B': return 1;
    case 'h': case 'H': return 2;
    case 'i': case 'I': case 'f': case 'u': return 4;
    case 'l': case 'L': case 'q': case 'Q': case 'd': return 8;
    default: return 0;
  }
}

// array_resize (Modules/arraymodule.c): keeps the buffer when it is big
// enough and not more than 16 items too big, else over-allocates.
void resize(ArrayObj* a, std::int64_t newsize) {
  const std::int64_t size = a->size();
  if (!(a->allocated >= newsize && size < newsize + 16 && a->allocated > 0)) {
    if (newsize == 0) a->allocated = 0;
    else a->allocated = (newsize >> 4) + (size < 8 ? 3 : 7) + newsize;
  }
  a->data.resize(std::size_t(newsize * a->itemsize));
  mem_touch(a);
}

// newarrayobject: exactly `n` items (none: no buffer).
Ref new_array(VM& vm, ClassObj* cls, char tc, std::string data) {
  Ref o = make<ArrayObj>(cls ? cls : array_type(vm), tc, itemsize_of(tc));
  A(o)->data = std::move(data);
  A(o)->allocated = A(o)->size();
  return o;
}

// Charges a bulk operation's measured cost (tools/calibrate_lib/ratio_costs.py):
// `builtin.array` (from a list), `builtin.array:iterable`, `builtin.array.tolist`
// and `.extend` per item, `.tobytes` / `.frombytes` per byte (buffer copies).
void cost(VM& vm, const char* key, double n) { vm.charge(vm.builtin_ns(key, n)); }

bool fits(VM& vm, double bytes) {
  if (bytes <= double(vm.memory_limit)) return true;
  vm.raise(vm.rt.MemoryError, "");
  return false;
}

template <class T>
T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
template <class T>
void store(char* p, T v) { std::memcpy(p, &v, sizeof v); }

Ref get_item(VM& vm, const ArrayObj* a, std::int64_t i) {
  const char* p = a->data.data() + i * a->itemsize;
  switch (a->tc) {
    case 'b': return vm.rt.make_int(load<std::int8_t>(p));
    case 'B': return vm.rt.make_int(load<std::uint8_t>(p));
    case 'h': return vm.rt.make_int(load<std::int16_t>(p));
    case 'H': return vm.rt.make_int(load<std::uint16_t>(p));
    case 'i': return vm.rt.make_int(load<std::int32_t>(p));
    case 'I': return vm.rt.make_int(load<std::uint32_t>(p));
    case 'l': case 'q': return vm.rt.make_int(load<std::int64_t>(p));
    case 'L': case 'Q': return vm.rt.make_int(pylib::BigInt::from_u64(load<std::uint64_t>(p)));
    case 'f': return vm.rt.make_float(double(load<float>(p)));
    case 'd': return vm.rt.make_float(load<double>(p));
    case 'u': {
      std::string s;
      pylib::utf8_append(s, char32_t(load<std::uint32_t>(p)));
      return vm.rt.make_str(s);
    }
  }
  return vm.rt.None;
}

// The C type names of the range errors (b_setitem ... QQ_setitem).
bool int_item(VM& vm, char tc, const Ref& v, std::int64_t& out, std::uint64_t& uout) {
  if (v->tag != Tag::Int && v->tag != Tag::BigInt) {
    if (v->tag == Tag::Float) vm.raise(vm.rt.TypeError, "'float' object cannot be interpreted as an integer");
    else vm.raise(vm.rt.TypeError, "'" + vm.type_name(v) + "' object cannot be interpreted as an integer");
    return false;
  }
  const bool big = v->tag == Tag::BigInt;
  const bool neg = big ? v.as<BigIntObj>()->v.is_negative() : v.as<IntObj>()->v < 0;
  if (tc == 'L' || tc == 'Q') {
    if (neg) {
      vm.raise(vm.rt.OverflowError, tc == 'L' ? "can't convert negative value to unsigned int" : "can't convert negative int to unsigned");
      return false;
    }
    if (big && v.as<BigIntObj>()->v.bit_length() > 64) {
      vm.raise(vm.rt.OverflowError, tc == 'L' ? "Python int too large to convert to C unsigned long" : "int too big to convert");
      return false;
    }
    uout = big ? v.as<BigIntObj>()->v.low_u64() : std::uint64_t(v.as<IntObj>()->v);
    return true;
  }
  if (big) {
    vm.raise(vm.rt.OverflowError, tc == 'q' ? "int too big to convert" : "Python int too large to convert to C long");
    return false;
  }
  const std::int64_t x = v.as<IntObj>()->v;
  struct Range { char tc; std::int64_t lo, hi; const char* lo_msg; const char* hi_msg; };
  static const Range ranges[] = {
      {'b', -128, 127, "signed char is less than minimum", "signed char is greater than maximum"},
      {'B', 0, 255, "unsigned byte integer is less than minimum", "unsigned byte integer is greater than maximum"},
      {'h', -32768, 32767, "signed short integer is less than minimum", "signed short integer is greater than maximum"},
      {'H', 0, 65535, "unsigned short is less than minimum", "unsigned short is greater than maximum"},
      {'i', INT32_MIN, INT32_MAX, "signed integer is less than minimum", "signed integer is greater than maximum"},
      {'I', 0, UINT32_MAX, "can't convert negative value to unsigned int", "unsigned int is greater than maximum"},
  };
  for (const Range& r : ranges)
    if (r.tc == tc) {
      if (x < r.lo) { vm.raise(vm.rt.OverflowError, r.lo_msg); return false; }
      if (x > r.hi) { vm.raise(vm.rt.OverflowError, r.hi_msg); return false; }
    }
  out = x;
  return true;
}

// Converts v to the array's item and writes it at p (p may be null: check only).
bool put_item(VM& vm, char tc, const Ref& v, char* p) {
  if (tc == 'f' || tc == 'd') {
    double x;
    if (v->tag == Tag::Float) x = v.as<FloatObj>()->v;
    else if (v->tag == Tag::Int) x = double(v.as<IntObj>()->v);
    else if (v->tag == Tag::BigInt) {
      auto r = v.as<BigIntObj>()->v.to_double();
      if (!r) { vm.raise(vm.rt.OverflowError, "int too large to convert to float"); return false; }
      x = *r;
    } else {
      vm.raise(vm.rt.TypeError, "must be real number, not " + vm.type_name(v));
      return false;
    }
    if (p) {
      if (tc == 'f') store<float>(p, float(x));
      else store<double>(p, x);
    }
    return true;
  }
  if (tc == 'u') {
    std::u32string cps;
    if (v->tag == Tag::Str) cps = pylib::utf8_decode(v.as<StrObj>()->s);
    if (cps.size() != 1) {
      vm.raise(vm.rt.TypeError, "array item must be unicode character");
      return false;
    }
    if (p) store<std::uint32_t>(p, std::uint32_t(cps[0]));
    return true;
  }
  std::int64_t x = 0;
  std::uint64_t u = 0;
  if (!int_item(vm, tc, v, x, u)) return false;
  if (!p) return true;
  switch (tc) {
    case 'b': store<std::int8_t>(p, std::int8_t(x)); break;
    case 'B': store<std::uint8_t>(p, std::uint8_t(x)); break;
    case 'h': store<std::int16_t>(p, std::int16_t(x)); break;
    case 'H': store<std::uint16_t>(p, std::uint16_t(x)); break;
    case 'i': store<std::int32_t>(p, std::int32_t(x)); break;
    case 'I': store<std::uint32_t>(p, std::uint32_t(x)); break;
    case 'l': case 'q': store<std::int64_t>(p, x); break;
    case 'L': case 'Q': store<std::uint64_t>(p, u); break;
  }
  return true;
}

// Item bytes of one value (checked), appended to out.
bool encode(VM& vm, char tc, const Ref& v, std::string& out) {
  char buf[8];
  if (!put_item(vm, tc, v, buf)) return false;
  out.append(buf, std::size_t(itemsize_of(tc)));
  return true;
}

bool self_array(VM& vm, Args& a, ArrayObj*& arr) {
  if (a.n < 1 || !is_array(a.v[0].get())) { vm.raise(vm.rt.TypeError, "descriptor requires a 'array.array' object"); return false; }
  arr = A(a.v[0]);
  return true;
}

// ins1: one item at `where` (clamped as list.insert), growing by array_resize.
bool ins1(VM& vm, ArrayObj* arr, std::int64_t where, const Ref& v) {
  std::string item;
  if (!encode(vm, arr->tc, v, item)) return false;
  const std::int64_t n = arr->size();
  if (!fits(vm, double(n + 1) * arr->itemsize)) return false;
  if (where < 0) { where += n; if (where < 0) where = 0; }
  if (where > n) where = n;
  std::string rest = arr->data.substr(std::size_t(where * arr->itemsize));
  resize(arr, n + 1);
  std::memcpy(arr->data.data() + where * arr->itemsize, item.data(), item.size());
  std::memcpy(arr->data.data() + (where + 1) * arr->itemsize, rest.data(), rest.size());
  return true;
}

// array_do_extend / array_iter_extend: another array of the same typecode
// grows the buffer once; any other iterable goes item by item (ins1).
bool extend(VM& vm, ArrayObj* arr, const Ref& src) {
  if (is_array(src.get())) {
    ArrayObj* b = A(src);
    if (b->tc != arr->tc) { vm.raise(vm.rt.TypeError, "can only extend with array of same kind"); return false; }
    std::string add = b->data;
    if (!fits(vm, double(arr->data.size() + add.size()))) return false;
    const std::int64_t n = arr->size();
    resize(arr, n + b->size());
    std::memcpy(arr->data.data() + n * arr->itemsize, add.data(), add.size());
    return true;
  }
  Ref it = vm.iter(src);
  if (!it) return false;
  for (;;) {
    Ref x = vm.next(it);
    if (!x) return !vm.exc;
    if (!ins1(vm, arr, arr->size(), x)) return false;
  }
}

bool frombytes(VM& vm, ArrayObj* arr, const std::string& b) {
  if (b.size() % std::size_t(arr->itemsize)) { vm.raise(vm.rt.ValueError, "bytes length not a multiple of item size"); return false; }
  if (!fits(vm, double(arr->data.size() + b.size()))) return false;
  const std::int64_t n = arr->size();
  resize(arr, n + std::int64_t(b.size()) / arr->itemsize);
  std::memcpy(arr->data.data() + n * arr->itemsize, b.data(), b.size());
  return true;
}

Ref a_new(VM& vm, Args& a) {
  ClassObj* cls = a.v[0].as<ClassObj>();
  if (a.nkw() > 0) return vm.raise(vm.rt.TypeError, "array.array() takes no keyword arguments");
  if (a.n < 2 || a.n > 3) return vm.raise(vm.rt.TypeError, "array() takes at most 2 arguments (" + std::to_string(a.n - 1) + " given)");
  const Ref& code = a.v[1];
  if (code->tag != Tag::Str || code.as<StrObj>()->s.size() != 1)
    return vm.raise(vm.rt.TypeError, "array() argument 1 must be a unicode character, not " + vm.type_name(code));
  const char tc = code.as<StrObj>()->s[0];
  if (!itemsize_of(tc)) return vm.raise(vm.rt.ValueError, "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
  Ref o = new_array(vm, cls, tc, "");
  if (a.n < 3) return o;
  ArrayObj* arr = A(o);
  const Ref& init = a.v[2];
  if (init->tag == Tag::Str && tc != 'u')
    return vm.raise(vm.rt.TypeError, std::string("cannot use a str to initialize an array with typecode '") + tc + "'");
  if (init->tag == Tag::List || init->tag == Tag::Tuple) {
    const auto items = list_or_tuple_items(init.get());
    if (!fits(vm, double(items.size()) * arr->itemsize)) return nullptr;
    std::string data;
    data.reserve(items.size() * std::size_t(arr->itemsize));
    for (const Ref& x : std::vector<Ref>(items.begin(), items.end()))
      if (!encode(vm, tc, x, data)) return nullptr;
    arr->data = std::move(data);
    arr->allocated = arr->size();
    cost(vm, "builtin.array", double(arr->size()));
    return o;
  }
  if (init->tag == Tag::Bytes || is_bytearray(init.get())) {
    cost(vm, "builtin.array.frombytes", double(init->tag == Tag::Bytes ? init.as<BytesObj>()->s.size() : bytearray_data(init.get()).size()));
    if (!frombytes(vm, arr, init->tag == Tag::Bytes ? init.as<BytesObj>()->s : bytearray_data(init.get()))) return nullptr;
    return o;
  }
  if (init->tag == Tag::Str) {  // 'u' from a str: array_array_fromunicode
    std::string data;
    for (char32_t cp : pylib::utf8_decode(init.as<StrObj>()->s)) {
      char buf[4];
      store<std::uint32_t>(buf, std::uint32_t(cp));
      data.append(buf, 4);
    }
    if (!frombytes(vm, arr, data)) return nullptr;
    return o;
  }
  if (is_array(init.get()) && A(init)->tc == tc) {
    arr->data = A(init)->data;
    arr->allocated = arr->size();
    cost(vm, "builtin.array.tobytes", double(arr->data.size()));
    return o;
  }
  if (!extend(vm, arr, init)) return nullptr;
  cost(vm, "builtin.array:iterable", double(arr->size()));
  return o;
}

Ref a_len(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr)) return nullptr;
  return vm.rt.make_int(arr->size());
}

bool index_arg(VM& vm, ArrayObj* arr, const Ref& k, std::int64_t& i, const char* what) {
  if (!vm.index_value(k, i)) {
    if (vm.matches(vm.exc, vm.rt.TypeError)) {
      vm.exc.reset();
      vm.raise(vm.rt.TypeError, "array indices must be integers");
    }
    return false;
  }
  if (i < 0) i += arr->size();
  if (i < 0 || i >= arr->size()) { vm.raise(vm.rt.IndexError, what); return false; }
  return true;
}

Ref a_getitem(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr) || a.n < 2) return nullptr;
  if (a.v[1]->tag == Tag::Slice) {
    std::int64_t st, sp, step, cnt;
    if (!slice_indices_public(vm, a.v[1].as<SliceObj>(), arr->size(), st, sp, step, cnt)) return nullptr;
    std::string out;
    for (std::int64_t k = 0, j = st; k < cnt; ++k, j += step) out.append(arr->data, std::size_t(j * arr->itemsize), std::size_t(arr->itemsize));
    cost(vm, "builtin.array.tobytes", double(out.size()));
    return new_array(vm, array_type(vm), arr->tc, std::move(out));
  }
  std::int64_t i;
  if (!index_arg(vm, arr, a.v[1], i, "array index out of range")) return nullptr;
  return get_item(vm, arr, i);
}

Ref a_setitem(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr) || a.n < 3) return nullptr;
  if (a.v[1]->tag == Tag::Slice) {
    if (!is_array(a.v[2].get()))
      return vm.raise(vm.rt.TypeError, "can only assign array (not \"" + vm.type_name(a.v[2]) + "\") to array slice");
    ArrayObj* b = A(a.v[2]);
    if (b->tc != arr->tc) return vm.raise(vm.rt.TypeError, "bad argument type for built-in operation");
    std::string src = b->data;
    std::int64_t st, sp, step, cnt;
    if (!slice_indices_public(vm, a.v[1].as<SliceObj>(), arr->size(), st, sp, step, cnt)) return nullptr;
    const std::int64_t m = b->size();
    if (step == 1) {
      if (sp < st) sp = st;
      std::string rest = arr->data.substr(std::size_t(sp * arr->itemsize));
      const std::int64_t n = arr->size(), newn = n - (sp - st) + m;
      if (newn != n) resize(arr, newn);
      std::memcpy(arr->data.data() + st * arr->itemsize, src.data(), src.size());
      std::memcpy(arr->data.data() + (st + m) * arr->itemsize, rest.data(), rest.size());
      return vm.rt.None;
    }
    if (m != cnt)
      return vm.raise(vm.rt.ValueError, "attempt to assign array of size " + std::to_string(m) + " to extended slice of size " + std::to_string(cnt));
    for (std::int64_t k = 0, j = st; k < cnt; ++k, j += step)
      std::memcpy(arr->data.data() + j * arr->itemsize, src.data() + k * arr->itemsize, std::size_t(arr->itemsize));
    return vm.rt.None;
  }
  std::int64_t i;
  if (!index_arg(vm, arr, a.v[1], i, "array assignment index out of range")) return nullptr;
  if (!put_item(vm, arr->tc, a.v[2], arr->data.data() + i * arr->itemsize)) return nullptr;
  return vm.rt.None;
}

// array_del_slice: memmove, then array_resize to the smaller size.
void del_range(ArrayObj* arr, std::int64_t lo, std::int64_t hi) {
  const std::int64_t n = arr->size(), w = arr->itemsize;
  std::memmove(arr->data.data() + lo * w, arr->data.data() + hi * w, std::size_t((n - hi) * w));
  resize(arr, n - (hi - lo));
}

Ref a_delitem(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr) || a.n < 2) return nullptr;
  if (a.v[1]->tag == Tag::Slice) {
    std::int64_t st, sp, step, cnt;
    if (!slice_indices_public(vm, a.v[1].as<SliceObj>(), arr->size(), st, sp, step, cnt)) return nullptr;
    if (cnt <= 0) return vm.rt.None;
    if (step == 1) { del_range(arr, st, st + cnt); return vm.rt.None; }
    std::vector<bool> drop(std::size_t(arr->size()), false);
    for (std::int64_t k = 0, j = st; k < cnt; ++k, j += step) drop[std::size_t(j)] = true;
    std::string out;
    for (std::int64_t j = 0; j < arr->size(); ++j)
      if (!drop[std::size_t(j)]) out.append(arr->data, std::size_t(j * arr->itemsize), std::size_t(arr->itemsize));
    const std::int64_t n = std::int64_t(out.size()) / arr->itemsize;
    resize(arr, n);
    arr->data = std::move(out);
    return vm.rt.None;
  }
  std::int64_t i;
  if (!index_arg(vm, arr, a.v[1], i, "array assignment index out of range")) return nullptr;
  del_range(arr, i, i + 1);
  return vm.rt.None;
}

Ref iter_next(VM& vm, IterObj* it) {
  ArrayObj* arr = A(it->a);
  if (!arr || it->i >= arr->size()) { it->a.reset(); return nullptr; }
  return get_item(vm, arr, it->i++);
}

Ref a_iter(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr)) return nullptr;
  Ref it = make<IterObj>(vm.rt.iterator_t, iter_next);
  it.as<IterObj>()->a = a.v[0];
  it.as<IterObj>()->type_name = "arrayiterator";
  return it;
}

std::string repr_items(VM& vm, ArrayObj* arr, bool& ok) {
  std::string out;
  ok = true;
  if (arr->tc == 'u') {
    std::string s;
    for (std::int64_t i = 0; i < arr->size(); ++i) pylib::utf8_append(s, char32_t(load<std::uint32_t>(arr->data.data() + i * 4)));
    Ref r = vm.repr(vm.rt.make_str(s));
    if (!r) { ok = false; return ""; }
    return r.as<StrObj>()->s;
  }
  out = "[";
  for (std::int64_t i = 0; i < arr->size(); ++i) {
    if (i) out += ", ";
    std::string s;
    if (!vm.repr_to(get_item(vm, arr, i), s)) { ok = false; return ""; }
    out += s;
  }
  return out + "]";
}

Ref a_repr(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr)) return nullptr;
  std::string name = arr->cls->name == "array" ? "array" : arr->cls->name;
  if (arr->size() == 0) return vm.rt.make_str(name + "('" + arr->tc + "')");
  bool ok;
  std::string items = repr_items(vm, arr, ok);
  if (!ok) return nullptr;
  return vm.rt.make_str(name + "('" + arr->tc + "', " + items + ")");
}

Ref a_append(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr)) return nullptr;
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "array.append() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  if (!ins1(vm, arr, arr->size(), a.v[1])) return nullptr;
  return vm.rt.None;
}

Ref a_insert(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr)) return nullptr;
  if (a.n != 3) return vm.raise(vm.rt.TypeError, "insert expected 2 arguments, got " + std::to_string(a.n - 1));
  std::int64_t i;
  if (!vm.index_value(a.v[1], i)) return nullptr;
  if (!ins1(vm, arr, i, a.v[2])) return nullptr;
  return vm.rt.None;
}

Ref a_extend(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr) || a.n != 2) return a.n != 2 ? vm.raise(vm.rt.TypeError, "array.extend() takes exactly one argument") : nullptr;
  const std::int64_t n0 = arr->size();
  if (!extend(vm, arr, a.v[1])) return nullptr;
  if (is_array(a.v[1].get())) cost(vm, "builtin.array.frombytes", double((arr->size() - n0) * arr->itemsize));
  else cost(vm, "builtin.array.extend", double(arr->size() - n0));
  return vm.rt.None;
}

Ref a_pop(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr)) return nullptr;
  std::int64_t i = -1;
  if (a.n > 1 && !vm.index_value(a.v[1], i)) return nullptr;
  if (arr->size() == 0) return vm.raise(vm.rt.IndexError, "pop from empty array");
  if (i < 0) i += arr->size();
  if (i < 0 || i >= arr->size()) return vm.raise(vm.rt.IndexError, "pop index out of range");
  Ref v = get_item(vm, arr, i);
  del_range(arr, i, i + 1);
  return v;
}

// The first index whose item equals v, or -1 (error: -2).
// Each item scanned is made as an object and compared (array_array_index_impl):
// charged as tolist's per-item cost.
std::int64_t find(VM& vm, ArrayObj* arr, const Ref& v, std::int64_t start = 0, std::int64_t stop = INT64_MAX) {
  std::int64_t i = start, found = -1;
  for (; i < std::min(stop, arr->size()); ++i) {
    int eq = vm.eq(get_item(vm, arr, i), v);
    if (eq < 0) return -2;
    if (eq) { found = i; ++i; break; }
  }
  cost(vm, "builtin.array.tolist", double(i - start));
  return found;
}

Ref a_index(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr) || a.n < 2) return a.n < 2 ? vm.raise(vm.rt.TypeError, "index expected at least 1 argument, got 0") : nullptr;
  std::int64_t start = 0, stop = INT64_MAX;
  if (a.n > 2 && !vm.index_value(a.v[2], start)) return nullptr;
  if (a.n > 3 && !vm.index_value(a.v[3], stop)) return nullptr;
  if (start < 0) start = std::max<std::int64_t>(0, start + arr->size());
  if (stop < 0) stop = std::max<std::int64_t>(0, stop + arr->size());
  std::int64_t i = find(vm, arr, a.v[1], start, stop);
  if (i == -2) return nullptr;
  if (i < 0) return vm.raise(vm.rt.ValueError, "array.index(x): x not in array");
  return vm.rt.make_int_ssize(i);
}

Ref a_count(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr) || a.n != 2) return a.n != 2 ? vm.raise(vm.rt.TypeError, "array.count() takes exactly one argument") : nullptr;
  std::int64_t n = 0;
  for (std::int64_t i = 0; i < arr->size(); ++i) {
    int eq = vm.eq(get_item(vm, arr, i), a.v[1]);
    if (eq < 0) return nullptr;
    n += eq;
  }
  cost(vm, "builtin.array.tolist", double(arr->size()));
  return vm.rt.make_int_ssize(n);
}

Ref a_contains(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr) || a.n != 2) return nullptr;
  std::int64_t i = find(vm, arr, a.v[1]);
  if (i == -2) return nullptr;
  return vm.rt.make_bool(i >= 0);
}

Ref a_remove(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr) || a.n != 2) return a.n != 2 ? vm.raise(vm.rt.TypeError, "array.remove() takes exactly one argument") : nullptr;
  std::int64_t i = find(vm, arr, a.v[1]);
  if (i == -2) return nullptr;
  if (i < 0) return vm.raise(vm.rt.ValueError, "array.remove(x): x not in array");
  del_range(arr, i, i + 1);
  return vm.rt.None;
}

Ref a_reverse(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr)) return nullptr;
  const std::int64_t n = arr->size(), w = arr->itemsize;
  for (std::int64_t i = 0, j = n - 1; i < j; ++i, --j)
    for (std::int64_t k = 0; k < w; ++k) std::swap(arr->data[std::size_t(i * w + k)], arr->data[std::size_t(j * w + k)]);
  return vm.rt.None;
}

Ref a_byteswap(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr)) return nullptr;
  const std::int64_t w = arr->itemsize;
  for (std::int64_t i = 0; i < arr->size(); ++i) std::reverse(arr->data.begin() + i * w, arr->data.begin() + (i + 1) * w);
  return vm.rt.None;
}

Ref a_tobytes(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr)) return nullptr;
  cost(vm, "builtin.array.tobytes", double(arr->data.size()));
  return make<BytesObj>(vm.rt.bytes_t, arr->data);
}

Ref a_frombytes(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr) || a.n != 2) return a.n != 2 ? vm.raise(vm.rt.TypeError, "array.frombytes() takes exactly one argument") : nullptr;
  std::string b;
  if (a.v[1]->tag == Tag::Bytes) b = a.v[1].as<BytesObj>()->s;
  else if (is_bytearray(a.v[1].get())) b = bytearray_data(a.v[1].get());
  else if (is_array(a.v[1].get())) b = A(a.v[1])->data;
  else return vm.raise(vm.rt.TypeError, "a bytes-like object is required, not '" + vm.type_name(a.v[1]) + "'");
  if (!frombytes(vm, arr, b)) return nullptr;
  cost(vm, "builtin.array.frombytes", double(b.size()));
  return vm.rt.None;
}

Ref a_tolist(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr)) return nullptr;
  Ref l = vm.rt.make_list();
  auto& items = l.as<ListObj>()->items;
  items.reserve(std::size_t(arr->size()));
  for (std::int64_t i = 0; i < arr->size(); ++i) items.push_back(get_item(vm, arr, i));
  cost(vm, "builtin.array.tolist", double(arr->size()));
  return l;
}

Ref a_fromlist(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr) || a.n != 2) return nullptr;
  if (a.v[1]->tag != Tag::List) return vm.raise(vm.rt.TypeError, "arg must be list");
  std::string data;
  for (const Ref& x : std::vector<Ref>(a.v[1].as<ListObj>()->items))
    if (!encode(vm, arr->tc, x, data)) return nullptr;
  if (!frombytes(vm, arr, data)) return nullptr;
  cost(vm, "builtin.array.extend", double(data.size()) / arr->itemsize);
  return vm.rt.None;
}

Ref a_buffer_info(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr)) return nullptr;
  const auto addr = std::int64_t(reinterpret_cast<std::uintptr_t>(arr->data.data()) & 0x7fffffffffffULL);
  return vm.rt.make_tuple({vm.rt.make_int(arr->size() ? addr : 0), vm.rt.make_int(arr->size())});
}

Ref a_typecode(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr)) return nullptr;
  return vm.rt.make_str(std::string(1, arr->tc));
}
Ref a_itemsize(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr)) return nullptr;
  return vm.rt.make_int(arr->itemsize);
}

Ref a_add(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr) || a.n != 2) return nullptr;
  if (!is_array(a.v[1].get()))
    return vm.raise(vm.rt.TypeError, "can only append array (not \"" + vm.type_name(a.v[1]) + "\") to array");
  if (A(a.v[1])->tc != arr->tc) return vm.raise(vm.rt.TypeError, "bad argument type for built-in operation");
  if (!fits(vm, double(arr->data.size() + A(a.v[1])->data.size()))) return nullptr;
  cost(vm, "builtin.array.tobytes", double(arr->data.size() + A(a.v[1])->data.size()));
  return new_array(vm, array_type(vm), arr->tc, arr->data + A(a.v[1])->data);
}

Ref a_iadd(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr) || a.n != 2) return nullptr;
  if (!is_array(a.v[1].get()))
    return vm.raise(vm.rt.TypeError, "can only extend array with array (not \"" + vm.type_name(a.v[1]) + "\")");
  if (!extend(vm, arr, a.v[1])) return nullptr;
  return a.v[0];
}

Ref a_mul(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr) || a.n != 2) return nullptr;
  std::int64_t k;
  if (a.v[1]->tag != Tag::Int && a.v[1]->tag != Tag::BigInt)
    return vm.raise(vm.rt.TypeError, "can't multiply sequence by non-int of type '" + vm.type_name(a.v[1]) + "'");
  if (!vm.index_value(a.v[1], k)) return nullptr;
  if (k < 0) k = 0;
  if (!fits(vm, double(arr->data.size()) * double(k))) return nullptr;
  std::string out;
  out.reserve(arr->data.size() * std::size_t(k));
  for (std::int64_t i = 0; i < k; ++i) out += arr->data;
  cost(vm, "builtin.array.tobytes", double(out.size()));
  return new_array(vm, array_type(vm), arr->tc, std::move(out));
}

Ref a_imul(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr) || a.n != 2) return nullptr;
  std::int64_t k;
  if (!vm.index_value(a.v[1], k)) return nullptr;
  if (k < 0) k = 0;
  if (!fits(vm, double(arr->data.size()) * double(k))) return nullptr;
  std::string one = arr->data, out;
  for (std::int64_t i = 0; i < k; ++i) out += one;
  resize(arr, std::int64_t(out.size()) / arr->itemsize);
  arr->data = std::move(out);
  return a.v[0];
}

// Rich comparison (array_richcompare): item by item, then by length.
Ref compare(VM& vm, Args& a, int op) {
  ArrayObj* x;
  if (!self_array(vm, a, x) || a.n != 2) return nullptr;
  if (!is_array(a.v[1].get())) return vm.rt.NotImplemented;
  ArrayObj* y = A(a.v[1]);
  const std::int64_t n = std::min(x->size(), y->size());
  if ((op == 2 || op == 3) && x->size() != y->size()) return vm.rt.make_bool(op == 3);
  for (std::int64_t i = 0; i < n; ++i) {
    Ref p = get_item(vm, x, i), q = get_item(vm, y, i);
    int eq = vm.eq(p, q);
    if (eq < 0) return nullptr;
    if (!eq) {
      if (op == 2) return vm.rt.False;
      if (op == 3) return vm.rt.True;
      return vm.compare(op, p, q);
    }
  }
  const std::int64_t nx = x->size(), ny = y->size();
  bool r = false;
  switch (op) {
    case 0: r = nx < ny; break;
    case 1: r = nx <= ny; break;
    case 2: r = nx == ny; break;
    case 3: r = nx != ny; break;
    case 4: r = nx > ny; break;
    case 5: r = nx >= ny; break;
  }
  return vm.rt.make_bool(r);
}
Ref a_lt(VM& vm, Args& a) { return compare(vm, a, 0); }
Ref a_le(VM& vm, Args& a) { return compare(vm, a, 1); }
Ref a_eq(VM& vm, Args& a) { return compare(vm, a, 2); }
Ref a_ne(VM& vm, Args& a) { return compare(vm, a, 3); }
Ref a_gt(VM& vm, Args& a) { return compare(vm, a, 4); }
Ref a_ge(VM& vm, Args& a) { return compare(vm, a, 5); }

Ref a_copy(VM& vm, Args& a) {
  ArrayObj* arr;
  if (!self_array(vm, a, arr)) return nullptr;
  return new_array(vm, array_type(vm), arr->tc, arr->data);
}

}  // namespace

bool is_array_object(const Obj* o) { return is_array(o); }

// bytes of a buffer-protocol argument that is an array (hashlib, bytes()).
bool buffer_bytes(const Obj* o, std::string& out) {
  if (!is_array(o)) return false;
  out = static_cast<const ArrayObj*>(o)->data;
  return true;
}

// sys.getsizeof: sizeof(arrayobject) (64) and the buffer
// (array_array___sizeof___impl), plus the GC header where the type is a GC type.
bool array_is_gc(int minor) { return minor >= kArrayGcFromMinor; }
std::int64_t array_getsizeof(const Obj* o, int minor) {
  const auto* a = static_cast<const ArrayObj*>(o);
  return 64 + (array_is_gc(minor) ? 16 : 0) + a->allocated * a->itemsize;
}
// What tracemalloc sees: the object, then the item buffer (PyMem_Malloc).
memory::Footprint array_footprint(const Obj* o, int minor, bool& is_gc) {
  const auto* a = static_cast<const ArrayObj*>(o);
  is_gc = array_is_gc(minor);
  memory::Footprint fp;
  fp.object = 64 + (is_gc ? 16 : 0);
  fp.table = a->allocated * a->itemsize;
  return fp;
}

void init_array_module(VM& vm, const Ref& m) {
  auto& rt = vm.rt;
  Ref t = vm.dict_get_str(vm.builtins.as<DictObj>(), rt.intern("__pitfall_array_t").as<StrObj>());
  if (!t) {
    ClassObj* c = rt.new_builtin_type("array", rt.object_t, Tag::Other);
    c->module = "array";
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_array_t"), Ref(c));
    struct { const char* n; BuiltinFn f; } ms[] = {
        {"__repr__", a_repr}, {"__str__", a_repr}, {"__len__", a_len}, {"__iter__", a_iter},
        {"__getitem__", a_getitem}, {"__setitem__", a_setitem}, {"__delitem__", a_delitem},
        {"__contains__", a_contains}, {"__add__", a_add}, {"__iadd__", a_iadd}, {"__mul__", a_mul},
        {"__rmul__", a_mul}, {"__imul__", a_imul}, {"__eq__", a_eq}, {"__ne__", a_ne}, {"__lt__", a_lt},
        {"__le__", a_le}, {"__gt__", a_gt}, {"__ge__", a_ge}, {"__copy__", a_copy},
        {"append", a_append}, {"extend", a_extend}, {"insert", a_insert}, {"pop", a_pop},
        {"index", a_index}, {"count", a_count}, {"remove", a_remove}, {"reverse", a_reverse},
        {"byteswap", a_byteswap}, {"tobytes", a_tobytes}, {"frombytes", a_frombytes},
        {"tolist", a_tolist}, {"fromlist", a_fromlist}, {"buffer_info", a_buffer_info},
    };
    for (auto& x : ms) vm.add_method(c, x.n, x.f);
    vm.dict_set(c->dict.as<DictObj>(), rt.intern("__hash__"), rt.None);
    struct { const char* n; BuiltinFn f; } props[] = {{"typecode", a_typecode}, {"itemsize", a_itemsize}};
    for (auto& p : props) {
      Ref pr = make<PropertyObj>(rt.property_t);
      pr.as<PropertyObj>()->fget = vm.make_builtin(p.n, p.f);
      vm.dict_set(c->dict.as<DictObj>(), rt.intern(p.n), pr);
    }
    vm.dict_set(c->dict.as<DictObj>(), rt.intern("__call_type__"), vm.make_builtin("array", a_new));
    t = Ref(c);
  }
  vm.dict_set(m.as<ModuleObj>()->dict.as<DictObj>(), rt.intern("array"), t);
  vm.dict_set(m.as<ModuleObj>()->dict.as<DictObj>(), rt.intern("ArrayType"), t);
  vm.dict_set(m.as<ModuleObj>()->dict.as<DictObj>(), rt.intern("typecodes"), rt.make_str("bBuhHiIlLqQfd"));
}

}  // namespace pitfall::sim
