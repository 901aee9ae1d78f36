// pymalloc pools and arenas, the RSS-like figure and the memory limit; the
// "2 M floats, keep 1 in 64, free all" sequence against the RSS CPython 3.11
// and 3.13 showed (tests/memory/tracemalloc_rss.json).
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "sim/memory/gc_model.h"
#include "sim/memory/memory_model.h"
#include "sim/memory/pymalloc.h"
#include "sim/memory/sizes.h"

using namespace pitfall::sim::memory;
using nlohmann::json;

TEST_CASE("pymalloc size classes, pools and arenas", "[memory][pymalloc]") {
  CHECK(Pymalloc::size_class(1) == 0);
  CHECK(Pymalloc::size_class(16) == 0);
  CHECK(Pymalloc::size_class(17) == 1);
  CHECK(Pymalloc::size_class(512) == 31);
  CHECK(Pymalloc::blocks_per_pool(1) == (16384 - 48) / 32);
  Pymalloc p;
  CHECK(p.rss() == 0);
  const auto h = p.malloc(24);
  CHECK(p.arenas() == 1);
  CHECK(p.rss() == Pymalloc::kArenaSize);
  const auto big = p.malloc(1000);  // > 512: system malloc
  CHECK(p.rss() == Pymalloc::kArenaSize + 1000);
  p.free(big);
  p.free(h);
  CHECK(p.rss() == Pymalloc::kArenaSize);  // the last arena with free pools stays
  CHECK(p.rss_peak() == Pymalloc::kArenaSize + 1000);
}

TEST_CASE("one live block pins its arena; allocations fill the most used arena", "[memory][pymalloc]") {
  Pymalloc p;
  std::vector<Pymalloc::Handle> hs;
  const std::int64_t per_arena = Pymalloc::blocks_per_pool(1) * Pymalloc::kPoolsPerArena;
  for (std::int64_t i = 0; i < 3 * per_arena; ++i) hs.push_back(p.malloc(32));
  CHECK(p.arenas() == 3);
  // free everything except one block in the first arena
  for (std::size_t i = 1; i < hs.size(); ++i) p.free(hs[i]);
  CHECK(p.arenas() == 1);
  // free a whole arena-worth again after refilling: new blocks go to the
  // arena already in use before a new one is mapped
  for (std::int64_t i = 0; i < per_arena - 1; ++i) p.malloc(32);
  CHECK(p.arenas() == 1);
  p.malloc(32);
  CHECK(p.arenas() == 2);
}

TEST_CASE("2 M floats, keep 1 in 64, free all: RSS as CPython's", "[memory][pymalloc]") {
  std::ifstream in(std::string(PITFALL_SOURCE_DIR) + "/tests/memory/tracemalloc_rss.json");
  std::stringstream ss;
  ss << in.rdbuf();
  const json data = json::parse(ss.str(), nullptr, false);
  REQUIRE(data.is_object());
  for (const std::string version : {"3.11", "3.13"}) {
    const json& r = data[version]["rss_floats"];
    const Sizes sz(std::stoi(version.substr(2)));
    MemoryModel m(std::int64_t{1} << 40);
    // xs = [i + 0.5 for i in range(2_000_000)]
    std::vector<BlockId> floats;
    ListAlloc xs;
    BlockId items = 0;
    for (int i = 0; i < 2'000'000; ++i) {
      floats.push_back(m.allocate(sz.float_(), "f.py", 1, 0));
      const i64 before = xs.allocated;
      list_append(xs);
      if (xs.allocated != before) {
        if (items) m.reallocate(items, sz.list_traced(xs).table, "f.py", 1, 0);
        else items = m.allocate(sz.list_traced(xs).table, "f.py", 1, 0);
      }
    }
    const std::int64_t created = m.rss();
    // xs = xs[::64]
    const BlockId sliced = m.allocate(sz.list_traced(list_exact(31'250)).table, "f.py", 2, 0);
    m.release(items, 0);
    for (std::size_t i = 0; i < floats.size(); ++i)
      if (i % 64) m.release(floats[i], 0);
    const std::int64_t partial = m.rss();
    // del xs
    m.release(sliced, 0);
    for (std::size_t i = 0; i < floats.size(); i += 64) m.release(floats[i], 0);
    const std::int64_t freed = m.rss();
    INFO(version << " model created/partial/freed " << created << "/" << partial << "/" << freed
                 << "; CPython " << r["created"] << "/" << r["keep_1_in_64"] << "/" << r["freed"]);
    const double c = r["created"].get<double>(), k = r["keep_1_in_64"].get<double>();
    CHECK(std::abs(created - c) <= 0.1 * c);
    CHECK(std::abs(partial - k) <= 0.1 * k);
    CHECK(freed <= std::max<std::int64_t>(r["freed"].get<std::int64_t>(), 2 * Pymalloc::kArenaSize));
    CHECK(partial > created / 2);  // freed floats did not give their arenas back
  }
}

TEST_CASE("cycles under gc.disable() grow until the memory limit raises MemoryError", "[memory][pymalloc][gc]") {
  const Sizes sz(11);
  const std::int64_t limit = 64 * Pymalloc::kArenaSize;
  MemoryModel m(limit);
  GcModel gc(11);
  gc.disable();
  const Footprint inst = sz.instance_traced(1);
  std::int64_t cycles = 0;
  bool memory_error = false;
  for (int i = 0; i < 10'000'000 && !memory_error; ++i) {
    for (int k = 0; k < 2; ++k) {  // a = Node(); b = Node()
      if (m.would_exceed(inst.object) || m.would_exceed(inst.table)) { memory_error = true; break; }
      gc.on_alloc();
      m.allocate(inst.object, "c.py", 5, i * 1e-7);
      m.allocate(inst.table, "c.py", 5, i * 1e-7);
    }
    if (!memory_error) ++cycles;
  }
  CHECK(memory_error);
  CHECK(m.rss() <= limit);
  CHECK(m.rss_peak() <= limit);
  CHECK(gc.get_stats()[0].collections == 0);
  const std::int64_t count0 = gc.get_count()[0];
  CHECK((count0 == 2 * cycles || count0 == 2 * cycles + 1));  // + the instance that was refused
  // Every block is 64 or 32 bytes: the pools of 64 arenas hold about this many cycles.
  const double expected = 64.0 * Pymalloc::kPoolsPerArena /
                          (1.0 / Pymalloc::blocks_per_pool(Pymalloc::size_class(inst.object)) +
                           1.0 / Pymalloc::blocks_per_pool(Pymalloc::size_class(inst.table))) / 2;
  CHECK(std::abs(static_cast<double>(cycles) - expected) <= expected * 0.02);
  const std::int64_t traced = m.tracemalloc().current();
  CHECK(m.allocate(Pymalloc::kArenaSize, "c.py", 5, 1.0) == 0);  // refused: nothing recorded
  CHECK(m.tracemalloc().current() == traced);
}
