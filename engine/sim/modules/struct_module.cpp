// struct: pack, unpack, unpack_from, iter_unpack, calcsize, Struct and
// struct.error (Modules/_struct.c, 3.11). Byte orders @ (native: sizes and
// alignment of x86-64 Linux) = < > !, codes x c b B ? h H i I l L q Q n N e f
// d s p P with repeat counts; CPython's error texts for counts, ranges and
// types. Model note: the machine is little-endian (x86-64, as the cost
// tables' machine); iter_unpack returns an iterator over a list made at once.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "sim/modules/buffer_arg.h"
#include "sim/modules/bytearray_type.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {


namespace {

struct Code {
  char c;
  std::int64_t count;  // repeat count (s/p: the string's length)
  int size, align;
};

struct Format {
  std::vector<Code> codes;
  bool native = true, little = true;
  std::int64_t size = 0, items = 0;
};

ClassObj* error_type(VM& vm) {
  return vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("__pitfall_struct_error").as<StrObj>()).as<ClassObj>();
}
Ref err(VM& vm, const std::string& msg) { return vm.raise(error_type(vm), msg); }

int std_size(char c) {
  switch (c) {
    case 'x': case 'c': case 'b': case 'B': case '?': case 's': case 'p': return 1;
    case 'h': case 'H': case 'e': return 2;
    case 'i': case 'I': case 'l': case 'L': case 'f': return 4;
    case 'q': case 'Q': case 'd': return 8;
    default: return 0;
  }
}
int native_size(char c) {
  switch (c) {
    case 'l': case 'L': case 'n': case 'N': case 'P': return 8;
    default: return std_size(c);
  }
}

bool parse(VM& vm, const Ref& fmt_obj, Format& f) {
  std::string fmt;
  if (fmt_obj->tag == Tag::Str) fmt = fmt_obj.as<StrObj>()->s;
  else if (fmt_obj->tag == Tag::Bytes) fmt = fmt_obj.as<BytesObj>()->s;
  else {
    vm.raise(vm.rt.TypeError, "Struct() argument 1 must be a str or bytes object, not " + vm.type_name(fmt_obj));
    return false;
  }
  std::size_t i = 0;
  if (!fmt.empty() && std::strchr("@=<>!", fmt[0])) {
    f.native = fmt[0] == '@';
    f.little = fmt[0] == '@' || fmt[0] == '=' || fmt[0] == '<';
    ++i;
  }
  std::int64_t off = 0;
  while (i < fmt.size()) {
    char c = fmt[i];
    if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
    std::int64_t num = 1;
    if (c >= '0' && c <= '9') {
      num = 0;
      while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9') {
        num = num * 10 + (fmt[i] - '0');
        if (num > (std::int64_t(1) << 40)) { err(vm, "total struct size too long"); return false; }
        ++i;
      }
      if (i == fmt.size()) { err(vm, "repeat count given without format specifier"); return false; }
      c = fmt[i];
    }
    const int size = f.native ? native_size(c) : std_size(c);
    if (!size) { err(vm, "bad char in struct format"); return false; }
    const int align = f.native && c != 's' && c != 'p' && c != 'x' ? size : 1;
    off = (off + align - 1) / align * align;
    Code code{c, num, size, align};
    if (c == 's' || c == 'p') { off += num; ++f.items; }
    else {
      off += num * size;
      if (c != 'x') f.items += num;
    }
    f.codes.push_back(code);
    ++i;
  }
  f.size = off;
  return true;
}

void put_uint(std::string& out, std::int64_t at, std::uint64_t v, int size, bool little) {
  for (int k = 0; k < size; ++k) {
    const auto byte = char(std::uint8_t(v >> (8 * k)));
    out[std::size_t(at + (little ? k : size - 1 - k))] = byte;
  }
}
std::uint64_t get_uint(const std::string& in, std::int64_t at, int size, bool little) {
  std::uint64_t v = 0;
  for (int k = 0; k < size; ++k) v |= std::uint64_t(std::uint8_t(in[std::size_t(at + (little ? k : size - 1 - k))])) << (8 * k);
  return v;
}

// IEEE 754 half precision (PyFloat_Pack2): round half to even; false: overflow.
bool to_half(double x, std::uint16_t& out) {
  std::uint16_t sign = std::signbit(x) ? 0x8000 : 0;
  x = std::fabs(x);
  if (std::isnan(x)) { out = sign | 0x7e00; return true; }
  if (std::isinf(x)) { out = sign | 0x7c00; return true; }
  if (x == 0) { out = sign; return true; }
  int e;
  double m = std::frexp(x, &e);  // x = m * 2**e, 0.5 <= m < 1
  if (e > 16) return false;
  std::int64_t bits;
  int exp_field;
  if (e < -13) {  // subnormal: units of 2**-24
    double q = std::nearbyint(std::ldexp(x, 24));
    bits = std::int64_t(q);
    exp_field = 0;
    if (bits >= 1024) { exp_field = 1; bits -= 1024; }
  } else {
    double q = std::nearbyint(std::ldexp(m, 11));  // 1024 <= q <= 2048
    exp_field = e + 14;
    bits = std::int64_t(q) - 1024;
    if (bits == 1024) { bits = 0; ++exp_field; }
    if (exp_field >= 31) return false;
  }
  out = std::uint16_t(sign | (exp_field << 10) | bits);
  return true;
}
double from_half(std::uint16_t h) {
  const int e = (h >> 10) & 31, m = h & 1023;
  double v;
  if (e == 0) v = std::ldexp(double(m), -24);
  else if (e == 31) v = m ? NAN : INFINITY;
  else v = std::ldexp(double(m + 1024), e - 25);
  return (h & 0x8000) ? -v : v;
}

// An integer out of the code's range. 3.12 gives every code the same text
// (_struct.c _range_error); 3.10/3.11 name 1- and 2-byte codes "byte",
// "short", ... and report the failed C conversion of 8-byte codes, negative
// values for unsigned codes of 4+ bytes and ints beyond 64 bits as
// "argument out of range".
bool range_error(VM& vm, const Code& c, bool is_unsigned, bool conversion_failed = false) {
  const int bits = c.size * 8;
  const std::string lo = is_unsigned ? "0" : bits == 64 ? "-9223372036854775808" : std::to_string(-(std::int64_t(1) << (bits - 1)));
  const std::string hi = is_unsigned ? (bits == 64 ? "18446744073709551615" : std::to_string((std::int64_t(1) << bits) - 1))
                                     : (bits == 64 ? "9223372036854775807" : std::to_string((std::int64_t(1) << (bits - 1)) - 1));
  const std::string range = " format requires " + lo + " <= number <= " + hi;
  if (vm.python_minor() >= 12) err(vm, std::string("'") + c.c + "'" + range);
  else if (conversion_failed || c.size >= 8) err(vm, "argument out of range");
  else if (c.size == 1) err(vm, std::string(is_unsigned ? "ubyte" : "byte") + range);
  else if (c.size == 2) err(vm, std::string(is_unsigned ? "ushort" : "short") + range);
  else err(vm, std::string("'") + c.c + "'" + range);
  return false;
}

bool pack_int(VM& vm, const Code& c, const Ref& v, bool little, std::string& out, std::int64_t at) {
  if (v->tag != Tag::Int && v->tag != Tag::BigInt) {
    Ref idx = vm.lookup_type(v->cls, vm.rt.intern("__index__").as<StrObj>());
    if (!idx || v->tag == Tag::Float) { err(vm, "required argument is not an integer"); return false; }
    Ref r = vm.call1(idx, v);
    if (!r) return false;
    return pack_int(vm, c, r, little, out, at);
  }
  const bool is_unsigned = std::strchr("BHILQNP", c.c) != nullptr;
  const std::int64_t bits = c.size * 8;
  if (v->tag == Tag::BigInt) {
    const auto& b = v.as<BigIntObj>()->v;
    if (!is_unsigned || c.size < 8 || b.is_negative() || b.bit_length() > 64) return range_error(vm, c, is_unsigned, true);
    put_uint(out, at, b.low_u64(), c.size, little);
    return true;
  }
  const std::int64_t x = v.as<IntObj>()->v;
  if (is_unsigned) {
    if (x < 0) return range_error(vm, c, true, c.size >= 4);
    if (bits < 64 && x >= (std::int64_t(1) << bits)) return range_error(vm, c, true);
  } else if (bits < 64 && (x < -(std::int64_t(1) << (bits - 1)) || x >= (std::int64_t(1) << (bits - 1)))) {
    return range_error(vm, c, false);
  }
  put_uint(out, at, std::uint64_t(x), c.size, little);
  return true;
}

bool float_arg(VM& vm, const Ref& v, double& x) {
  if (v->tag == Tag::Float) { x = v.as<FloatObj>()->v; return true; }
  if (v->tag == Tag::Int) { x = double(v.as<IntObj>()->v); return true; }
  if (v->tag == Tag::BigInt) {
    auto r = v.as<BigIntObj>()->v.to_double();
    if (!r) { vm.raise(vm.rt.OverflowError, "int too large to convert to float"); return false; }
    x = *r;
    return true;
  }
  err(vm, "required argument is not a float");
  return false;
}

bool bytes_arg(const Ref& v, std::string& out) {
  if (v->tag == Tag::Bytes) { out = v.as<BytesObj>()->s; return true; }
  if (is_bytearray(v.get())) { out = bytearray_data(v.get()); return true; }
  return false;
}

Ref do_pack(VM& vm, const Format& f, Ref* v, int n) {
  if (n != f.items) return err(vm, "pack expected " + std::to_string(f.items) + " items for packing (got " + std::to_string(n) + ")");
  if (double(f.size) > double(vm.memory_limit)) return vm.raise(vm.rt.MemoryError, "");
  std::string out(std::size_t(f.size), '\0');
  std::int64_t at = 0;
  int k = 0;
  for (const Code& c : f.codes) {
    at = (at + c.align - 1) / c.align * c.align;
    if (c.c == 'x') { at += c.count; continue; }
    if (c.c == 's' || c.c == 'p') {
      std::string b;
      if (!bytes_arg(v[k], b)) return err(vm, std::string("argument for '") + c.c + "' must be a bytes object");
      ++k;
      if (c.c == 's') {
        std::memcpy(out.data() + at, b.data(), std::min<std::size_t>(b.size(), std::size_t(c.count)));
      } else if (c.count > 0) {
        const std::size_t len = std::min<std::size_t>({b.size(), std::size_t(c.count - 1), 255});
        out[std::size_t(at)] = char(std::uint8_t(len));
        std::memcpy(out.data() + at + 1, b.data(), len);
      }
      at += c.count;
      continue;
    }
    for (std::int64_t r = 0; r < c.count; ++r, ++k, at += c.size) {
      const Ref& x = v[k];
      switch (c.c) {
        case 'c': {
          std::string b;
          if (!bytes_arg(x, b) || b.size() != 1) return err(vm, "char format requires a bytes object of length 1");
          out[std::size_t(at)] = b[0];
          break;
        }
        case '?': {
          int t = vm.truthy(x);
          if (t < 0) return nullptr;
          out[std::size_t(at)] = char(t);
          break;
        }
        case 'e': case 'f': case 'd': {
          double d;
          if (!float_arg(vm, x, d)) return nullptr;
          if (c.c == 'd') {
            std::uint64_t u;
            std::memcpy(&u, &d, 8);
            put_uint(out, at, u, 8, f.little);
          } else if (c.c == 'f') {
            if (std::isfinite(d) && std::fabs(d) > 3.4028234663852886e38 && float(d) == INFINITY)
              return vm.raise(vm.rt.OverflowError, "float too large to pack with f format");
            float g = float(d);
            std::uint32_t u;
            std::memcpy(&u, &g, 4);
            put_uint(out, at, u, 4, f.little);
          } else {
            std::uint16_t h;
            if (!to_half(d, h)) return vm.raise(vm.rt.OverflowError, "float too large to pack with e format");
            put_uint(out, at, h, 2, f.little);
          }
          break;
        }
        default:
          if (!pack_int(vm, c, x, f.little, out, at)) return nullptr;
      }
    }
  }
  return make<BytesObj>(vm.rt.bytes_t, std::move(out));
}

Ref do_unpack(VM& vm, const Format& f, const std::string& in, std::int64_t base) {
  std::vector<Ref> items;
  std::int64_t at = 0;
  for (const Code& c : f.codes) {
    at = (at + c.align - 1) / c.align * c.align;
    const std::int64_t p0 = base + at;
    if (c.c == 'x') { at += c.count; continue; }
    if (c.c == 's') { items.push_back(make<BytesObj>(vm.rt.bytes_t, in.substr(std::size_t(p0), std::size_t(c.count)))); at += c.count; continue; }
    if (c.c == 'p') {
      std::int64_t len = c.count > 0 ? std::min<std::int64_t>(std::uint8_t(in[std::size_t(p0)]), c.count - 1) : 0;
      items.push_back(make<BytesObj>(vm.rt.bytes_t, c.count > 0 ? in.substr(std::size_t(p0 + 1), std::size_t(len)) : ""));
      at += c.count;
      continue;
    }
    for (std::int64_t r = 0; r < c.count; ++r, at += c.size) {
      const std::int64_t p = base + at;
      const std::uint64_t u = get_uint(in, p, c.size, f.little);
      switch (c.c) {
        case 'c': items.push_back(make<BytesObj>(vm.rt.bytes_t, std::string(1, in[std::size_t(p)]))); break;
        case '?': items.push_back(vm.rt.make_bool(u != 0)); break;
        case 'e': items.push_back(vm.rt.make_float(from_half(std::uint16_t(u)))); break;
        case 'f': {
          float g;
          const auto u32 = std::uint32_t(u);
          std::memcpy(&g, &u32, 4);
          items.push_back(vm.rt.make_float(double(g)));
          break;
        }
        case 'd': {
          double d;
          std::memcpy(&d, &u, 8);
          items.push_back(vm.rt.make_float(d));
          break;
        }
        default: {
          const bool is_unsigned = std::strchr("BHILQNP", c.c) != nullptr;
          if (is_unsigned) {
            items.push_back(c.size == 8 ? vm.rt.make_int(pylib::BigInt::from_u64(u)) : vm.rt.make_int(std::int64_t(u)));
          } else {
            const int shift = 64 - c.size * 8;
            items.push_back(vm.rt.make_int(std::int64_t(u << shift) >> shift));
          }
        }
      }
    }
  }
  return vm.rt.make_tuple(std::move(items));
}

// ---- module functions ----
Ref s_calcsize(VM& vm, Args& a) {
  Format f;
  if (a.n != 1) return vm.raise(vm.rt.TypeError, "calcsize() takes exactly one argument (" + std::to_string(a.n) + " given)");
  if (!parse(vm, a.v[0], f)) return nullptr;
  return vm.rt.make_int(f.size);
}
Ref s_pack(VM& vm, Args& a) {
  Format f;
  if (a.n < 1) return vm.raise(vm.rt.TypeError, "pack expected at least 1 argument, got 0");
  if (!parse(vm, a.v[0], f)) return nullptr;
  return do_pack(vm, f, a.v + 1, a.n - 1);
}
Ref unpack_with(VM& vm, const Format& f, const Ref& buf) {
  std::string in;
  if (!buffer_arg(vm, buf, in)) return nullptr;
  if (std::int64_t(in.size()) != f.size) return err(vm, "unpack requires a buffer of " + std::to_string(f.size) + " bytes");
  return do_unpack(vm, f, in, 0);
}
Ref unpack_from_with(VM& vm, const Format& f, const Ref& buf, std::int64_t off) {
  std::string in;
  if (!buffer_arg(vm, buf, in)) return nullptr;
  const std::int64_t n = std::int64_t(in.size());
  if (off < 0) {
    if (off + n < 0) return err(vm, "offset " + std::to_string(off) + " out of range for " + std::to_string(n) + "-byte buffer");
    off += n;
  }
  if (n - off < f.size) {
    if (off > n) return err(vm, "offset " + std::to_string(off) + " out of range for " + std::to_string(n) + "-byte buffer");
    return err(vm, "unpack_from requires a buffer of at least " + std::to_string(f.size + off) + " bytes for unpacking " +
                       std::to_string(f.size) + " bytes at offset " + std::to_string(off) + " (actual buffer size is " +
                       std::to_string(n) + ")");
  }
  return do_unpack(vm, f, in, off);
}
Ref iter_unpack_with(VM& vm, const Format& f, const Ref& buf) {
  std::string in;
  if (!buffer_arg(vm, buf, in)) return nullptr;
  if (f.size == 0) return err(vm, "cannot iteratively unpack with a struct of length 0");
  if (std::int64_t(in.size()) % f.size)
    return err(vm, "iterative unpacking requires a buffer of a multiple of " + std::to_string(f.size) + " bytes");
  Ref list = vm.rt.make_list();
  for (std::int64_t off = 0; off < std::int64_t(in.size()); off += f.size) {
    Ref t = do_unpack(vm, f, in, off);
    if (!t) return nullptr;
    list.as<ListObj>()->items.push_back(t);
  }
  return vm.iter(list);
}
std::int64_t offset_arg(VM& vm, Args& a, int pos, bool& ok) {
  ok = true;
  Ref o = a.n > pos ? a.v[pos] : a.kw("offset");
  std::int64_t off = 0;
  if (o && !vm.index_value(o, off)) ok = false;
  return off;
}
Ref s_unpack(VM& vm, Args& a) {
  Format f;
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "unpack expected 2 arguments, got " + std::to_string(a.n));
  if (!parse(vm, a.v[0], f)) return nullptr;
  return unpack_with(vm, f, a.v[1]);
}
Ref s_unpack_from(VM& vm, Args& a) {
  Format f;
  Ref buf = a.n > 1 ? a.v[1] : a.kw("buffer");
  if (a.n < 1 || !buf) return vm.raise(vm.rt.TypeError, "unpack_from() missing required argument 'buffer' (pos 2)");
  if (!parse(vm, a.v[0], f)) return nullptr;
  bool ok;
  std::int64_t off = offset_arg(vm, a, 2, ok);
  if (!ok) return nullptr;
  return unpack_from_with(vm, f, buf, off);
}
Ref s_iter_unpack(VM& vm, Args& a) {
  Format f;
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "iter_unpack expected 2 arguments, got " + std::to_string(a.n));
  if (!parse(vm, a.v[0], f)) return nullptr;
  return iter_unpack_with(vm, f, a.v[1]);
}

// ---- Struct objects: the format kept in `a` (NativeObj) ----
constexpr int kStructKind = 0x53545255;  // 'STRU'
bool struct_self(VM& vm, Args& a, Format& f) {
  if (a.n < 1 || native_kind(a.v[0]) != kStructKind || !a.v[0]->cls->builtin || a.v[0]->cls->module != "_struct") {
    vm.raise(vm.rt.TypeError, "descriptor requires a '_struct.Struct' object");
    return false;
  }
  return parse(vm, static_cast<NativeObj*>(a.v[0].get())->a, f);
}
Ref st_new(VM& vm, Args& a) {
  Ref fmt = a.n > 1 ? a.v[1] : a.kw("format");
  if (!fmt) return vm.raise(vm.rt.TypeError, "Struct() missing required argument 'format' (pos 1)");
  Format f;
  if (!parse(vm, fmt, f)) return nullptr;
  Ref o = make<NativeObj>(a.v[0].as<ClassObj>(), kStructKind);
  static_cast<NativeObj*>(o.get())->a = fmt->tag == Tag::Bytes ? vm.rt.make_str(fmt.as<BytesObj>()->s) : fmt;
  return o;
}
Ref st_pack(VM& vm, Args& a) {
  Format f;
  if (!struct_self(vm, a, f)) return nullptr;
  return do_pack(vm, f, a.v + 1, a.n - 1);
}
Ref st_unpack(VM& vm, Args& a) {
  Format f;
  if (!struct_self(vm, a, f)) return nullptr;
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "unpack() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  return unpack_with(vm, f, a.v[1]);
}
Ref st_unpack_from(VM& vm, Args& a) {
  Format f;
  if (!struct_self(vm, a, f)) return nullptr;
  Ref buf = a.n > 1 ? a.v[1] : a.kw("buffer");
  if (!buf) return vm.raise(vm.rt.TypeError, "unpack_from() missing required argument 'buffer' (pos 1)");
  bool ok;
  std::int64_t off = offset_arg(vm, a, 2, ok);
  if (!ok) return nullptr;
  return unpack_from_with(vm, f, buf, off);
}
Ref st_iter_unpack(VM& vm, Args& a) {
  Format f;
  if (!struct_self(vm, a, f)) return nullptr;
  if (a.n != 2) return vm.raise(vm.rt.TypeError, "iter_unpack() takes exactly one argument (" + std::to_string(a.n - 1) + " given)");
  return iter_unpack_with(vm, f, a.v[1]);
}
Ref st_format(VM& vm, Args& a) {
  Format f;
  if (!struct_self(vm, a, f)) return nullptr;
  return static_cast<NativeObj*>(a.v[0].get())->a;
}
Ref st_size(VM& vm, Args& a) {
  Format f;
  if (!struct_self(vm, a, f)) return nullptr;
  return vm.rt.make_int(f.size);
}
// Struct('<i') from 3.13; before, object's default repr
Ref st_repr(VM& vm, Args& a) {
  Format f;
  if (!struct_self(vm, a, f)) return nullptr;
  if (vm.python_minor() < 13) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "<_struct.Struct object at 0x%llx>", static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(a.v[0].get())));
    return vm.rt.make_str(buf);
  }
  std::string r;
  if (!vm.repr_to(static_cast<NativeObj*>(a.v[0].get())->a, r)) return nullptr;
  return vm.rt.make_str("Struct(" + r + ")");
}

void put(VM& vm, const Ref& m, const char* name, Ref v) {
  vm.dict_set(m.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern(name), std::move(v));
}

}  // namespace

void init_struct_module(VM& vm, const Ref& m) {
  auto& rt = vm.rt;
  Ref error = vm.dict_get_str(vm.builtins.as<DictObj>(), rt.intern("__pitfall_struct_error").as<StrObj>());
  Ref st = vm.dict_get_str(vm.builtins.as<DictObj>(), rt.intern("__pitfall_struct_t").as<StrObj>());
  if (!error || !st) {
    ClassObj* e = rt.new_exception("error", rt.Exception);
    e->module = "struct";
    error = Ref(e);
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_struct_error"), error);
    ClassObj* t = rt.new_builtin_type("Struct", rt.object_t, Tag::Other);
    t->module = "_struct";
    for (auto& x : std::initializer_list<std::pair<const char*, BuiltinFn>>{
             {"pack", st_pack}, {"unpack", st_unpack}, {"unpack_from", st_unpack_from},
             {"iter_unpack", st_iter_unpack}, {"__repr__", st_repr}})
      vm.add_method(t, x.first, x.second);
    for (auto& p : std::initializer_list<std::pair<const char*, BuiltinFn>>{{"format", st_format}, {"size", st_size}}) {
      Ref pr = make<PropertyObj>(rt.property_t);
      pr.as<PropertyObj>()->fget = vm.make_builtin(p.first, p.second);
      vm.dict_set(t->dict.as<DictObj>(), rt.intern(p.first), pr);
    }
    vm.dict_set(t->dict.as<DictObj>(), rt.intern("__call_type__"), vm.make_builtin("Struct", st_new));
    st = Ref(t);
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_struct_t"), st);
  }
  put(vm, m, "error", error);
  put(vm, m, "Struct", st);
  put(vm, m, "calcsize", vm.make_builtin("calcsize", s_calcsize));
  put(vm, m, "pack", vm.make_builtin("pack", s_pack));
  put(vm, m, "unpack", vm.make_builtin("unpack", s_unpack));
  put(vm, m, "unpack_from", vm.make_builtin("unpack_from", s_unpack_from));
  put(vm, m, "iter_unpack", vm.make_builtin("iter_unpack", s_iter_unpack));
}

}  // namespace pitfall::sim
