// SHA-512 (FIPS 180-4), as hashlib.sha512 computes it: random.seed(str/bytes)
// hashes its seed with it (Lib/random.py Random.seed, version 2).
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace pitfall::sim::pylib {

std::array<std::uint8_t, 64> sha512(std::string_view data);
// One 128-byte block of the compression function (6.4.2), for streaming digests (digests.h).
void sha512_compress(std::uint64_t h[8], const std::uint8_t* block);

}  // namespace pitfall::sim::pylib
