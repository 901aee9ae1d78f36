// bytes: concatenation, repetition, indexing and the common methods
// (Objects/bytesobject.c, Objects/bytes_methods.c), ASCII semantics for the
// case and whitespace methods as CPython's bytes have.
#include <cstring>
#include <string_view>

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
// bytes.hex([sep[, bytes_per_sep]]): sep (one character) between groups of bytes_per_sep
// bytes counted from the right (from the left when negative), as Python/pystrhex.c
Ref bytes_hex(VM& vm, Args& a) {
  static const char* digits = "0123456789abcdef";
  const std::string& b = B(a.v[0]);
  Ref sepr = a.n > 1 ? a.v[1] : a.kw("sep");
  Ref per = a.n > 2 ? a.v[2] : a.kw("bytes_per_sep");
  std::string sep;
  std::int64_t group = 1;
  if (sepr) {
    if (sepr->tag == Tag::Str) sep = sepr.as<StrObj>()->s;
    else if (sepr->tag == Tag::Bytes) sep = B(sepr);
    else return vm.raise(vm.rt.TypeError, "sep must be str or bytes.");
    if (sep.size() != 1) return vm.raise(vm.rt.ValueError, "sep must be length 1.");
    if (static_cast<unsigned char>(sep[0]) >= 0x80) return vm.raise(vm.rt.ValueError, "sep must be ASCII.");
    if (per && !vm.index_value(per, group)) return nullptr;
    if (group > INT32_MAX || group < INT32_MIN) return vm.raise(vm.rt.OverflowError, "Python int too large to convert to C int");
  }
  std::string out;
  const std::int64_t n = std::int64_t(b.size());
  if (group < -n) group = -n - 1;  // a group wider than the bytes: no separator (and no overflow negating it)
  if (group > n) group = n + 1;
  const std::int64_t g = group < 0 ? -group : group;
  for (std::int64_t i = 0; i < n; ++i) {
    if (!sep.empty() && g > 0 && i > 0) {
      // a separator before byte i when a group boundary falls there
      const bool boundary = group > 0 ? (n - i) % g == 0 : i % g == 0;
      if (boundary) out += sep;
    }
    const unsigned char c = static_cast<unsigned char>(b[size_t(i)]);
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return vm.rt.make_str(std::move(out));
}

// The start / end arguments at a.v[first], a.v[first + 1] as slice bounds of a length-len
// sequence (None: the default); false with the exception set.
bool slice_bounds(VM& vm, Args& a, int first, std::int64_t len, std::int64_t& lo, std::int64_t& hi) {
  lo = 0;
  hi = len;
  for (int k = 0; k < 2; ++k) {
    if (a.n <= first + k) break;
    const Ref& v = a.v[first + k];
    if (v.get() == vm.rt.None.get()) continue;
    if (v->tag != Tag::Int && v->tag != Tag::BigInt && !vm.lookup_type(v->cls, vm.rt.intern("__index__").as<StrObj>())) {
      vm.raise(vm.rt.TypeError, "slice indices must be integers or None or have an __index__ method");
      return false;
    }
    std::int64_t x;
    if (!vm.index_value(v, x)) return false;
    if (x < 0) { x += len; if (x < 0) x = 0; }
    else if (x > len && k == 1) x = len;
    (k == 0 ? lo : hi) = x;
  }
  return true;
}

// The needle of find/count/index: bytes, or an int 0-255; false with the exception set.
bool needle(VM& vm, const Ref& v, std::string& out) {
  if (v->tag == Tag::Int) {
    const std::int64_t x = v.as<IntObj>()->v;
    if (x < 0 || x > 255) { vm.raise(vm.rt.ValueError, "byte must be in range(0, 256)"); return false; }
    out.assign(1, char(x));
    return true;
  }
  if (!need_bytes(vm, v, "argument should be integer or bytes-like object, not ")) return false;
  out = B(v);
  return true;
}

// find / rfind within [start, end): the index or -1; -2 with an exception set.
std::int64_t bytes_search(VM& vm, Args& a, const char* name, bool reverse) {
  if (a.n < 2) { vm.raise(vm.rt.TypeError, std::string(name) + " expected at least 1 argument, got 0"); return -2; }
  const std::string& s = B(a.v[0]);
  std::string p;
  if (!needle(vm, a.v[1], p)) return -2;
  std::int64_t lo, hi;
  if (!slice_bounds(vm, a, 2, std::int64_t(s.size()), lo, hi)) return -2;
  if (lo > std::int64_t(s.size()) || hi - lo < std::int64_t(p.size())) return -1;
  const std::string_view win(s.data() + lo, size_t(hi - lo));
  const size_t k = reverse ? win.rfind(p) : win.find(p);
  return k == std::string_view::npos ? -1 : lo + std::int64_t(k);
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
  std::int64_t maxsplit = -1;
  if (Ref ms = a.n > 2 ? a.v[2] : a.kw("maxsplit"); ms && !vm.index_value(ms, maxsplit)) return nullptr;
  std::int64_t splits = 0;
  if (!sep || sep.get() == vm.rt.None.get()) {
    size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && is_ws(static_cast<unsigned char>(s[i]))) ++i;
      if (i >= s.size()) break;
      if (maxsplit >= 0 && splits >= maxsplit) { out.push_back(mk(vm, s.substr(i))); break; }
      size_t j = i;
      while (j < s.size() && !is_ws(static_cast<unsigned char>(s[j]))) ++j;
      out.push_back(mk(vm, s.substr(i, j - i)));
      ++splits;
      i = j;
    }
    return l;
  }
  if (!need_bytes(vm, sep, "")) return nullptr;
  const std::string& p = B(sep);
  if (p.empty()) return vm.raise(vm.rt.ValueError, "empty separator");
  size_t start = 0;
  for (;;) {
    if (maxsplit >= 0 && splits >= maxsplit) break;
    size_t k = s.find(p, start);
    if (k == std::string::npos) break;
    out.push_back(mk(vm, s.substr(start, k - start)));
    start = k + p.size();
    ++splits;
  }
  out.push_back(mk(vm, s.substr(start)));
  return l;
}
Ref bytes_affix(VM& vm, Args& a, bool prefix) {
  const std::string& s = B(a.v[0]);
  std::vector<Ref> cands;
  if (a.n > 1 && a.v[1]->tag == Tag::Tuple) cands = a.v[1].as<TupleObj>()->items;
  else if (a.n > 1) cands.push_back(a.v[1]);
  std::int64_t lo, hi;
  if (!slice_bounds(vm, a, 2, std::int64_t(s.size()), lo, hi)) return nullptr;
  for (const Ref& c : cands) {
    if (c->tag != Tag::Bytes)
      return vm.raise(vm.rt.TypeError, std::string(prefix ? "startswith" : "endswith") + " first arg must be bytes or a tuple of bytes, not " + vm.type_name(c));
    const std::string& p = B(c);
    const std::int64_t n = std::int64_t(p.size());
    if (lo > std::int64_t(s.size()) || hi - lo < n) continue;
    if (prefix ? s.compare(size_t(lo), p.size(), p) == 0 : s.compare(size_t(hi - n), p.size(), p) == 0) return vm.rt.True;
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
  const std::int64_t k = bytes_search(vm, a, "find", false);
  return k == -2 ? nullptr : vm.rt.make_int(k);
}
Ref bytes_rfind(VM& vm, Args& a) {
  const std::int64_t k = bytes_search(vm, a, "rfind", true);
  return k == -2 ? nullptr : vm.rt.make_int(k);
}
Ref bytes_index(VM& vm, Args& a) {
  const std::int64_t k = bytes_search(vm, a, "index", false);
  if (k == -1) return vm.raise(vm.rt.ValueError, "subsection not found");
  return k == -2 ? nullptr : vm.rt.make_int(k);
}
Ref bytes_rindex(VM& vm, Args& a) {
  const std::int64_t k = bytes_search(vm, a, "rindex", true);
  if (k == -1) return vm.raise(vm.rt.ValueError, "subsection not found");
  return k == -2 ? nullptr : vm.rt.make_int(k);
}
Ref bytes_count(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "count expected at least 1 argument, got 0");
  const std::string& s = B(a.v[0]);
  std::string p;
  if (!needle(vm, a.v[1], p)) return nullptr;
  std::int64_t lo, hi;
  if (!slice_bounds(vm, a, 2, std::int64_t(s.size()), lo, hi)) return nullptr;
  if (lo > std::int64_t(s.size()) || hi < lo) return vm.rt.make_int(0);
  if (p.empty()) return vm.rt.make_int(hi - lo + 1);
  const std::string_view win(s.data() + lo, size_t(hi - lo));
  std::int64_t n = 0;
  for (size_t k = win.find(p); k != std::string_view::npos; k = win.find(p, k + p.size())) ++n;
  return vm.rt.make_int(n);
}
Ref bytes_replace(VM& vm, Args& a) {
  if (a.n < 3) return vm.raise(vm.rt.TypeError, "replace expected at least 2 arguments, got " + std::to_string(a.n - 1));
  if (!need_bytes(vm, a.v[1], "") || !need_bytes(vm, a.v[2], "")) return nullptr;
  const std::string &s = B(a.v[0]), &old = B(a.v[1]), &neu = B(a.v[2]);
  std::int64_t count = -1;
  if (Ref c = a.n > 3 ? a.v[3] : a.kw("count"); c && !vm.index_value(c, count)) return nullptr;
  std::string out;
  if (old.empty()) {  // the new bytes before every byte and at the end, count times at most
    std::int64_t done = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
      if (count < 0 || done < count) { out += neu; ++done; }
      if (i < s.size()) out += s[i];
    }
    return mk(vm, std::move(out));
  }
  size_t start = 0;
  std::int64_t done = 0;
  for (size_t k = s.find(old); k != std::string::npos && (count < 0 || done < count); k = s.find(old, start)) {
    out.append(s, start, k - start);
    out += neu;
    start = k + old.size();
    ++done;
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
  vm.add_method(t, "rfind", bytes_rfind);
  vm.add_method(t, "index", bytes_index);
  vm.add_method(t, "rindex", bytes_rindex);
  vm.add_method(t, "count", bytes_count);
  vm.add_method(t, "replace", bytes_replace);
}

}  // namespace pitfall::sim
