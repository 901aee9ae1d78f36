// CPython's hash functions (see hash.h for the model notes).
#include "sim/pylib/hash.h"

#include <cmath>
#include <cstring>
#include <string>

#include "sim/pylib/unicode.h"

namespace pitfall::sim::pylib {

namespace {

inline std::uint64_t rotl(std::uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

inline void sip_round(std::uint64_t& v0, std::uint64_t& v1, std::uint64_t& v2, std::uint64_t& v3) {
  v0 += v1; v2 += v3; v1 = rotl(v1, 13) ^ v0; v3 = rotl(v3, 16) ^ v2; v0 = rotl(v0, 32);
  v2 += v1; v0 += v3; v1 = rotl(v1, 17) ^ v2; v3 = rotl(v3, 21) ^ v0; v2 = rotl(v2, 32);
}

std::int64_t finish_hash(std::uint64_t x) {
  auto h = static_cast<std::int64_t>(x);
  return h == -1 ? -2 : h;
}

}  // namespace

std::uint64_t siphash(const void* data, std::size_t len, std::uint64_t k0, std::uint64_t k1, int c_rounds,
                      int d_rounds) {
  const auto* in = static_cast<const std::uint8_t*>(data);
  std::uint64_t b = static_cast<std::uint64_t>(len) << 56;
  std::uint64_t v0 = k0 ^ 0x736f6d6570736575ULL;
  std::uint64_t v1 = k1 ^ 0x646f72616e646f6dULL;
  std::uint64_t v2 = k0 ^ 0x6c7967656e657261ULL;
  std::uint64_t v3 = k1 ^ 0x7465646279746573ULL;
  while (len >= 8) {
    std::uint64_t mi = 0;
    for (int i = 7; i >= 0; --i) mi = (mi << 8) | in[i];
    in += 8;
    len -= 8;
    v3 ^= mi;
    for (int r = 0; r < c_rounds; ++r) sip_round(v0, v1, v2, v3);
    v0 ^= mi;
  }
  std::uint64_t t = 0;
  for (std::size_t i = len; i-- > 0;) t = (t << 8) | in[i];
  b |= t;
  v3 ^= b;
  for (int r = 0; r < c_rounds; ++r) sip_round(v0, v1, v2, v3);
  v0 ^= b;
  v2 ^= 0xff;
  for (int r = 0; r < d_rounds; ++r) sip_round(v0, v1, v2, v3);
  return (v0 ^ v1) ^ (v2 ^ v3);
}

std::int64_t hash_int(std::int64_t v) {
  if (v == -1) return -2;
  if (v == INT64_MIN) {
    // |v| = 2**63 = 4 * 2**61 ≡ 4 (mod 2**61-1)
    return -4;
  }
  const std::uint64_t m = v < 0 ? static_cast<std::uint64_t>(-v) : static_cast<std::uint64_t>(v);
  auto h = static_cast<std::int64_t>(m % kHashModulus);
  if (v < 0) h = -h;
  return h == -1 ? -2 : h;
}

std::int64_t hash_pointer(std::uintptr_t address) {
  std::uint64_t y = address;
  y = (y >> 4) | (y << 60);
  return finish_hash(y);
}

std::int64_t hash_double(double v, std::uintptr_t identity) {
  if (!std::isfinite(v)) {
    if (std::isinf(v)) return v > 0 ? kHashInf : -kHashInf;
    return hash_pointer(identity);
  }
  int e = 0;
  double m = std::frexp(v, &e);
  int sign = 1;
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  std::uint64_t x = 0;
  while (m != 0.0) {
    x = ((x << 28) & kHashModulus) | x >> (kHashBits - 28);
    m *= 268435456.0;
    e -= 28;
    auto y = static_cast<std::uint64_t>(m);
    m -= static_cast<double>(y);
    x += y;
    if (x >= kHashModulus) x -= kHashModulus;
  }
  e = e >= 0 ? e % kHashBits : kHashBits - 1 - ((-1 - e) % kHashBits);
  x = ((x << e) & kHashModulus) | x >> (kHashBits - e);
  x = x * static_cast<std::uint64_t>(static_cast<std::int64_t>(sign));
  return finish_hash(x);
}

std::int64_t hash_none(int minor, std::uintptr_t address) {
  if (minor >= 12) return 0xFCA86420;
  return hash_pointer(address);
}

std::int64_t hash_bytes(std::string_view data, int minor) {
  if (data.empty()) return 0;
  const bool v13 = minor >= 11;
  return finish_hash(siphash(data.data(), data.size(), 0, 0, v13 ? 1 : 2, v13 ? 3 : 4));
}

std::int64_t hash_str(std::u32string_view cps, int minor) {
  if (cps.empty()) return 0;
  char32_t maxc = 0;
  for (char32_t c : cps) maxc = c > maxc ? c : maxc;
  const int kind = maxc < 0x100 ? 1 : maxc < 0x10000 ? 2 : 4;
  std::string buf;
  buf.reserve(cps.size() * kind);
  for (char32_t c : cps)
    for (int i = 0; i < kind; ++i) buf.push_back(static_cast<char>((c >> (8 * i)) & 0xff));
  return hash_bytes(buf, minor);
}

std::int64_t hash_str(std::string_view utf8, int minor) {
  bool ascii = true;
  for (char ch : utf8)
    if (static_cast<unsigned char>(ch) >= 0x80) {
      ascii = false;
      break;
    }
  if (ascii) return hash_bytes(utf8, minor);
  return hash_str(std::u32string_view(utf8_decode(utf8)), minor);
}

std::int64_t hash_tuple(std::span<const std::int64_t> item_hashes) {
  constexpr std::uint64_t P1 = 11400714785074694791ULL;
  constexpr std::uint64_t P2 = 14029467366897019727ULL;
  constexpr std::uint64_t P5 = 2870177450012600261ULL;
  std::uint64_t acc = P5;
  for (std::int64_t h : item_hashes) {
    acc += static_cast<std::uint64_t>(h) * P2;
    acc = (acc << 31) | (acc >> 33);
    acc *= P1;
  }
  acc += static_cast<std::uint64_t>(item_hashes.size()) ^ (P5 ^ 3527539UL);
  if (acc == static_cast<std::uint64_t>(-1)) return 1546275796;
  return static_cast<std::int64_t>(acc);
}

std::int64_t hash_frozenset(std::span<const std::int64_t> item_hashes) {
  auto shuffle = [](std::uint64_t h) { return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL; };
  std::uint64_t hash = 0;
  for (std::int64_t h : item_hashes) hash ^= shuffle(static_cast<std::uint64_t>(h));
  hash ^= (static_cast<std::uint64_t>(item_hashes.size()) + 1) * 1927868237ULL;
  hash ^= (hash >> 11) ^ (hash >> 25);
  hash = hash * 69069U + 907133923ULL;
  if (hash == static_cast<std::uint64_t>(-1)) hash = 590923713ULL;
  return static_cast<std::int64_t>(hash);
}

}  // namespace pitfall::sim::pylib
