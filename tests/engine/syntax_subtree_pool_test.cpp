// The small-block allocator the web build gives tree-sitter
// (syntax/subtree_pool.h), exercised directly: blocks of every size class and
// beyond it keep their bytes through reallocation, freed blocks are handed out
// again, calloc zeroes, and nothing overlaps.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "syntax/subtree_pool.h"

namespace pool = pitfall::syntax::subtree_pool;

namespace {

struct Live {
  unsigned char* p;
  std::size_t size;
  unsigned char fill;
};

bool intact(const Live& b) {
  for (std::size_t k = 0; k < b.size; ++k)
    if (b.p[k] != static_cast<unsigned char>(b.fill + k)) return false;
  return true;
}

void paint(Live& b) {
  for (std::size_t k = 0; k < b.size; ++k) b.p[k] = static_cast<unsigned char>(b.fill + k);
}

}  // namespace

TEST_CASE("subtree pool: random malloc, calloc, realloc and free keep every block's bytes", "[lint][pool]") {
  std::mt19937 rng(12345);
  std::vector<Live> live;
  std::size_t checks = 0;
  for (int step = 0; step < 40000; ++step) {
    const int op = static_cast<int>(rng() % 10);
    // Mostly tree-sitter's sizes (16-200 bytes), some beyond the pooled 1 KiB.
    std::size_t size = rng() % 8 == 0 ? rng() % 5000 : rng() % 220;
    if (op < 4 || live.empty()) {
      Live b{nullptr, size, static_cast<unsigned char>(rng())};
      if (op == 0) {
        b.p = static_cast<unsigned char*>(pool::allocate_zeroed(1, size));
        for (std::size_t k = 0; k < size; ++k) REQUIRE(b.p[k] == 0);
      } else {
        b.p = static_cast<unsigned char*>(pool::allocate(size));
      }
      REQUIRE(b.p != nullptr);
      REQUIRE(reinterpret_cast<std::uintptr_t>(b.p) % alignof(void*) == 0);
      paint(b);
      live.push_back(b);
    } else if (op < 7) {
      Live& b = live[rng() % live.size()];
      std::size_t keep = std::min(b.size, size);
      b.p = static_cast<unsigned char*>(pool::reallocate(b.p, size));
      REQUIRE(b.p != nullptr);
      b.size = keep;
      REQUIRE(intact(b));
      ++checks;
      b.size = size;
      paint(b);
    } else {
      std::size_t k = rng() % live.size();
      REQUIRE(intact(live[k]));
      ++checks;
      pool::release(live[k].p);
      live[k] = live.back();
      live.pop_back();
    }
  }
  for (const Live& b : live) {
    REQUIRE(intact(b));
    pool::release(b.p);
  }
  CHECK(checks > 10000);
  pool::release(nullptr);
}

TEST_CASE("subtree pool: a freed block of a size class is the next one handed out", "[lint][pool]") {
  void* a = pool::allocate(72);
  pool::release(a);
  void* b = pool::allocate(65);  // the same 80-byte class
  CHECK(a == b);
  void* c = pool::reallocate(b, 80);  // still fits: stays in place
  CHECK(c == b);
  void* d = pool::reallocate(c, 81);  // the next class: moves
  CHECK(d != c);
  pool::release(d);
  void* big = pool::allocate(100000);
  std::memset(big, 7, 100000);
  big = pool::reallocate(big, 200000);
  CHECK(static_cast<unsigned char*>(big)[99999] == 7);
  pool::release(big);
}
