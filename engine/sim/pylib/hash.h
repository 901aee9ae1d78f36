// CPython's hash() for the built-in immutable types, bit for bit, as a
// program run with PYTHONHASHSEED=0 sees them (the simulator is
// deterministic, so this is the seed it models).
//
// Notes about the model: follows Python/pyhash.c (_Py_HashDouble,
// _Py_HashPointer, _Py_HashBytes with SipHash-1-3 on 3.11+ and SipHash-2-4
// on 3.10, keyed by the all-zero secret seed 0 produces; Py_HASH_CUTOFF is 0
// so short strings use SipHash too), Objects/unicodeobject.c (a str hashes
// its canonical PEP 393 buffer: 1, 2 or 4 bytes per code point chosen by the
// largest code point), Objects/tupleobject.c (xxHash-style tuplehash, 3.8+),
// Objects/setobject.c (frozenset_hash), Objects/longobject.c (long_hash).
// None hashes by address up to 3.11 and to the constant 0xFCA86420 on 3.12+.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace pitfall::sim::pylib {

inline constexpr int kHashBits = 61;
inline constexpr std::uint64_t kHashModulus = (std::uint64_t{1} << 61) - 1;  // 2**61-1
inline constexpr std::int64_t kHashInf = 314159;  // sys.hash_info.inf

// hash(n) for an int that fits int64 (-1 -> -2). BigInt::hash for the rest.
std::int64_t hash_int(std::int64_t v);
// hash(x) for a float. NaN hashes by object identity on 3.10+: pass the
// object's address (identity) for that case.
std::int64_t hash_double(double v, std::uintptr_t identity = 0);
// _Py_HashPointer: default object.__hash__ of an object at `address`
// (CPython rotates the address right by 4 bits).
std::int64_t hash_pointer(std::uintptr_t address);
// hash(None): minor <= 11 hashes the address; 3.12+ a constant.
std::int64_t hash_none(int minor, std::uintptr_t address = 0);
inline std::int64_t hash_bool(bool b) { return b ? 1 : 0; }

// hash(bytes) of a byte string; "" hashes to 0.
std::int64_t hash_bytes(std::string_view data, int minor = 11);
// hash(str) of a str given as UTF-8 / as code points.
std::int64_t hash_str(std::string_view utf8, int minor = 11);
std::int64_t hash_str(std::u32string_view code_points, int minor = 11);

// hash(tuple) from the hashes of its items, in order.
std::int64_t hash_tuple(std::span<const std::int64_t> item_hashes);
// hash(frozenset) from the hashes of its items (any order).
std::int64_t hash_frozenset(std::span<const std::int64_t> item_hashes);

// Raw keyed SipHash of a buffer, as _Py_HashBytes uses it (k0 = k1 = 0
// for seed 0). c_rounds/d_rounds: 1/3 (3.11+) or 2/4 (3.10).
std::uint64_t siphash(const void* data, std::size_t len, std::uint64_t k0, std::uint64_t k1,
                      int c_rounds, int d_rounds);

}  // namespace pitfall::sim::pylib
