// MD5 after RFC 1321 section 3.4 (little-endian words and length), SHA-1 and
// SHA-224/256 after FIPS 180-4 sections 6.1.2 and 6.2.2 (big-endian), and
// SHA-384/512 with sha512.cpp's compression function (section 6.4.2; SHA-384
// is SHA-512 with the initial value of section 5.3.4, truncated).
#include "sim/pylib/digests.h"

#include <algorithm>
#include <cctype>

#include "sim/pylib/sha512.h"

namespace pitfall::sim::pylib {

namespace {

inline std::uint32_t rotl(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
inline std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

constexpr std::uint32_t kMd5K[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
constexpr int kMd5S[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9,  14, 20, 5, 9,
                           14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                           4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};

constexpr std::uint32_t kSha256K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

void md5_block(std::uint32_t h[4], const std::uint8_t* p) {
  std::uint32_t m[16];
  for (int i = 0; i < 16; ++i)
    m[i] = std::uint32_t(p[4 * i]) | std::uint32_t(p[4 * i + 1]) << 8 | std::uint32_t(p[4 * i + 2]) << 16 |
           std::uint32_t(p[4 * i + 3]) << 24;
  std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
  for (int i = 0; i < 64; ++i) {
    std::uint32_t f;
    int g;
    if (i < 16) { f = (b & c) | (~b & d); g = i; }
    else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
    else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
    else { f = c ^ (b | ~d); g = (7 * i) % 16; }
    f += a + kMd5K[i] + m[g];
    a = d; d = c; c = b;
    b += rotl(f, kMd5S[i]);
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d;
}

std::uint32_t be32(const std::uint8_t* p) {
  return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | std::uint32_t(p[3]);
}

void sha1_block(std::uint32_t h[5], const std::uint8_t* p) {
  std::uint32_t w[80];
  for (int t = 0; t < 16; ++t) w[t] = be32(p + 4 * t);
  for (int t = 16; t < 80; ++t) w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
  std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
  for (int t = 0; t < 80; ++t) {
    std::uint32_t f, k;
    if (t < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
    else if (t < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
    else if (t < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
    else { f = b ^ c ^ d; k = 0xca62c1d6; }
    std::uint32_t tmp = rotl(a, 5) + f + e + k + w[t];
    e = d; d = c; c = rotl(b, 30); b = a; a = tmp;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
}

void sha256_block(std::uint32_t h[8], const std::uint8_t* p) {
  std::uint32_t w[64];
  for (int t = 0; t < 16; ++t) w[t] = be32(p + 4 * t);
  for (int t = 16; t < 64; ++t) {
    std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
    std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int t = 0; t < 64; ++t) {
    std::uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + kSha256K[t] + w[t];
    std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

}  // namespace

const char* digest_name(DigestAlgo a) {
  switch (a) {
    case DigestAlgo::Md5: return "md5";
    case DigestAlgo::Sha1: return "sha1";
    case DigestAlgo::Sha224: return "sha224";
    case DigestAlgo::Sha256: return "sha256";
    case DigestAlgo::Sha384: return "sha384";
    case DigestAlgo::Sha512: return "sha512";
  }
  return "";
}

int digest_size(DigestAlgo a) {
  switch (a) {
    case DigestAlgo::Md5: return 16;
    case DigestAlgo::Sha1: return 20;
    case DigestAlgo::Sha224: return 28;
    case DigestAlgo::Sha256: return 32;
    case DigestAlgo::Sha384: return 48;
    case DigestAlgo::Sha512: return 64;
  }
  return 0;
}

int digest_block_size(DigestAlgo a) { return a == DigestAlgo::Sha384 || a == DigestAlgo::Sha512 ? 128 : 64; }

bool digest_from_name(std::string_view name, DigestAlgo& out) {
  std::string n;
  for (char c : name) n += char(std::tolower(static_cast<unsigned char>(c)));
  for (DigestAlgo a : {DigestAlgo::Md5, DigestAlgo::Sha1, DigestAlgo::Sha224, DigestAlgo::Sha256, DigestAlgo::Sha384,
                       DigestAlgo::Sha512})
    if (n == digest_name(a)) { out = a; return true; }
  return false;
}

Digest::Digest(DigestAlgo a) : algo_(a) {
  switch (a) {
    case DigestAlgo::Md5: {
      const std::uint32_t iv[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
      for (int i = 0; i < 4; ++i) h32_[i] = iv[i];
      break;
    }
    case DigestAlgo::Sha1: {
      const std::uint32_t iv[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
      for (int i = 0; i < 5; ++i) h32_[i] = iv[i];
      break;
    }
    case DigestAlgo::Sha224: {
      const std::uint32_t iv[8] = {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
                                   0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4};
      for (int i = 0; i < 8; ++i) h32_[i] = iv[i];
      break;
    }
    case DigestAlgo::Sha256: {
      const std::uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
      for (int i = 0; i < 8; ++i) h32_[i] = iv[i];
      break;
    }
    case DigestAlgo::Sha384: {
      const std::uint64_t iv[8] = {0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL,
                                   0x152fecd8f70e5939ULL, 0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL,
                                   0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL};
      for (int i = 0; i < 8; ++i) h64_[i] = iv[i];
      break;
    }
    case DigestAlgo::Sha512: {
      const std::uint64_t iv[8] = {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
                                   0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
                                   0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
      for (int i = 0; i < 8; ++i) h64_[i] = iv[i];
      break;
    }
  }
}

void Digest::compress(const std::uint8_t* block) {
  switch (algo_) {
    case DigestAlgo::Md5: md5_block(h32_, block); break;
    case DigestAlgo::Sha1: sha1_block(h32_, block); break;
    case DigestAlgo::Sha224: case DigestAlgo::Sha256: sha256_block(h32_, block); break;
    case DigestAlgo::Sha384: case DigestAlgo::Sha512: sha512_compress(h64_, block); break;
  }
}

void Digest::update(std::string_view data) {
  const std::size_t bs = std::size_t(digest_block_size(algo_));
  total_ += data.size();
  const auto* p = reinterpret_cast<const std::uint8_t*>(data.data());
  std::size_t n = data.size(), i = 0;
  if (!buf_.empty()) {
    std::size_t take = std::min(bs - buf_.size(), n);
    buf_.append(data.substr(0, take));
    i = take;
    if (buf_.size() < bs) return;
    compress(reinterpret_cast<const std::uint8_t*>(buf_.data()));
    buf_.clear();
  }
  for (; i + bs <= n; i += bs) compress(p + i);
  buf_.append(data.substr(i));
}

std::string Digest::digest() const {
  Digest d = *this;  // finishing works on a copy: the object can take more data
  const std::size_t bs = std::size_t(digest_block_size(algo_));
  const std::size_t len_bytes = bs == 128 ? 16 : 8;
  const std::uint64_t bits = total_ * 8;
  std::string pad(1, '\x80');
  std::size_t used = (d.buf_.size() + 1) % bs;
  pad.append((used <= bs - len_bytes ? bs - len_bytes - used : 2 * bs - len_bytes - used), '\0');
  std::string len(len_bytes, '\0');
  for (int k = 0; k < 8; ++k) {
    const char b = char(std::uint8_t(bits >> (8 * k)));
    if (algo_ == DigestAlgo::Md5) len[std::size_t(k)] = b;  // little-endian length
    else len[len_bytes - 1 - std::size_t(k)] = b;           // big-endian (the high word of a 128-bit length is 0)
  }
  const std::uint64_t keep = d.total_;
  d.update(pad + len);
  d.total_ = keep;
  std::string out;
  const int size = digest_size(algo_);
  if (algo_ == DigestAlgo::Md5) {
    for (int i = 0; i < 4; ++i)
      for (int b = 0; b < 4; ++b) out += char(std::uint8_t(d.h32_[i] >> (8 * b)));
  } else if (bs == 64) {
    for (int i = 0; i < 8 && int(out.size()) < size; ++i)
      for (int b = 3; b >= 0; --b) out += char(std::uint8_t(d.h32_[i] >> (8 * b)));
  } else {
    for (int i = 0; i < 8 && int(out.size()) < size; ++i)
      for (int b = 7; b >= 0; --b) out += char(std::uint8_t(d.h64_[i] >> (8 * b)));
  }
  out.resize(std::size_t(size));
  return out;
}

}  // namespace pitfall::sim::pylib
