// bytearray: the mutable bytes (Objects/bytearrayobject.c, 3.11).
// Constructor forms bytearray(), bytearray(n), bytearray(bytes-like),
// bytearray(str, encoding) and bytearray(iterable of ints); mutation by
// index, slice (any length) and extended slice (same length), append,
// extend, insert, pop, remove, clear, reverse, +=, *=, del; comparisons with
// bytes; unhashable; repr `bytearray(b'...')`. The bytes methods (find,
// split, upper, decode, hex, ...) are shared: they run on the bytes value
// and a bytes result comes back as a bytearray, as bytearray's own methods
// return.
// The buffer keeps CPython's allocation (`alloc`, PyByteArray_Resize's
// over-allocation), which sys.getsizeof reports: 56 + alloc bytes.
#include "sim/modules/bytearray_type.h"

#include <algorithm>
#include <cstring>

#include "sim/modules/bytes_methods.h"

namespace pitfall::sim {

bool slice_indices_public(VM& vm, SliceObj* s, std::int64_t len, std::int64_t& start, std::int64_t& stop, std::int64_t& step, std::int64_t& count);

namespace {

constexpr int kByteArrayKind = 0x42415252;  // 'BARR'

struct ByteArrayObj : NativeObj {
  std::string s;
  std::int64_t alloc = 0;
  explicit ByteArrayObj(ClassObj* c) : NativeObj(c, kByteArrayKind) {}
};

// This runtime's bytearray type (a hidden built-in: one runtime per VM, several VMs per process).
ClassObj* ba_type(VM& vm) { return vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("__pitfall_bytearray_t").as<StrObj>()).as<ClassObj>(); }

ByteArrayObj* BA(const Ref& r) { return static_cast<ByteArrayObj*>(r.get()); }

// The simulator's memory limit for one buffer (MemoryError, as a failed allocation).
bool fits(VM& vm, std::int64_t n) {
  if (double(n) <= double(vm.memory_limit)) return true;
  vm.raise(vm.rt.MemoryError, "");
  return false;
}

// PyByteArray_Resize's allocation policy.
void resize(ByteArrayObj* b, std::int64_t size) {
  std::int64_t alloc = b->alloc;
  if (size + 1 <= alloc) {
    if (size < alloc / 2) alloc = size + 1;
  } else if (double(size) <= double(alloc) * 1.125) {
    alloc = size + (size >> 3) + (size < 9 ? 3 : 6);
  } else {
    alloc = size + 1;
  }
  b->alloc = size == 0 && alloc <= 1 && b->alloc == 0 ? 0 : alloc;
  b->s.resize(size_t(size));
}

Ref make_ba(VM& vm, std::string s, ClassObj* cls = nullptr) {
  Ref o = make<ByteArrayObj>(cls ? cls : ba_type(vm));
  if (!s.empty()) {
    BA(o)->s = std::move(s);
    BA(o)->alloc = std::int64_t(BA(o)->s.size()) + 1;
  }
  return o;
}

bool is_ba(const Ref& r) { return native_kind(r) == kByteArrayKind; }

// The bytes of a bytes-like argument (bytes or bytearray).
bool bytes_like(const Ref& r, std::string& out) {
  if (r->tag == Tag::Bytes) { out = r.as<BytesObj>()->s; return true; }
  if (is_ba(r)) { out = BA(r)->s; return true; }
  return false;
}

bool self_ba(VM& vm, Args& a, ByteArrayObj*& b) {
  if (a.n < 1 || !is_ba(a.v[0])) { vm.raise(vm.rt.TypeError, "descriptor requires a 'bytearray' object"); return false; }
  b = BA(a.v[0]);
  return true;
}

bool byte_value(VM& vm, const Ref& v, unsigned char& out) {
  std::int64_t n;
  if (v->tag != Tag::Int && v->tag != Tag::BigInt) {
    vm.raise(vm.rt.TypeError, "'" + vm.type_name(v) + "' object cannot be interpreted as an integer");
    return false;
  }
  if (!vm.index_value(v, n)) return false;
  if (n < 0 || n > 255) { vm.raise(vm.rt.ValueError, "byte must be in range(0, 256)"); return false; }
  out = static_cast<unsigned char>(n);
  return true;
}

// The bytes an iterable of ints (or a bytes-like object) stands for.
bool collect(VM& vm, const Ref& src, std::string& out) {
  if (bytes_like(src, out)) return true;
  if (src->tag == Tag::Str) { vm.raise(vm.rt.TypeError, "can't extend bytearray with str"); return false; }
  Ref it = vm.iter(src);
  if (!it) return false;
  for (;;) {
    Ref x = vm.next(it);
    if (!x) return !vm.exc;
    unsigned char c;
    if (!byte_value(vm, x, c)) return false;
    out += char(c);
  }
}

Ref ba_new(VM& vm, Args& a) {
  // a.v[0] is the class (bytearray or a subclass)
  ClassObj* cls = a.n > 0 && a.v[0]->tag == Tag::Class ? a.v[0].as<ClassObj>() : ba_type(vm);
  int n = a.n - 1;
  Ref* v = a.v + 1;
  Ref src = n > 0 ? v[0] : a.kw("source");
  Ref enc = n > 1 ? v[1] : a.kw("encoding");
  Ref errs = n > 2 ? v[2] : a.kw("errors");
  if (!src) {
    if (enc || errs) return vm.raise(vm.rt.TypeError, enc ? "encoding without a string argument" : "errors without a string argument");
    return make_ba(vm, "", cls);
  }
  if (src->tag == Tag::Str) {
    if (!enc) return vm.raise(vm.rt.TypeError, "string argument without an encoding");
    Ref m = vm.getattr(src, vm.rt.intern("encode").as<StrObj>());
    if (!m) return nullptr;
    Ref r = errs ? vm.call2(m, enc, errs) : vm.call1(m, enc);
    if (!r) return nullptr;
    return make_ba(vm, r.as<BytesObj>()->s, cls);
  }
  if (enc) return vm.raise(vm.rt.TypeError, "encoding without a string argument");
  if (src->tag == Tag::Int || src->tag == Tag::BigInt) {
    std::int64_t k;
    if (!vm.index_value(src, k)) return nullptr;
    if (k < 0) return vm.raise(vm.rt.ValueError, "negative count");
    if (!fits(vm, k)) return nullptr;
    return make_ba(vm, std::string(size_t(k), '\0'), cls);
  }
  std::string s;
  if (!collect(vm, src, s)) {
    if (vm.matches(vm.exc, vm.rt.TypeError) && src->tag != Tag::Str) {
      vm.exc.reset();
      return vm.raise(vm.rt.TypeError, "cannot convert '" + vm.type_name(src) + "' object to bytearray");
    }
    return nullptr;
  }
  return make_ba(vm, std::move(s), cls);
}

Ref ba_repr(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b)) return nullptr;
  std::string r;
  if (!vm.repr_to(make<BytesObj>(vm.rt.bytes_t, b->s), r)) return nullptr;
  return vm.rt.make_str(a.v[0]->cls->name + "(" + r + ")");
}

Ref ba_len(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b)) return nullptr;
  return vm.rt.make_int(std::int64_t(b->s.size()));
}

Ref ba_iter(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b)) return nullptr;
  return vm.iter(make<BytesObj>(vm.rt.bytes_t, b->s));  // iterates a snapshot of the bytes
}

Ref ba_contains(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b) || a.n < 2) return nullptr;
  std::string sub;
  if (bytes_like(a.v[1], sub)) return vm.rt.make_bool(b->s.find(sub) != std::string::npos);
  unsigned char c;
  if (!byte_value(vm, a.v[1], c)) return nullptr;
  return vm.rt.make_bool(b->s.find(char(c)) != std::string::npos);
}

Ref ba_getitem(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b) || a.n < 2) return nullptr;
  std::int64_t n = std::int64_t(b->s.size());
  if (a.v[1]->tag == Tag::Slice) {
    std::int64_t st, sp, step, cnt;
    if (!slice_indices_public(vm, a.v[1].as<SliceObj>(), n, st, sp, step, cnt)) return nullptr;
    std::string out;
    for (std::int64_t i = 0, j = st; i < cnt; ++i, j += step) out += b->s[size_t(j)];
    return make_ba(vm, std::move(out));
  }
  if (a.v[1]->tag != Tag::Int) return vm.raise(vm.rt.TypeError, "bytearray indices must be integers or slices, not " + vm.type_name(a.v[1]));
  std::int64_t i = a.v[1].as<IntObj>()->v;
  if (i < 0) i += n;
  if (i < 0 || i >= n) return vm.raise(vm.rt.IndexError, "bytearray index out of range");
  return vm.rt.make_int(static_cast<unsigned char>(b->s[size_t(i)]));
}

// b[slice] = data (bytearray_ass_subscript): a plain slice may change the
// length; an extended slice must match it.
bool assign_slice(VM& vm, ByteArrayObj* b, SliceObj* sl, const std::string& data) {
  std::int64_t n = std::int64_t(b->s.size()), st, sp, step, cnt;
  if (!slice_indices_public(vm, sl, n, st, sp, step, cnt)) return false;
  if (step == 1) {
    if (sp < st) sp = st;
    std::string out = b->s.substr(0, size_t(st)) + data + b->s.substr(size_t(sp));
    if (!fits(vm, std::int64_t(out.size()) - n)) return false;
    resize(b, std::int64_t(out.size()));
    b->s = std::move(out);
    return true;
  }
  if (std::int64_t(data.size()) != cnt) {
    vm.raise(vm.rt.ValueError, "attempt to assign bytes of size " + std::to_string(data.size()) + " to extended slice of size " + std::to_string(cnt));
    return false;
  }
  for (std::int64_t i = 0, j = st; i < cnt; ++i, j += step) b->s[size_t(j)] = data[size_t(i)];
  return true;
}

Ref ba_setitem(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b) || a.n < 3) return nullptr;
  if (a.v[1]->tag == Tag::Slice) {
    std::string data;
    if (a.v[2]->tag == Tag::Int) return vm.raise(vm.rt.TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
    if (!collect(vm, a.v[2], data)) return nullptr;
    return assign_slice(vm, b, a.v[1].as<SliceObj>(), data) ? vm.rt.None : nullptr;
  }
  if (a.v[1]->tag != Tag::Int) return vm.raise(vm.rt.TypeError, "bytearray indices must be integers or slices, not " + vm.type_name(a.v[1]));
  std::int64_t n = std::int64_t(b->s.size()), i = a.v[1].as<IntObj>()->v;
  if (i < 0) i += n;
  if (i < 0 || i >= n) return vm.raise(vm.rt.IndexError, "bytearray index out of range");
  unsigned char c;
  if (!byte_value(vm, a.v[2], c)) return nullptr;
  b->s[size_t(i)] = char(c);
  return vm.rt.None;
}

Ref ba_delitem(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b) || a.n < 2) return nullptr;
  std::int64_t n = std::int64_t(b->s.size());
  if (a.v[1]->tag == Tag::Slice) {
    std::int64_t st, sp, step, cnt;
    if (!slice_indices_public(vm, a.v[1].as<SliceObj>(), n, st, sp, step, cnt)) return nullptr;
    std::vector<bool> drop(size_t(n), false);
    for (std::int64_t i = 0, j = st; i < cnt; ++i, j += step) drop[size_t(j)] = true;
    std::string out;
    for (std::int64_t i = 0; i < n; ++i) if (!drop[size_t(i)]) out += b->s[size_t(i)];
    resize(b, std::int64_t(out.size()));
    b->s = std::move(out);
    return vm.rt.None;
  }
  if (a.v[1]->tag != Tag::Int) return vm.raise(vm.rt.TypeError, "bytearray indices must be integers or slices, not " + vm.type_name(a.v[1]));
  std::int64_t i = a.v[1].as<IntObj>()->v;
  if (i < 0) i += n;
  if (i < 0 || i >= n) return vm.raise(vm.rt.IndexError, "bytearray index out of range");
  std::string out = b->s;
  out.erase(size_t(i), 1);
  resize(b, n - 1);
  b->s = std::move(out);
  return vm.rt.None;
}

bool grow_by(VM& vm, ByteArrayObj* b, const std::string& more) {
  if (!fits(vm, std::int64_t(more.size()))) return false;
  resize(b, std::int64_t(b->s.size() + more.size()));  // keeps the bytes, grows the allocation
  std::memcpy(&b->s[b->s.size() - more.size()], more.data(), more.size());
  return true;
}

Ref ba_append(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b)) return nullptr;
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "bytearray.append() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  unsigned char c;
  if (!byte_value(vm, a.v[1], c)) return nullptr;
  return grow_by(vm, b, std::string(1, char(c))) ? vm.rt.None : nullptr;
}

Ref ba_extend(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b) || a.n != 2) return a.n != 2 ? vm.raise(vm.rt.TypeError, "bytearray.extend() takes exactly one argument") : nullptr;
  std::string more;
  if (a.v[1]->tag == Tag::Int) return vm.raise(vm.rt.TypeError, "can't extend bytearray with int");
  if (!collect(vm, a.v[1], more)) return nullptr;
  return grow_by(vm, b, more) ? vm.rt.None : nullptr;
}

Ref ba_iadd(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b) || a.n != 2) return nullptr;
  std::string more;
  if (!bytes_like(a.v[1], more)) return vm.raise(vm.rt.TypeError, "can't concat " + vm.type_name(a.v[1]) + " to bytearray");
  return grow_by(vm, b, more) ? a.v[0] : nullptr;
}

Ref ba_add(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b) || a.n != 2) return nullptr;
  std::string more;
  if (!bytes_like(a.v[1], more)) return vm.raise(vm.rt.TypeError, "can't concat " + vm.type_name(a.v[1]) + " to bytearray");
  if (!fits(vm, std::int64_t(b->s.size() + more.size()))) return nullptr;
  return make_ba(vm, b->s + more);
}

Ref ba_radd(VM& vm, Args& a) {  // bytes + bytearray is bytes
  ByteArrayObj* b;
  if (!self_ba(vm, a, b) || a.n != 2) return nullptr;
  std::string left;
  if (!bytes_like(a.v[1], left)) return vm.rt.NotImplemented;
  return make<BytesObj>(vm.rt.bytes_t, left + b->s);
}

bool repeat_count(VM& vm, const Ref& v, std::int64_t& k) {
  if (v->tag != Tag::Int) return false;
  k = std::max<std::int64_t>(0, v.as<IntObj>()->v);
  return true;
}

Ref ba_mul(VM& vm, Args& a) {
  ByteArrayObj* b;
  std::int64_t k;
  if (!self_ba(vm, a, b) || a.n != 2) return nullptr;
  if (!repeat_count(vm, a.v[1], k)) return vm.rt.NotImplemented;
  if (!fits(vm, std::int64_t(b->s.size()) * k)) return nullptr;
  std::string out;
  out.reserve(b->s.size() * size_t(k));
  for (std::int64_t i = 0; i < k; ++i) out += b->s;
  return make_ba(vm, std::move(out));
}

Ref ba_imul(VM& vm, Args& a) {
  Ref r = ba_mul(vm, a);
  if (!r || r.get() == vm.rt.NotImplemented.get()) return r;
  ByteArrayObj* b = BA(a.v[0]);
  std::string s = BA(r)->s;
  resize(b, std::int64_t(s.size()));
  b->s = std::move(s);
  return a.v[0];
}

Ref compare(VM& vm, Args& a, int op) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b) || a.n != 2) return nullptr;
  std::string o;
  if (!bytes_like(a.v[1], o)) return vm.rt.NotImplemented;
  int c = b->s.compare(o);
  bool r = op == 0 ? c == 0 : op == 1 ? c != 0 : op == 2 ? c < 0 : op == 3 ? c <= 0 : op == 4 ? c > 0 : c >= 0;
  return vm.rt.make_bool(r);
}
Ref ba_eq(VM& vm, Args& a) { return compare(vm, a, 0); }
Ref ba_ne(VM& vm, Args& a) { return compare(vm, a, 1); }
Ref ba_lt(VM& vm, Args& a) { return compare(vm, a, 2); }
Ref ba_le(VM& vm, Args& a) { return compare(vm, a, 3); }
Ref ba_gt(VM& vm, Args& a) { return compare(vm, a, 4); }
Ref ba_ge(VM& vm, Args& a) { return compare(vm, a, 5); }

Ref ba_pop(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b)) return nullptr;
  std::int64_t n = std::int64_t(b->s.size()), i = -1;
  if (a.n > 1 && !vm.index_value(a.v[1], i)) return nullptr;
  if (n == 0) return vm.raise(vm.rt.IndexError, "pop from empty bytearray");
  if (i < 0) i += n;
  if (i < 0 || i >= n) return vm.raise(vm.rt.IndexError, "pop index out of range");
  unsigned char c = static_cast<unsigned char>(b->s[size_t(i)]);
  b->s.erase(size_t(i), 1);
  b->s.push_back('\0');
  resize(b, n - 1);
  return vm.rt.make_int(c);
}

Ref ba_insert(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b)) return nullptr;
  if (a.n != 3) return vm.raise(vm.rt.TypeError, "insert expected 2 arguments, got " + std::to_string(a.n - 1));
  std::int64_t n = std::int64_t(b->s.size()), i;
  if (!vm.index_value(a.v[1], i)) return nullptr;
  unsigned char c;
  if (!byte_value(vm, a.v[2], c)) return nullptr;
  if (i < 0) i = std::max<std::int64_t>(0, i + n);
  if (i > n) i = n;
  std::string out = b->s;
  out.insert(size_t(i), 1, char(c));
  resize(b, n + 1);
  b->s = std::move(out);
  return vm.rt.None;
}

Ref ba_remove(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b) || a.n != 2) return nullptr;
  unsigned char c;
  if (!byte_value(vm, a.v[1], c)) return nullptr;
  size_t at = b->s.find(char(c));
  if (at == std::string::npos) return vm.raise(vm.rt.ValueError, "value not found in bytearray");
  std::string out = b->s;
  out.erase(at, 1);
  resize(b, std::int64_t(out.size()));
  b->s = std::move(out);
  return vm.rt.None;
}

Ref ba_clear(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b)) return nullptr;
  resize(b, 0);  // bytearray_clear: PyByteArray_Resize(self, 0)
  return vm.rt.None;
}

Ref ba_reverse(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b)) return nullptr;
  std::reverse(b->s.begin(), b->s.end());
  return vm.rt.None;
}

Ref ba_copy(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b)) return nullptr;
  return make_ba(vm, b->s);
}

Ref ba_hash(VM& vm, Args&) { return vm.raise(vm.rt.TypeError, "unhashable type: 'bytearray'"); }

// A bytes result of a shared method comes back as a bytearray (lists and
// tuples of them too: split, partition).
Ref rewrap(VM& vm, Ref r) {
  if (!r) return r;
  if (r->tag == Tag::Bytes && r->cls == vm.rt.bytes_t) return make_ba(vm, r.as<BytesObj>()->s);
  if (r->tag == Tag::List || r->tag == Tag::Tuple) {
    const auto items = list_or_tuple_items(r.get());
    for (auto& x : items)
      if (x->tag == Tag::Bytes && x->cls == vm.rt.bytes_t) x = make_ba(vm, x.as<BytesObj>()->s);
  }
  return r;
}

// The shared bytes methods: run on the bytes value, with bytearray
// arguments seen as bytes.
Ref ba_shared(VM& vm, Args& a) {
  ByteArrayObj* b;
  if (!self_ba(vm, a, b)) return nullptr;
  std::vector<Ref> args(a.v, a.v + a.n);
  args[0] = make<BytesObj>(vm.rt.bytes_t, b->s);
  for (size_t i = 1; i < args.size(); ++i)
    if (is_ba(args[i])) args[i] = make<BytesObj>(vm.rt.bytes_t, BA(args[i])->s);
  if (a.n >= 2 && (args[1]->tag == Tag::List || args[1]->tag == Tag::Tuple) && std::strcmp(a.self->name, "join") == 0) {
    std::vector<Ref> parts;
    for (const Ref& x : list_or_tuple_items(args[1].get()))
      parts.push_back(is_ba(x) ? make<BytesObj>(vm.rt.bytes_t, BA(x)->s) : x);
    args[1] = vm.rt.make_tuple(std::move(parts));
  }
  Ref r = vm.call(a.self->data, args.data(), int(args.size()), a.kwn);
  std::string name = a.self->name;
  if (name == "decode" || name == "hex" || name == "count" || name == "find" || name == "rfind" || name == "index" || name == "rindex") return r;
  return rewrap(vm, r);
}

}  // namespace

bool is_bytearray(const Obj* o) { return native_kind(o) == kByteArrayKind; }
std::int64_t bytearray_sizeof(const Obj* o) { return 56 + static_cast<const ByteArrayObj*>(o)->alloc; }
const std::string& bytearray_data(const Obj* o) { return static_cast<const ByteArrayObj*>(o)->s; }

void init_bytearray(VM& vm) {
  auto& rt = vm.rt;
  ClassObj* t = rt.new_builtin_type("bytearray", rt.object_t, Tag::Other);
  vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_bytearray_t"), Ref(t));
  DictObj* td = t->dict.as<DictObj>();
  // the bytes methods, shared (before bytearray's own, which replace some)
  std::vector<DictEntry> bytes_methods = rt.bytes_t->dict.as<DictObj>()->entries;
  for (auto& e : bytes_methods) {
    if (!e.key || e.key->tag != Tag::Str || !e.value || e.value->tag != Tag::Builtin) continue;
    const std::string& n = e.key.as<StrObj>()->s;
    if (n.size() > 1 && n[0] == '_' && n[1] == '_') continue;
    Ref w = vm.make_builtin(e.value.as<BuiltinObj>()->name, ba_shared, e.value);
    w.as<BuiltinObj>()->is_method = true;
    vm.dict_set(td, e.key, w);
  }
  struct { const char* n; BuiltinFn f; } ms[] = {
      {"__repr__", ba_repr}, {"__str__", ba_repr}, {"__len__", ba_len}, {"__iter__", ba_iter},
      {"__contains__", ba_contains}, {"__getitem__", ba_getitem}, {"__setitem__", ba_setitem},
      {"__delitem__", ba_delitem}, {"__add__", ba_add}, {"__radd__", ba_radd}, {"__iadd__", ba_iadd},
      {"__mul__", ba_mul}, {"__rmul__", ba_mul}, {"__imul__", ba_imul}, {"__eq__", ba_eq}, {"__ne__", ba_ne},
      {"__lt__", ba_lt}, {"__le__", ba_le}, {"__gt__", ba_gt}, {"__ge__", ba_ge}, {"__hash__", ba_hash},
      {"append", ba_append}, {"extend", ba_extend}, {"pop", ba_pop}, {"insert", ba_insert},
      {"remove", ba_remove}, {"clear", ba_clear}, {"reverse", ba_reverse}, {"copy", ba_copy},
  };
  for (auto& m : ms) vm.add_method(t, m.n, m.f);
  vm.dict_set(td, rt.intern("__hash__"), rt.None);
  vm.dict_set(td, rt.intern("__call_type__"), vm.make_builtin("bytearray", ba_new));
  vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("bytearray"), Ref(t));
}

}  // namespace pitfall::sim
