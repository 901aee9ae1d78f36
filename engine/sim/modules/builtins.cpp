// The builtins module (Python/bltinmodule.c) and the methods of the built-in
// types (list, tuple, str, dict, set, range, int, float, object).
#include "sim/vm/user_descriptors.h"
#include "sim/vm/async_gen.h"
#include <algorithm>
#include <cmath>
#include <cstring>

#include "sim/modules/bytes_methods.h"
#include "sim/pylib/unicode.h"
#include "sim/vm/frame_objects.h"
#include "sim/vm/list_append_call.h"
#include "sim/vm/measured_rows.h"
#include "sim/vm/native_attrs.h"
#include "sim/vm/set_ops.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

Ref str_format_impl(VM& vm, Args& a);  // str_format.cpp
Ref str_format_map(VM& vm, Args& a);   // str_format.cpp

Ref str_encode_codec(VM& vm, Args& a);    // text_codecs.cpp
Ref bytes_decode_codec(VM& vm, Args& a);  // text_codecs.cpp

namespace {

StrObj* S(VM& vm, const char* s) { return vm.rt.intern(s).as<StrObj>(); }
#define ARGC_AT_LEAST(k, fname)                                                                 \
  if (a.n < (k)) return vm.raise(vm.rt.TypeError, std::string(fname) + " expected at least " + \
                                                       std::to_string(k) + " argument" + ((k) == 1 ? "" : "s") + ", got " + std::to_string(a.n))

Ref ok_none(VM& vm) { return vm.rt.None; }

// ---- slices ----
bool slice_indices(VM& vm, SliceObj* s, std::int64_t len, std::int64_t& start, std::int64_t& stop, std::int64_t& step, std::int64_t& count) {
  step = 1;
  if (s->step && s->step.get() != vm.rt.None.get()) { if (!vm.index_value(s->step, step)) return false; }
  if (step == 0) { vm.raise(vm.rt.ValueError, "slice step cannot be zero"); return false; }
  std::int64_t lo = step < 0 ? -1 : 0, hi = step < 0 ? len - 1 : len;
  auto conv = [&](const Ref& v, std::int64_t def, std::int64_t& out) -> bool {
    if (!v || v.get() == vm.rt.None.get()) { out = def; return true; }
    if (!vm.index_value(v, out)) return false;
    if (out < 0) { out += len; if (out < lo) out = lo; }
    else if (out > hi) out = hi;
    return true;
  };
  if (!conv(s->start, step < 0 ? hi : lo, start)) return false;
  if (!conv(s->stop, step < 0 ? lo : hi, stop)) return false;
  if (step > 0) count = start < stop ? (stop - start - 1) / step + 1 : 0;
  else count = start > stop ? (start - stop - 1) / (-step) + 1 : 0;
  return true;
}

std::vector<size_t> cp_offsets(const std::string& s) {
  std::vector<size_t> v;
  for (size_t i = 0; i < s.size(); ++i) if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) v.push_back(i);
  v.push_back(s.size());
  return v;
}

template <class Items>  // a list's or a tuple's items
Ref seq_getitem(VM& vm, const Ref& self, const Ref& key, Items& items, bool is_list) {
  if (key->tag == Tag::Slice) {
    std::int64_t st, sp, step, n;
    if (!slice_indices(vm, key.as<SliceObj>(), std::int64_t(items.size()), st, sp, step, n)) return nullptr;
    std::vector<Ref> out;
    out.reserve(size_t(n));
    for (std::int64_t i = 0, j = st; i < n; ++i, j += step) out.push_back(items[size_t(j)]);
    vm.charge(vm.builtin_ns("builtin.list.__getitem__slice", double(n)));
    if (is_list) { Ref l = vm.rt.make_list(); l.as<ListObj>()->items = std::move(out); return l; }
    return vm.rt.make_tuple(std::move(out));
  }
  std::int64_t i;
  if (key->tag != Tag::Int) {
    if (key->tag == Tag::BigInt) return vm.raise(vm.rt.IndexError, "cannot fit 'int' into an index-sized integer");
    if (key->cls->builtin) return vm.raise(vm.rt.TypeError, std::string(is_list ? "list" : "tuple") + " indices must be integers or slices, not " + vm.type_name(key));
    if (!vm.index_value(key, i)) return nullptr;
  } else {
    i = key.as<IntObj>()->v;
  }
  (void)self;
  if (i < 0) i += std::int64_t(items.size());
  if (i < 0 || i >= std::int64_t(items.size())) return vm.raise(vm.rt.IndexError, std::string(is_list ? "list" : "tuple") + " index out of range");
  return items[size_t(i)];
}

// ---- list ----
}  // namespace
// (also run in place by the CALL instruction: vm/list_append_call.h)
Ref list_append(VM& vm, Args& a) { a.v[0].as<ListObj>()->items.push_back(a.v[1]); return vm.rt.None; }
BuiltinFn g_list_append_in_place = list_append;
namespace {
Ref list_extend(VM& vm, Args& a) {
  std::vector<Ref> more;
  if (!vm.to_list(a.v[1], more)) return nullptr;
  auto& it = a.v[0].as<ListObj>()->items;
  for (auto& x : more) it.push_back(std::move(x));
  return vm.rt.None;
}
Ref list_pop(VM& vm, Args& a) {
  auto& it = a.v[0].as<ListObj>()->items;
  if (it.empty()) return vm.raise(vm.rt.IndexError, "pop from empty list");
  std::int64_t i = std::int64_t(it.size()) - 1;
  if (a.n > 1 && !vm.index_value(a.v[1], i)) return nullptr;
  if (i < 0) i += std::int64_t(it.size());
  if (i < 0 || i >= std::int64_t(it.size())) return vm.raise(vm.rt.IndexError, "pop index out of range");
  Ref v = it[size_t(i)];
  it.erase(it.begin() + i);
  vm.charge(vm.builtin_ns("builtin.list.pop", double(std::int64_t(it.size()) - i)));
  return v;
}
Ref list_insert(VM& vm, Args& a) {
  auto& it = a.v[0].as<ListObj>()->items;
  std::int64_t i;
  if (!vm.index_value(a.v[1], i)) return nullptr;
  std::int64_t n = std::int64_t(it.size());
  if (i < 0) { i += n; if (i < 0) i = 0; }
  if (i > n) i = n;
  it.insert(it.begin() + i, a.v[2]);
  vm.charge(vm.builtin_ns("builtin.list.insert", double(n - i)));
  return vm.rt.None;
}
// index(x[, start[, stop]]) of a list or tuple (list_index_impl / tuple_index_impl): the
// bounds as slice indices (negative from the end, clamped); false with the exception set.
bool index_bounds(VM& vm, Args& a, std::int64_t len, std::int64_t& lo, std::int64_t& hi) {
  lo = 0;
  hi = len;
  for (int k = 0; k < 2; ++k) {
    if (a.n <= 2 + k) break;
    const Ref& v = a.v[2 + k];
    if (v->tag != Tag::Int && v->tag != Tag::BigInt && !vm.lookup_type(v->cls, vm.rt.intern("__index__").as<StrObj>())) {
      vm.raise(vm.rt.TypeError, "slice indices must be integers or have an __index__ method");
      return false;
    }
    std::int64_t x;
    if (!vm.index_value(v, x)) return false;
    if (x < 0) { x += len; if (x < 0) x = 0; }
    (k == 0 ? lo : hi) = x;
  }
  return true;
}
Ref list_index(VM& vm, Args& a) {
  auto items = a.v[0].as<ListObj>()->items;
  std::int64_t lo, hi;
  if (!index_bounds(vm, a, std::int64_t(items.size()), lo, hi)) return nullptr;
  for (std::int64_t i = lo; i < hi && i < std::int64_t(items.size()); ++i) {
    int r = vm.eq(items[size_t(i)], a.v[1]);
    if (r < 0) return nullptr;
    if (r) return vm.rt.make_int_ssize(i);
  }
  std::string rep;
  vm.repr_to(a.v[1], rep);
  return vm.raise(vm.rt.ValueError, rep + " is not in list");
}
Ref list_count(VM& vm, Args& a) {
  const auto seq = list_or_tuple_items(a.v[0].get());
  std::vector<Ref> items(seq.begin(), seq.end());
  std::int64_t c = 0;
  for (auto& x : items) {
    int r = vm.eq(x, a.v[1]);
    if (r < 0) return nullptr;
    c += r;
  }
  return vm.rt.make_int_ssize(c);
}
Ref list_remove(VM& vm, Args& a) {
  auto& items = a.v[0].as<ListObj>()->items;
  for (size_t i = 0; i < items.size(); ++i) {
    Ref x = items[i];
    int r = vm.eq(x, a.v[1]);
    if (r < 0) return nullptr;
    if (r) { items.erase(items.begin() + std::ptrdiff_t(i)); return vm.rt.None; }
  }
  return vm.raise(vm.rt.ValueError, "list.remove(x): x not in list");
}
Ref list_reverse(VM& vm, Args& a) { auto& it = a.v[0].as<ListObj>()->items; std::reverse(it.begin(), it.end()); return vm.rt.None; }
Ref list_clear(VM& vm, Args& a) { std::vector<Ref> old; old.swap(a.v[0].as<ListObj>()->items); old.clear(); return vm.rt.None; }
Ref list_copy(VM& vm, Args& a) { Ref l = vm.rt.make_list(); l.as<ListObj>()->items = a.v[0].as<ListObj>()->items; return l; }

bool sort_values(VM& vm, std::vector<Ref>& items, const Ref& key, bool reverse) {
  std::vector<Ref> keys;
  if (key && key.get() != vm.rt.None.get()) {
    keys.reserve(items.size());
    for (auto& x : items) {
      Ref k = vm.call1(key, x);
      if (!k) return false;
      keys.push_back(std::move(k));
    }
  } else {
    keys = items;
  }
  std::vector<size_t> idx(items.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  bool failed = false;
  auto less = [&](size_t i, size_t j) -> bool {
    if (failed) return false;
    Obj* x = keys[i].get();
    Obj* y = keys[j].get();
    if (x->tag == Tag::Int && y->tag == Tag::Int) return static_cast<IntObj*>(x)->v < static_cast<IntObj*>(y)->v;
    if (x->tag == Tag::Str && y->tag == Tag::Str) return static_cast<StrObj*>(x)->s < static_cast<StrObj*>(y)->s;
    Ref r = vm.compare(CMP_LT, keys[i], keys[j]);
    if (!r) { failed = true; return false; }
    int t = vm.truthy(r);
    if (t < 0) { failed = true; return false; }
    return t;
  };
  if (reverse) {
    std::reverse(idx.begin(), idx.end());
    std::stable_sort(idx.begin(), idx.end(), [&](size_t i, size_t j) { return less(j, i); });
  } else {
    std::stable_sort(idx.begin(), idx.end(), less);
  }
  if (failed) return false;
  std::vector<Ref> out;
  out.reserve(items.size());
  for (size_t i : idx) out.push_back(items[i]);
  items = std::move(out);
  vm.charge(vm.builtin_ns("builtin.list.sort", double(items.size())));
  return true;
}
Ref list_sort(VM& vm, Args& a) {
  Ref key = a.kw("key"), rev = a.kw("reverse");
  bool r = rev && vm.truthy(rev) > 0;
  std::vector<Ref> items = a.v[0].as<ListObj>()->items;
  if (!sort_values(vm, items, key, r)) return nullptr;
  a.v[0].as<ListObj>()->items = std::move(items);
  return vm.rt.None;
}
Ref list_getitem(VM& vm, Args& a) { return seq_getitem(vm, a.v[0], a.v[1], a.v[0].as<ListObj>()->items, true); }
Ref tuple_getitem(VM& vm, Args& a) { return seq_getitem(vm, a.v[0], a.v[1], a.v[0].as<TupleObj>()->items, false); }
Ref list_setitem(VM& vm, Args& a) {
  auto& items = a.v[0].as<ListObj>()->items;
  if (a.v[1]->tag == Tag::Slice) {
    std::int64_t st, sp, step, n;
    if (!slice_indices(vm, a.v[1].as<SliceObj>(), std::int64_t(items.size()), st, sp, step, n)) return nullptr;
    std::vector<Ref> vals;
    if (!vm.to_list(a.v[2], vals)) return nullptr;
    if (step == 1) {
      if (sp < st) sp = st;
      items.erase(items.begin() + st, items.begin() + sp);
      items.insert(items.begin() + st, vals.begin(), vals.end());
      return vm.rt.None;
    }
    if (std::int64_t(vals.size()) != n)
      return vm.raise(vm.rt.ValueError, "attempt to assign sequence of size " + std::to_string(vals.size()) + " to extended slice of size " + std::to_string(n));
    for (std::int64_t i = 0, j = st; i < n; ++i, j += step) items[size_t(j)] = vals[size_t(i)];
    return vm.rt.None;
  }
  std::int64_t i;
  if (!vm.index_value(a.v[1], i)) return nullptr;
  if (i < 0) i += std::int64_t(items.size());
  if (i < 0 || i >= std::int64_t(items.size())) return vm.raise(vm.rt.IndexError, "list assignment index out of range");
  items[size_t(i)] = a.v[2];
  return vm.rt.None;
}
Ref list_delitem(VM& vm, Args& a) {
  auto& items = a.v[0].as<ListObj>()->items;
  if (a.v[1]->tag == Tag::Slice) {
    std::int64_t st, sp, step, n;
    if (!slice_indices(vm, a.v[1].as<SliceObj>(), std::int64_t(items.size()), st, sp, step, n)) return nullptr;
    std::vector<char> del(items.size(), 0);
    for (std::int64_t i = 0, j = st; i < n; ++i, j += step) del[size_t(j)] = 1;
    std::vector<Ref> keep;
    for (size_t i = 0; i < items.size(); ++i) if (!del[i]) keep.push_back(items[i]);
    items = std::move(keep);
    return vm.rt.None;
  }
  std::int64_t i;
  if (!vm.index_value(a.v[1], i)) return nullptr;
  if (i < 0) i += std::int64_t(items.size());
  if (i < 0 || i >= std::int64_t(items.size())) return vm.raise(vm.rt.IndexError, "list assignment index out of range");
  items.erase(items.begin() + i);
  return vm.rt.None;
}
Ref tuple_index(VM& vm, Args& a) {
  auto items = a.v[0].as<TupleObj>()->items;
  std::int64_t lo, hi;
  if (!index_bounds(vm, a, std::int64_t(items.size()), lo, hi)) return nullptr;
  for (std::int64_t i = lo; i < hi && i < std::int64_t(items.size()); ++i) {
    int r = vm.eq(items[size_t(i)], a.v[1]);
    if (r < 0) return nullptr;
    if (r) return vm.rt.make_int_ssize(i);
  }
  return vm.raise(vm.rt.ValueError, "tuple.index(x): x not in tuple");
}

// ---- str ----
StrObj* self_str(Args& a) { return a.v[0].as<StrObj>(); }
bool is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f); }  // _Py_ascii_whitespace
bool non_ascii(const std::string& s) { for (unsigned char c : s) if (c >= 0x80) return true; return false; }
Ref str_join(VM& vm, Args& a) {
  std::vector<Ref> items;
  if (!vm.to_list(a.v[1], items)) return nullptr;
  const std::string& sep = self_str(a)->s;
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i]->tag != Tag::Str)
      return vm.raise(vm.rt.TypeError, "sequence item " + std::to_string(i) + ": expected str instance, " + vm.type_name(items[i]) + " found");
    if (i) out += sep;
    out += items[i].as<StrObj>()->s;
  }
  vm.charge(vm.builtin_ns("builtin.str.join", double(out.size())));
  if (out.empty()) return vm.rt.intern("");  // the empty-string singleton (unicode_get_empty)
  return vm.rt.make_str(std::move(out));
}
Ref str_split(VM& vm, Args& a) {
  const std::string& s = self_str(a)->s;
  Ref sepr = a.n > 1 ? a.v[1] : a.kw("sep");
  std::int64_t maxsplit = -1;
  Ref ms = a.n > 2 ? a.v[2] : a.kw("maxsplit");
  if (ms) vm.index_value(ms, maxsplit);
  Ref l = vm.rt.make_list();
  auto& out = l.as<ListObj>()->items;
  if ((!sepr || sepr.get() == vm.rt.None.get()) && non_ascii(s)) {  // whitespace by the Unicode database
    const std::u32string u = pylib::utf8_decode(s);
    size_t i = 0;
    std::int64_t splits = 0;
    while (i < u.size()) {
      while (i < u.size() && pylib::is_space(u[i])) ++i;
      if (i >= u.size()) break;
      size_t j = i;
      if (maxsplit >= 0 && splits >= maxsplit) {
        j = u.size();  // the rest as it is (trailing whitespace kept)
        out.push_back(vm.rt.make_str(pylib::utf8_encode(u.substr(i, j - i))));
        break;
      }
      while (j < u.size() && !pylib::is_space(u[j])) ++j;
      out.push_back(vm.rt.make_str(pylib::utf8_encode(u.substr(i, j - i))));
      ++splits;
      i = j;
    }
    return l;
  }
  if (!sepr || sepr.get() == vm.rt.None.get()) {
    size_t i = 0;
    std::int64_t splits = 0;
    while (i < s.size()) {
      while (i < s.size() && is_space(static_cast<unsigned char>(s[i]))) ++i;
      if (i >= s.size()) break;
      if (maxsplit >= 0 && splits >= maxsplit) {
        out.push_back(vm.rt.make_str(s.substr(i)));  // the rest as it is (trailing whitespace kept)
        break;
      }
      size_t j = i;
      while (j < s.size() && !is_space(static_cast<unsigned char>(s[j]))) ++j;
      out.push_back(vm.rt.make_str(s.substr(i, j - i)));
      ++splits;
      i = j;
    }
    return l;
  }
  if (sepr->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "must be str or None, not " + vm.type_name(sepr));
  const std::string& sep = sepr.as<StrObj>()->s;
  if (sep.empty()) return vm.raise(vm.rt.ValueError, "empty separator");
  size_t pos = 0;
  std::int64_t splits = 0;
  for (;;) {
    size_t f = s.find(sep, pos);
    if (f == std::string::npos || (maxsplit >= 0 && splits >= maxsplit)) { out.push_back(vm.rt.make_str(s.substr(pos))); break; }
    out.push_back(vm.rt.make_str(s.substr(pos, f - pos)));
    pos = f + sep.size();
    ++splits;
  }
  return l;
}
Ref strip_impl(VM& vm, Args& a, bool left, bool right) {
  const std::string& s = self_str(a)->s;
  std::string chars;
  bool ws = a.n < 2 || a.v[1].get() == vm.rt.None.get();
  if (!ws) chars = a.v[1].as<StrObj>()->s;
  if (non_ascii(s) || non_ascii(chars)) {  // by code point
    const std::u32string u = pylib::utf8_decode(s), cs = pylib::utf8_decode(chars);
    auto strip_u = [&](char32_t c) { return ws ? pylib::is_space(c) : cs.find(c) != std::u32string::npos; };
    size_t b = 0, e = u.size();
    if (left) while (b < e && strip_u(u[b])) ++b;
    if (right) while (e > b && strip_u(u[e - 1])) --e;
    return vm.rt.make_str(pylib::utf8_encode(u.substr(b, e - b)));
  }
  auto strip_c = [&](unsigned char c) { return ws ? is_space(c) : chars.find(char(c)) != std::string::npos; };
  size_t b = 0, e = s.size();
  if (left) while (b < e && strip_c(static_cast<unsigned char>(s[b]))) ++b;
  if (right) while (e > b && strip_c(static_cast<unsigned char>(s[e - 1]))) --e;
  return vm.rt.make_str(s.substr(b, e - b));
}
Ref str_strip(VM& vm, Args& a) { return strip_impl(vm, a, true, true); }
Ref str_lstrip(VM& vm, Args& a) { return strip_impl(vm, a, true, false); }
Ref str_rstrip(VM& vm, Args& a) { return strip_impl(vm, a, false, true); }
Ref str_upper(VM& vm, Args& a) {
  if (non_ascii(self_str(a)->s)) return vm.rt.make_str(pylib::str_upper(self_str(a)->s));  // full case mapping (ß -> SS)
  std::string s = self_str(a)->s; for (auto& c : s) c = char(std::toupper(static_cast<unsigned char>(c))); return vm.rt.make_str(s);
}
Ref str_lower(VM& vm, Args& a) {
  if (non_ascii(self_str(a)->s)) return vm.rt.make_str(pylib::str_lower(self_str(a)->s));
  std::string s = self_str(a)->s; for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c))); return vm.rt.make_str(s);
}
Ref str_replace(VM& vm, Args& a) {
  ARGC_AT_LEAST(3, "replace");
  const std::string& s = self_str(a)->s;
  const std::string& from = a.v[1].as<StrObj>()->s;
  const std::string& to = a.v[2].as<StrObj>()->s;
  std::int64_t count = -1;
  if (a.n > 3) vm.index_value(a.v[3], count);
  std::string out;
  if (from.empty()) {
    std::int64_t k = 0;
    auto offs = cp_offsets(s);
    for (size_t i = 0; i + 1 < offs.size(); ++i) {
      if (count < 0 || k < count) { out += to; ++k; }
      out += s.substr(offs[i], offs[i + 1] - offs[i]);
    }
    if (count < 0 || k < count) out += to;
    return vm.rt.make_str(out);
  }
  size_t pos = 0;
  std::int64_t k = 0;
  for (;;) {
    size_t f = s.find(from, pos);
    if (f == std::string::npos || (count >= 0 && k >= count)) { out += s.substr(pos); break; }
    out += s.substr(pos, f - pos);
    out += to;
    pos = f + from.size();
    ++k;
  }
  return vm.rt.make_str(out);
}
std::int64_t byte_to_cp(const std::string& s, size_t b);
Ref affix_impl(VM& vm, Args& a, bool start) {
  // str.startswith/endswith(prefix[, start[, end]]): tested against s[start:end] (unicode_startswith, tailmatch)
  const std::string& s = self_str(a)->s;
  const char* fname = start ? "startswith" : "endswith";
  bool ascii = true;
  for (unsigned char c : s) if (c >= 0x80) { ascii = false; break; }
  std::vector<size_t> offs;
  if (!ascii) offs = cp_offsets(s);
  const std::int64_t len = ascii ? std::int64_t(s.size()) : std::int64_t(offs.size()) - 1;
  std::int64_t lo = 0, hi = len;
  for (int k = 0; k < 2; ++k) {
    const Ref& v = a.n > 2 + k ? a.v[2 + k] : Ref();
    if (!v || v.get() == vm.rt.None.get()) continue;
    std::int64_t x;
    if (v->tag != Tag::Int && v->tag != Tag::BigInt && !vm.lookup_type(v->cls, vm.rt.intern("__index__").as<StrObj>()))
      return vm.raise(vm.rt.TypeError, "slice indices must be integers or None or have an __index__ method");
    if (!vm.index_value(v, x)) return nullptr;
    (k == 0 ? lo : hi) = x;
  }
  if (hi > len) hi = len;
  else if (hi < 0) { hi += len; if (hi < 0) hi = 0; }
  if (lo < 0) { lo += len; if (lo < 0) lo = 0; }
  const auto byte_at = [&](std::int64_t cp) { return ascii ? size_t(cp) : offs[size_t(cp)]; };
  auto test = [&](const std::string& p) {
    const std::int64_t plen = ascii ? std::int64_t(p.size()) : byte_to_cp(p, p.size());
    if (lo > len || hi - lo < plen) return false;
    const size_t b0 = byte_at(lo), b1 = byte_at(hi);
    if (p.size() > b1 - b0) return false;
    return start ? s.compare(b0, p.size(), p) == 0 : s.compare(b1 - p.size(), p.size(), p) == 0;
  };
  if (a.n < 2) return vm.raise(vm.rt.TypeError, std::string(fname) + "() takes at least 1 argument (0 given)");
  if (a.v[1]->tag == Tag::Tuple) {
    for (auto& x : a.v[1].as<TupleObj>()->items) {
      if (x->tag != Tag::Str) return vm.raise(vm.rt.TypeError, std::string("tuple for ") + fname + " must only contain str, not " + vm.type_name(x));
      if (test(x.as<StrObj>()->s)) return vm.rt.True;
    }
    return vm.rt.False;
  }
  if (a.v[1]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, std::string(fname) + " first arg must be str or a tuple of str, not " + vm.type_name(a.v[1]));
  return vm.rt.make_bool(test(a.v[1].as<StrObj>()->s));
}
Ref str_startswith(VM& vm, Args& a) { return affix_impl(vm, a, true); }
Ref str_endswith(VM& vm, Args& a) { return affix_impl(vm, a, false); }
std::int64_t byte_to_cp(const std::string& s, size_t b) {
  std::int64_t n = 0;
  for (size_t i = 0; i < b && i < s.size(); ++i) if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  return n;
}
Ref str_pred(VM& vm, Args& a, int (*pred)(int)) {
  const std::string& s = self_str(a)->s;
  if (s.empty()) return vm.rt.False;
  for (unsigned char c : s) if (!pred(c)) return vm.rt.False;
  return vm.rt.True;
}
int ascii_space(int c) { return is_space(static_cast<unsigned char>(c)); }
Ref str_isdigit(VM& vm, Args& a) { return non_ascii(self_str(a)->s) ? vm.rt.make_bool(pylib::str_isdigit(self_str(a)->s)) : str_pred(vm, a, isdigit); }
Ref str_isalpha(VM& vm, Args& a) { return non_ascii(self_str(a)->s) ? vm.rt.make_bool(pylib::str_isalpha(self_str(a)->s)) : str_pred(vm, a, isalpha); }
Ref str_isalnum(VM& vm, Args& a) { return non_ascii(self_str(a)->s) ? vm.rt.make_bool(pylib::str_isalnum(self_str(a)->s)) : str_pred(vm, a, isalnum); }
Ref str_isspace(VM& vm, Args& a) { return non_ascii(self_str(a)->s) ? vm.rt.make_bool(pylib::str_isspace(self_str(a)->s)) : str_pred(vm, a, ascii_space); }
Ref str_isupper(VM& vm, Args& a) {
  if (non_ascii(self_str(a)->s)) return vm.rt.make_bool(pylib::str_isupper(self_str(a)->s));
  bool any = false;
  for (unsigned char c : self_str(a)->s) { if (std::islower(c)) return vm.rt.False; if (std::isupper(c)) any = true; }
  return vm.rt.make_bool(any);
}
Ref str_islower(VM& vm, Args& a) {
  if (non_ascii(self_str(a)->s)) return vm.rt.make_bool(pylib::str_islower(self_str(a)->s));
  bool any = false;
  for (unsigned char c : self_str(a)->s) { if (std::isupper(c)) return vm.rt.False; if (std::islower(c)) any = true; }
  return vm.rt.make_bool(any);
}
Ref str_title(VM& vm, Args& a) {
  if (non_ascii(self_str(a)->s)) return vm.rt.make_str(pylib::str_title(self_str(a)->s));
  std::string s = self_str(a)->s;
  bool prev = false;
  for (auto& c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    c = char(prev ? std::tolower(u) : std::toupper(u));
    prev = std::isalpha(u);
  }
  return vm.rt.make_str(s);
}
Ref str_capitalize(VM& vm, Args& a) {
  if (non_ascii(self_str(a)->s)) return vm.rt.make_str(pylib::str_capitalize(self_str(a)->s));
  std::string s = self_str(a)->s;
  for (size_t i = 0; i < s.size(); ++i) s[i] = char(i ? std::tolower(static_cast<unsigned char>(s[i])) : std::toupper(static_cast<unsigned char>(s[i])));
  return vm.rt.make_str(s);
}
Ref justify(VM& vm, Args& a, char how) {
  std::int64_t w;
  if (!vm.index_value(a.v[1], w)) return nullptr;
  std::string fill = a.n > 2 ? a.v[2].as<StrObj>()->s : " ";
  const std::string& s = self_str(a)->s;
  std::int64_t len = byte_to_cp(s, s.size());
  if (w <= len) return a.v[0];
  std::int64_t padn = w - len;
  auto rep = [&](std::int64_t k) { std::string r; for (std::int64_t i = 0; i < k; ++i) r += fill; return r; };
  if (how == '<') return vm.rt.make_str(s + rep(padn));
  if (how == '>') return vm.rt.make_str(rep(padn) + s);
  std::int64_t left = padn / 2 + (padn & w & 1);
  return vm.rt.make_str(rep(left) + s + rep(padn - left));
}
Ref str_ljust(VM& vm, Args& a) { return justify(vm, a, '<'); }
Ref str_rjust(VM& vm, Args& a) { return justify(vm, a, '>'); }
Ref str_center(VM& vm, Args& a) { return justify(vm, a, '^'); }
Ref str_zfill(VM& vm, Args& a) {
  std::int64_t w;
  if (!vm.index_value(a.v[1], w)) return nullptr;
  std::string s = self_str(a)->s;
  std::string sign;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) { sign = s.substr(0, 1); s = s.substr(1); }
  std::int64_t len = byte_to_cp(s, s.size()) + std::int64_t(sign.size());
  if (w > len) s = std::string(size_t(w - len), '0') + s;
  return vm.rt.make_str(sign + s);
}
Ref str_splitlines(VM& vm, Args& a) {
  // str.splitlines(keepends=False): the ASCII line boundaries of Objects/unicodeobject.c
  // (\n \r \r\n \v \f \x1c \x1d \x1e; the non-ASCII ones are not modelled)
  const std::string& s = self_str(a)->s;
  Ref ke = a.n > 1 ? a.v[1] : a.kw("keepends");
  int keep = ke ? vm.truthy(ke) : 0;
  if (keep < 0) return nullptr;
  Ref l = vm.rt.make_list();
  size_t i = 0;
  static const char kBreaks[] = "\r\n\v\f\x1c\x1d\x1e";
  while (i < s.size()) {
    size_t j = s.find_first_of(kBreaks, i, sizeof kBreaks - 1);
    if (j == std::string::npos) { l.as<ListObj>()->items.push_back(vm.rt.make_str(s.substr(i))); break; }
    size_t next = j + 1;
    if (s[j] == '\r' && next < s.size() && s[next] == '\n') ++next;
    l.as<ListObj>()->items.push_back(vm.rt.make_str(s.substr(i, (keep ? next : j) - i)));
    i = next;
  }
  return l;
}
Ref str_getitem(VM& vm, Args& a) {
  const std::string& s = self_str(a)->s;
  bool ascii = true;
  for (unsigned char c : s) if (c >= 0x80) { ascii = false; break; }
  std::vector<size_t> offs;
  std::int64_t n = std::int64_t(s.size());
  if (!ascii) { offs = cp_offsets(s); n = std::int64_t(offs.size()) - 1; }
  auto piece = [&](std::int64_t i) { return ascii ? s.substr(size_t(i), 1) : s.substr(offs[size_t(i)], offs[size_t(i) + 1] - offs[size_t(i)]); };
  if (a.v[1]->tag == Tag::Slice) {
    std::int64_t st, sp, step, cnt;
    if (!slice_indices(vm, a.v[1].as<SliceObj>(), n, st, sp, step, cnt)) return nullptr;
    std::string out;
    if (step == 1 && ascii) out = s.substr(size_t(st), size_t(cnt));
    else for (std::int64_t i = 0, j = st; i < cnt; ++i, j += step) out += piece(j);
    return vm.rt.make_str(out);
  }
  std::int64_t i;
  if (a.v[1]->tag != Tag::Int) return vm.raise(vm.rt.TypeError, "string indices must be integers, not '" + vm.type_name(a.v[1]) + "'");
  i = a.v[1].as<IntObj>()->v;
  if (i < 0) i += n;
  if (i < 0 || i >= n) return vm.raise(vm.rt.IndexError, "string index out of range");
  return vm.rt.make_str(piece(i));
}
Ref str_format(VM& vm, Args& a) { return str_format_impl(vm, a); }  // str_format.cpp

// ---- dict ----
DictObj* D(Args& a) { return a.v[0].as<DictObj>(); }
Ref dict_getitem(VM& vm, Args& a) {
  Ref v = vm.dict_get(D(a), a.v[1]);
  if (v) return v;
  if (vm.exc) return nullptr;
  DictObj* d = D(a);
  if (d->cls == vm.rt.defaultdict_t && d->default_factory && d->default_factory.get() != vm.rt.None.get()) {
    Ref nv = vm.call0(d->default_factory);
    if (!nv) return nullptr;
    if (!vm.dict_set(d, a.v[1], nv)) return nullptr;
    return nv;
  }
  if (d->cls == vm.rt.counter_t) return vm.rt.make_int(0);
  return vm.raise_key_error(a.v[1]);
}
Ref dict_setitem(VM& vm, Args& a) { return vm.dict_set(D(a), a.v[1], a.v[2]) ? vm.rt.None : nullptr; }
Ref dict_delitem(VM& vm, Args& a) {
  int r = vm.dict_del(D(a), a.v[1]);
  if (r < 0) return nullptr;
  if (r == 0) return vm.raise_key_error(a.v[1]);
  return vm.rt.None;
}
Ref dict_get(VM& vm, Args& a) {
  Ref v = vm.dict_get(D(a), a.v[1]);
  if (v) return v;
  if (vm.exc) return nullptr;
  return a.n > 2 ? a.v[2] : vm.rt.None;
}
Ref dict_pop(VM& vm, Args& a) {
  Ref v = vm.dict_get(D(a), a.v[1]);
  if (!v) {
    if (vm.exc) return nullptr;
    if (a.n > 2) return a.v[2];
    return vm.raise_key_error(a.v[1]);
  }
  vm.dict_del(D(a), a.v[1]);
  return v;
}
Ref dict_popitem(VM& vm, Args& a) {
  DictObj* d = D(a);
  for (auto it = d->entries.rbegin(); it != d->entries.rend(); ++it) {
    if (!it->key) continue;
    Ref k = it->key, v = it->value;
    vm.dict_del(d, k);
    return vm.rt.make_tuple({k, v});
  }
  return vm.raise(vm.rt.KeyError, "'popitem(): dictionary is empty'");
}
Ref dict_setdefault(VM& vm, Args& a) {
  Ref v = vm.dict_get(D(a), a.v[1]);
  if (v) return v;
  if (vm.exc) return nullptr;
  Ref d = a.n > 2 ? a.v[2] : vm.rt.None;
  if (!vm.dict_set(D(a), a.v[1], d)) return nullptr;
  return d;
}
Ref dict_update(VM& vm, Args& a) {
  DictObj* d = D(a);
  bool counter = d->cls == vm.rt.counter_t;
  if (a.n > 1) {
    Ref src = a.v[1];
    if (src->tag == Tag::Dict) {
      // dict_merge: an insertion per item of the source (builtin.dict.update)
      vm.charge(measured_row_ns(vm, "builtin.dict.update", double(src.as<DictObj>()->used)));
      std::vector<DictEntry> es = src.as<DictObj>()->entries;
      for (auto& e : es) {
        if (!e.key) continue;
        if (counter) {
          Ref old = vm.dict_get(d, e.key);
          Ref nv = old ? vm.binary(NB_ADD, old, e.value) : e.value;
          if (!nv || !vm.dict_set(d, e.key, nv)) return nullptr;
        } else if (!vm.dict_set(d, e.key, e.value)) return nullptr;
      }
    } else if (Ref keys = src->tag == Tag::Instance || src->tag == Tag::Other
                              ? vm.getattr_opt(src, vm.rt.intern("keys").as<StrObj>()) : Ref()) {
      // a mapping that is not a dict (dict_update_arg: it has keys()): src[k] for each key
      Ref ks = vm.call0(keys);
      std::vector<Ref> names;
      if (!ks || !vm.to_list(ks, names)) return nullptr;
      for (auto& k : names) {
        Ref v = vm.getitem(src, k);
        if (!v) return nullptr;
        if (counter) {
          Ref old = vm.dict_get(d, k);
          v = old ? vm.binary(NB_ADD, old, v) : v;
          if (!v) return nullptr;
        }
        if (!vm.dict_set(d, k, v)) return nullptr;
      }
    } else {
      if (vm.exc) return nullptr;
      std::vector<Ref> items;
      if (!vm.to_list(src, items)) return nullptr;
      // Counter(iterable): _count_elements, a get and a set per item
      // (builtin.Counter.update); dict(pairs) / d.update(pairs): builtin.dict
      vm.charge(measured_row_ns(vm, counter ? "builtin.Counter.update" : "builtin.dict", double(items.size())));
      for (auto& it : items) {
        if (counter) {
          Ref old = vm.dict_get(d, it);
          Ref nv = old ? vm.binary(NB_ADD, old, vm.rt.make_int(1)) : vm.rt.make_int(1);
          if (!nv || !vm.dict_set(d, it, nv)) return nullptr;
          continue;
        }
        std::vector<Ref> kv;
        if (!vm.to_list(it, kv)) return nullptr;
        if (kv.size() != 2) return vm.raise(vm.rt.ValueError, "dictionary update sequence element has length " + std::to_string(kv.size()) + "; 2 is required");
        if (!vm.dict_set(d, kv[0], kv[1])) return nullptr;
      }
    }
  }
  for (int i = 0; i < a.nkw(); ++i) vm.dict_set(d, a.kwn->items[size_t(i)], a.kwv[i]);
  return vm.rt.None;
}
Ref dict_copy(VM& vm, Args& a) {
  Ref d = make<DictObj>(a.v[0]->cls);
  DictObj* n = d.as<DictObj>();
  n->entries = D(a)->entries;
  n->index = D(a)->index;
  n->used = D(a)->used;
  n->default_factory = D(a)->default_factory;
  (void)vm;
  return d;
}
Ref dict_clear(VM& vm, Args& a) {
  if (D(a)->type_dict) type_attrs_changed();
  std::vector<DictEntry> old;
  old.swap(D(a)->entries);
  D(a)->index.clear();
  D(a)->used = 0;
  old.clear();
  return vm.rt.None;
}
Ref counter_most_common(VM& vm, Args& a) {
  std::vector<std::pair<Ref, Ref>> items;
  for (auto& e : D(a)->entries) if (e.key) items.push_back({e.key, e.value});
  std::stable_sort(items.begin(), items.end(), [](auto& x, auto& y) {
    return x.second.template as<IntObj>()->v > y.second.template as<IntObj>()->v;
  });
  std::int64_t n = std::int64_t(items.size());
  if (a.n > 1 && a.v[1].get() != vm.rt.None.get()) vm.index_value(a.v[1], n);
  Ref l = vm.rt.make_list();
  for (std::int64_t i = 0; i < n && i < std::int64_t(items.size()); ++i) l.as<ListObj>()->items.push_back(vm.rt.make_tuple({items[size_t(i)].first, items[size_t(i)].second}));
  return l;
}

// ---- range, int, float, object ----
Ref range_getitem(VM& vm, Args& a) {
  auto* r = a.v[0].as<RangeObj>();
  std::int64_t n = vm.len(a.v[0]);
  if (a.v[1]->tag == Tag::Slice) {
    std::int64_t st, sp, step, cnt;
    if (!slice_indices(vm, a.v[1].as<SliceObj>(), n, st, sp, step, cnt)) return nullptr;
    // compute_slice: start + i * step for the slice's own start and stop indices
    const __int128 s0 = __int128(r->start) + __int128(st) * r->step, s1 = __int128(r->start) + __int128(sp) * r->step;
    const __int128 nstep = __int128(r->step) * step;
    const __int128 lim = __int128(INT64_MAX);
    if (s0 > lim || s0 < -lim - 1 || s1 > lim || s1 < -lim - 1 || nstep > lim || nstep < -lim - 1)
      return vm.not_modelled("a slice of a range whose bounds leave the 64-bit range");
    (void)cnt;
    return make<RangeObj>(vm.rt.range_t, std::int64_t(s0), std::int64_t(s1), std::int64_t(nstep));
  }
  std::int64_t i;
  if (!vm.index_value(a.v[1], i)) return nullptr;
  if (i < 0) i += n;
  if (i < 0 || i >= n) return vm.raise(vm.rt.IndexError, "range object index out of range");
  return vm.rt.make_int(r->start + i * r->step);
}
Ref float_is_integer(VM& vm, Args& a) { double d = a.v[0].as<FloatObj>()->v; return vm.rt.make_bool(std::isfinite(d) && d == std::floor(d)); }
Ref object_init(VM& vm, Args&) { return vm.rt.None; }
Ref object_repr(VM& vm, Args& a) {
  char buf[48];
  std::snprintf(buf, sizeof buf, " object at 0x%llx>", static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(a.v[0].get())));
  ClassObj* c = a.v[0]->cls;
  return vm.rt.make_str("<" + (c->module == "builtins" ? c->name : c->module + "." + c->name) + buf);
}
Ref object_str(VM& vm, Args& a) { return vm.repr(a.v[0]); }
Ref object_eq(VM& vm, Args& a) { return a.v[0].get() == a.v[1].get() ? vm.rt.True : vm.rt.NotImplemented; }
Ref object_setattr(VM& vm, Args& a) {
  Ref o = a.v[0];
  if (o->tag == Tag::Instance || o->tag == Tag::Exception) {
    InstanceObj* io = o.as<InstanceObj>();
    Ref d = vm.lookup_type(o->cls, a.v[1].as<StrObj>());
    if (d) if (auto* sd = dynamic_cast<SlotDescr*>(d.get())) { io->slots[size_t(sd->index)] = a.v[2]; return vm.rt.None; }
    if (io->dict) { vm.dict_set(io->dict.as<DictObj>(), a.v[1], a.v[2]); return vm.rt.None; }
  }
  if (is_native_subclass_instance(o.get()) && a.v[1]->tag == Tag::Str)
    return native_object_setattr(vm, o, a.v[1].as<StrObj>(), a.v[2]) ? vm.rt.None : nullptr;
  if (o->tag == Tag::Class && !o.as<ClassObj>()->builtin && a.v[1]->tag == Tag::Str) {  // type.__setattr__: no metaclass hook
    vm.dict_set(o.as<ClassObj>()->dict.as<DictObj>(), a.v[1], a.v[2]);
    ++o.as<ClassObj>()->version;
    return vm.rt.None;
  }
  return vm.setattr(o, a.v[1].as<StrObj>(), a.v[2]) ? vm.rt.None : nullptr;
}
Ref object_delattr(VM& vm, Args& a) {  // the plain delete, below any Python __delattr__
  if (a.n != 2 || a.v[1]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "expected 2 arguments: an object and an attribute name");
  Ref o = a.v[0];
  if (o->tag == Tag::Class && !o.as<ClassObj>()->builtin) {
    if (vm.dict_del(o.as<ClassObj>()->dict.as<DictObj>(), a.v[1]) == 1) { ++o.as<ClassObj>()->version; return vm.rt.None; }
    return vm.raise(vm.rt.AttributeError, "type object '" + o.as<ClassObj>()->name + "' has no attribute '" + a.v[1].as<StrObj>()->s + "'");
  }
  if ((o->tag == Tag::Instance || o->tag == Tag::Exception) && o.as<InstanceObj>()->dict &&
      vm.dict_del(o.as<InstanceObj>()->dict.as<DictObj>(), a.v[1]) == 1)
    return vm.rt.None;  // not through vm.delattr, which would call a Python __delattr__ again
  if (o->tag == Tag::Instance || o->tag == Tag::Exception) {
    Ref d = vm.lookup_type(o->cls, a.v[1].as<StrObj>());
    auto* sd = d ? dynamic_cast<SlotDescr*>(d.get()) : nullptr;
    InstanceObj* io = o.as<InstanceObj>();
    if (sd && size_t(sd->index) < io->slots.size() && io->slots[size_t(sd->index)]) { io->slots[size_t(sd->index)].reset(); return vm.rt.None; }
    return vm.raise(vm.rt.AttributeError, "'" + o->cls->name + "' object has no attribute '" + a.v[1].as<StrObj>()->s + "'");
  }
  return vm.delattr(o, a.v[1].as<StrObj>()) ? vm.rt.None : nullptr;
}
Ref object_hash(VM& vm, Args& a) {
  std::uint64_t p = std::uint64_t(reinterpret_cast<std::uintptr_t>(a.v[0].get()));
  return vm.rt.make_int(std::int64_t((p >> 4) | (p << 60)) & 0x3fffffffffffffff);
}
Ref exc_with_traceback(VM& vm, Args& a) {  // vm/frame_objects.h
  if (a.n >= 2 && a.v[0]->tag == Tag::Exception && !set_exception_traceback(vm, a.v[0].as<ExceptionObj>(), a.v[1])) return {};
  return a.v[0];
}
// BaseException.add_note(note): appends to the instance's __notes__ list (3.11+),
// which tracebacks print after the message (vm.cpp format_exception)
Ref exc_add_note(VM& vm, Args& a) {
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "BaseException.add_note() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  if (a.v[0]->tag != Tag::Exception) return vm.raise(vm.rt.TypeError, "descriptor 'add_note' requires a 'BaseException' object");
  if (a.v[1]->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "note must be a str, not '" + vm.type_name(a.v[1]) + "'");
  auto* eo = a.v[0].as<ExceptionObj>();
  if (!eo->dict) eo->dict = vm.rt.make_dict();
  Ref key = vm.rt.intern("__notes__");
  Ref notes = vm.dict_get(eo->dict.as<DictObj>(), key);
  if (!notes) {
    if (vm.exc) return nullptr;
    notes = vm.rt.make_list();
    vm.dict_set(eo->dict.as<DictObj>(), key, notes);
  }
  if (notes->tag != Tag::List) return vm.raise(vm.rt.TypeError, "Cannot add note: __notes__ is not a list");
  notes.as<ListObj>()->items.push_back(a.v[1]);
  return vm.rt.None;
}
Ref exc_init(VM& vm, Args& a) {
  if (a.v[0]->tag == Tag::Exception) {
    a.v[0].as<ExceptionObj>()->args = vm.rt.make_tuple(std::vector<Ref>(a.v + 1, a.v + a.n));
    if (a.n > 1 && vm.isinstance(a.v[0], vm.rt.StopIteration)) a.v[0].as<ExceptionObj>()->value = a.v[1];
  }
  return vm.rt.None;
}

// sequence __len__/__contains__ for dunder lookups (e.g. super().__len__)
Ref any_len(VM& vm, Args& a) { std::int64_t n = vm.len(a.v[0]); return n < 0 ? nullptr : vm.rt.make_int(n); }
Ref any_contains(VM& vm, Args& a) { int r = vm.contains(a.v[0], a.v[1]); return r < 0 ? nullptr : vm.rt.make_bool(r); }
Ref any_iter(VM& vm, Args& a) { return vm.iter(a.v[0]); }
Ref iter_self(VM&, Args& a) { return a.v[0]; }
Ref next_value_impl(VM& vm, const Ref& it, bool& returned);
Ref gen_result(VM& vm, Ref r, Stop how);
Ref iter_next(VM& vm, Args& a) {
  bool returned = false;
  Ref r = next_value_impl(vm, a.v[0], returned);
  if (!r && !vm.exc) return vm.raise(vm.rt.StopIteration, "");
  return r;
}

// VM::next, but a generator's return value is kept: the StopIteration that
// next(gen) / gen.__next__() raises carries it (`returned` then is true and the
// exception is set).
Ref next_value_impl(VM& vm, const Ref& it, bool& returned) {
  returned = false;
  if (it->tag != Tag::Generator) return vm.next(it);
  GenObj* g = it.as<GenObj>();
  if (g->finished || g->coroutine || g->async_gen) return vm.next(it);
  vm.charge(vm.op_cost[FOR_ITER] + vm.variant_delta[CV_FOR_ITER_GENERATOR]);  // as VM::next
  Stop how = Stop::Exception;
  Ref r = vm.gen_send(g, vm.rt.None, how);
  if (!r || how != Stop::Returned) return r;
  returned = true;
  return gen_result(vm, r, how);
}

Ref gen_result(VM& vm, Ref r, Stop how) {
  if (!r) return nullptr;
  if (how == Stop::Returned) {
    Ref e = vm.new_exception(vm.rt.StopIteration, "");
    if (r.get() != vm.rt.None.get()) { e.as<ExceptionObj>()->value = r; e.as<ExceptionObj>()->args = vm.rt.make_tuple({r}); }
    return vm.raise_obj(e);
  }
  return r;
}
Ref gen_send_m(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "send() takes exactly one argument (0 given)");
  Stop how = Stop::Exception;
  Ref r = vm.gen_send(a.v[0].as<GenObj>(), a.v[1], how);
  return gen_result(vm, r, how);
}
Ref gen_throw_m(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "throw expected at least 1 argument, got 0");
  Ref e = a.v[1];
  // throw(type, value[, tb]) (_gen_throw): a value that is an instance of type is thrown as is,
  // another value becomes type(value) (or type(*value) for a tuple)
  if (e->tag == Tag::Class && a.n >= 3 && a.v[2].get() != vm.rt.None.get()) {
    if (a.v[2]->tag == Tag::Exception && vm.isinstance(a.v[2], e.as<ClassObj>())) e = a.v[2];
    else if (a.v[2]->tag == Tag::Tuple) {
      auto& items = a.v[2].as<TupleObj>()->items;
      e = vm.call(e, items.data(), int(items.size()));
      if (!e) return nullptr;
    } else {
      e = vm.call1(e, a.v[2]);
      if (!e) return nullptr;
    }
  }
  if (e->tag == Tag::Class) { e = vm.call0(e); if (!e) return nullptr; }
  if (e->tag != Tag::Exception) return vm.raise(vm.rt.TypeError, "exceptions must be classes or instances deriving from BaseException, not " + vm.type_name(e));
  GenObj* g = a.v[0].as<GenObj>();
  if (!g->started) { g->finished = true; return vm.raise_obj(e); }
  Stop how = Stop::Exception;
  Ref r = gen_throw(vm, g, e, true, how);  // delegates to what g awaits (sim/vm/async_gen.cpp)
  return gen_result(vm, r, how);
}
Ref gen_close_m(VM& vm, Args& a) {
  GenObj* g = a.v[0].as<GenObj>();
  if (g->finished || !g->started) { g->finished = true; return vm.rt.None; }
  Stop how = Stop::Exception;
  Ref r = gen_throw(vm, g, vm.new_exception(vm.rt.GeneratorExit, ""), true, how);
  if (r && how == Stop::Yielded) return vm.raise(vm.rt.RuntimeError, std::string(g->coroutine ? "coroutine" : "generator") + " ignored GeneratorExit");
  if (!r && (vm.matches(vm.exc, vm.rt.GeneratorExit) || vm.matches(vm.exc, vm.rt.StopIteration))) { vm.exc.reset(); return vm.rt.None; }
  if (!r) return nullptr;
  return vm.rt.None;
}

}  // namespace

Ref next_with_value(VM& vm, const Ref& it, bool& returned) { return next_value_impl(vm, it, returned); }

bool slice_indices_public(VM& vm, SliceObj* s, std::int64_t len, std::int64_t& start, std::int64_t& stop, std::int64_t& step, std::int64_t& count) {
  return slice_indices(vm, s, len, start, stop, step, count);
}
bool sort_values_public(VM& vm, std::vector<Ref>& items, const Ref& key, bool reverse) { return sort_values(vm, items, key, reverse); }

void init_type_methods_more(VM& vm);
void init_str_more_methods(VM& vm);
void init_float_methods(VM& vm);  // math_float_funcs.cpp
void init_dict_views(VM& vm);  // vm/dict_views.cpp

void init_types(VM& vm) {
  auto& rt = vm.rt;
  auto M = [&](ClassObj* t, const char* n, BuiltinFn f) { vm.add_method(t, n, f); };
  M(rt.object_t, "object.__init__", object_init);
  M(rt.object_t, "object.__repr__", object_repr);
  M(rt.object_t, "object.__str__", object_str);
  M(rt.object_t, "object.__eq__", object_eq);
  M(rt.object_t, "object.__setattr__", object_setattr);
  M(rt.object_t, "object.__getattribute__", object_getattribute);  // vm/user_descriptors.cpp
  M(rt.object_t, "object.__delattr__", object_delattr);
  M(rt.object_t, "object.__hash__", object_hash);
  M(rt.BaseException, "with_traceback", exc_with_traceback);
  M(rt.BaseException, "add_note", exc_add_note);
  M(rt.BaseException, "BaseException.__init__", exc_init);
  M(rt.list_t, "append", list_append);
  M(rt.list_t, "extend", list_extend);
  M(rt.list_t, "pop", list_pop);
  M(rt.list_t, "insert", list_insert);
  M(rt.list_t, "index", list_index);
  M(rt.list_t, "count", list_count);
  M(rt.list_t, "remove", list_remove);
  M(rt.list_t, "reverse", list_reverse);
  M(rt.list_t, "clear", list_clear);
  M(rt.list_t, "copy", list_copy);
  M(rt.list_t, "sort", list_sort);
  M(rt.list_t, "__getitem__", list_getitem);
  M(rt.list_t, "__setitem__", list_setitem);
  M(rt.list_t, "__delitem__", list_delitem);
  M(rt.tuple_t, "__getitem__", tuple_getitem);
  M(rt.tuple_t, "index", tuple_index);
  M(rt.tuple_t, "count", list_count);
  M(rt.str_t, "join", str_join);
  M(rt.str_t, "split", str_split);
  M(rt.str_t, "strip", str_strip);
  M(rt.str_t, "lstrip", str_lstrip);
  M(rt.str_t, "rstrip", str_rstrip);
  M(rt.str_t, "upper", str_upper);
  M(rt.str_t, "lower", str_lower);
  M(rt.str_t, "replace", str_replace);
  M(rt.str_t, "startswith", str_startswith);
  M(rt.str_t, "endswith", str_endswith);
  M(rt.str_t, "isdigit", str_isdigit);
  M(rt.str_t, "isalpha", str_isalpha);
  M(rt.str_t, "isalnum", str_isalnum);
  M(rt.str_t, "isspace", str_isspace);
  M(rt.str_t, "isupper", str_isupper);
  M(rt.str_t, "islower", str_islower);
  M(rt.str_t, "title", str_title);
  M(rt.str_t, "capitalize", str_capitalize);
  M(rt.str_t, "ljust", str_ljust);
  M(rt.str_t, "rjust", str_rjust);
  M(rt.str_t, "center", str_center);
  M(rt.str_t, "zfill", str_zfill);
  M(rt.str_t, "splitlines", str_splitlines);
  M(rt.str_t, "encode", str_encode_codec);  // text_codecs.cpp
  M(rt.str_t, "format", str_format);
  M(rt.str_t, "format_map", str_format_map);  // str_format.cpp
  M(rt.str_t, "__getitem__", str_getitem);
  for (ClassObj* d : {rt.dict_t}) {
    M(d, "__getitem__", dict_getitem);
    M(d, "__setitem__", dict_setitem);
    M(d, "__delitem__", dict_delitem);
    M(d, "get", dict_get);
    M(d, "pop", dict_pop);
    M(d, "popitem", dict_popitem);
    M(d, "setdefault", dict_setdefault);
    M(d, "update", dict_update);
    M(d, "copy", dict_copy);
    M(d, "clear", dict_clear);
  }
  init_dict_views(vm);  // vm/dict_views.cpp: keys/values/items views, dict.fromkeys
  M(rt.counter_t, "update", dict_update);
  M(rt.counter_t, "most_common", counter_most_common);
  init_set_methods(vm);  // modules/set_methods.cpp
  init_bytes_methods(vm);  // modules/bytes_methods.cpp
  init_str_more_methods(vm);  // modules/str_more_methods.cpp
  init_type_methods_more(vm);  // modules/type_methods_more.cpp: str.maketrans/translate, bytes.fromhex, range.index, int.real, ...
  M(rt.range_t, "__getitem__", range_getitem);
  M(rt.float_t, "is_integer", float_is_integer);
  init_float_methods(vm);
  for (ClassObj* t : {rt.list_t, rt.tuple_t, rt.str_t, rt.dict_t, rt.set_t, rt.frozenset_t, rt.range_t}) {
    M(t, "__len__", any_len);
    M(t, "__contains__", any_contains);
    M(t, "__iter__", any_iter);
  }
  M(rt.iterator_t, "__iter__", iter_self);
  M(rt.iterator_t, "__next__", iter_next);
  M(rt.generator_t, "__iter__", iter_self);
  M(rt.generator_t, "__next__", iter_next);
  for (ClassObj* g : {rt.generator_t, rt.coroutine_t}) {
    M(g, "send", gen_send_m);
    M(g, "throw", gen_throw_m);
    M(g, "close", gen_close_m);
  }
  init_async_gen_types(vm);  // sim/vm/async_gen.cpp
  (void)ok_none;
  (void)S;
}

}  // namespace pitfall::sim
