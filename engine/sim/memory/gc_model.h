// The cyclic garbage collector: generations, thresholds and counters, when a
// collection triggers, and the collection itself run over an abstract heap
// (GcHeap) that the VM implements on its objects. Also what the `gc` module
// shows: collect(), get_count(), thresholds, enable/disable, freeze, get_stats
// and callbacks, plus the report's gc section and the virtual time of pauses.
//
// Notes about the model: follows Modules/gcmodule.c (3.10-3.12) and
// Python/gc.c (3.13): three generations with thresholds (700,10,10) up to
// 3.12 and (2000,10,10) in 3.13; generations[0].count rises on every
// allocation of a GC-capable object that does not come from a free list
// (_PyObject_GC_Link) and falls, floored at 0, on every PyObject_GC_Del; a
// collection runs inside the allocation that crosses the threshold up to 3.11
// and at the next eval-breaker check from 3.12 (_Py_ScheduleGC). The oldest
// generation over its threshold is collected (gc_collect_generations), a full
// collection only when long_lived_pending > long_lived_total / 4. A
// collection runs the real algorithm: update_refs, subtract_refs, reachability
// from externally referenced objects (move_unreachable), tuple untracking,
// legacy (tp_del) finalizers to gc.garbage, weakref clearing and callbacks,
// PEP 442 finalizers called once per object, resurrection check
// (handle_resurrected_objects), then tp_clear on what is still unreachable.
// The free lists of list, dict and tuple (Objects/*object.c, 80/80/2000 per
// size) are modelled because an object taken from or returned to a free list
// does not move the gen0 count; a full collection empties them
// (_PyGC_ClearAllFreeLists). A fresh interpreter has run no full collection
// when a program starts (long_lived_total 0, set_interpreter_start), so the
// first one comes when generations[2].count passes its threshold.
// 3.14.0-3.14.4 run the incremental collector of Python/gc.c (the design that
// shipped in 3.14.0; 3.14.5 went back to 3.13's generational one, gh-142516):
// a young generation and two old spaces, "visited" and "pending"; see
// gc_incremental.cpp for the model.
// Left out: dict untracking (dicts of atomic values stay tracked), the
// free-threaded collector, gc.garbage debugging flags.
#pragma once
#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/memory/id_map.h"
#include "sim/memory/visitor.h"

namespace pitfall::report {
struct Report;
}
namespace pitfall::sim::costs {
class CostTable;
}

namespace pitfall::sim::memory {

// The VM's identity of an object: a small dense number (the VM uses its
// memory-layer record slot), reused once the object is gone. The collector
// keeps its per-object state in a table indexed by it.
using GcId = std::uint64_t;
// What traverse and the root walks call for each object reached (visitor.h).
using GcVisit = Visitor<void(GcId)>;

// The object graph as the collector sees it. Implemented by the VM; every
// call must be safe for any id the VM has tracked and not yet deallocated.
class GcHeap {
 public:
  virtual ~GcHeap() = default;
  // Current reference count (ob_refcnt).
  virtual std::int64_t refcount(GcId) = 0;
  // tp_traverse: call visit for every object this one references directly.
  virtual void traverse(GcId, GcVisit visit) = 0;
  // Has a tp_finalize (__del__ on a Python class, generators' close...).
  virtual bool has_finalizer(GcId) { return false; }
  // Has a legacy tp_del: the cycle is uncollectable and goes to gc.garbage.
  virtual bool has_legacy_finalizer(GcId) { return false; }
  // Run the finalizer (__del__). It may create new references (resurrection).
  virtual void finalize(GcId) {}
  // tp_clear: drop the references this object holds. Deallocations that follow
  // must be reported to GcModel::on_dealloc before clear returns.
  virtual void clear(GcId) = 0;
  // handle_weakrefs (Modules/gcmodule.c): clear the weak references to every
  // object of `unreachable` and those that are unreachable themselves, then
  // run the callbacks of the cleared ones that are not (is_unreachable tells).
  // Returns how many weak references running the callbacks freed; CPython
  // counts them as collected.
  virtual std::int64_t handle_weakrefs(const std::vector<GcId>& unreachable,
                                       const std::function<bool(GcId)>& is_unreachable) {
    (void)unreachable;
    (void)is_unreachable;
    return 0;
  }
  // Did the last handle_weakrefs() run program code or change a reference
  // (clear a weak reference, run a callback)? While false and no finalizer
  // ran, the unreachable objects stay as they were and the collector skips
  // recomputing their reachability (host speed only). True by default.
  virtual bool weakrefs_changed_anything() const { return true; }
  // _PyTuple_MaybeUntrack: true for a tuple whose items can't form cycles.
  virtual bool untrackable(GcId) { return false; }
  // The incremental collector (3.14.0-3.14.4) marks what the interpreter's
  // roots reach before it collects anything (mark_global_roots: sys, builtins,
  // the modules) and what the threads' frames reach (mark_stacks: f_locals,
  // the function, locals and value stack). Visit the tracked objects they
  // reference directly; the collector follows traverse from there.
  virtual void global_roots(GcVisit visit) { (void)visit; }
  virtual void stack_roots(GcVisit visit) { (void)visit; }
  // Append to gc.garbage (objects kept because of legacy finalizers).
  virtual void add_to_garbage(GcId) {}
};

enum class FreeList : std::uint8_t { None, List, Dict, Tuple };

// Costs of a pause, ns; take them from the cost table (params gc.*).
struct GcCosts {
  double young_per_object_ns = 15;  // per object examined in a gen0/gen1 collection
  double full_per_object_ns = 85;   // per object examined in a full collection
  double free_per_object_ns = 140;  // per unreachable object freed
  // per interpreter object (modules' functions, classes, dicts) a full
  // collection traverses; < 0: the same as full_per_object_ns
  double interpreter_per_object_ns = -1;
  // per object the incremental collector marks (3.14: mark_global_roots,
  // mark_stacks, expand_region_transitively_reachable): one traversal and a
  // list move, one of the three passes a full collection makes over an
  // object; < 0: full_per_object_ns / 3 (interpreter objects: their own / 3)
  double mark_per_object_ns = -1;
};

// gc.young_per_object_ns, gc.full_per_object_ns, gc.free_per_object_ns of a
// cost table (engine/sim/costs/README.md); defaults for missing keys.
GcCosts gc_costs_from(const costs::CostTable& table);

struct GcGenerationStats {
  std::int64_t collections = 0, collected = 0, uncollectable = 0;
};

struct GcEventRecord {
  double t_s = 0;
  int generation = 0;
  double ms = 0;
  std::int64_t collected = 0;
};

// Result of one collection.
struct GcResult {
  int generation = 0;
  std::int64_t collected = 0, uncollectable = 0;
  std::int64_t examined = 0;
  double pause_ns = 0;
  bool ran = false;
};

struct GcCallbackInfo {
  int generation = 0;
  std::int64_t collected = 0, uncollectable = 0;
};
// phase is "start" or "stop", as gc.callbacks receive it.
using GcCallback = std::function<void(const std::string& phase, const GcCallbackInfo&)>;

class GcModel {
 public:
  // minor: 3.x version; patch matters for 3.14 (incremental up to 3.14.4).
  explicit GcModel(int minor, int patch = 0, GcCosts costs = {});

  // ---- allocation and deallocation (driven by the VM) ----
  // A GC-capable object is being allocated. Returns true when, up to 3.11,
  // the VM must run collect_generations() now (before the object is
  // tracked); from 3.12 a crossing only schedules a collection (pending()).
  bool on_alloc(FreeList fl = FreeList::None, int tuple_size = 0);
  void track(GcId);    // PyObject_GC_Track: joins the youngest generation
  void untrack(GcId);  // PyObject_GC_UnTrack
  bool is_tracked(GcId id) const { return entries_.contains(id); }  // (inline: traverse asks it per instance)
  // The object is deallocated (refcount reached zero or cleared by the GC);
  // untracks it, returns it to a free list or lowers the gen0 count. `held`:
  // it is freed while objects made before it in the same instruction are not
  // allocated here yet (the VM's memory layer allocates them at the
  // instruction's end); CPython allocated those first, so the free-list entry
  // this object makes is held back from them until release_held(), called
  // once they are allocated. Held entries count against each list's capacity.
  void on_dealloc(GcId, FreeList fl = FreeList::None, int tuple_size = 0, bool held = false);
  void release_held();
  bool has_held() const { return held_any_; }

  // ---- collections ----
  // From 3.12: a collection was scheduled; the VM runs collect_generations at
  // its next eval-breaker check.
  bool pending() const { return pending_; }
  // gc_collect_generations: collects the oldest generation over its threshold.
  GcResult collect_generations(GcHeap& heap, double now_s);
  // gc.collect(generation): returns collected + uncollectable.
  GcResult collect(GcHeap& heap, int generation, double now_s);

  // Objects of the interpreter itself (modules, classes, functions of the
  // standard library) that CPython tracks from start-up but the VM does not
  // model one by one: they count as long-lived (long_lived_total, which gates
  // full collections) and are examined by every full collection.
  void set_baseline_objects(std::int64_t n);
  // An import added n interpreter objects (interpreter_objects.h): examined
  // by every later full collection, and promoted to the oldest generation by
  // the young collections of the import (long_lived_pending).
  void add_interpreter_objects(std::int64_t n);
  // The collector's state when a fresh interpreter reaches the program's
  // first line: generations[i].count, and no full collection yet
  // (long_lived_total 0) with long_lived_pending objects already promoted to
  // the oldest generation. The first automatic full collection then happens
  // as soon as generations[2].count passes its threshold.
  void set_interpreter_start(const std::vector<std::int64_t>& count, std::int64_t long_lived_pending);
  // 3.14 incremental: the start-up ran `increments` automatic collections
  // while its baseline objects accumulated (gc_incremental.cpp); then
  // young.count is `young_count`.
  void replay_startup_increments(int increments, std::int64_t young_count);
  // Free-list entries at the start: [lists, dicts, 1-tuples, 2-tuples, ...]
  // (what sys._debugmallocstats() prints); the first allocations of those
  // kinds reuse them and do not move generation 0's count.
  void set_free_lists(const std::vector<std::int64_t>& free);

  // ---- the gc module ----
  std::vector<std::int64_t> get_count() const;
  std::vector<std::int64_t> get_threshold() const;
  void set_threshold(const std::vector<std::int64_t>& t);
  void enable() { enabled_ = true; }
  void disable() { enabled_ = false; }
  bool isenabled() const { return enabled_; }
  void freeze();
  void unfreeze();
  std::int64_t get_freeze_count() const { return permanent_size_; }
  const std::vector<GcGenerationStats>& get_stats() const { return stats_; }
  // Collections run since the model was made (any generation).
  std::int64_t collections_run() const { return collections_run_; }
  void add_callback(GcCallback cb) { callbacks_.push_back(std::move(cb)); }
  bool has_callbacks() const { return !callbacks_.empty(); }
  // gc.get_objects(generation): tracked objects, youngest generation first
  // (generation < 0: all three, not the permanent generation).
  std::vector<GcId> tracked_objects(int generation);
  int generations() const { return ngen_; }
  bool incremental() const { return incremental_; }
  bool collecting() const { return collecting_; }

  // ---- report ----
  const std::vector<GcEventRecord>& events() const { return events_; }
  std::int64_t collected_total() const { return collected_total_; }
  std::int64_t tracked_count() const;
  // gc.collections per generation, gc.collected, gc.events.
  void fill(report::Report& r) const;

 private:
  // 16 bytes (one per record slot of the memory layer, tracked or not)
  struct Entry {
    std::int8_t gen = 0;     // 0..ngen-1, kPermanent, or kCollecting
    bool finalized = false;  // _PyGC_FINALIZED (PEP 442)
    bool live = false;       // tracked
    bool reachable = false;  // reachability pass `mark` (see run)
    std::uint32_t stamp = 0;
    std::uint32_t mark = 0;  // the reachability pass this object takes part in
    // the reference count less the references from the set: host counts are
    // 32-bit (object.h), GcHeap::refcount is clamped into range
    std::int32_t gc_refs = 0;
  };
  static_assert(sizeof(Entry) == 16);
  // Entries by id (GcId is dense): tracking, untracking and every lookup of a
  // collection are an index, not a hash probe. Stored in fixed-size chunks, so
  // growing never copies the table.
  class Entries {
   public:
    Entry* find(GcId id) {
      if (id >= cap()) return nullptr;
      Entry& e = at(id);
      return e.live ? &e : nullptr;
    }
    const Entry* find(GcId id) const { return const_cast<Entries*>(this)->find(id); }
    bool contains(GcId id) const { return find(id) != nullptr; }
    std::pair<Entry*, bool> try_emplace(GcId id) {
      if (id >= cap()) [[unlikely]] grow_to(id);
      Entry& e = at(id);
      if (e.live) return {&e, false};
      e = Entry{};
      e.live = true;
      ++size_;
      return {&e, true};
    }
    Entry& operator[](GcId id) {
      if (id < cap()) {  // (host speed: a tracked object's entry without try_emplace's call)
        Entry& e = at(id);
        if (e.live) return e;
      }
      return *try_emplace(id).first;
    }
    void erase(GcId id) {
      if (Entry* e = find(id)) { e->live = false; --size_; }
    }
    std::size_t size() const { return size_; }

   private:
    static constexpr int kChunkBits = 12;
    static constexpr std::size_t kChunk = std::size_t{1} << kChunkBits;
    std::uint64_t cap() const { return std::uint64_t(chunks_.size()) << kChunkBits; }
    // chunks up to the one of `id` (out of line: try_emplace stays small enough to inline)
    [[gnu::noinline]] void grow_to(GcId id) {
      while (id >= cap()) chunks_.emplace_back(new Entry[kChunk]);
    }
    Entry& at(GcId id) { return chunks_[std::size_t(id >> kChunkBits)][std::size_t(id & (kChunk - 1))]; }
    std::vector<std::unique_ptr<Entry[]>> chunks_;
    std::size_t size_ = 0;
  };
  // an entry of a generation's list; ids are record slots (the memory
  // layer's 32-bit Obj::mem_slot; Entries is a dense table by id, so an id
  // never reaches 2^32: track() ignores one that would)
  struct Slot { std::uint32_t id; std::uint32_t stamp; };
  static constexpr int kPermanent = 8, kCollecting = 9;
  static constexpr std::size_t kMaxEvents = 5000;  // later collections only count in the stats

  void move_to(GcId id, Entry& e, int gen);
  std::vector<GcId> members(int gen);  // live ids in list order; compacts
  GcResult run(GcHeap& heap, int generation, double now_s, bool from_gc_collect);
  // gc_collect_region: collects the unreachable objects of `set` (reachable
  // ones and resurrected ones go to `survivors_gen`); fills collected and
  // uncollectable of `res`.
  // Returns how many objects were found reachable in the first pass (and
  // stay tracked).
  std::int64_t collect_region(GcHeap& heap, const std::vector<GcId>& set, int survivors_gen, GcResult& res);
  int select_generation() const;
  // records a finished collection: stats, event, pause on the clock, callbacks
  void finish(GcResult& res, int generation, double now_s, double pause_ns);

  // ---- 3.14.0-3.14.4: the incremental collector (gc_incremental.cpp) ----
  // lists_[0] is the young generation, lists_[1 + s] old space s.
  int visited_list() const { return 1 + visited_space_; }
  int pending_list() const { return 1 + (visited_space_ ^ 1); }
  bool not_visited(const Entry& e) const { return e.gen == 0 || e.gen == pending_list(); }
  GcResult incremental_collect(GcHeap& heap, int generation, double now_s);
  void collect_young(GcHeap& heap, GcResult& res);      // gc_collect_young
  void collect_increment(GcHeap& heap, GcResult& res);  // gc_collect_increment
  void collect_full(GcHeap& heap, GcResult& res);       // gc_collect_full
  std::int64_t assess_work_to_do();
  std::int64_t mark_at_start(GcHeap& heap);
  std::int64_t mark_stacks(GcHeap& heap);
  std::int64_t mark_reachable_from(GcHeap& heap, std::vector<GcId>& stack);  // mark_all_reachable
  void completed_scavenge();
  void untrack_young_tuples(GcHeap& heap);

  int minor_, ngen_;
  bool incremental_ = false;
  GcCosts costs_;
  bool enabled_ = true, collecting_ = false, pending_ = false;
  std::vector<std::int64_t> threshold_, count_;
  std::vector<std::vector<Slot>> lists_;  // per generation, + permanent at [ngen_]
  std::vector<std::int64_t> sizes_;       // live members per list
  std::int64_t permanent_size_ = 0;
  Entries entries_;
  std::uint32_t next_mark_ = 0;
  std::uint32_t next_stamp_ = 1;
  std::int64_t long_lived_total_ = 0, long_lived_pending_ = 0, baseline_ = 0;
  std::vector<GcGenerationStats> stats_;
  std::int64_t collections_run_ = 0;
  std::vector<GcCallback> callbacks_;
  std::vector<GcEventRecord> events_;
  std::int64_t collected_total_ = 0;
  // free lists: entries available per kind (tuples per size 1..19)
  std::int64_t free_lists_ = 0, free_dicts_ = 0;
  std::vector<std::int64_t> free_tuples_;
  // entries held back (on_dealloc's `held`), per kind
  std::int64_t held_lists_ = 0, held_dicts_ = 0;
  std::vector<std::int64_t> held_tuples_;
  bool held_any_ = false;
  void clear_free_lists();  // _PyGC_ClearAllFreeLists: the held entries too
  // 3.14 incremental state (pycore_gc.h struct _gc_runtime_state)
  bool count_on_track_ = false;   // 3.14.1+: young.count counts tracked objects (gh-139951)
  int visited_space_ = 0;         // which old space is the visited one
  std::int64_t old_count_[2] = {0, 0};  // old[0].count, old[1].count
  std::int64_t heap_size_ = 0;    // GC objects alive (interpreter's included)
  std::int64_t work_to_do_ = -5000;  // _PyInterpreterState_INIT
  bool mark_phase_ = true;        // GC_PHASE_MARK: the next increment only marks
  bool baseline_visited_ = false; // the interpreter's objects are in the visited space
  std::int64_t marked_ = 0, interp_marked_ = 0;  // of the collection running (its pause)
};

}  // namespace pitfall::sim::memory
