// hash() of str, bytes, float, int, tuple and frozenset bit for bit, for
// CPython 3.10 (SipHash-2-4) through 3.13 (SipHash-1-3) under
// PYTHONHASHSEED=0 (tests/pylib/hash-3.*.json).
#include <catch2/catch.hpp>

#include <vector>

#include "pylib_data.h"
#include "sim/pylib/hash.h"
#include "sim/pylib/unicode.h"

using namespace pitfall::sim::pylib;

TEST_CASE("pylib hash: every recorded hash of 3.10..3.13", "[pylib][hash]") {
  for (int minor : {10, 11, 12, 13}) {
    const auto data = pylib_test::load("hash-3." + std::to_string(minor) + ".json");
    INFO("3." << minor);
    for (const auto& row : data["str"]) {
      INFO("str " << row[0].dump());
      CHECK(hash_str(row[0].get<std::string>(), minor) == row[1].get<std::int64_t>());
    }
    for (const auto& row : data["bytes"]) {
      // Recorded as text of code points < 256, hashed as latin-1 bytes.
      std::string bytes;
      for (char32_t c : utf8_decode(row[0].get<std::string>())) bytes.push_back(static_cast<char>(c));
      CHECK(hash_bytes(bytes, minor) == row[1].get<std::int64_t>());
    }
    for (const auto& row : data["float"]) {
      INFO("float bits " << row[0].get<std::uint64_t>());
      CHECK(hash_double(pylib_test::dbl(row[0])) == row[1].get<std::int64_t>());
    }
    for (const auto& row : data["int"]) {
      const BigInt v = pylib_test::big(row[0]);
      CHECK(v.hash() == row[1].get<std::int64_t>());
      if (auto small = v.to_int64()) CHECK(hash_int(*small) == row[1].get<std::int64_t>());
    }
    for (const auto& row : data["tuple"]) {
      auto items = row[0].get<std::vector<std::int64_t>>();
      CHECK(hash_tuple(items) == row[1].get<std::int64_t>());
    }
    for (const auto& row : data["frozenset"]) {
      auto items = row[0].get<std::vector<std::int64_t>>();
      CHECK(hash_frozenset(items) == row[1].get<std::int64_t>());
    }
    CHECK((hash_none(minor, 0x1000) == 0xFCA86420) == data["none_is_constant"].get<bool>());
  }
}

TEST_CASE("pylib hash: small facts", "[pylib][hash]") {
  CHECK(hash_int(-1) == -2);
  CHECK(hash_int(INT64_MIN) == BigInt(INT64_MIN).hash());
  CHECK(hash_pointer(0x10) == 1);
  CHECK(hash_double(std::nan(""), 0x100) == hash_pointer(0x100));
  CHECK(hash_bool(true) == 1);
  CHECK(hash_str(std::u32string_view(U"abc"), 11) == hash_str(std::string_view("abc"), 11));
}
