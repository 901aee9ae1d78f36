// bytes: concatenation, repetition, indexing and the common methods
// (Objects/bytesobject.c, Objects/bytes_methods.c), ASCII semantics for the
// case and whitespace methods as CPython's bytes have.
#include <cstring>

#include "sim/modules/bytes_methods.h"

#include "sim/modules/bytearray_type.h"

namespace pitfall::sim {

Ref str_encode_codec(VM& vm, Args& a);    // text_codecs.cpp
Ref bytes_decode_codec(VM& vm, Args& a);  // text_codecs.cpp

bool slice_indices_public(VM& vm, SliceObj* s, std::int64_t len, std::int64_t& start, std::int64_t& stop, std::int64_t& step, std::int64_t& count);

namespace {

const std::string& B(const Ref& r) { return r.as<BytesObj>()->s; }
Ref mk(VM& vm, std::string s) { return make<BytesObj>(vm.rt.bytes_t, std::move(s)); }
bool is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// A bytes-like argument (bytes only: bytearray and memoryview are not modelled).
bool need_bytes(VM& vm, const Ref& v, const char* what) {
  if (v->tag == Tag::Bytes) return true;
  vm.raise(vm.rt.TypeError, std::string(what) + "a bytes-like object is required, not '" + vm.type_name(v) + "'");
  return false;
}

Ref bytes_getitem(VM& vm, Args& a) {
  const std::string& s = B(a.v[0]);
  std::int64_t n = std::int64_t(s.size());
  if (a.v[1]->tag == Tag::Slice) {
    std::int64_t st, sp, step, cnt;
    if (!slice_indices_public(vm, a.v[1].as<SliceObj>(), n, st, sp, step, cnt)) return nullptr;
    std::string out;
    for (std::int64_t i = 0, j = st; i < cnt; ++i, j += step) out += s[size_t(j)];
    return mk(vm, std::move(out));
  }
  if (a.v[1]->tag != Tag::Int) return vm.raise(vm.rt.TypeError, "byte indices must be integers or slices, not " + vm.type_name(a.v[1]));
  std::int64_t i = a.v[1].as<IntObj>()->v;
  if (i < 0) i += n;
  if (i < 0 || i >= n) return vm.raise(vm.rt.IndexError, "index out of range");
  return vm.rt.make_int(static_cast<unsigned char>(s[size_t(i)]));
}
Ref bytes_contains(VM& vm, Args& a) {
  const std::string& s = B(a.v[0]);
  if (a.v[1]->tag == Tag::Int) {
    std::int64_t v = a.v[1].as<IntObj>()->v;
    if (v < 0 || v > 255) return vm.raise(vm.rt.ValueError, "byte must be in range(0, 256)");
    return vm.rt.make_bool(s.find(char(v)) != std::string::npos);
  }
  if (!need_bytes(vm, a.v[1], "")) return nullptr;
  return vm.rt.make_bool(s.find(B(a.v[1])) != std::string::npos);
}
Ref bytes_hex(VM& vm, Args& a) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : B(a.v[0])) { out += digits[c >> 4]; out += digits[c & 15]; }
  return vm.rt.make_str(std::move(out));
}
Ref bytes_join(VM& vm, Args& a) {
  std::vector<Ref> items;
  if (!vm.to_list(a.v[1], items)) return nullptr;
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i]->tag != Tag::Bytes)
      return vm.raise(vm.rt.TypeError, "sequence item " + std::to_string(i) + ": expected a bytes-like object, " + vm.type_name(items[i]) + " found");
    if (i) out += B(a.v[0]);
    out += B(items[i]);
  }
  return mk(vm, std::move(out));
}
Ref bytes_split(VM& vm, Args& a) {
  const std::string& s = B(a.v[0]);
  Ref l = vm.rt.make_list();
  auto& out = l.as<ListObj>()->items;
  Ref sep = a.n > 1 ? a.v[1] : a.kw("sep");
  if (!sep || sep.get() == vm.rt.None.get()) {
    size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && is_ws(static_cast<unsigned char>(s[i]))) ++i;
      if (i >= s.size()) break;
      size_t j = i;
      while (j < s.size() && !is_ws(static_cast<unsigned char>(s[j]))) ++j;
      out.push_back(mk(vm, s.substr(i, j - i)));
      i = j;
    }
    return l;
  }
  if (!need_bytes(vm, sep, "")) return nullptr;
  const std::string& p = B(sep);
  if (p.empty()) return vm.raise(vm.rt.ValueError, "empty separator");
  size_t start = 0;
  for (;;) {
    size_t k = s.find(p, start);
    if (k == std::string::npos) break;
    out.push_back(mk(vm, s.substr(start, k - start)));
    start = k + p.size();
  }
  out.push_back(mk(vm, s.substr(start)));
  return l;
}
Ref bytes_affix(VM& vm, Args& a, bool prefix) {
  const std::string& s = B(a.v[0]);
  std::vector<Ref> cands;
  if (a.n > 1 && a.v[1]->tag == Tag::Tuple) cands = a.v[1].as<TupleObj>()->items;
  else if (a.n > 1) cands.push_back(a.v[1]);
  for (const Ref& c : cands) {
    if (c->tag != Tag::Bytes)
      return vm.raise(vm.rt.TypeError, std::string(prefix ? "startswith" : "endswith") + " first arg must be bytes or a tuple of bytes, not " + vm.type_name(c));
    const std::string& p = B(c);
    if (p.size() <= s.size() && (prefix ? s.compare(0, p.size(), p) == 0 : s.compare(s.size() - p.size(), p.size(), p) == 0)) return vm.rt.True;
  }
  return vm.rt.False;
}
Ref bytes_startswith(VM& vm, Args& a) { return bytes_affix(vm, a, true); }
Ref bytes_endswith(VM& vm, Args& a) { return bytes_affix(vm, a, false); }
Ref bytes_case(VM& vm, Args& a, int how) {
  std::string s = B(a.v[0]);
  for (char& c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (how == 0 && u >= 'a' && u <= 'z') c = char(u - 32);
    if (how == 1 && u >= 'A' && u <= 'Z') c = char(u + 32);
  }
  return mk(vm, std::move(s));
}
Ref bytes_upper(VM& vm, Args& a) { return bytes_case(vm, a, 0); }
Ref bytes_lower(VM& vm, Args& a) { return bytes_case(vm, a, 1); }
Ref bytes_strip_impl(VM& vm, Args& a, bool left, bool right) {
  const std::string& s = B(a.v[0]);
  std::string chars;
  bool ws = a.n < 2 || a.v[1].get() == vm.rt.None.get();
  if (!ws) { if (!need_bytes(vm, a.v[1], "")) return nullptr; chars = B(a.v[1]); }
  auto strip_it = [&](unsigned char c) { return ws ? is_ws(c) : chars.find(char(c)) != std::string::npos; };
  size_t i = 0, j = s.size();
  if (left) while (i < j && strip_it(static_cast<unsigned char>(s[i]))) ++i;
  if (right) while (j > i && strip_it(static_cast<unsigned char>(s[j - 1]))) --j;
  return mk(vm, s.substr(i, j - i));
}
Ref bytes_strip(VM& vm, Args& a) { return bytes_strip_impl(vm, a, true, true); }
Ref bytes_lstrip(VM& vm, Args& a) { return bytes_strip_impl(vm, a, true, false); }
Ref bytes_rstrip(VM& vm, Args& a) { return bytes_strip_impl(vm, a, false, true); }
Ref bytes_find(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "find expected at least 1 argument, got 0");
  const std::string& s = B(a.v[0]);
  size_t k;
  if (a.v[1]->tag == Tag::Int) k = s.find(char(a.v[1].as<IntObj>()->v));
  else { if (!need_bytes(vm, a.v[1], "argument should be integer or bytes-like object, not ")) return nullptr; k = s.find(B(a.v[1])); }
  return vm.rt.make_int(k == std::string::npos ? -1 : std::int64_t(k));
}
Ref bytes_count(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "count expected at least 1 argument, got 0");
  const std::string& s = B(a.v[0]);
  std::string p = a.v[1]->tag == Tag::Int ? std::string(1, char(a.v[1].as<IntObj>()->v)) : "";
  if (a.v[1]->tag != Tag::Int) { if (!need_bytes(vm, a.v[1], "")) return nullptr; p = B(a.v[1]); }
  if (p.empty()) return vm.rt.make_int(std::int64_t(s.size()) + 1);
  std::int64_t n = 0;
  for (size_t k = s.find(p); k != std::string::npos; k = s.find(p, k + p.size())) ++n;
  return vm.rt.make_int(n);
}
Ref bytes_replace(VM& vm, Args& a) {
  if (a.n < 3) return vm.raise(vm.rt.TypeError, "replace expected at least 2 arguments, got " + std::to_string(a.n - 1));
  if (!need_bytes(vm, a.v[1], "") || !need_bytes(vm, a.v[2], "")) return nullptr;
  const std::string &s = B(a.v[0]), &old = B(a.v[1]), &neu = B(a.v[2]);
  if (old.empty()) return vm.not_modelled("bytes.replace with an empty pattern");
  std::string out;
  size_t start = 0;
  for (size_t k = s.find(old); k != std::string::npos; k = s.find(old, start)) {
    out.append(s, start, k - start);
    out += neu;
    start = k + old.size();
  }
  out.append(s, start, std::string::npos);
  return mk(vm, std::move(out));
}

}  // namespace

// bytes + bytes, bytes * int, int * bytes (null with no exception: not applicable).
Ref bytes_binary_op(VM& vm, int op, const Ref& a, const Ref& b) {
  Obj* x = a.get();
  Obj* y = b.get();
  if (op == NB_ADD && x->tag == Tag::Bytes) {
    if (y->tag != Tag::Bytes && is_bytearray(y))  // bytes + bytearray is bytes
      return make<BytesObj>(vm.rt.bytes_t, B(a) + bytearray_data(y));
    if (y->tag != Tag::Bytes) return vm.raise(vm.rt.TypeError, "can't concat " + vm.type_name(b) + " to bytes");
    return mk(vm, B(a) + B(b));
  }
  if (op == NB_REMAINDER && x->tag == Tag::Bytes) {  // bytes % args (modules/percent_format.cpp)
    Ref fmt = vm.dict_get_str(vm.rt.bytes_t->dict.as<DictObj>(), vm.rt.intern("__mod__").as<StrObj>());
    if (fmt) return vm.call2(fmt, a, b);
  }
  if (op == NB_MULTIPLY && ((x->tag == Tag::Bytes && y->tag == Tag::Int) || (x->tag == Tag::Int && y->tag == Tag::Bytes))) {
    const std::string& s = x->tag == Tag::Bytes ? B(a) : B(b);
    std::int64_t times = (x->tag == Tag::Int ? a : b).as<IntObj>()->v;
    if (times <= 0 || s.empty()) return mk(vm, "");
    if (double(s.size()) * double(times) > double(vm.memory_limit)) return vm.raise(vm.rt.MemoryError, "");
    std::string out;
    out.reserve(s.size() * size_t(times));
    for (std::int64_t i = 0; i < times; ++i) out += s;
    return mk(vm, std::move(out));
  }
  return nullptr;
}

void init_bytes_methods(VM& vm) {
  ClassObj* t = vm.rt.bytes_t;
  vm.add_method(t, "__getitem__", bytes_getitem);
  vm.add_method(t, "__contains__", bytes_contains);
  vm.add_method(t, "decode", bytes_decode_codec);  // text_codecs.cpp
  vm.add_method(t, "hex", bytes_hex);
  vm.add_method(t, "join", bytes_join);
  vm.add_method(t, "split", bytes_split);
  vm.add_method(t, "startswith", bytes_startswith);
  vm.add_method(t, "endswith", bytes_endswith);
  vm.add_method(t, "upper", bytes_upper);
  vm.add_method(t, "lower", bytes_lower);
  vm.add_method(t, "strip", bytes_strip);
  vm.add_method(t, "lstrip", bytes_lstrip);
  vm.add_method(t, "rstrip", bytes_rstrip);
  vm.add_method(t, "find", bytes_find);
  vm.add_method(t, "count", bytes_count);
  vm.add_method(t, "replace", bytes_replace);
}

}  // namespace pitfall::sim
