// The `json` module: dumps/loads with CPython's exact output (Lib/json/
// encoder.py: separators, indent, sort_keys, ensure_ascii escapes, float repr,
// NaN/Infinity, "Circular reference detected"; decoder.py / scanner: the
// JSONDecodeError messages with line, column and char position).
// dump/load on files are not modelled (the simulator has no file system).
#include <cmath>
#include <cctype>
#include <cstring>

#include "sim/pylib/format.h"
#include "sim/pylib/parse.h"
#include "sim/pylib/unicode.h"
#include "sim/vm/int_ops.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {

namespace {

struct Enc {
  explicit Enc(VM& v) : vm(v) {}
  VM& vm;
  bool ensure_ascii = true, sort_keys = false, allow_nan = true, skipkeys = false;
  bool has_indent = false;
  std::string indent;
  std::string item_sep = ", ", key_sep = ": ";
  Ref default_fn;
  std::vector<const Obj*> stack;  // containers being encoded (circular check)
};

void encode_str(Enc& e, const std::string& s, std::string& out) {
  out += '"';
  if (!e.ensure_ascii) {
    for (unsigned char c : s) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (c < 0x20) { char b[8]; std::snprintf(b, sizeof b, "\\u%04x", c); out += b; }
          else out += char(c);
      }
    }
  } else {
    for (char32_t cp : pylib::utf8_decode(s)) {
      switch (cp) {
        case '"': out += "\\\""; continue;
        case '\\': out += "\\\\"; continue;
        case '\n': out += "\\n"; continue;
        case '\r': out += "\\r"; continue;
        case '\t': out += "\\t"; continue;
        case '\b': out += "\\b"; continue;
        case '\f': out += "\\f"; continue;
        default: break;
      }
      char b[16];
      if (cp < 0x20 || (cp >= 0x7f && cp < 0x10000)) {
        if (cp == 0x7f) { out += char(cp); continue; }
        std::snprintf(b, sizeof b, "\\u%04x", unsigned(cp));
        out += b;
      } else if (cp >= 0x10000) {
        unsigned v = unsigned(cp) - 0x10000;
        std::snprintf(b, sizeof b, "\\u%04x\\u%04x", 0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
        out += b;
      } else {
        out += char(cp);
      }
    }
  }
  out += '"';
}

bool encode_float(Enc& e, double d, std::string& out) {
  if (std::isnan(d) || std::isinf(d)) {
    if (!e.allow_nan) {
      e.vm.raise(e.vm.rt.ValueError, "Out of range float values are not JSON compliant");
      return false;
    }
    out += std::isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    return true;
  }
  out += pylib::float_repr(d);
  return true;
}

bool encode(Enc& e, const Ref& o, std::string& out, int level);

void newline(Enc& e, std::string& out, int level) {
  out += '\n';
  for (int i = 0; i < level; ++i) out += e.indent;
}

bool enter(Enc& e, const Obj* o) {
  for (const Obj* s : e.stack)
    if (s == o) { e.vm.raise(e.vm.rt.ValueError, "Circular reference detected"); return false; }
  e.stack.push_back(o);
  return true;
}

bool encode_key(Enc& e, const Ref& k, std::string& out, bool& skip) {
  VM& vm = e.vm;
  skip = false;
  if (k->tag == Tag::Str) { encode_str(e, k.as<StrObj>()->s, out); return true; }
  std::string s;
  if (k->tag == Tag::Float) { if (!encode_float(e, k.as<FloatObj>()->v, s)) return false; }
  else if (k.get() == vm.rt.True.get()) s = "true";
  else if (k.get() == vm.rt.False.get()) s = "false";
  else if (k.get() == vm.rt.None.get()) s = "null";
  else if (is_int_obj(k.get())) { if (!int_to_decimal(vm, k.get(), s)) return false; }
  else if (e.skipkeys) { skip = true; return true; }
  else { vm.raise(vm.rt.TypeError, "keys must be str, int, float, bool or None, not " + vm.type_name(k)); return false; }
  encode_str(e, s, out);
  return true;
}

bool encode(Enc& e, const Ref& o, std::string& out, int level) {
  VM& vm = e.vm;
  auto& rt = vm.rt;
  if (o.get() == rt.None.get()) { out += "null"; return true; }
  if (o.get() == rt.True.get()) { out += "true"; return true; }
  if (o.get() == rt.False.get()) { out += "false"; return true; }
  if (o->tag == Tag::Str) { encode_str(e, o.as<StrObj>()->s, out); return true; }
  if (is_int_obj(o.get())) return int_to_decimal(vm, o.get(), out);
  if (o->tag == Tag::Float) return encode_float(e, o.as<FloatObj>()->v, out);
  if (o->tag == Tag::List || o->tag == Tag::Tuple) {
    const auto seq = list_or_tuple_items(o.get());
    std::vector<Ref> items(seq.begin(), seq.end());
    if (items.empty()) { out += "[]"; return true; }
    if (!enter(e, o.get())) return false;
    out += '[';
    for (size_t i = 0; i < items.size(); ++i) {
      if (i) out += e.item_sep;
      if (e.has_indent) newline(e, out, level + 1);
      if (!encode(e, items[i], out, level + 1)) return false;
    }
    if (e.has_indent) newline(e, out, level);
    out += ']';
    e.stack.pop_back();
    return true;
  }
  if (o->tag == Tag::Dict) {
    std::vector<DictEntry> es;
    for (auto& en : o.as<DictObj>()->entries) if (en.key) es.push_back(en);
    if (es.empty()) { out += "{}"; return true; }
    if (e.sort_keys) {
      std::vector<Ref> keys;
      for (auto& en : es) keys.push_back(en.key);
      Ref kl = rt.make_list();
      kl.as<ListObj>()->items = keys;
      Ref sorted = vm.dict_get_str(vm.builtins.as<DictObj>(), rt.intern("sorted").as<StrObj>());
      Ref sk = vm.call1(sorted, kl);
      if (!sk) return false;
      std::vector<DictEntry> ordered;
      for (auto& k : sk.as<ListObj>()->items)
        for (auto& en : es) if (en.key.get() == k.get()) { ordered.push_back(en); break; }
      es = std::move(ordered);
    }
    if (!enter(e, o.get())) return false;
    out += '{';
    bool first = true;
    for (auto& en : es) {
      std::string key;
      bool skip;
      if (!encode_key(e, en.key, key, skip)) return false;
      if (skip) continue;
      if (!first) out += e.item_sep;
      first = false;
      if (e.has_indent) newline(e, out, level + 1);
      out += key;
      out += e.key_sep;
      if (!encode(e, en.value, out, level + 1)) return false;
    }
    if (e.has_indent) newline(e, out, level);
    out += '}';
    e.stack.pop_back();
    return true;
  }
  if (e.default_fn) {
    if (!enter(e, o.get())) return false;
    Ref r = vm.call1(e.default_fn, o);
    if (!r) return false;
    bool ok = encode(e, r, out, level);
    e.stack.pop_back();
    return ok;
  }
  vm.raise(rt.TypeError, "Object of type " + vm.type_name(o) + " is not JSON serializable");
  return false;
}

Ref f_dumps(VM& vm, Args& a) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "dumps() missing 1 required positional argument: 'obj'");
  Enc e(vm);
  auto flag = [&](const char* n, bool& f) { Ref v = a.kw(n); if (v) f = vm.truthy(v) > 0; };
  flag("ensure_ascii", e.ensure_ascii);
  flag("sort_keys", e.sort_keys);
  flag("allow_nan", e.allow_nan);
  flag("skipkeys", e.skipkeys);
  Ref ind = a.kw("indent");
  if (ind && ind.get() != vm.rt.None.get()) {
    e.has_indent = true;
    if (ind->tag == Tag::Str) e.indent = ind.as<StrObj>()->s;
    else {
      std::int64_t n;
      if (!vm.index_value(ind, n)) return nullptr;
      e.indent = std::string(size_t(n < 0 ? 0 : n), ' ');
    }
    e.item_sep = ",";
  }
  Ref sep = a.kw("separators");
  if (sep && sep.get() != vm.rt.None.get()) {
    std::vector<Ref> parts;
    if (!vm.to_list(sep, parts)) return nullptr;
    if (parts.size() != 2 || parts[0]->tag != Tag::Str || parts[1]->tag != Tag::Str) return vm.raise(vm.rt.ValueError, "not enough values to unpack (expected 2)");
    e.item_sep = parts[0].as<StrObj>()->s;
    e.key_sep = parts[1].as<StrObj>()->s;
  }
  Ref def = a.kw("default");
  if (def && def.get() != vm.rt.None.get()) e.default_fn = def;
  std::string out;
  if (!encode(e, a.v[0], out, 0)) return nullptr;
  // the encoder's work grows with what it writes (builtin.json.dumps is
  // fitted per output byte); charged here, so the call's base is not added
  vm.charge(vm.builtin_ns("builtin.json.dumps", double(out.size())));
  return vm.rt.make_str(std::move(out));
}

// ---- decoding ----
struct Dec {
  Dec(VM& v, const std::string& text, ClassObj* et) : vm(v), s(text), error_t(et) {}
  VM& vm;
  const std::string& s;
  size_t i = 0;
  ClassObj* error_t;
};

Ref decode_error(Dec& d, const std::string& msg, size_t pos) {
  // JSONDecodeError: "msg: line L column C (char P)" with positions in code points
  std::int64_t line = 1, col = 1, chars = 0;
  for (size_t k = 0; k < pos && k < d.s.size(); ++k) {
    unsigned char c = static_cast<unsigned char>(d.s[k]);
    if ((c & 0xC0) == 0x80) continue;
    ++chars;
    if (c == '\n') { ++line; col = 1; } else ++col;
  }
  return d.vm.raise(d.error_t, msg + ": line " + std::to_string(line) + " column " + std::to_string(col) + " (char " + std::to_string(chars) + ")");
}

void skip_ws(Dec& d) {
  while (d.i < d.s.size() && (d.s[d.i] == ' ' || d.s[d.i] == '\t' || d.s[d.i] == '\n' || d.s[d.i] == '\r')) ++d.i;
}

Ref parse_value(Dec& d, int depth);

Ref parse_string(Dec& d) {
  size_t start = d.i;  // at the opening quote
  ++d.i;
  std::string out;
  for (;;) {
    if (d.i >= d.s.size()) return decode_error(d, "Unterminated string starting at", start);
    unsigned char c = static_cast<unsigned char>(d.s[d.i]);
    if (c == '"') { ++d.i; break; }
    if (c < 0x20) return decode_error(d, "Invalid control character at", d.i);
    if (c != '\\') { out += char(c); ++d.i; continue; }
    if (d.i + 1 >= d.s.size()) return decode_error(d, "Unterminated string starting at", start);
    char esc = d.s[d.i + 1];
    switch (esc) {
      case '"': out += '"'; d.i += 2; continue;
      case '\\': out += '\\'; d.i += 2; continue;
      case '/': out += '/'; d.i += 2; continue;
      case 'b': out += '\b'; d.i += 2; continue;
      case 'f': out += '\f'; d.i += 2; continue;
      case 'n': out += '\n'; d.i += 2; continue;
      case 'r': out += '\r'; d.i += 2; continue;
      case 't': out += '\t'; d.i += 2; continue;
      case 'u': {
        auto hex4 = [&](size_t at, unsigned& v) {
          if (at + 4 > d.s.size()) return false;
          v = 0;
          for (size_t k = at; k < at + 4; ++k) {
            char h = d.s[k];
            v <<= 4;
            if (h >= '0' && h <= '9') v |= unsigned(h - '0');
            else if (h >= 'a' && h <= 'f') v |= unsigned(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') v |= unsigned(h - 'A' + 10);
            else return false;
          }
          return true;
        };
        unsigned v;
        if (!hex4(d.i + 2, v)) return decode_error(d, "Invalid \\uXXXX escape", d.i + 1);
        d.i += 6;
        if (v >= 0xd800 && v < 0xdc00 && d.i + 1 < d.s.size() && d.s[d.i] == '\\' && d.s[d.i + 1] == 'u') {
          unsigned lo;
          if (hex4(d.i + 2, lo) && lo >= 0xdc00 && lo < 0xe000) {
            v = 0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00);
            d.i += 6;
          }
        }
        pylib::utf8_append(out, char32_t(v));
        continue;
      }
      default: return decode_error(d, "Invalid \\escape", d.i);
    }
  }
  return d.vm.rt.make_str(std::move(out));
}

Ref parse_number(Dec& d) {
  size_t start = d.i;
  if (d.s[d.i] == '-') ++d.i;
  if (d.i >= d.s.size() || !std::isdigit(static_cast<unsigned char>(d.s[d.i]))) return decode_error(d, "Expecting value", start);
  if (d.s[d.i] == '0') ++d.i;
  else while (d.i < d.s.size() && std::isdigit(static_cast<unsigned char>(d.s[d.i]))) ++d.i;
  bool is_float = false;
  if (d.i + 1 < d.s.size() && d.s[d.i] == '.' && std::isdigit(static_cast<unsigned char>(d.s[d.i + 1]))) {
    is_float = true;
    d.i += 1;
    while (d.i < d.s.size() && std::isdigit(static_cast<unsigned char>(d.s[d.i]))) ++d.i;
  }
  if (d.i < d.s.size() && (d.s[d.i] == 'e' || d.s[d.i] == 'E')) {
    size_t save = d.i;
    ++d.i;
    if (d.i < d.s.size() && (d.s[d.i] == '+' || d.s[d.i] == '-')) ++d.i;
    if (d.i < d.s.size() && std::isdigit(static_cast<unsigned char>(d.s[d.i]))) {
      is_float = true;
      while (d.i < d.s.size() && std::isdigit(static_cast<unsigned char>(d.s[d.i]))) ++d.i;
    } else {
      d.i = save;
    }
  }
  std::string text = d.s.substr(start, d.i - start);
  if (is_float) {
    auto r = pylib::parse_float(text);
    if (!r) return raise_pylib(d.vm, r.error());
    return d.vm.rt.make_float(*r);
  }
  auto r = pylib::parse_int(text, 10);
  if (!r) return raise_pylib(d.vm, r.error());
  return d.vm.rt.make_int_parsed(*r);  // PyLong_FromString
}

bool match(Dec& d, const char* word) {
  size_t n = std::strlen(word);
  if (d.s.compare(d.i, n, word) != 0) return false;
  d.i += n;
  return true;
}

Ref parse_value(Dec& d, int depth) {
  VM& vm = d.vm;
  if (depth > 900) return vm.raise(vm.rt.RecursionError, "maximum recursion depth exceeded while decoding a JSON array from a unicode string");
  if (d.i >= d.s.size()) return decode_error(d, "Expecting value", d.i);
  char c = d.s[d.i];
  if (c == '"') return parse_string(d);
  if (c == '{') {
    size_t start = d.i;
    (void)start;
    ++d.i;
    Ref obj = vm.rt.make_dict();
    skip_ws(d);
    if (d.i < d.s.size() && d.s[d.i] == '}') { ++d.i; return obj; }
    for (;;) {
      if (d.i >= d.s.size() || d.s[d.i] != '"') return decode_error(d, "Expecting property name enclosed in double quotes", d.i);
      Ref k = parse_string(d);
      if (!k) return nullptr;
      skip_ws(d);
      if (d.i >= d.s.size() || d.s[d.i] != ':') return decode_error(d, "Expecting ':' delimiter", d.i);
      ++d.i;
      skip_ws(d);
      Ref v = parse_value(d, depth + 1);
      if (!v) return nullptr;
      if (!vm.dict_set(obj.as<DictObj>(), k, v)) return nullptr;
      skip_ws(d);
      if (d.i < d.s.size() && d.s[d.i] == '}') { ++d.i; return obj; }
      if (d.i >= d.s.size() || d.s[d.i] != ',') return decode_error(d, "Expecting ',' delimiter", d.i);
      ++d.i;
      skip_ws(d);
    }
  }
  if (c == '[') {
    ++d.i;
    Ref lst = vm.rt.make_list();
    skip_ws(d);
    if (d.i < d.s.size() && d.s[d.i] == ']') { ++d.i; return lst; }
    for (;;) {
      Ref v = parse_value(d, depth + 1);
      if (!v) return nullptr;
      lst.as<ListObj>()->items.push_back(v);
      skip_ws(d);
      if (d.i < d.s.size() && d.s[d.i] == ']') { ++d.i; return lst; }
      if (d.i >= d.s.size() || d.s[d.i] != ',') return decode_error(d, "Expecting ',' delimiter", d.i);
      ++d.i;
      skip_ws(d);
    }
  }
  if (match(d, "null")) return vm.rt.None;
  if (match(d, "true")) return vm.rt.True;
  if (match(d, "false")) return vm.rt.False;
  if (match(d, "NaN")) return vm.rt.make_float(NAN);
  if (match(d, "Infinity")) return vm.rt.make_float(INFINITY);
  if (match(d, "-Infinity")) return vm.rt.make_float(-INFINITY);
  if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) return parse_number(d);
  return decode_error(d, "Expecting value", d.i);
}

Ref f_loads(VM& vm, Args& a) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "loads() missing 1 required positional argument: 's'");
  if (a.v[0]->tag != Tag::Str && a.v[0]->tag != Tag::Bytes)
    return vm.raise(vm.rt.TypeError, "the JSON object must be str, bytes or bytearray, not " + vm.type_name(a.v[0]));
  const std::string& s = a.v[0]->tag == Tag::Str ? a.v[0].as<StrObj>()->s : a.v[0].as<BytesObj>()->s;
  Ref et = vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("__pitfall_jsondecodeerror_t").as<StrObj>());
  Dec d(vm, s, et.as<ClassObj>());
  vm.charge(vm.builtin_ns("builtin.json.loads", double(s.size())));  // fitted per input byte
  skip_ws(d);
  Ref v = parse_value(d, 0);
  if (!v) return nullptr;
  skip_ws(d);
  if (d.i != s.size()) return decode_error(d, "Extra data", d.i);
  return v;
}

// json.dump(obj, fp, **kw): fp.write(dumps(obj, **kw)) (Lib/json/__init__.py
// writes the chunks of iterencode; the text written is the same)
Ref f_dump(VM& vm, Args& a) {
  if (a.n < 2) return vm.raise(vm.rt.TypeError, "dump() missing 1 required positional argument: 'fp'");
  Ref fp = a.v[1];
  std::vector<Ref> args{a.v[0]};
  for (int i = 2; i < a.n; ++i) args.push_back(a.v[i]);
  int nkw = a.nkw();
  for (int i = 0; i < nkw; ++i) args.push_back(a.kwv[i]);
  Args b;
  b.v = args.data();
  b.n = int(args.size()) - nkw;
  b.kwv = args.data() + b.n;
  b.kwn = a.kwn;
  b.self = a.self;
  Ref s = f_dumps(vm, b);
  if (!s) return nullptr;
  Ref w = vm.getattr(fp, vm.rt.intern("write").as<StrObj>());
  if (!w || !vm.call1(w, s)) return nullptr;
  return vm.rt.None;
}
// json.load(fp, **kw): loads(fp.read(), **kw)
Ref f_load(VM& vm, Args& a) {
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "load() missing 1 required positional argument: 'fp'");
  Ref r = vm.getattr(a.v[0], vm.rt.intern("read").as<StrObj>());
  if (!r) return nullptr;
  Ref text = vm.call0(r);
  if (!text) return nullptr;
  std::vector<Ref> args{text};
  int nkw = a.nkw();
  for (int i = 0; i < nkw; ++i) args.push_back(a.kwv[i]);
  Args b;
  b.v = args.data();
  b.n = 1;
  b.kwv = args.data() + 1;
  b.kwn = a.kwn;
  b.self = a.self;
  return f_loads(vm, b);
}

}  // namespace

void init_json_module(VM& vm, const Ref& module) {
  auto& rt = vm.rt;
  DictObj* bd = vm.builtins.as<DictObj>();
  Ref et = vm.dict_get_str(bd, rt.intern("__pitfall_jsondecodeerror_t").as<StrObj>());
  if (!et) {
    ClassObj* c = rt.new_exception("JSONDecodeError", rt.ValueError);
    c->module = "json.decoder";
    et = Ref(c);
    vm.dict_set(bd, rt.intern("__pitfall_jsondecodeerror_t"), et);
  }
  DictObj* d = module.as<ModuleObj>()->dict.as<DictObj>();
  auto put = [&](const char* name, BuiltinFn fn) { vm.dict_set(d, rt.intern(name), vm.make_builtin(name, fn)); };
  put("dumps", f_dumps);
  put("loads", f_loads);
  put("dump", f_dump);
  put("load", f_load);
  vm.dict_set(d, rt.intern("JSONDecodeError"), et);
}

}  // namespace pitfall::sim
