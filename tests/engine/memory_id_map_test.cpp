// The memory layer's record tables: IdMap (flat hash map by object address or
// block id) and ChunkedVector behave as the standard containers they replace,
// over a long random sequence of inserts, lookups and erases.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <unordered_map>
#include <vector>

#include "sim/memory/chunked_vector.h"
#include "sim/memory/id_map.h"
#include "sim/memory/tracemalloc_model.h"

using namespace pitfall::sim::memory;

TEST_CASE("IdMap agrees with std::unordered_map over random inserts, lookups and erases", "[memory][idmap]") {
  std::mt19937_64 rng(12345);
  IdMap<std::int64_t> m;
  std::unordered_map<std::uint64_t, std::int64_t> ref;
  std::vector<std::uint64_t> keys;
  // keys like addresses (16-byte aligned, clustered), like block ids
  // (sequential), and key 0
  for (int i = 0; i < 3000; ++i) keys.push_back(0x7f0000001000ull + 16ull * std::uint64_t(i));
  for (int i = 0; i < 3000; ++i) keys.push_back(std::uint64_t(i));
  for (int step = 0; step < 200000; ++step) {
    const std::uint64_t k = keys[rng() % keys.size()];
    switch (rng() % 4) {
      case 0:
      case 1: {
        auto [v, inserted] = m.try_emplace(k);
        const bool ref_inserted = ref.find(k) == ref.end();
        REQUIRE(inserted == ref_inserted);
        if (inserted) REQUIRE(*v == 0);
        *v = std::int64_t(step);
        ref[k] = step;
        break;
      }
      case 2:
        REQUIRE(m.erase(k) == (ref.erase(k) == 1));
        break;
      default: {
        const std::int64_t* v = m.find(k);
        auto it = ref.find(k);
        REQUIRE((v != nullptr) == (it != ref.end()));
        if (v) REQUIRE(*v == it->second);
      }
    }
    REQUIRE(m.size() == ref.size());
  }
  std::size_t seen = 0;
  m.for_each([&](std::uint64_t k, std::int64_t v) {
    ++seen;
    REQUIRE(ref.at(k) == v);
  });
  CHECK(seen == ref.size());
  m.clear();
  CHECK(m.empty());
  CHECK(m.find(keys[0]) == nullptr);
}

TEST_CASE("ChunkedVector keeps its records in place while it grows", "[memory][idmap]") {
  ChunkedVector<std::int64_t, 4> v;  // chunks of 16
  std::vector<std::int64_t*> where;
  for (int i = 0; i < 1000; ++i) {
    v.emplace_back() = i;
    where.push_back(&v[std::size_t(i)]);
  }
  REQUIRE(v.size() == 1000);
  for (int i = 0; i < 1000; ++i) {
    CHECK(where[std::size_t(i)] == &v[std::size_t(i)]);
    CHECK(v[std::size_t(i)] == i);
  }
}

TEST_CASE("tracemalloc reuses the ids of freed blocks and never mixes live ones", "[memory][idmap]") {
  TracemallocModel t;
  const BlockId a = t.alloc(100, "p.py", 1);
  const BlockId b = t.alloc(200, "p.py", 2);
  CHECK(a != b);
  t.free(a);
  CHECK(t.size_of(a) == 0);
  t.free(a);  // a second free of the same id changes nothing
  CHECK(t.current() == 200);
  const BlockId c = t.alloc(300, "p.py", 3);
  CHECK(c != b);
  CHECK(t.size_of(b) == 200);
  CHECK(t.size_of(c) == 300);
  CHECK(t.current() == 500);
  CHECK(t.peak() == 500);
}
