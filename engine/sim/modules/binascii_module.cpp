// binascii: crc32 (zlib's, as CPython's binascii uses when built with zlib:
// the same values and the same cost row, builtin.zlib.crc32), hexlify/b2a_hex
// (data, sep, bytes_per_sep), unhexlify/a2b_hex and binascii.Error (a
// ValueError), with CPython's error texts (Modules/binascii.c, 3.11).
// Not modelled: base64/uu/qp/hqx codecs (a2b_base64, b2a_base64, ...).
#include <zlib.h>

#include "sim/modules/buffer_arg.h"
#include "sim/modules/zlib_costs.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {


namespace {

ClassObj* error_type(VM& vm) {
  return vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern("__pitfall_binascii_error").as<StrObj>()).as<ClassObj>();
}

// ascii_buffer_converter: bytes-like or an ASCII-only str
bool ascii_arg(VM& vm, const Ref& v, std::string& out) {
  if (v->tag == Tag::Str) {
    out = v.as<StrObj>()->s;
    for (unsigned char c : out)
      if (c >= 0x80) { vm.raise(vm.rt.ValueError, "string argument should contain only ASCII characters"); return false; }
    return true;
  }
  if (buffer_data(v.get(), out)) return true;
  vm.raise(vm.rt.TypeError, "argument should be bytes, buffer or ASCII string, not '" + vm.type_name(v) + "'");
  return false;
}

Ref b_crc32(VM& vm, Args& a) {
  if (a.nkw()) return vm.raise(vm.rt.TypeError, "crc32() takes no keyword arguments");
  if (a.n < 1 || a.n > 2)
    return vm.raise(vm.rt.TypeError, std::string("crc32 expected ") + (a.n < 1 ? "at least 1 argument, got " : "at most 2 arguments, got ") + std::to_string(a.n));
  std::string in;
  if (!buffer_arg(vm, a.v[0], in)) return nullptr;
  std::uint32_t start = 0;
  if (a.n > 1) {
    const Ref& v = a.v[1];
    if (v->tag == Tag::BigInt) {
      auto low = (v.as<BigIntObj>()->v & pylib::BigInt(std::int64_t(0xffffffffLL))).to_int64();
      start = low ? std::uint32_t(*low) : 0;
    } else {
      if (v->tag == Tag::Float) return vm.raise(vm.rt.TypeError, "'float' object cannot be interpreted as an integer");
      std::int64_t x;
      if (!vm.index_value(v, x)) return nullptr;
      start = std::uint32_t(std::uint64_t(x));
    }
  }
  uLong crc = crc32(start, reinterpret_cast<const Bytef*>(in.data()), uInt(in.size()));
  ZlibCost c = zlib_checksum_cost(vm, true, double(in.size()));
  vm.charge(c.base + c.bytes);  // off the GIL above 5 KiB in CPython too; charged as CPU here
  return vm.rt.make_int(std::int64_t(crc & 0xffffffffu));
}

Ref b_hexlify(VM& vm, Args& a) {
  Ref data = a.n > 0 ? a.v[0] : a.kw("data");
  Ref sep = a.n > 1 ? a.v[1] : a.kw("sep");
  Ref per_r = a.n > 2 ? a.v[2] : a.kw("bytes_per_sep");
  if (!data) return vm.raise(vm.rt.TypeError, "hexlify() missing required argument 'data' (pos 1)");
  std::string in;
  if (!buffer_arg(vm, data, in)) return nullptr;
  std::string sep_s;
  if (sep && sep != vm.rt.None) {
    if (sep->tag == Tag::Str) sep_s = sep.as<StrObj>()->s;
    else if (sep->tag == Tag::Bytes) sep_s = sep.as<BytesObj>()->s;
    else return vm.raise(vm.rt.TypeError, "sep must be str or bytes.");
    if (sep_s.size() != 1) return vm.raise(vm.rt.ValueError, "sep must be length 1.");
    if (static_cast<unsigned char>(sep_s[0]) >= 0x80) return vm.raise(vm.rt.ValueError, "sep must be ASCII.");
  }
  std::int64_t per = 1;
  if (per_r && !vm.index_value(per_r, per)) return nullptr;
  static const char* hex = "0123456789abcdef";
  std::string out;
  const std::size_t n = in.size();
  const std::size_t group = per == 0 ? n + 1 : std::size_t(per < 0 ? -per : per);
  for (std::size_t i = 0; i < n; ++i) {
    if (!sep_s.empty() && i > 0) {
      // groups counted from the right for a positive bytes_per_sep, from the left for a negative one
      const bool cut = per < 0 ? i % group == 0 : (n - i) % group == 0;
      if (cut) out += sep_s;
    }
    const unsigned char c = static_cast<unsigned char>(in[i]);
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  vm.charge(vm.builtin_ns("builtin.default", 0));
  return make<BytesObj>(vm.rt.bytes_t, std::move(out));
}

Ref b_unhexlify(VM& vm, Args& a) {
  Ref data = a.n > 0 ? a.v[0] : a.kw("hexstr");
  if (!data) return vm.raise(vm.rt.TypeError, "unhexlify() missing required argument 'hexstr' (pos 1)");
  std::string in;
  if (!ascii_arg(vm, data, in)) return nullptr;
  if (in.size() % 2) return vm.raise(error_type(vm), "Odd-length string");
  auto val = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 2) {
    const int hi = val(in[i]), lo = val(in[i + 1]);
    if (hi < 0 || lo < 0) return vm.raise(error_type(vm), "Non-hexadecimal digit found");
    out += char(hi * 16 + lo);
  }
  vm.charge(vm.builtin_ns("builtin.default", 0));
  return make<BytesObj>(vm.rt.bytes_t, std::move(out));
}

void put(VM& vm, const Ref& m, const char* name, Ref v) {
  vm.dict_set(m.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern(name), std::move(v));
}

}  // namespace

void init_binascii_module(VM& vm, const Ref& m) {
  auto& rt = vm.rt;
  Ref error = vm.dict_get_str(vm.builtins.as<DictObj>(), rt.intern("__pitfall_binascii_error").as<StrObj>());
  if (!error) {
    ClassObj* e = rt.new_exception("Error", rt.ValueError);
    e->module = "binascii";
    error = Ref(e);
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_binascii_error"), error);
  }
  put(vm, m, "Error", error);
  put(vm, m, "crc32", vm.make_builtin("crc32", b_crc32));
  put(vm, m, "hexlify", vm.make_builtin("hexlify", b_hexlify));
  put(vm, m, "b2a_hex", vm.make_builtin("b2a_hex", b_hexlify));
  put(vm, m, "unhexlify", vm.make_builtin("unhexlify", b_unhexlify));
  put(vm, m, "a2b_hex", vm.make_builtin("a2b_hex", b_unhexlify));
}

}  // namespace pitfall::sim
