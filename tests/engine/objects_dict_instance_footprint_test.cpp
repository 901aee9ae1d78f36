// Host layout of dicts, instances and tracemalloc's block records: a dict's
// first index table inside the dict (objects/dict_index.h), an instance's
// __slots__ values behind one pointer (objects/slot_vec.h), 8-byte
// tracemalloc blocks whose sizes past 32 bits are kept aside
// (memory/tracemalloc_model.h). The programs' behaviour with these layouts is
// checked against CPython by tests/sim/containers/dict_small_tables.py.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "sim/memory/tracemalloc_model.h"
#include "sim/objects/dict_index.h"
#include "sim/objects/object.h"
#include "sim/objects/slot_vec.h"
#include "sim/vm/vm.h"
#include "probe_objects.h"

using namespace pitfall::sim;

using namespace pitfall::sim::test;

TEST_CASE("dicts and instances keep their host sizes", "[objects][footprint]") {
  if constexpr (sizeof(void*) == 8) {
    CHECK(sizeof(DictIndex) == 16);
    CHECK(sizeof(DictObj) == 96);
    CHECK(sizeof(InstanceObj) == 48);
  }
}

TEST_CASE("DictIndex keeps small tables inline and large ones in a block", "[objects][footprint]") {
  DictIndex a;
  CHECK(a.empty());
  a.assign(8, -1);
  CHECK(a.size() == 8);
  for (std::size_t j = 0; j < 8; ++j) CHECK(a[j] == -1);
  a.set(3, 4);
  a.set(5, -2);
  a.set(7, 127);
  CHECK(a[3] == 4);
  CHECK(a[5] == -2);
  CHECK(a[7] == 127);
  DictIndex b = a;
  CHECK(b == a);
  b.set(0, 1);
  CHECK(!(b == a));

  DictIndex big;
  big.assign(64, -1);
  big.set(63, 40000);
  big.set(0, -2);
  CHECK(big.size() == 64);
  CHECK(big[63] == 40000);
  CHECK(big[0] == -2);
  CHECK(big[1] == -1);
  DictIndex copy = big;
  CHECK(copy == big);
  DictIndex moved = std::move(copy);
  CHECK(copy.empty());
  CHECK(moved[63] == 40000);
  moved = a;  // big -> small
  CHECK(moved == a);
  a = std::move(big);  // small <- big
  CHECK(a.size() == 64);
  CHECK(a[63] == 40000);
  a.clear();
  CHECK(a.empty());
}

TEST_CASE("SlotVec grows, copies and releases its values first to last", "[objects][footprint]") {
  HeapScope scope;
  std::vector<int> log;
  {
    SlotVecOf<Ref> s;
    CHECK(s.empty());
    CHECK(s.begin() == s.end());
    s.resize(3);
    CHECK(s.size() == 3);
    CHECK(!s[0]);
    s[0] = probe(log, 1);
    s[2] = probe(log, 3);
    s.resize(5);  // keeps the values
    CHECK(id_of(s[0]) == 1);
    CHECK(id_of(s[2]) == 3);
    CHECK(!s[4]);
    s.push_back(probe(log, 6));
    CHECK(s.size() == 6);
    SlotVecOf<Ref> c = s;
    CHECK(c.size() == 6);
    CHECK(c[5].get() == s[5].get());
    std::vector<Ref> v = c;
    CHECK(v.size() == 6);
    c = std::vector<Ref>{};
    CHECK(c.empty());
    v.clear();
    CHECK(log.empty());
    s.resize(1);  // drops 3 and 6
    CHECK(log == std::vector<int>{3, 6});
    SlotVecOf<Ref> t;
    t.resize(1);
    t.swap(s);
    CHECK(!s[0]);
    CHECK(id_of(t[0]) == 1);
  }
  CHECK(log == std::vector<int>{3, 6, 1});
}

TEST_CASE("tracemalloc blocks past 4 GiB keep their exact size", "[memory][tracemalloc][footprint]") {
  memory::TracemallocModel m;
  const std::int64_t big = (std::int64_t{5} << 30) + 7;
  const auto a = m.alloc(100, "prog.py", 1);
  const auto b = m.alloc(big, "prog.py", 2);
  CHECK(m.size_of(b) == big);
  CHECK(m.current() == big + 100);
  m.realloc(b, 10, "prog.py", 3);
  CHECK(m.size_of(b) == 10);
  CHECK(m.current() == 110);
  CHECK(m.peak() == big + 100);
  m.start();
  m.realloc(b, big * 2, "prog.py", 3);
  CHECK(m.size_of(b) == big * 2);
  CHECK(m.traced_current() == big * 2);
  const auto st = m.snapshot_statistics();
  REQUIRE(st.size() == 1);
  CHECK(st[0].size == big * 2);
  CHECK(st[0].line == 3);
  m.free(b);
  CHECK(m.size_of(b) == 0);
  CHECK(m.current() == 100);
  CHECK(m.traced_current() == 0);
  const auto c = m.alloc(std::int64_t{0xFFFFFFFF}, "prog.py", 4);  // the first size kept aside
  CHECK(c == b);  // ids are reused
  CHECK(m.size_of(c) == std::int64_t{0xFFFFFFFF});
  m.free(c);
  m.free(a);
  CHECK(m.current() == 0);
  CHECK(m.allocated_per_line().at("prog.py:3") == big * 2 - 10);
}
