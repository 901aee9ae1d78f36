// repr/str/format of objects (Objects/floatobject.c float_repr with the
// shortest round-trip digits, Objects/unicodeobject.c unicode_repr quoting),
// iteration (iter/next) and the format-spec mini-language subset the
// simulator supports until the formatting library is wired in.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {
StrObj* S(VM& vm, const char* s) { return vm.rt.intern(s).as<StrObj>(); }
}

std::string int_str(std::int64_t v) { return std::to_string(v); }

std::string float_repr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
#if defined(_LIBCPP_VERSION) && _LIBCPP_VERSION < 14000
  // Emscripten 3.1.6's libc++ 13 has no floating-point to_chars: the shortest
  // precision whose correctly rounded %e text reads back as v gives the same digits.
  for (int p = 0; p < 17; ++p) {
    std::snprintf(buf, sizeof buf, "%.*e", p, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  std::string sci(buf);
#else
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string sci(buf, r.ptr);
#endif
  // split mantissa digits and exponent
  bool neg = sci[0] == '-';
  if (neg) sci = sci.substr(1);
  size_t epos = sci.find('e');
  std::string mant = sci.substr(0, epos);
  int exp = std::atoi(sci.c_str() + epos + 1);
  std::string digits;
  for (char c : mant) if (c != '.') digits += c;
  int decpt = exp + 1;
  std::string out;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) {
      out = "0." + std::string(size_t(-decpt), '0') + digits;
    } else if (size_t(decpt) >= digits.size()) {
      out = digits + std::string(size_t(decpt) - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, size_t(decpt)) + "." + digits.substr(size_t(decpt));
    }
  } else {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    out += eb;
  }
  return neg ? "-" + out : out;
}

static std::string str_repr(const std::string& s) {
  bool has_single = s.find('\'') != std::string::npos, has_double = s.find('"') != std::string::npos;
  char q = has_single && !has_double ? '"' : '\'';
  std::string out(1, q);
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == q || c == '\\') { out += '\\'; out += char(c); }
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7f) { char b[8]; std::snprintf(b, sizeof b, "\\x%02x", c); out += b; }
    else out += char(c);
  }
  out += q;
  return out;
}

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

bool VM::repr_to(const Ref& a, std::string& out) {
  Obj* o = a.get();
  switch (o->tag) {
    case Tag::Int:
      if (o->cls == rt.bool_t) { out += static_cast<IntObj*>(o)->v ? "True" : "False"; return true; }
      if (o->cls == rt.int_t) { out += int_str(static_cast<IntObj*>(o)->v); return true; }
      break;
    case Tag::Float: if (o->cls == rt.float_t) { out += float_repr(static_cast<FloatObj*>(o)->v); return true; } break;
    case Tag::Str: if (o->cls == rt.str_t) { out += str_repr(static_cast<StrObj*>(o)->s); return true; } break;
    case Tag::Bytes: out += bytes_repr(static_cast<BytesObj*>(o)->s); return true;
    case Tag::None: out += "None"; return true;
    case Tag::List: case Tag::Tuple: {
      if (o->cls != rt.list_t && o->cls != rt.tuple_t && !o->cls->builtin) break;
      bool list = o->tag == Tag::List;
      std::vector<Ref> items = list ? static_cast<ListObj*>(o)->items : static_cast<TupleObj*>(o)->items;
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
      if (!o->cls->builtin) break;
      DictObj* d = static_cast<DictObj*>(o);
      std::vector<DictEntry> es = d->entries;
      bool wrap = o->cls != rt.dict_t;
      if (wrap) {
        out += o->cls->name + "(";
        if (o->cls == rt.defaultdict_t) {
          if (d->default_factory) { if (!repr_to(d->default_factory, out)) return false; } else out += "None";
          out += ", ";
        }
        if (o->cls == rt.counter_t && d->used == 0) { out += ")"; return true; }
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
      if (d->used == 0) { out += fz ? "frozenset()" : "set()"; return true; }
      if (fz) out += "frozenset(";
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
      out += std::string("<built-in function ") + b->name + ">";
      return true;
    }
    case Tag::BoundMethod: {
      auto* bm = static_cast<BoundMethodObj*>(o);
      std::string fname = bm->func->tag == Tag::Func ? bm->func.as<FuncObj>()->qualname.as<StrObj>()->s : bm->func->tag == Tag::Builtin ? bm->func.as<BuiltinObj>()->name : "?";
      out += "<bound method " + fname + " of ";
      if (!repr_to(bm->self, out)) return false;
      out += ">";
      return true;
    }
    case Tag::Class: {
      ClassObj* c = static_cast<ClassObj*>(o);
      out += "<class '" + (c->module == "builtins" ? c->name : c->module + "." + c->name) + "'>";
      return true;
    }
    case Tag::Module: out += "<module '" + static_cast<ModuleObj*>(o)->name + "' (built-in)>"; return true;
    case Tag::Generator: {
      auto* g = static_cast<GenObj*>(o);
      out += std::string(g->coroutine ? "<coroutine object " : "<generator object ") + g->qualname.as<StrObj>()->s + " at 0x7f0000000000>";
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
  out += "<" + (o->cls->module == "builtins" ? o->cls->name : o->cls->module + "." + o->cls->name) + buf;
  return true;
}

bool VM::str_to(const Ref& a, std::string& out) {
  Obj* o = a.get();
  if (o->tag == Tag::Str && o->cls == rt.str_t) { out += static_cast<StrObj*>(o)->s; return true; }
  if (o->cls->builtin && o->tag != Tag::Exception) return repr_to(a, out);
  Ref m = lookup_type(o->cls, S(*this, "__str__"));
  if (m && m->tag == Tag::Func) {
    Ref r = call1(m, a);
    if (!r) return false;
    if (r->tag != Tag::Str) { raise(rt.TypeError, "__str__ returned non-string (type " + type_name(r) + ")"); return false; }
    out += r.as<StrObj>()->s;
    return true;
  }
  if (o->tag == Tag::Exception) {
    auto* e = static_cast<ExceptionObj*>(o);
    auto& items = e->args ? e->args.as<TupleObj>()->items : *new std::vector<Ref>();
    if (items.empty()) return true;
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

// ---- format spec: [[fill]align][sign][#][0][width][,|_][.precision][type] ----
struct Spec {
  char fill = ' ', align = 0, sign = '-';
  bool alt = false, zero = false;
  int width = -1, precision = -1;
  char grouping = 0, type = 0;
};

static bool parse_spec(const std::string& s, Spec& sp) {
  size_t i = 0;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  if (s.size() >= 2 && is_align(s[1])) { sp.fill = s[0]; sp.align = s[1]; i = 2; }
  else if (!s.empty() && is_align(s[0])) { sp.align = s[0]; i = 1; }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) sp.sign = s[i++];
  if (i < s.size() && s[i] == '#') { sp.alt = true; ++i; }
  if (i < s.size() && s[i] == '0') { sp.zero = true; ++i; }
  int w = -1;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) { w = (w < 0 ? 0 : w) * 10 + (s[i] - '0'); ++i; }
  sp.width = w;
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) sp.grouping = s[i++];
  if (i < s.size() && s[i] == '.') {
    ++i;
    int p = 0;
    bool any = false;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) { p = p * 10 + (s[i] - '0'); ++i; any = true; }
    if (!any) return false;
    sp.precision = p;
  }
  if (i < s.size()) sp.type = s[i++];
  return i == s.size();
}

static std::string group(const std::string& digits, char sep) {
  std::string out;
  int n = int(digits.size());
  for (int i = 0; i < n; ++i) {
    out += digits[size_t(i)];
    int rest = n - 1 - i;
    if (rest > 0 && rest % 3 == 0) out += sep;
  }
  return out;
}

static std::size_t cp_len(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) if ((c & 0xC0) != 0x80) ++n;
  return n;
}

static std::string pad(const std::string& body, const std::string& sign, const Spec& sp, char default_align) {
  char align = sp.align ? sp.align : (sp.zero ? '=' : default_align);
  char fill = sp.align ? sp.fill : (sp.zero ? '0' : ' ');
  std::size_t len = cp_len(body) + sign.size();
  if (sp.width < 0 || len >= std::size_t(sp.width)) return sign + body;
  std::size_t padn = std::size_t(sp.width) - len;
  std::string f(padn, fill);
  switch (align) {
    case '<': return sign + body + f;
    case '^': return std::string(padn / 2, fill) + sign + body + std::string(padn - padn / 2, fill);
    case '=': return sign + f + body;
    default: return f + sign + body;
  }
}

Ref VM::format(const Ref& o, const std::string& spec) {
  Obj* x = o.get();
  if (!x->cls->builtin) {
    Ref m = lookup_type(x->cls, S(*this, "__format__"));
    if (m && m->tag == Tag::Func) return call2(m, o, rt.make_str(spec));
    if (spec.empty()) return str(o);
    return raise(rt.TypeError, "unsupported format string passed to " + type_name(o) + ".__format__");
  }
  if (spec.empty()) return str(o);
  Spec sp;
  if (!parse_spec(spec, sp)) return raise(rt.ValueError, "Invalid format specifier '" + spec + "' for object of type '" + type_name(o) + "'");
  if (x->tag == Tag::Int && !(sp.type == 'e' || sp.type == 'f' || sp.type == 'g' || sp.type == '%' || sp.type == 'E' || sp.type == 'F' || sp.type == 'G')) {
    std::int64_t v = static_cast<IntObj*>(x)->v;
    if (x->cls == rt.bool_t && sp.type == 0) return rt.make_str(pad(v ? "True" : "False", "", sp, '<'));
    std::uint64_t mag = v < 0 ? std::uint64_t(0) - std::uint64_t(v) : std::uint64_t(v);
    std::string digits;
    char t = sp.type ? sp.type : 'd';
    int base = t == 'x' || t == 'X' ? 16 : t == 'o' ? 8 : t == 'b' ? 2 : 10;
    if (t == 'c') return rt.make_str(pad(std::string(1, char(v)), "", sp, '<'));
    if (t != 'd' && t != 'n' && base == 10) return raise(rt.ValueError, std::string("Unknown format code '") + t + "' for object of type 'int'");
    char buf[80];
    auto r = std::to_chars(buf, buf + sizeof buf, mag, base);
    digits.assign(buf, r.ptr);
    if (t == 'X') for (auto& c : digits) c = char(std::toupper(static_cast<unsigned char>(c)));
    if (sp.grouping) digits = group(digits, sp.grouping);
    std::string prefix;
    if (sp.alt && base != 10) prefix = base == 16 ? (t == 'X' ? "0X" : "0x") : base == 8 ? "0o" : "0b";
    std::string sign = v < 0 ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";
    return rt.make_str(pad(digits, sign + prefix, sp, '>'));
  }
  if (x->tag == Tag::Int || x->tag == Tag::Float) {
    double v = x->tag == Tag::Int ? double(static_cast<IntObj*>(x)->v) : static_cast<FloatObj*>(x)->v;
    char t = sp.type;
    std::string body;
    bool neg = std::signbit(v) && !std::isnan(v);
    double mag = std::fabs(v);
    int prec = sp.precision < 0 ? 6 : sp.precision;
    char buf[512];
    if (std::isinf(mag) || std::isnan(mag)) {
      body = std::isnan(mag) ? "nan" : "inf";
      if (t == 'F' || t == 'E' || t == 'G') for (auto& c : body) c = char(std::toupper(static_cast<unsigned char>(c)));
    } else if (t == 'f' || t == 'F' || t == '%') {
      if (t == '%') mag *= 100;
      std::snprintf(buf, sizeof buf, "%.*f", prec, mag);
      body = buf;
    } else if (t == 'e' || t == 'E') {
      std::snprintf(buf, sizeof buf, t == 'e' ? "%.*e" : "%.*E", prec, mag);
      body = buf;
    } else if (t == 'g' || t == 'G' || (t == 0 && sp.precision >= 0)) {
      int p = prec == 0 ? 1 : prec;
      std::snprintf(buf, sizeof buf, (t == 'G') ? "%.*G" : "%.*g", p, mag);
      body = buf;
      if (t == 0 && body.find_first_of(".e") == std::string::npos) body += ".0";
    } else if (t == 0 || t == 'n') {
      body = float_repr(mag);
    } else {
      return raise(rt.ValueError, std::string("Unknown format code '") + t + "' for object of type '" + type_name(o) + "'");
    }
    if (sp.grouping) {
      size_t dot = body.find_first_of(".e");
      std::string ip = body.substr(0, dot), rest = dot == std::string::npos ? "" : body.substr(dot);
      body = group(ip, sp.grouping) + rest;
    }
    if (t == '%') body += '%';
    std::string sign = neg ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";
    return rt.make_str(pad(body, sign, sp, '>'));
  }
  if (x->tag == Tag::Str) {
    if (sp.type && sp.type != 's') return raise(rt.ValueError, std::string("Unknown format code '") + sp.type + "' for object of type 'str'");
    std::string s = static_cast<StrObj*>(x)->s;
    if (sp.precision >= 0) {
      size_t n = 0, i = 0;
      for (; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) { if (n == size_t(sp.precision)) break; ++n; }
      }
      s = s.substr(0, i);
    }
    return rt.make_str(pad(s, "", sp, '<'));
  }
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
  it->i += it->step;
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
static Ref dict_next(VM& vm, IterObj* it) {
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
      it = make<IterObj>(rt.iterator_t, dict_next);
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
      if (o.as<GenObj>()->coroutine) return raise(rt.TypeError, "'coroutine' object is not iterable");
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
