// zlib, computed by the real zlib library (the system's libz natively, zlib's
// sources compiled into the web build: cmake/zlib.cmake), so compressed bytes,
// lengths and checksums are CPython's own (CPython links the same zlib
// 1.2.13 here). Mirrors Modules/zlibmodule.c: compress(data, /, level, wbits)
// (wbits from 3.11), decompress(data, /, wbits, bufsize), compressobj (level,
// method, wbits, memLevel, strategy, zdict) with compress/flush/copy,
// decompressobj (wbits, zdict) with decompress(data, max_length)/flush/copy
// and unused_data/unconsumed_tail/eof, crc32, adler32, zlib.error, the
// constants; CPython's error texts (zlib_error: "Error -3 while decompressing
// data: incorrect header check", "Bad compression level", ...).
//
// Cost model (zlib_costs.h): per level and per compression ratio, measured by
// tools/bench/zlib_costs.py. CPython releases the GIL around every deflate()
// and inflate() call (Py_BEGIN_ALLOW_THREADS, whatever the size) and around
// crc32/adler32 of more than 5 KiB: that part runs as C code off the GIL (a
// scheduler CCall), so threads compressing big buffers run in parallel.
// Not modelled: zlib._ZlibDecompressor (3.12+), the memory of zlib's stream
// state (PyMem_RawMalloc'd, which tracemalloc counts: ~256 KiB per deflate
// stream at the default wbits and memLevel, ~40 KiB per inflate stream),
// memoryview arguments.
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "sim/modules/buffer_arg.h"
#include "sim/modules/zlib_costs.h"
#include "sim/vm/released_call.h"
#include "sim/vm/vm.h"

namespace pitfall::sim {


namespace {

constexpr int kZStreamKind = 0x5a4c4942;  // 'ZLIB'
constexpr int kDefBufSize = 16 * 1024;
constexpr int kDefMemLevel = 8;

// zlib's state of the streams alive, host bytes (zlib.h's memory figures):
// real memory of the host (the browser's wasm heap), so bounded by the
// simulator's memory limit and by 256 MiB (~1000 compressobj() alive).
double g_stream_bytes = 0;
double stream_limit(const VM& vm) { return std::min(double(vm.memory_limit), 256.0 * 1024 * 1024); }

struct ZObj : NativeObj {
  z_stream zs{};
  bool deflater;
  bool initialised = false;
  bool eof = false;
  int level = 6;
  double state_bytes = 0;
  Ref unused_data, unconsumed_tail, zdict;
  ZObj(ClassObj* c, bool d) : NativeObj(c, kZStreamKind), deflater(d) {}
  ~ZObj() override {
    g_stream_bytes -= state_bytes;
    if (!initialised) return;
    if (deflater) deflateEnd(&zs);
    else inflateEnd(&zs);
  }
};

// Reserves a stream's state: false (MemoryError with CPython's text) past the limit.
bool reserve_state(VM& vm, ZObj* z, int wbits, int mem_level, const char* what) {
  const int w = std::max(9, std::min(15, wbits < 0 ? -wbits : wbits & 15));
  const double bytes = z->deflater ? double((1 << (w + 2)) + (1 << (std::max(1, std::min(9, mem_level)) + 9))) + 6000.0
                                   : double(1 << w) + 7200.0;
  if (g_stream_bytes + bytes > stream_limit(vm)) {
    vm.raise(vm.rt.MemoryError, what);
    return false;
  }
  z->state_bytes = bytes;
  g_stream_bytes += bytes;
  return true;
}

ZObj* Z(const Ref& r) { return static_cast<ZObj*>(r.get()); }

Ref builtins_get(VM& vm, const char* name) { return vm.dict_get_str(vm.builtins.as<DictObj>(), vm.rt.intern(name).as<StrObj>()); }
ClassObj* error_type(VM& vm) { return builtins_get(vm, "__pitfall_zlib_error").as<ClassObj>(); }
ClassObj* comp_type(VM& vm) { return builtins_get(vm, "__pitfall_zlib_comp").as<ClassObj>(); }
ClassObj* decomp_type(VM& vm) { return builtins_get(vm, "__pitfall_zlib_decomp").as<ClassObj>(); }

Ref bytes(VM& vm, std::string s) { return make<BytesObj>(vm.rt.bytes_t, std::move(s)); }

// zlibmodule.c zlib_error
Ref zlib_error(VM& vm, const z_stream& zs, int err, const char* msg) {
  const char* zmsg = nullptr;
  if (err == Z_VERSION_ERROR) zmsg = "library version mismatch";
  if (!zmsg) zmsg = zs.msg;
  if (!zmsg) {
    if (err == Z_BUF_ERROR) zmsg = "incomplete or truncated stream";
    else if (err == Z_STREAM_ERROR) zmsg = "inconsistent stream state";
    else if (err == Z_DATA_ERROR) zmsg = "invalid input data";
  }
  std::string text = "Error " + std::to_string(err) + " " + msg;
  if (zmsg) text += std::string(": ") + std::string(zmsg).substr(0, 200);
  return vm.raise(error_type(vm), text);
}

// ---- arguments (Argument Clinic's checks and texts) ----

struct Param { const char* name; Ref* out; };

// `fname(posonly..., /, named...)`: `posonly` leading positional-only
// parameters of which `required` are required; the rest may be given by name
// unless `all_positional`. Error texts as clinic generates them.
bool parse(VM& vm, Args& a, int skip, const char* fname, int posonly, int required,
           std::initializer_list<Param> params, bool all_positional = false) {
  const int np = a.n - skip, total = int(params.size());
  const int nk = a.nkw();
  const std::string f = std::string(fname) + "()";
  if (np + nk > total) {
    vm.raise(vm.rt.TypeError, f + " takes at most " + std::to_string(total) + " argument" + (total == 1 ? "" : "s") + " (" +
                                  std::to_string(np + nk) + " given)");
    return false;
  }
  if (np < required) {
    const bool exact = all_positional && required == total;
    vm.raise(vm.rt.TypeError, f + " takes " + (exact ? "exactly " : "at least ") + std::to_string(required) + " positional argument" +
                                  (required == 1 ? "" : "s") + " (" + std::to_string(np) + " given)");
    return false;
  }
  int i = 0;
  for (const Param& p : params) {
    *p.out = i < np ? a.v[skip + i] : Ref();
    ++i;
  }
  if (nk == 0) return true;
  if (all_positional) {
    vm.raise(vm.rt.TypeError, f + " takes no keyword arguments");
    return false;
  }
  for (int k = 0; k < nk; ++k) {
    const std::string& kn = a.kwn->items[k].as<StrObj>()->s;
    int j = 0;
    bool found = false;
    for (const Param& p : params) {
      if (j >= posonly && kn == p.name) {
        if (j < np) {
          vm.raise(vm.rt.TypeError, "argument for " + f + " given by name ('" + kn + "') and position (" + std::to_string(j + 1) + ")");
          return false;
        }
        *p.out = a.kwv[k];
        found = true;
      }
      ++j;
    }
    if (!found) {
      if (vm.python_minor() >= 13) vm.raise(vm.rt.TypeError, f + " got an unexpected keyword argument '" + kn + "'");
      else vm.raise(vm.rt.TypeError, "'" + kn + "' is an invalid keyword argument for " + f);
      return false;
    }
  }
  return true;
}

// An `int` argument (a C int): __index__, floats refused, OverflowError past C int.
bool int_arg(VM& vm, const Ref& v, int dflt, int& out) {
  if (!v) { out = dflt; return true; }
  if (v->tag == Tag::Float) { vm.raise(vm.rt.TypeError, "'float' object cannot be interpreted as an integer"); return false; }
  if (v->tag == Tag::BigInt) { vm.raise(vm.rt.OverflowError, "Python int too large to convert to C int"); return false; }
  std::int64_t x;
  if (!vm.index_value(v, x)) return false;
  if (x > 2147483647LL || x < -2147483648LL) { vm.raise(vm.rt.OverflowError, "Python int too large to convert to C int"); return false; }
  out = int(x);
  return true;
}

bool ssize_arg(VM& vm, const Ref& v, std::int64_t dflt, std::int64_t& out) {
  if (!v) { out = dflt; return true; }
  if (v->tag == Tag::Float) { vm.raise(vm.rt.TypeError, "'float' object cannot be interpreted as an integer"); return false; }
  if (v->tag == Tag::BigInt) { vm.raise(vm.rt.OverflowError, "Python int too large to convert to C ssize_t"); return false; }
  return vm.index_value(v, out);
}

// `unsigned_int(bitwise=True)`: any int, its low 32 bits.
bool uint_bitwise_arg(VM& vm, const Ref& v, std::uint32_t dflt, std::uint32_t& out) {
  if (!v) { out = dflt; return true; }
  if (v->tag == Tag::Float) { vm.raise(vm.rt.TypeError, "'float' object cannot be interpreted as an integer"); return false; }
  if (v->tag == Tag::BigInt) {
    pylib::BigInt low = v.as<BigIntObj>()->v & pylib::BigInt(std::int64_t(0xffffffffLL));
    auto x = low.to_int64();
    out = x ? std::uint32_t(*x) : 0;
    return true;
  }
  std::int64_t x;
  if (!vm.index_value(v, x)) return false;
  out = std::uint32_t(std::uint64_t(x));
  return true;
}

// ---- running C code off the GIL ----

// Charges the call's fixed part and runs the per-byte part as C code that
// released the GIL when `off_gil` (a CCall the scheduler gives another core);
// inside C code that called back into Python the thread cannot stop, and it
// is ordinary CPU there. Returns `result`, or null with an exception set.
Ref run_c(VM& vm, ZlibCost c, bool off_gil, Ref result) {
  vm.charge(c.base);
  if (!off_gil || c.bytes <= 0) {
    vm.charge(c.bytes);
    return result;
  }
  return released_call(vm, c.bytes, std::move(result));
}

// The output buffer's guard: zlib's output is host memory too (stream_limit).
bool grow(VM& vm, std::string& out, z_stream& zs, std::size_t have, std::size_t chunk) {
  if (double(have) + double(chunk) > stream_limit(vm)) {
    vm.raise(vm.rt.MemoryError, "");
    return false;
  }
  out.resize(have + chunk);
  zs.next_out = reinterpret_cast<Bytef*>(&out[have]);
  zs.avail_out = uInt(chunk);
  return true;
}

// CPython's blocks output buffer (Include/internal/pycore_blocks_output_buffer.h):
// deflate's stored blocks and a bounded decompress depend on these sizes.
std::size_t block_size(int blocks) {
  static const std::size_t kSizes[] = {32u << 10, 64u << 10, 256u << 10, 1u << 20, 4u << 20, 8u << 20, 16u << 20, 16u << 20, 32u << 20,
                                       32u << 20, 32u << 20, 32u << 20, 64u << 20, 64u << 20, 128u << 20, 128u << 20, 256u << 20};
  return kSizes[std::min(blocks, 16)];
}

// ---- module functions ----

Ref z_compress(VM& vm, Args& a) {
  Ref data, level_r, wbits_r;
  const bool has_wbits = vm.python_minor() >= 11;
  bool ok = has_wbits ? parse(vm, a, 0, "compress", 1, 1, {{"data", &data}, {"level", &level_r}, {"wbits", &wbits_r}})
                      : parse(vm, a, 0, "compress", 1, 1, {{"data", &data}, {"level", &level_r}});
  if (!ok) return nullptr;
  std::string in;
  int level, wbits;
  if (!buffer_arg(vm, data, in) || !int_arg(vm, level_r, Z_DEFAULT_COMPRESSION, level) || !int_arg(vm, wbits_r, MAX_WBITS, wbits))
    return nullptr;
  z_stream zs{};
  zs.next_in = reinterpret_cast<Bytef*>(in.data());
  int err = deflateInit2(&zs, level, Z_DEFLATED, wbits, kDefMemLevel, Z_DEFAULT_STRATEGY);
  if (err == Z_STREAM_ERROR) return vm.raise(error_type(vm), "Bad compression level");
  if (err != Z_OK) {
    deflateEnd(&zs);
    return zlib_error(vm, zs, err, "while compressing data");
  }
  std::string out;
  zs.avail_in = uInt(in.size());
  int blocks = 0;
  do {
    if (!grow(vm, out, zs, out.size(), block_size(blocks++))) { deflateEnd(&zs); return nullptr; }
    err = deflate(&zs, Z_FINISH);
    if (err == Z_STREAM_ERROR) {
      deflateEnd(&zs);
      return zlib_error(vm, zs, err, "while compressing data");
    }
  } while (zs.avail_out == 0);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  ZlibCost c = zlib_compress_cost(vm, level, double(in.size()), double(out.size()));
  return run_c(vm, c, true, bytes(vm, std::move(out)));
}

Ref z_decompress(VM& vm, Args& a) {
  Ref data, wbits_r, bufsize_r;
  if (!parse(vm, a, 0, "decompress", 1, 1, {{"data", &data}, {"wbits", &wbits_r}, {"bufsize", &bufsize_r}})) return nullptr;
  std::string in;
  int wbits;
  std::int64_t bufsize;
  if (!buffer_arg(vm, data, in) || !int_arg(vm, wbits_r, MAX_WBITS, wbits) || !ssize_arg(vm, bufsize_r, kDefBufSize, bufsize)) return nullptr;
  if (bufsize < 0) return vm.raise(vm.rt.ValueError, "bufsize must be non-negative");
  z_stream zs{};
  zs.next_in = reinterpret_cast<Bytef*>(in.data());
  int err = inflateInit2(&zs, wbits);
  if (err == Z_MEM_ERROR) return vm.raise(vm.rt.MemoryError, "Out of memory while decompressing data");
  if (err != Z_OK) {
    inflateEnd(&zs);
    return zlib_error(vm, zs, err, "while preparing to decompress data");
  }
  zs.avail_in = uInt(in.size());
  std::string out;
  int blocks = 0;
  do {
    // the first block is bufsize (at most 16 MiB here: inflate's output does not depend on it)
    const std::size_t chunk = blocks == 0 ? std::size_t(std::clamp<std::int64_t>(bufsize, 1, 16 << 20)) : block_size(blocks);
    ++blocks;
    if (!grow(vm, out, zs, out.size(), chunk)) { inflateEnd(&zs); return nullptr; }
    err = inflate(&zs, Z_FINISH);
    if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END) {
      inflateEnd(&zs);
      if (err == Z_MEM_ERROR) return vm.raise(vm.rt.MemoryError, "Out of memory while decompressing data");
      return zlib_error(vm, zs, err, "while decompressing data");
    }
  } while (zs.avail_out == 0 && err != Z_STREAM_END);
  if (err != Z_STREAM_END) {
    inflateEnd(&zs);
    return zlib_error(vm, zs, err, "while decompressing data");
  }
  out.resize(zs.total_out);
  inflateEnd(&zs);
  ZlibCost c = zlib_decompress_cost(vm, double(in.size() - zs.avail_in), double(out.size()));
  return run_c(vm, c, true, bytes(vm, std::move(out)));
}

Ref checksum(VM& vm, Args& a, bool crc) {
  const char* name = crc ? "crc32" : "adler32";
  if (a.nkw()) return vm.raise(vm.rt.TypeError, std::string("zlib.") + name + "() takes no keyword arguments");
  if (a.n < 1) return vm.raise(vm.rt.TypeError, std::string(name) + " expected at least 1 argument, got 0");
  if (a.n > 2) return vm.raise(vm.rt.TypeError, std::string(name) + " expected at most 2 arguments, got " + std::to_string(a.n));
  std::string in;
  std::uint32_t value;
  if (!buffer_arg(vm, a.v[0], in) || !uint_bitwise_arg(vm, a.n > 1 ? a.v[1] : Ref(), crc ? 0 : 1, value)) return nullptr;
  uLong v = value;
  const Bytef* p = reinterpret_cast<const Bytef*>(in.data());
  v = crc ? crc32(v, p, uInt(in.size())) : adler32(v, p, uInt(in.size()));
  ZlibCost c = zlib_checksum_cost(vm, crc, double(in.size()));
  return run_c(vm, c, double(in.size()) >= zlib_checksum_gil_min_bytes(vm), vm.rt.make_int(std::int64_t(v & 0xffffffffu)));
}
Ref z_crc32(VM& vm, Args& a) { return checksum(vm, a, true); }
Ref z_adler32(VM& vm, Args& a) { return checksum(vm, a, false); }

Ref z_compressobj(VM& vm, Args& a) {
  Ref level_r, method_r, wbits_r, mem_r, strat_r, zdict_r;
  if (!parse(vm, a, 0, "compressobj", 0, 0,
             {{"level", &level_r}, {"method", &method_r}, {"wbits", &wbits_r}, {"memLevel", &mem_r}, {"strategy", &strat_r}, {"zdict", &zdict_r}}))
    return nullptr;
  int level, method, wbits, mem, strategy;
  if (!int_arg(vm, level_r, Z_DEFAULT_COMPRESSION, level) || !int_arg(vm, method_r, Z_DEFLATED, method) ||
      !int_arg(vm, wbits_r, MAX_WBITS, wbits) || !int_arg(vm, mem_r, kDefMemLevel, mem) || !int_arg(vm, strat_r, Z_DEFAULT_STRATEGY, strategy))
    return nullptr;
  std::string zdict;
  const bool has_zdict = zdict_r && zdict_r != vm.rt.None;
  if (has_zdict && !buffer_arg(vm, zdict_r, zdict)) return nullptr;
  Ref o = make<ZObj>(comp_type(vm), true);
  ZObj* z = Z(o);
  z->level = level < 0 ? 6 : level;
  if (!reserve_state(vm, z, wbits, mem, "Can't allocate memory for compression object")) return nullptr;
  int err = deflateInit2(&z->zs, level, method, wbits, mem, strategy);
  if (err == Z_MEM_ERROR) return vm.raise(vm.rt.MemoryError, "Can't allocate memory for compression object");
  if (err == Z_STREAM_ERROR) return vm.raise(vm.rt.ValueError, "Invalid initialization option");
  if (err != Z_OK) return zlib_error(vm, z->zs, err, "while creating compression object");
  z->initialised = true;
  if (has_zdict) {
    err = deflateSetDictionary(&z->zs, reinterpret_cast<const Bytef*>(zdict.data()), uInt(zdict.size()));
    if (err == Z_STREAM_ERROR) return vm.raise(vm.rt.ValueError, "Invalid dictionary");
    if (err != Z_OK) return vm.raise(vm.rt.ValueError, "deflateSetDictionary()");
  }
  vm.charge(zlib_compress_cost(vm, z->level, 0, 0).base);
  return o;
}

bool set_inflate_zdict(VM& vm, ZObj* z) {
  std::string d;
  if (!buffer_arg(vm, z->zdict, d)) return false;
  int err = inflateSetDictionary(&z->zs, reinterpret_cast<const Bytef*>(d.data()), uInt(d.size()));
  if (err != Z_OK) { zlib_error(vm, z->zs, err, "while setting zdict"); return false; }
  return true;
}

bool is_buffer(const Ref& v) {
  std::string scratch;
  return buffer_data(v.get(), scratch);  // a zdict: at most a few KiB copied
}

Ref z_decompressobj(VM& vm, Args& a) {
  Ref wbits_r, zdict_r;
  if (!parse(vm, a, 0, "decompressobj", 0, 0, {{"wbits", &wbits_r}, {"zdict", &zdict_r}})) return nullptr;
  int wbits;
  if (!int_arg(vm, wbits_r, MAX_WBITS, wbits)) return nullptr;
  if (zdict_r && !is_buffer(zdict_r)) return vm.raise(vm.rt.TypeError, "zdict argument must support the buffer protocol");
  Ref o = make<ZObj>(decomp_type(vm), false);
  ZObj* z = Z(o);
  z->unused_data = bytes(vm, "");
  z->unconsumed_tail = bytes(vm, "");
  z->zdict = zdict_r;
  if (!reserve_state(vm, z, wbits, 0, "Can't allocate memory for decompression object")) return nullptr;
  int err = inflateInit2(&z->zs, wbits);
  if (err == Z_STREAM_ERROR) return vm.raise(vm.rt.ValueError, "Invalid initialization option");
  if (err == Z_MEM_ERROR) return vm.raise(vm.rt.MemoryError, "Can't allocate memory for decompression object");
  if (err != Z_OK) return zlib_error(vm, z->zs, err, "while creating decompression object");
  z->initialised = true;
  if (z->zdict && wbits < 0 && !set_inflate_zdict(vm, z)) return nullptr;
  vm.charge(zlib_decompress_cost(vm, 0, 0).base);
  return o;
}

// ---- Compress / Decompress methods ----

bool self_z(VM& vm, Args& a, bool deflater, ZObj*& z) {
  if (a.n < 1 || native_kind(a.v[0]) != kZStreamKind || Z(a.v[0])->deflater != deflater) {
    vm.raise(vm.rt.TypeError, std::string("descriptor requires a '") + (deflater ? "zlib.Compress" : "zlib.Decompress") + "' object");
    return false;
  }
  z = Z(a.v[0]);
  return true;
}

// deflate() over `in` with `flush`, appending to out; the per-byte cost of
// the input at the stream's ratio so far.
Ref run_deflate(VM& vm, ZObj* z, std::string& in, int flush, const char* what) {
  std::string out;
  z->zs.next_in = reinterpret_cast<Bytef*>(in.data());
  z->zs.avail_in = uInt(in.size());
  const uLong out0 = z->zs.total_out;
  int err;
  int blocks = 0;
  do {
    if (!grow(vm, out, z->zs, out.size(), block_size(blocks++))) return nullptr;
    err = deflate(&z->zs, flush);
    if (err == Z_STREAM_ERROR) return zlib_error(vm, z->zs, err, what);
  } while (z->zs.avail_out == 0);
  out.resize(z->zs.total_out - out0);
  if (flush == Z_FINISH && err == Z_STREAM_END) {
    err = deflateEnd(&z->zs);
    z->initialised = false;
    if (err != Z_OK) return zlib_error(vm, z->zs, err, "while finishing compression");
  } else if (flush != Z_NO_FLUSH && err != Z_OK && err != Z_BUF_ERROR) {
    return zlib_error(vm, z->zs, err, what);
  }
  // the stream's ratio so far (deflate holds back output until a block is
  // full, so an early chunk's own output says little)
  const double tin = double(z->zs.total_in), tout = double(z->zs.total_out);
  ZlibCost c = zlib_compress_cost(vm, z->level, double(in.size()), tin > 0 ? tout * double(in.size()) / tin : 0);
  c.base = 0;  // the object's creation paid deflateInit
  return run_c(vm, c, true, bytes(vm, std::move(out)));
}

Ref c_compress(VM& vm, Args& a) {
  ZObj* z;
  if (!self_z(vm, a, true, z)) return nullptr;
  Ref data;
  if (!parse(vm, a, 1, "compress", 1, 1, {{"data", &data}}, true)) return nullptr;
  std::string in;
  if (!buffer_arg(vm, data, in)) return nullptr;
  if (!z->initialised) return zlib_error(vm, z->zs, Z_STREAM_ERROR, "while compressing data");
  return run_deflate(vm, z, in, Z_NO_FLUSH, "while compressing data");
}

Ref c_flush(VM& vm, Args& a) {
  ZObj* z;
  if (!self_z(vm, a, true, z)) return nullptr;
  Ref mode_r;
  if (!parse(vm, a, 1, "flush", 1, 0, {{"mode", &mode_r}}, true)) return nullptr;
  int mode;
  if (!int_arg(vm, mode_r, Z_FINISH, mode)) return nullptr;
  if (mode == Z_NO_FLUSH) return bytes(vm, "");
  if (!z->initialised) return zlib_error(vm, z->zs, Z_STREAM_ERROR, "while flushing");
  std::string none;
  return run_deflate(vm, z, none, mode, "while flushing");
}

// save_unconsumed_input
void save_unconsumed(VM& vm, ZObj* z, const std::string& in, int err) {
  const std::size_t consumed = std::size_t(reinterpret_cast<const char*>(z->zs.next_in) - in.data());
  if (err == Z_STREAM_END && z->zs.avail_in > 0) {
    z->unused_data = bytes(vm, z->unused_data.as<BytesObj>()->s + in.substr(consumed));
    z->zs.avail_in = 0;
  }
  if (z->zs.avail_in > 0 || !z->unconsumed_tail.as<BytesObj>()->s.empty())
    z->unconsumed_tail = bytes(vm, in.substr(std::min(consumed, in.size())));
}

// The start of decompress/flush: `in` becomes the stream's input; returns
// total_in before it, for the cost.
uLong inflate_input(ZObj* z, std::string& in) {
  z->zs.next_in = reinterpret_cast<Bytef*>(in.data());
  z->zs.avail_in = uInt(in.size());
  z->zs.avail_out = 0;
  return z->zs.total_in;
}

// The end of an inflate loop: `out` cut to what inflate wrote (returned), the
// input it left saved as unused_data/unconsumed_tail.
std::size_t inflate_output(VM& vm, ZObj* z, const std::string& in, int err, std::string& out) {
  const std::size_t produced = out.size() - z->zs.avail_out;
  out.resize(produced);
  z->zs.avail_out = 0;
  save_unconsumed(vm, z, in, err);
  return produced;
}

// The value of decompress/flush, charged as C code off the GIL (the object's
// creation paid inflateInit).
Ref inflate_result(VM& vm, ZObj* z, uLong in0, std::size_t produced, std::string out) {
  ZlibCost c = zlib_decompress_cost(vm, double(z->zs.total_in - in0), double(produced));
  c.base = 0;
  return run_c(vm, c, true, bytes(vm, std::move(out)));
}

Ref d_decompress(VM& vm, Args& a) {
  ZObj* z;
  if (!self_z(vm, a, false, z)) return nullptr;
  Ref data, max_r;
  if (!parse(vm, a, 1, "decompress", 1, 1, {{"data", &data}, {"max_length", &max_r}})) return nullptr;
  std::string in;
  std::int64_t max_length;
  if (!buffer_arg(vm, data, in) || !ssize_arg(vm, max_r, 0, max_length)) return nullptr;
  if (max_length < 0) return vm.raise(vm.rt.ValueError, "max_length must be non-negative");
  if (!z->initialised) return zlib_error(vm, z->zs, Z_STREAM_ERROR, "while decompressing data");
  const uLong in0 = inflate_input(z, in);
  std::string out;
  int err = Z_OK;
  int blocks = 0;
  for (;;) {
    if (z->zs.avail_out == 0) {
      const std::size_t have = out.size();
      if (max_length > 0 && std::int64_t(have) >= max_length) break;  // the limit: the rest goes to unconsumed_tail
      std::size_t chunk = block_size(blocks++);
      if (max_length > 0) chunk = std::min<std::size_t>(chunk, std::size_t(max_length) - have);
      if (!grow(vm, out, z->zs, have, chunk)) return nullptr;
    }
    err = inflate(&z->zs, Z_SYNC_FLUSH);
    if (err == Z_NEED_DICT && z->zdict) {
      if (!set_inflate_zdict(vm, z)) return nullptr;
      continue;
    }
    if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END) break;
    if (z->zs.avail_out != 0) break;
  }
  const std::size_t produced = inflate_output(vm, z, in, err, out);
  if (err == Z_STREAM_END) z->eof = true;
  else if (err != Z_OK && err != Z_BUF_ERROR) return zlib_error(vm, z->zs, err, "while decompressing data");
  return inflate_result(vm, z, in0, produced, std::move(out));
}

Ref d_flush(VM& vm, Args& a) {
  ZObj* z;
  if (!self_z(vm, a, false, z)) return nullptr;
  Ref len_r;
  if (!parse(vm, a, 1, "flush", 1, 0, {{"length", &len_r}}, true)) return nullptr;
  std::int64_t length;
  if (!ssize_arg(vm, len_r, kDefBufSize, length)) return nullptr;
  if (length <= 0) return vm.raise(vm.rt.ValueError, "length must be greater than zero");
  std::string in = z->unconsumed_tail.as<BytesObj>()->s;
  if (!z->initialised) return bytes(vm, "");  // flushed before: inflateEnd ran, nothing left
  const uLong in0 = inflate_input(z, in);
  std::string out;
  int err = Z_OK;
  int blocks = 0;
  do {
    const std::size_t chunk = blocks == 0 ? std::size_t(std::min<std::int64_t>(length, 16 << 20)) : block_size(blocks);
    ++blocks;
    if (!grow(vm, out, z->zs, out.size(), chunk)) return nullptr;
    err = inflate(&z->zs, Z_FINISH);
    if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END) break;
  } while (z->zs.avail_out == 0 && err != Z_STREAM_END);
  const std::size_t produced = inflate_output(vm, z, in, err, out);
  if (err == Z_STREAM_END) {
    z->eof = true;
    z->initialised = false;
    err = inflateEnd(&z->zs);
    if (err != Z_OK) return zlib_error(vm, z->zs, err, "while finishing decompression");
  }
  return inflate_result(vm, z, in0, produced, std::move(out));
}

Ref z_copy(VM& vm, Args& a) {
  if (a.n < 1 || native_kind(a.v[0]) != kZStreamKind) return vm.raise(vm.rt.TypeError, "descriptor 'copy' requires a zlib stream object");
  ZObj* z = Z(a.v[0]);
  Ref o = make<ZObj>(z->cls, z->deflater);
  ZObj* c = Z(o);
  if (!z->initialised) return vm.raise(vm.rt.ValueError, "Inconsistent stream state");
  if (g_stream_bytes + z->state_bytes > stream_limit(vm))
    return vm.raise(vm.rt.MemoryError, z->deflater ? "Can't allocate memory for compression object" : "Can't allocate memory for decompression object");
  c->state_bytes = z->state_bytes;
  g_stream_bytes += c->state_bytes;
  int err = z->deflater ? deflateCopy(&c->zs, &z->zs) : inflateCopy(&c->zs, &z->zs);
  if (err == Z_STREAM_ERROR) return vm.raise(vm.rt.ValueError, "Inconsistent stream state");
  if (err != Z_OK) return zlib_error(vm, z->zs, err, z->deflater ? "while copying compression object" : "while copying decompression object");
  c->initialised = true;
  c->level = z->level;
  c->eof = z->eof;
  c->unused_data = z->unused_data;
  c->unconsumed_tail = z->unconsumed_tail;
  c->zdict = z->zdict;
  return o;
}

Ref d_unused_data(VM& vm, Args& a) {
  ZObj* z;
  return self_z(vm, a, false, z) ? z->unused_data : nullptr;
}
Ref d_unconsumed_tail(VM& vm, Args& a) {
  ZObj* z;
  return self_z(vm, a, false, z) ? z->unconsumed_tail : nullptr;
}
Ref d_eof(VM& vm, Args& a) {
  ZObj* z;
  return self_z(vm, a, false, z) ? vm.rt.make_bool(z->eof) : nullptr;
}

Ref z_repr(VM& vm, Args& a) {
  if (a.n < 1 || native_kind(a.v[0]) != kZStreamKind) return vm.raise(vm.rt.TypeError, "descriptor '__repr__' needs a zlib stream");
  char buf[64];
  std::snprintf(buf, sizeof buf, " object at 0x%llx>", static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(a.v[0].get())));
  return vm.rt.make_str(std::string(Z(a.v[0])->deflater ? "<zlib.Compress" : "<zlib.Decompress") + buf);
}

void put(VM& vm, const Ref& m, const char* name, Ref v) {
  vm.dict_set(m.as<ModuleObj>()->dict.as<DictObj>(), vm.rt.intern(name), std::move(v));
}

ClassObj* new_stream_type(VM& vm, const char* name, bool deflater) {
  auto& rt = vm.rt;
  ClassObj* t = rt.new_builtin_type(name, rt.object_t, Tag::Other);
  t->module = "zlib";
  if (deflater) {
    vm.add_method(t, "compress", c_compress);
    vm.add_method(t, "flush", c_flush);
  } else {
    vm.add_method(t, "decompress", d_decompress);
    vm.add_method(t, "flush", d_flush);
    struct { const char* n; BuiltinFn f; } props[] = {{"unused_data", d_unused_data}, {"unconsumed_tail", d_unconsumed_tail}, {"eof", d_eof}};
    for (auto& p : props) {
      Ref pr = make<PropertyObj>(rt.property_t);
      pr.as<PropertyObj>()->fget = vm.make_builtin(p.n, p.f);
      vm.dict_set(t->dict.as<DictObj>(), rt.intern(p.n), pr);
    }
  }
  vm.add_method(t, "copy", z_copy);
  vm.add_method(t, "__copy__", z_copy);
  vm.add_method(t, "__repr__", z_repr);
  return t;
}

}  // namespace

void init_zlib_module(VM& vm, const Ref& m) {
  auto& rt = vm.rt;
  if (!builtins_get(vm, "__pitfall_zlib_error")) {
    ClassObj* e = rt.new_exception("error", rt.Exception);
    e->module = "zlib";
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_zlib_error"), Ref(e));
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_zlib_comp"), Ref(new_stream_type(vm, "Compress", true)));
    vm.dict_set(vm.builtins.as<DictObj>(), rt.intern("__pitfall_zlib_decomp"), Ref(new_stream_type(vm, "Decompress", false)));
  }
  put(vm, m, "error", Ref(error_type(vm)));
  put(vm, m, "compress", vm.make_builtin("compress", z_compress));
  put(vm, m, "decompress", vm.make_builtin("decompress", z_decompress));
  put(vm, m, "compressobj", vm.make_builtin("compressobj", z_compressobj));
  put(vm, m, "decompressobj", vm.make_builtin("decompressobj", z_decompressobj));
  put(vm, m, "crc32", vm.make_builtin("crc32", z_crc32));
  put(vm, m, "adler32", vm.make_builtin("adler32", z_adler32));
  struct { const char* n; int v; } ints[] = {
      {"MAX_WBITS", MAX_WBITS}, {"DEFLATED", Z_DEFLATED}, {"DEF_MEM_LEVEL", kDefMemLevel}, {"DEF_BUF_SIZE", kDefBufSize},
      {"Z_NO_COMPRESSION", Z_NO_COMPRESSION}, {"Z_BEST_SPEED", Z_BEST_SPEED}, {"Z_BEST_COMPRESSION", Z_BEST_COMPRESSION},
      {"Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION}, {"Z_FILTERED", Z_FILTERED}, {"Z_HUFFMAN_ONLY", Z_HUFFMAN_ONLY},
      {"Z_RLE", Z_RLE}, {"Z_FIXED", Z_FIXED}, {"Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY}, {"Z_NO_FLUSH", Z_NO_FLUSH},
      {"Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH}, {"Z_SYNC_FLUSH", Z_SYNC_FLUSH}, {"Z_FULL_FLUSH", Z_FULL_FLUSH},
      {"Z_FINISH", Z_FINISH}, {"Z_BLOCK", Z_BLOCK}, {"Z_TREES", Z_TREES}};
  for (auto& i : ints) put(vm, m, i.n, rt.make_int(i.v));
  put(vm, m, "ZLIB_VERSION", rt.make_str(ZLIB_VERSION));
  put(vm, m, "ZLIB_RUNTIME_VERSION", rt.make_str(zlibVersion()));
  put(vm, m, "__version__", rt.make_str("1.0"));
}

}  // namespace pitfall::sim
