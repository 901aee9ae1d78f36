// 3.14.0's incremental collector (engine/sim/memory/gc_incremental.cpp) over
// a small synthetic heap. No 3.14 interpreter is installed here, so every
// expectation is worked out from Python/gc.c of the 3.14 branch, with the
// reasoning next to it: _PyInterpreterState_INIT (work_to_do = -5000,
// thresholds 2000/10/0, phase MARK), assess_work_to_do, gc_collect_increment,
// mark_at_start, completed_scavenge, gc_collect_young, gc_collect_full.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "sim/memory/gc_model.h"

using namespace pitfall::sim::memory;

namespace {

// Objects with exact reference counts; `roots` stands for what sys.modules
// reaches (the program's globals), `frame` for the running frame's locals.
class Heap : public GcHeap {
 public:
  struct Obj {
    std::int64_t rc = 0;
    std::vector<GcId> refs;
    bool alive = false;
  };
  explicit Heap(int minor, int patch = 0) : gc(minor, patch) { objs.push_back({}); }

  GcId alloc() {
    gc.on_alloc();
    objs.push_back({});
    const GcId id = objs.size() - 1;
    objs[id].rc = 1;
    objs[id].alive = true;
    gc.track(id);
    return id;
  }
  void eval_breaker() {
    if (gc.pending()) pauses.push_back(gc.collect_generations(*this, 0).pause_ns);
  }
  void link(GcId owner, GcId target) {
    objs[target].rc++;
    objs[owner].refs.push_back(target);
  }
  void decref(GcId id) {
    if (--objs[id].rc > 0) return;
    Obj& o = objs[id];
    o.alive = false;
    std::vector<GcId> refs;
    refs.swap(o.refs);
    gc.on_dealloc(id);
    for (GcId r : refs) decref(r);
  }

  std::int64_t refcount(GcId id) override { return objs[id].rc; }
  void traverse(GcId id, GcVisit visit) override {
    for (GcId r : objs[id].refs) visit(r);
  }
  void clear(GcId id) override {
    std::vector<GcId> refs;
    refs.swap(objs[id].refs);
    objs[id].rc++;
    for (GcId r : refs) decref(r);
    decref(id);
  }
  void global_roots(GcVisit visit) override {
    for (GcId r : roots) visit(r);
  }
  void stack_roots(GcVisit visit) override {
    for (GcId r : frame) visit(r);
  }

  GcModel gc;
  std::vector<Obj> objs;
  std::vector<GcId> roots, frame;
  std::vector<double> pauses;
};

// `a` and `b` hold the newest pair (the caller's references), as in
//   for i in range(n): a = Node(); b = Node(); a.other = b; b.other = a
void make_pairs(Heap& h, int n, GcId& a, GcId& b) {
  for (int i = 0; i < n; ++i) {
    const GcId na = h.alloc();
    if (a) h.decref(a);
    a = na;
    const GcId nb = h.alloc();
    if (b) h.decref(b);
    b = nb;
    h.link(a, b);
    h.link(b, a);
    h.eval_breaker();
  }
}

std::int64_t g_peak13 = 0;
double g_pause13 = 0;

std::int64_t collections(const GcModel& gc, int g) { return gc.get_stats()[std::size_t(g)].collections; }
std::int64_t collected(const GcModel& gc, int g) { return gc.get_stats()[std::size_t(g)].collected; }

}  // namespace

TEST_CASE("3.14 gc module figures: thresholds and counts", "[memory][gc][gc314]") {
  // gc_get_threshold_impl returns (young.threshold, old[0].threshold, 0);
  // set_threshold sets what it is given, the third value is never shown.
  GcModel gc(14);
  CHECK(gc.incremental());
  CHECK(gc.get_threshold() == std::vector<std::int64_t>{2000, 10, 0});
  gc.set_threshold({500, 20, 7});
  CHECK(gc.get_threshold() == std::vector<std::int64_t>{500, 20, 0});
  // 3.14.5 went back to 3.13's generational collector (gh-142516).
  CHECK_FALSE(GcModel(14, 5).incremental());
  CHECK(GcModel(14, 5).get_threshold() == std::vector<std::int64_t>{2000, 10, 10});

  Heap h(14);
  GcId a = 0, b = 0;
  make_pairs(h, 10, a, b);
  // gc_get_count_impl: (young.count, old[visited].count, old[pending].count);
  // 3.14.0 counts GC allocations (_PyObject_GC_Link) like 3.13.
  CHECK(h.gc.get_count() == std::vector<std::int64_t>{20, 0, 0});
  // gc.collect(0) is gc_collect_young: young.count = 0, old[visited].count += 1
  h.gc.collect(h, 0, 0);
  CHECK(h.gc.get_count() == std::vector<std::int64_t>{0, 1, 0});
  CHECK(collections(h.gc, 0) == 1);
  // the 9 older pairs were garbage: 18 objects; the newest pair is held
  CHECK(collected(h.gc, 0) == 18);
  // gc.get_objects(1) is always empty; 0 the young, 2 both old spaces
  CHECK(h.gc.tracked_objects(1).empty());
  CHECK(h.gc.tracked_objects(0).empty());
  CHECK(h.gc.tracked_objects(2).size() == 2);
  // gc.collect(2) is gc_collect_full: every count back to 0
  make_pairs(h, 3, a, b);
  h.gc.collect(h, 2, 0);
  CHECK(h.gc.get_count() == std::vector<std::int64_t>{0, 0, 0});
  CHECK(collections(h.gc, 2) == 1);
  CHECK(collected(h.gc, 2) == 6);  // the pair kept by collect(0) and two of the three new ones
}

TEST_CASE("3.14 increments on a cycle-making loop: the schedule worked out from gc.c", "[memory][gc][gc314]") {
  // 100 000 pairs, no other objects (heap_size = the pairs alive).
  // Each pair is 2 allocations; the allocation that makes young.count 2001
  // schedules an increment, run at the end of that iteration with
  // young.count = 2002: one increment per 1001 iterations, 99 in all.
  // assess_work_to_do = young.count + min(heap_size / 10 / 10, 2 * young.count):
  //   #1: heap 2002 -> -5000 + 2002 + 20 = -2978 < 0: nothing else
  //   #2: heap 4004 -> -2978 + 2042 = -936: nothing else
  //   #3: heap 6006 -> -936 + 2062 = 1126: phase MARK, mark_at_start marks
  //       nothing (no roots, no frames), phase COLLECT
  //   #4: heap 8008 -> 1126 + 2082 = 3208: the young 8008 objects form the
  //       increment (>= work_to_do, no pending object is needed): 8006
  //       collected, the newest pair survives to the visited space; the
  //       pending space is empty: completed_scavenge (swap, work_to_do 0,
  //       phase MARK)
  //   odd #5, #7, ...: heap 2 + 2002 -> 0 + 2022: MARK, no collection
  //   even #6, #8, ...: heap 2 + 4004 -> 2022 + 2042 = 4064: the young 4004
  //       objects, then the pending pair (garbage by now): 4006 < 4064 and
  //       the pending space is empty: 4004 collected, a new cycle begins
  // So #6..#98 collect 4004 each: 47 of them.
  Heap h(14);
  GcId a = 0, b = 0;
  make_pairs(h, 100'000, a, b);
  CHECK(collections(h.gc, 0) == 0);
  CHECK(collections(h.gc, 2) == 0);
  CHECK(collections(h.gc, 1) == 99);
  CHECK(collected(h.gc, 1) == 8006 + 47 * 4004);
  // After #98 (iteration 98 098) 2 objects stayed; 1902 iterations followed.
  CHECK(h.gc.tracked_count() == 2 + 2 * (100'000 - 98'098));

  // 3.13 on the same loop collects the young generation every 2001
  // allocations: at most ~2000 garbage objects wait, against up to 4006
  // (8008 at the start) for 3.14.0's increments.
  Heap g13(13);
  GcId c = 0, d = 0;
  std::int64_t peak13 = 0, peak14 = 0;
  Heap g14(14);
  GcId e = 0, f = 0;
  for (int i = 0; i < 20'000; ++i) {
    make_pairs(g13, 1, c, d);
    make_pairs(g14, 1, e, f);
    peak13 = std::max(peak13, g13.gc.tracked_count());
    if (i > 10'000) peak14 = std::max(peak14, g14.gc.tracked_count());
  }
  CHECK(peak13 <= 2002 + 2 * 10);  // + the surviving pairs waiting in generation 1
  // the iteration before a collecting increment: 4002 young + the pending pair
  CHECK(peak14 == 4002 + 2);
}

TEST_CASE("3.14 marking: after a mark, garbage waits until the young counts pay the mark back", "[memory][gc][gc314]") {
  // 50 000 objects held by a global list, built with the collector disabled
  // (young.count 50 001, nothing collected), then gc.collect(1):
  //   work_to_do = -5000 + 50 001 + min(50 001 / 100, 100 002) = 45 501 >= 0,
  //   phase MARK: the roots reach all 50 001 objects, counted twice:
  //   45 501 - 2 * 50 001 = -54 501.
  // Then the pair loop: increment #k comes with young.count 2002 and
  // heap_size 50 001 + 2002 k; work_to_do += 2002 + min(heap / 100, 4004):
  //   2522, 2542, ... (20 more each time): the sum reaches 54 501 at #21
  //   (57 162, work_to_do 2661). #1..#20 do nothing; #21 collects the young
  //   42 042 objects but the newest pair: 42 040.
  for (int minor : {13, 14}) {
    Heap h(minor);
    h.gc.disable();
    const GcId big = h.alloc();
    h.roots.push_back(big);
    for (int i = 0; i < 50'000; ++i) {
      const GcId x = h.alloc();
      h.link(big, x);
      h.decref(x);
    }
    h.gc.enable();
    if (minor == 14) {
      CHECK(h.gc.collect(h, 1, 0).collected == 0);
      GcId a = 0, b = 0;
      make_pairs(h, 20 * 1001, a, b);
      CHECK(collections(h.gc, 1) == 1 + 20);
      CHECK(collected(h.gc, 1) == 0);
      CHECK(h.gc.tracked_count() == 50'001 + 20 * 2002);
      make_pairs(h, 1001, a, b);
      CHECK(collections(h.gc, 1) == 22);
      CHECK(collected(h.gc, 1) == 42'040);
    }
    // 150 000 more pairs: the live objects are never collected, every pair is
    GcId a = 0, b = 0;
    h.pauses.clear();
    std::int64_t peak = 0;
    for (int i = 0; i < 150; ++i) {
      make_pairs(h, 1000, a, b);
      peak = std::max(peak, h.gc.tracked_count());
    }
    for (GcId id = 1; id <= 50'001; ++id) CHECK(h.objs[id].alive);
    const double max_pause = *std::max_element(h.pauses.begin(), h.pauses.end());
    if (minor == 13) {
      // 3.13: young collections every 2001 allocations; the first full
      // collection (long_lived_total 0 at the start) examines the 50 001
      // objects; garbage never waits for more than ~2000 allocations + the
      // pairs that reached generation 1.
      CHECK(peak < 50'001 + 2100);
      g_peak13 = peak;
      g_pause13 = max_pause;
    } else {
      // 3.14.0: after each mark (50 001+ objects, twice off work_to_do) the
      // increments idle while the young garbage piles up, so far more garbage
      // waits, and the increment that finally collects it frees tens of
      // thousands of objects in one pause: longer than 3.13's largest pause
      // here (its one full collection of the 50 001 live objects).
      CHECK(peak > g_peak13 + 40'000);
      CHECK(max_pause > g_pause13);
    }
  }
}

TEST_CASE("3.14 growing cache: no pause as long as 3.13's full collections", "[memory][gc][gc314]") {
  // Every object is kept (cache.append(Node())): 3.13 runs a full collection
  // each time the objects promoted since the last one pass a quarter of the
  // heap (long_lived_pending > long_lived_total / 4), each examining the
  // whole heap at full_per_object_ns. 3.14.0 marks the heap once per cycle
  // (a third of a full collection's passes per object), and its increments
  // examine young objects at young_per_object_ns.
  double max13 = 0, max14 = 0;
  for (int minor : {13, 14}) {
    Heap h(minor);
    const GcId cache = h.alloc();
    h.roots.push_back(cache);
    for (int i = 0; i < 600'000; ++i) {
      const GcId x = h.alloc();
      h.link(cache, x);
      h.decref(x);
      h.eval_breaker();
    }
    REQUIRE_FALSE(h.pauses.empty());
    (minor == 13 ? max13 : max14) = *std::max_element(h.pauses.begin(), h.pauses.end());
    if (minor == 13) CHECK(collections(h.gc, 2) == 2);  // at ~242 000 and ~484 000 allocations (11 x 11 x 2001)
    else CHECK(collections(h.gc, 2) == 0);
  }
  CHECK(max14 < max13);
}

TEST_CASE("3.14 frames: objects a frame holds survive the increment unexamined", "[memory][gc][gc314]") {
  // mark_stacks moves what the frames reach to the visited space before the
  // increment is formed; an unreachable cycle made meanwhile is collected.
  Heap h(14);
  const GcId local = h.alloc();
  h.frame.push_back(local);
  const GcId x = h.alloc(), y = h.alloc();
  h.link(x, y);
  h.link(y, x);
  h.decref(x);
  h.decref(y);
  // #1 (gc.collect(1)): work_to_do -5000 + 3 + 0 < 0: nothing
  CHECK(h.gc.collect(h, 1, 0).collected == 0);
  h.gc.set_threshold({2000, 10});
  // Enough young objects to pay back -5000 (kept alive by the frame list)
  const GcId keep = h.alloc();
  h.frame.push_back(keep);
  for (int i = 0; i < 6000; ++i) {
    const GcId z = h.alloc();
    h.link(keep, z);
    h.decref(z);
  }
  // #2: -4997 + 6002 + min(6005 / 100, 12004) = 1065: MARK: the frame
  // objects and what they reach (6003) move to visited; 1065 - 2 * 6003 < 0
  GcResult r = h.gc.collect(h, 1, 0);
  CHECK(r.collected == 0);
  // the cycle is still young (not reachable from a frame): 2 tracked young
  CHECK(h.gc.tracked_objects(0).size() == 2);
  // gc.collect(0) takes the young objects alone and finds the cycle
  CHECK(h.gc.collect(h, 0, 0).collected == 2);
  CHECK(h.objs[local].alive);
}

TEST_CASE("3.14.1-3.14.4 count tracked objects (gh-139951)", "[memory][gc][gc314]") {
  // _PyObject_GC_TRACK adds to young.count, _PyObject_GC_UNTRACK takes off.
  GcModel gc(14, 1);
  gc.on_alloc();
  CHECK(gc.get_count()[0] == 0);  // allocated, not tracked yet
  gc.track(1);
  CHECK(gc.get_count()[0] == 1);
  gc.untrack(1);
  CHECK(gc.get_count()[0] == 0);
  // 3.14.0: the allocation counts, the deallocation counts down
  GcModel gc0(14, 0);
  gc0.on_alloc();
  CHECK(gc0.get_count()[0] == 1);
  gc0.track(1);
  CHECK(gc0.get_count()[0] == 1);
  gc0.on_dealloc(1);
  CHECK(gc0.get_count()[0] == 0);
}
