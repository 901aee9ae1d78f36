// The message digests of hashlib (md5, sha1, sha224, sha256, sha384, sha512)
// as streaming states: update() any number of times, digest() without
// finishing the state (hashlib's digest() can be called between updates).
// Algorithms: RFC 1321 (MD5), FIPS 180-4 (SHA-1, SHA-2).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace pitfall::sim::pylib {

enum class DigestAlgo : std::uint8_t { Md5, Sha1, Sha224, Sha256, Sha384, Sha512 };

// hashlib's name of an algorithm, its digest_size and block_size.
const char* digest_name(DigestAlgo a);
int digest_size(DigestAlgo a);
int digest_block_size(DigestAlgo a);
// The algorithm hashlib.new(name) selects (case-insensitive as OpenSSL's names); false if unknown.
bool digest_from_name(std::string_view name, DigestAlgo& out);

class Digest {
 public:
  explicit Digest(DigestAlgo a);
  void update(std::string_view data);
  std::string digest() const;  // raw bytes, digest_size long
  DigestAlgo algo() const { return algo_; }

 private:
  void compress(const std::uint8_t* block);
  DigestAlgo algo_;
  std::uint32_t h32_[8] = {};
  std::uint64_t h64_[8] = {};
  std::uint64_t total_ = 0;  // bytes hashed
  std::string buf_;          // bytes of an incomplete block
};

}  // namespace pitfall::sim::pylib
