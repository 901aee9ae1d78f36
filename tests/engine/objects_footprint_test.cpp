// The host layout of simulated objects (object.h): the 32-byte header, the
// heap's object table that frees what reference counting could not, heap ids,
// and InlineVec (tuple items): element order, aliasing and the order in which
// items are released (it decides the order objects are freed in, so the
// memory layer's samples).
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "sim/objects/inline_vec.h"
#include "sim/objects/object.h"
#include "sim/vm/vm.h"
#include "probe_objects.h"

using namespace pitfall::sim;

using namespace pitfall::sim::test;

TEST_CASE("object header and common objects keep their host sizes", "[objects][footprint]") {
  if constexpr (sizeof(void*) == 8) {
    CHECK(sizeof(Obj) == 32);
    CHECK(sizeof(IntObj) == 40);
    CHECK(sizeof(FloatObj) == 40);
    CHECK(sizeof(StrObj) == 80);
    CHECK(sizeof(TupleObj) == 64);
  }
}

TEST_CASE("StrObj's packed code-point length keeps -1 and large values", "[objects][footprint]") {
  HeapScope scope(nullptr);
  Ref s = make<StrObj>(nullptr, std::string("abc"));
  auto* so = s.as<StrObj>();
  CHECK(so->cp_len == -1);
  CHECK(!so->interned);
  so->cp_len = (std::int64_t{1} << 40) + 3;
  so->interned = true;
  CHECK(so->cp_len == (std::int64_t{1} << 40) + 3);
  CHECK(so->interned);
  so->cp_len = -1;
  CHECK(so->cp_len == -1);
  CHECK(so->interned);
}

TEST_CASE("a heap frees the objects left at its end, each once, and its id is reused", "[objects][footprint]") {
  std::vector<int> log;
  std::uint16_t first_id = 0;
  {
    ObjHeap heap;
    first_id = heap.id;
    REQUIRE(heap.id != 0);
    CHECK(g_obj_heaps[heap.id] == &heap);
    HeapScope scope(&heap);
    std::vector<Ref> keep;
    for (int i = 0; i < 10000; ++i) keep.push_back(probe(log, i));
    CHECK(heap.size() == 10000);
    for (const Ref& r : keep) CHECK(r->heap() == &heap);
    // free every third one by reference counting: the table moves its last
    // entries into the holes
    for (std::size_t i = 0; i < keep.size(); i += 3) keep[i].reset();
    CHECK(heap.size() == 10000 - 3334);
    CHECK(log.size() == 3334);
    // the rest "leak" (as a cycle would): released without counting
    for (Ref& r : keep) r.release();
    {
      ObjHeap other;  // a second heap alive at the same time has its own id
      CHECK(other.id != heap.id);
      CHECK(other.id != 0);
    }
  }
  // every object destroyed exactly once
  std::vector<int> sorted = log;
  std::sort(sorted.begin(), sorted.end());
  REQUIRE(sorted.size() == 10000);
  for (int i = 0; i < 10000; ++i) CHECK(sorted[std::size_t(i)] == i);
  CHECK(g_obj_heaps[first_id] == nullptr);
  ObjHeap again;
  CHECK(again.id != 0);
}

TEST_CASE("objects made with no heap are not tracked", "[objects][footprint]") {
  std::vector<int> log;
  HeapScope scope(nullptr);
  Ref r = probe(log, 7);
  CHECK(r->heap_id == 0);
  CHECK(r->heap() == nullptr);
  CHECK(r->mem_hooks() == nullptr);
  r.reset();
  CHECK(log == std::vector<int>{7});
}

TEST_CASE("InlineVec keeps std::vector's element order and release order", "[objects][footprint]") {
  std::vector<int> log;
  HeapScope scope(nullptr);
  for (int n : {0, 1, 2, 3, 5, 17}) {
    log.clear();
    {
      InlineVec<Ref, 2> v;
      for (int i = 0; i < n; ++i) v.push_back(probe(log, i));
      REQUIRE(v.size() == std::size_t(n));
      for (int i = 0; i < n; ++i) CHECK(id_of(v[std::size_t(i)]) == i);
      // copies share the objects (counts move, nothing is freed)
      InlineVec<Ref, 2> c = v;
      for (const Ref& r : c) CHECK(r->rc == 2);
      c = InlineVec<Ref, 2>();
      for (const Ref& r : v) CHECK(r->rc == 1);
      // a move keeps the items and empties the source
      InlineVec<Ref, 2> m = std::move(v);
      CHECK(v.empty());  // NOLINT: moved-from is empty by design
      CHECK(m.size() == std::size_t(n));
      for (int i = 0; i < n; ++i) CHECK(id_of(m[std::size_t(i)]) == i);
      // into a std::vector and back
      std::vector<Ref> sv = m;
      CHECK(sv.size() == std::size_t(n));
      InlineVec<Ref, 2> back;
      back = std::move(sv);
      CHECK(back.size() == std::size_t(n));
      CHECK(log.empty());
      back = InlineVec<Ref, 2>();  // drops the extra references
      CHECK(log.empty());
    }
    // freed first to last, as std::vector's destructor does
    std::vector<int> want;
    for (int i = 0; i < n; ++i) want.push_back(i);
    CHECK(log == want);
  }
}

TEST_CASE("InlineVec: push_back of its own item, resize, swap, erase and insert", "[objects][footprint]") {
  std::vector<int> log;
  HeapScope scope(nullptr);
  InlineVec<Ref, 2> v;
  v.push_back(probe(log, 0));
  v.push_back(probe(log, 1));
  v.push_back(v[0]);  // grows out of the inline room while reading an item
  v.push_back(v[2]);
  REQUIRE(v.size() == 4);
  CHECK(id_of(v[2]) == 0);
  CHECK(id_of(v[3]) == 0);
  CHECK(v[0]->rc == 3);
  v.resize(2);
  CHECK(v[0]->rc == 1);
  CHECK(log.empty());
  v.resize(4);
  CHECK(!v[2]);
  CHECK(!v[3]);
  InlineVec<Ref, 2> w;
  w.push_back(probe(log, 5));
  v.swap(w);
  CHECK(v.size() == 1);
  CHECK(w.size() == 4);
  CHECK(id_of(v[0]) == 5);
  w.erase(w.begin() + 2, w.end());
  w.insert(w.begin() + 1, v[0]);
  REQUIRE(w.size() == 3);
  CHECK(id_of(w[0]) == 0);
  CHECK(id_of(w[1]) == 5);
  CHECK(id_of(w[2]) == 1);
  v.clear();
  w.pop_back();
  CHECK(log == std::vector<int>{1});
  w.clear();
  CHECK(log == (std::vector<int>{1, 0, 5}));
}
