// More str methods (Objects/unicodeobject.c): find/rfind/index/rindex/count
// with start and end, partition, rpartition, rsplit, removeprefix/removesuffix, swapcase, casefold, expandtabs and the
// isdecimal/isnumeric/isascii/istitle/isidentifier/isprintable tests, over
// pylib's Unicode 14 tables.
#include "sim/pylib/unicode.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

const std::string& self(Args& a) { return a.v[0].as<StrObj>()->s; }

bool str_arg(VM& vm, Args& a, int i, const char* what) {
  if (a.n <= i) {
    vm.raise(vm.rt.TypeError, std::string(what) + " expected 1 argument, got 0");
    return false;
  }
  if (a.v[i]->tag == Tag::Str) return true;
  vm.raise(vm.rt.TypeError, "must be str, not " + vm.type_name(a.v[i]));
  return false;
}

Ref partition_impl(VM& vm, Args& a, bool from_right) {
  if (!str_arg(vm, a, 1, from_right ? "rpartition()" : "partition()")) return nullptr;
  const std::string& s = self(a);
  const std::string& sep = a.v[1].as<StrObj>()->s;
  if (sep.empty()) return vm.raise(vm.rt.ValueError, "empty separator");
  size_t k = from_right ? s.rfind(sep) : s.find(sep);
  Ref empty = vm.rt.make_str("");
  if (k == std::string::npos)
    return from_right ? vm.rt.make_tuple({empty, empty, a.v[0]}) : vm.rt.make_tuple({a.v[0], empty, empty});
  return vm.rt.make_tuple({vm.rt.make_str(s.substr(0, k)), a.v[1], vm.rt.make_str(s.substr(k + sep.size()))});
}
Ref str_partition(VM& vm, Args& a) { return partition_impl(vm, a, false); }
Ref str_rpartition(VM& vm, Args& a) { return partition_impl(vm, a, true); }

Ref str_rsplit(VM& vm, Args& a) {
  const std::string& s = self(a);
  Ref sepr = a.n > 1 ? a.v[1] : a.kw("sep");
  std::int64_t maxsplit = -1;
  Ref ms = a.n > 2 ? a.v[2] : a.kw("maxsplit");
  if (ms && !vm.index_value(ms, maxsplit)) return nullptr;
  bool ws = !sepr || sepr.get() == vm.rt.None.get();
  if (!ws && sepr->tag != Tag::Str) return vm.raise(vm.rt.TypeError, "must be str or None, not " + vm.type_name(sepr));
  std::vector<std::string> parts;  // collected right to left
  if (ws) {
    std::u32string cps = pylib::utf8_decode(s);
    std::int64_t j = std::int64_t(cps.size());
    for (;;) {
      while (j > 0 && pylib::is_space(cps[size_t(j - 1)])) --j;
      if (j == 0) break;
      if (maxsplit >= 0 && std::int64_t(parts.size()) == maxsplit) {
        parts.push_back(pylib::utf8_encode(cps.substr(0, size_t(j))));
        break;
      }
      std::int64_t i = j;
      while (i > 0 && !pylib::is_space(cps[size_t(i - 1)])) --i;
      parts.push_back(pylib::utf8_encode(cps.substr(size_t(i), size_t(j - i))));
      j = i;
    }
  } else {
    const std::string& sep = sepr.as<StrObj>()->s;
    if (sep.empty()) return vm.raise(vm.rt.ValueError, "empty separator");
    size_t end = s.size();
    for (;;) {
      if (maxsplit >= 0 && std::int64_t(parts.size()) == maxsplit) break;
      if (end < sep.size()) break;
      size_t k = s.rfind(sep, end - sep.size());
      if (k == std::string::npos) break;
      parts.push_back(s.substr(k + sep.size(), end - k - sep.size()));
      end = k;
    }
    parts.push_back(s.substr(0, end));
  }
  Ref l = vm.rt.make_list();
  auto& out = l.as<ListObj>()->items;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) out.push_back(vm.rt.make_str(*it));
  return l;
}

Ref affix_remove(VM& vm, Args& a, bool prefix) {
  if (!str_arg(vm, a, 1, prefix ? "removeprefix()" : "removesuffix()")) return nullptr;
  const std::string& s = self(a);
  const std::string& p = a.v[1].as<StrObj>()->s;
  if (p.empty() || p.size() > s.size()) return a.v[0];
  if (prefix && s.compare(0, p.size(), p) == 0) return vm.rt.make_str(s.substr(p.size()));
  if (!prefix && s.compare(s.size() - p.size(), p.size(), p) == 0) return vm.rt.make_str(s.substr(0, s.size() - p.size()));
  return a.v[0];
}
Ref str_removeprefix(VM& vm, Args& a) { return affix_remove(vm, a, true); }
Ref str_removesuffix(VM& vm, Args& a) { return affix_remove(vm, a, false); }

Ref str_swapcase(VM& vm, Args& a) { return vm.rt.make_str(pylib::str_swapcase(self(a))); }
Ref str_casefold(VM& vm, Args& a) { return vm.rt.make_str(pylib::str_casefold(self(a))); }
Ref str_isdecimal(VM& vm, Args& a) { return vm.rt.make_bool(pylib::str_isdecimal(self(a))); }
Ref str_isnumeric(VM& vm, Args& a) { return vm.rt.make_bool(pylib::str_isnumeric(self(a))); }
Ref str_isascii(VM& vm, Args& a) { return vm.rt.make_bool(pylib::str_isascii(self(a))); }
Ref str_istitle(VM& vm, Args& a) { return vm.rt.make_bool(pylib::str_istitle(self(a))); }
Ref str_isidentifier(VM& vm, Args& a) { return vm.rt.make_bool(pylib::str_isidentifier(self(a))); }
Ref str_isprintable(VM& vm, Args& a) {
  for (char32_t c : pylib::utf8_decode(self(a)))
    if (!pylib::is_printable(c)) return vm.rt.False;
  return vm.rt.True;
}

Ref str_expandtabs(VM& vm, Args& a) {
  std::int64_t tabsize = 8;
  Ref t = a.n > 1 ? a.v[1] : a.kw("tabsize");
  if (t && !vm.index_value(t, tabsize)) return nullptr;
  std::string out;
  std::int64_t col = 0;
  for (char32_t c : pylib::utf8_decode(self(a))) {
    if (c == '\t') {
      if (tabsize > 0) {
        std::int64_t n = tabsize - col % tabsize;
        out.append(size_t(n), ' ');
        col += n;
      }
    } else {
      pylib::utf8_append(out, c);
      col = (c == '\n' || c == '\r') ? 0 : col + 1;
    }
  }
  return vm.rt.make_str(std::move(out));
}


// ---- find / rfind / index / rindex / count with start and end ----

// str.find's arguments: sub (a str), then optional start and end clipped as
// slice indices (ADJUST_INDICES). False with an exception raised.
bool find_args(VM& vm, Args& a, const char* name, std::int64_t len, std::int64_t& start, std::int64_t& end) {
  if (a.n < 2) {
    vm.raise(vm.rt.TypeError, std::string(name) + "() takes at least 1 argument (0 given)");
    return false;
  }
  if (a.n > 4) {
    vm.raise(vm.rt.TypeError, std::string(name) + "() takes at most 3 arguments (" + std::to_string(a.n - 1) + " given)");
    return false;
  }
  if (a.v[1]->tag != Tag::Str) {
    vm.raise(vm.rt.TypeError, "must be str, not " + vm.type_name(a.v[1]));
    return false;
  }
  start = 0;
  end = len;
  auto conv = [&](int i, std::int64_t& out) {
    if (a.n <= i || a.v[i].get() == vm.rt.None.get()) return true;
    if (!vm.index_value(a.v[i], out)) return false;
    if (out > len && i == 3) out = len;  // only end is clipped above
    else if (out < 0) { out += len; if (out < 0) out = 0; }
    return true;
  };
  return conv(2, start) && conv(3, end);
}

// kind: 0 find, 1 rfind, 2 count. Positions in code points.
template <class S>
std::int64_t search(const S& s, const S& sub, std::int64_t start, std::int64_t end, int kind) {
  const std::int64_t len = std::int64_t(s.size()), n = std::int64_t(sub.size());
  if (start > len || end - start < n) return kind == 2 ? 0 : -1;
  if (kind == 2) {
    if (n == 0) return end - start + 1;
    std::int64_t c = 0;
    for (std::int64_t p = start; p + n <= end;) {
      size_t k = s.find(sub, size_t(p));
      if (k == S::npos || std::int64_t(k) + n > end) break;
      ++c;
      p = std::int64_t(k) + n;
    }
    return c;
  }
  if (kind == 0) {
    size_t k = s.find(sub, size_t(start));
    return k != S::npos && std::int64_t(k) + n <= end ? std::int64_t(k) : -1;
  }
  size_t k = s.rfind(sub, size_t(end - n));
  return k != S::npos && std::int64_t(k) >= start ? std::int64_t(k) : -1;
}

bool ascii_only(const std::string& s) {
  for (unsigned char c : s) if (c >= 0x80) return false;
  return true;
}

Ref find_family(VM& vm, Args& a, const char* name, int kind, bool raise_missing) {
  const std::string& s = self(a);
  const bool ascii = ascii_only(s);
  std::u32string cps;
  if (!ascii) cps = pylib::utf8_decode(s);
  const std::int64_t len = ascii ? std::int64_t(s.size()) : std::int64_t(cps.size());
  std::int64_t start, end;
  if (!find_args(vm, a, name, len, start, end)) return nullptr;
  const std::string& sub = a.v[1].as<StrObj>()->s;
  std::int64_t r;
  if (ascii && !ascii_only(sub)) r = kind == 2 ? 0 : -1;  // cannot occur in an ASCII str
  else if (ascii) r = search(s, sub, start, end, kind);
  else r = search(cps, pylib::utf8_decode(sub), start, end, kind);
  if (raise_missing && r < 0) return vm.raise(vm.rt.ValueError, "substring not found");
  return vm.rt.make_int_ssize(r);
}
Ref str_find(VM& vm, Args& a) { return find_family(vm, a, "find", 0, false); }
Ref str_rfind(VM& vm, Args& a) { return find_family(vm, a, "rfind", 1, false); }
Ref str_index(VM& vm, Args& a) { return find_family(vm, a, "index", 0, true); }
Ref str_rindex(VM& vm, Args& a) { return find_family(vm, a, "rindex", 1, true); }
Ref str_count(VM& vm, Args& a) { return find_family(vm, a, "count", 2, false); }

}  // namespace

void init_str_more_methods(VM& vm) {
  ClassObj* t = vm.rt.str_t;
  vm.add_method(t, "partition", str_partition);
  vm.add_method(t, "rpartition", str_rpartition);
  vm.add_method(t, "rsplit", str_rsplit);
  vm.add_method(t, "find", str_find);
  vm.add_method(t, "rfind", str_rfind);
  vm.add_method(t, "index", str_index);
  vm.add_method(t, "rindex", str_rindex);
  vm.add_method(t, "count", str_count);
  vm.add_method(t, "removeprefix", str_removeprefix);
  vm.add_method(t, "removesuffix", str_removesuffix);
  vm.add_method(t, "swapcase", str_swapcase);
  vm.add_method(t, "casefold", str_casefold);
  vm.add_method(t, "isdecimal", str_isdecimal);
  vm.add_method(t, "isnumeric", str_isnumeric);
  vm.add_method(t, "isascii", str_isascii);
  vm.add_method(t, "istitle", str_istitle);
  vm.add_method(t, "isidentifier", str_isidentifier);
  vm.add_method(t, "isprintable", str_isprintable);
  vm.add_method(t, "expandtabs", str_expandtabs);
}

}  // namespace pitfall::sim
