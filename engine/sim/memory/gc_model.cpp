// The cyclic garbage collector (see gc_model.h for the notes about the model).
#include "sim/memory/gc_model.h"

#include <algorithm>
#include <limits>

namespace pitfall::sim::memory {

namespace {
constexpr std::int64_t kListFree = 80, kDictFree = 80, kTupleFree = 2000;
constexpr int kTupleFreeSizes = 20;  // sizes 1..19 have a free list
}  // namespace

GcModel::GcModel(int minor, int patch, GcCosts costs) : minor_(minor), costs_(costs) {
  incremental_ = minor == 14 && patch <= 4;
  count_on_track_ = incremental_ && patch >= 1;
  ngen_ = 3;
  if (minor <= 12) threshold_ = {700, 10, 10};
  else if (incremental_) threshold_ = {2000, 10, 0};
  else threshold_ = {2000, 10, 10};
  count_.assign(ngen_, 0);
  lists_.resize(ngen_ + 1);
  sizes_.assign(ngen_ + 1, 0);
  stats_.resize(ngen_);
  free_tuples_.assign(kTupleFreeSizes, 0);
  held_tuples_.assign(kTupleFreeSizes, 0);
}

// ---- allocation, tracking, deallocation --------------------------------------

bool GcModel::on_alloc(FreeList fl, int tuple_size) {
  if (fl == FreeList::List && free_lists_ > 0) { --free_lists_; return false; }
  if (fl == FreeList::Dict && free_dicts_ > 0) { --free_dicts_; return false; }
  if (fl == FreeList::Tuple && tuple_size > 0 && tuple_size < kTupleFreeSizes &&
      free_tuples_[tuple_size] > 0) {
    --free_tuples_[tuple_size];
    return false;
  }
  if (count_on_track_) return false;  // 3.14.1+: counted when tracked
  count_[0]++;
  heap_size_++;
  if (count_[0] > threshold_[0] && threshold_[0] && enabled_ && !collecting_) {
    if (minor_ <= 11) return true;  // collect inside this allocation
    pending_ = true;                // _Py_ScheduleGC: at the next eval-breaker check
  }
  return false;
}

void GcModel::track(GcId id) {
  if (id > std::numeric_limits<std::uint32_t>::max()) return;  // (see Slot)
  auto [e, inserted] = entries_.try_emplace(id);
  if (!inserted) return;
  e->gen = 0;
  e->stamp = next_stamp_++;
  lists_[0].push_back({std::uint32_t(id), e->stamp});
  sizes_[0]++;
  if (count_on_track_) {  // _PyObject_GC_TRACK (3.14.1+, gh-139951)
    count_[0]++;
    heap_size_++;
    if (count_[0] > threshold_[0] && threshold_[0] && enabled_ && !collecting_) pending_ = true;
  }
}

void GcModel::untrack(GcId id) {
  const Entry* e = entries_.find(id);
  if (!e) return;
  const int g = e->gen;
  if (g < ngen_) sizes_[g]--;
  else if (g == kPermanent) { sizes_[ngen_]--; permanent_size_--; }
  entries_.erase(id);
  if (count_on_track_) {  // _PyObject_GC_UNTRACK (3.14.1+)
    if (count_[0] > 0) count_[0]--;
    heap_size_--;
  }
}


void GcModel::on_dealloc(GcId id, FreeList fl, int tuple_size, bool held) {
  untrack(id);
  std::int64_t* free = nullptr;  // the free list's entries, then the held ones
  std::int64_t* hold = nullptr;
  std::int64_t capacity = 0;
  if (fl == FreeList::List) {
    free = &free_lists_, hold = &held_lists_, capacity = kListFree;
  } else if (fl == FreeList::Dict) {
    free = &free_dicts_, hold = &held_dicts_, capacity = kDictFree;
  } else if (fl == FreeList::Tuple && tuple_size > 0 && tuple_size < kTupleFreeSizes) {
    free = &free_tuples_[std::size_t(tuple_size)], hold = &held_tuples_[std::size_t(tuple_size)], capacity = kTupleFree;
  }
  if (free && *free + *hold < capacity) {
    if (held) {
      ++*hold;
      held_any_ = true;
    } else {
      ++*free;
    }
    return;
  }
  if (count_on_track_) return;  // counted down by untrack
  if (count_[0] > 0) count_[0]--;  // PyObject_GC_Del
  heap_size_--;
}

void GcModel::release_held() {
  if (!held_any_) return;
  free_lists_ += held_lists_;
  free_dicts_ += held_dicts_;
  for (std::size_t n = 0; n < held_tuples_.size(); ++n) free_tuples_[n] += held_tuples_[n];
  held_lists_ = held_dicts_ = 0;
  std::fill(held_tuples_.begin(), held_tuples_.end(), 0);
  held_any_ = false;
}

void GcModel::clear_free_lists() {
  free_lists_ = free_dicts_ = 0;
  std::fill(free_tuples_.begin(), free_tuples_.end(), 0);
  held_lists_ = held_dicts_ = 0;
  std::fill(held_tuples_.begin(), held_tuples_.end(), 0);
  held_any_ = false;
}

std::int64_t GcModel::tracked_count() const { return static_cast<std::int64_t>(entries_.size()); }

void GcModel::move_to(GcId id, Entry& e, int gen) {
  if (e.gen < ngen_) sizes_[e.gen]--;
  else if (e.gen == kPermanent) { sizes_[ngen_]--; permanent_size_--; }
  e.gen = gen;
  e.stamp = next_stamp_++;
  const int list = gen == kPermanent ? ngen_ : gen;
  lists_[list].push_back({std::uint32_t(id), e.stamp});
  sizes_[list]++;
  if (gen == kPermanent) permanent_size_++;
}

std::vector<GcId> GcModel::members(int gen) {
  const int list = gen == kPermanent ? ngen_ : gen;
  std::vector<Slot>& l = lists_[list];
  std::vector<GcId> out;
  // (the live members: what the loop keeps)
  out.reserve(std::min(l.size(), std::size_t(std::max<std::int64_t>(0, sizes_[std::size_t(list)]))));
  std::size_t w = 0;
  for (const Slot& s : l) {
    const Entry* e = entries_.find(s.id);
    if (!e || e->gen != gen || e->stamp != s.stamp) continue;
    l[w++] = s;
    out.push_back(s.id);
  }
  l.resize(w);
  return out;
}

void GcModel::set_baseline_objects(std::int64_t n) {
  n = std::max<std::int64_t>(0, n);
  long_lived_total_ += n - baseline_;
  baseline_ = n;
}

void GcModel::add_interpreter_objects(std::int64_t n) {
  if (n <= 0) return;
  baseline_ += n;
  long_lived_pending_ += n;
}

void GcModel::set_interpreter_start(const std::vector<std::int64_t>& count, std::int64_t long_lived_pending) {
  for (std::size_t i = 0; i < count.size() && i < count_.size(); ++i) count_[i] = std::max<std::int64_t>(0, count[i]);
  long_lived_total_ = 0;
  long_lived_pending_ = std::max<std::int64_t>(0, long_lived_pending);
}

void GcModel::set_free_lists(const std::vector<std::int64_t>& free) {
  auto at = [&](std::size_t i) { return i < free.size() ? std::max<std::int64_t>(0, free[i]) : 0; };
  free_lists_ = std::min(at(0), kListFree);
  free_dicts_ = std::min(at(1), kDictFree);
  for (int n = 1; n < kTupleFreeSizes; ++n) free_tuples_[std::size_t(n)] = std::min(at(std::size_t(n) + 1), kTupleFree);
}

// ---- the gc module --------------------------------------------------------

std::vector<std::int64_t> GcModel::get_count() const {
  // 3.14 gc_get_count_impl: young.count, old[visited].count, old[other].count
  if (incremental_) return {count_[0], old_count_[visited_space_], old_count_[visited_space_ ^ 1]};
  return count_;
}
std::vector<std::int64_t> GcModel::get_threshold() const {
  // 3.14 gc_get_threshold_impl: young.threshold, old[0].threshold, 0
  if (incremental_) return {threshold_[0], threshold_[1], 0};
  return threshold_;
}

void GcModel::set_threshold(const std::vector<std::int64_t>& t) {
  for (std::size_t i = 0; i < t.size() && i < threshold_.size(); ++i) threshold_[i] = t[i];
}

void GcModel::freeze() {
  for (int g = 0; g < ngen_; ++g)
    for (GcId id : members(g)) move_to(id, entries_[id], kPermanent);
  count_[0] = 0;
  old_count_[0] = old_count_[1] = 0;  // 3.14 _PyGC_Freeze
}

void GcModel::unfreeze() {
  // 3.14 _PyGC_Unfreeze: into the visited space
  const int to = incremental_ ? visited_list() : ngen_ - 1;
  for (GcId id : members(kPermanent)) move_to(id, entries_[id], to);
}

std::vector<GcId> GcModel::tracked_objects(int generation) {
  if (incremental_ && generation >= 1) {
    // 3.14 _PyGC_GetObjects: 1 gives no objects, 2 both old spaces
    if (generation == 1) return {};
    std::vector<GcId> out = members(1), m = members(2);
    out.insert(out.end(), m.begin(), m.end());
    return out;
  }
  if (generation >= 0) return members(std::min(generation, ngen_ - 1));
  std::vector<GcId> out;
  for (int g = 0; g < ngen_; ++g) {
    std::vector<GcId> m = members(g);
    out.insert(out.end(), m.begin(), m.end());
  }
  return out;
}

// ---- collections ------------------------------------------------------------

int GcModel::select_generation() const {
  if (incremental_) return 1;  // _Py_RunGC: an increment whenever one was scheduled
  for (int i = ngen_ - 1; i >= 0; --i) {
    if (count_[i] > threshold_[i]) {
      // Avoid quadratic behaviour: a full collection only when enough new
      // long-lived objects accumulated (issue #4074).
      if (i == ngen_ - 1 && long_lived_pending_ < long_lived_total_ / 4) continue;
      return i;
    }
  }
  return -1;
}

GcResult GcModel::collect_generations(GcHeap& heap, double now_s) {
  pending_ = false;
  if (!enabled_ || collecting_) return {};
  const int g = select_generation();
  if (g < 0) return {};
  return run(heap, g, now_s, false);
}

GcResult GcModel::collect(GcHeap& heap, int generation, double now_s) {
  if (collecting_) return {};
  generation = std::clamp(generation, 0, ngen_ - 1);
  return run(heap, generation, now_s, true);
}

GcResult GcModel::run(GcHeap& heap, int generation, double now_s, bool from_gc_collect) {
  (void)from_gc_collect;
  if (incremental_) return incremental_collect(heap, generation, now_s);
  GcResult res;
  res.generation = generation;
  res.ran = true;
  collecting_ = true;
  pending_ = false;
  for (auto& cb : callbacks_) cb("start", {generation, 0, 0});

  // Which objects take part: the collected generation and the younger ones
  // merged into it (CPython appends gen 0, 1, ... after the generation's list).
  const bool full = generation == ngen_ - 1;
  std::vector<GcId> young = members(generation);
  for (int i = 0; i < generation; ++i) {
    std::vector<GcId> m = members(i);
    young.insert(young.end(), m.begin(), m.end());
  }
  // Counters (gc_collect_main): the next generation counts this collection.
  if (generation + 1 < ngen_) count_[generation + 1] += 1;
  for (int i = 0; i <= generation; ++i) count_[i] = 0;
  const int old_gen = generation + 1 < ngen_ ? generation + 1 : generation;
  res.examined = static_cast<std::int64_t>(young.size()) + (full ? baseline_ : 0);

  const std::int64_t survivors = collect_region(heap, young, old_gen, res);
  if (generation == ngen_ - 2) long_lived_pending_ += survivors;
  if (full) {
    long_lived_pending_ = 0;
    long_lived_total_ = survivors + baseline_;
  }
  // A full collection empties the free lists (gc_collect_main: "Clear free
  // list only during the collection of the highest generation",
  // _PyGC_ClearAllFreeLists): the next lists, dicts and tuples are allocated
  // afresh and count towards generations[0] again.
  if (full) {
    clear_free_lists();
  }

  const double per = full ? costs_.full_per_object_ns : costs_.young_per_object_ns;
  const std::int64_t interp = full ? baseline_ : 0;
  const double per_interp = costs_.interpreter_per_object_ns >= 0 ? costs_.interpreter_per_object_ns : per;
  const double pause_ns = per * static_cast<double>(res.examined - interp) + per_interp * static_cast<double>(interp) +
                          costs_.free_per_object_ns * static_cast<double>(res.collected);
  finish(res, generation, now_s, pause_ns);
  return res;
}

void GcModel::finish(GcResult& res, int generation, double now_s, double pause_ns) {
  res.pause_ns = pause_ns;
  stats_[generation].collections++;
  ++collections_run_;
  stats_[generation].collected += res.collected;
  stats_[generation].uncollectable += res.uncollectable;
  collected_total_ += res.collected;
  if (events_.size() < kMaxEvents) events_.push_back({now_s, generation, res.pause_ns / 1e6, res.collected});
  for (auto& cb : callbacks_) cb("stop", {generation, res.collected, res.uncollectable});
  collecting_ = false;
}

std::int64_t GcModel::collect_region(GcHeap& heap, const std::vector<GcId>& young, int old_gen, GcResult& res) {
  // Mark the set being collected.
  for (GcId id : young) {
    Entry& e = entries_[id];
    if (e.gen < ngen_) sizes_[e.gen]--;
    e.gen = kCollecting;
    e.stamp = next_stamp_++;
  }
  // Only move_to gives a tracked object another generation, and nothing else
  // is marked collecting while a collection runs.
  auto still_collecting = [&](GcId id) {
    const Entry* e = entries_.find(id);
    return e && e->gen == kCollecting;
  };
  // update_refs, subtract_refs, then everything reachable from an object with
  // references from outside the set (move_unreachable) survives. The pass's
  // gc_refs and reachable flags live in the entries of the set's objects
  // (mark == the pass), as CPython keeps them in the objects' GC headers.
  auto reachability = [&](const std::vector<GcId>& set) {
    const std::uint32_t pass = ++next_mark_;
    for (GcId id : set) {
      Entry& e = entries_[id];
      e.mark = pass;
      e.reachable = false;
      e.gc_refs = std::int32_t(std::clamp<std::int64_t>(heap.refcount(id), std::numeric_limits<std::int32_t>::min(),
                                                      std::numeric_limits<std::int32_t>::max()));
    }
    auto in_pass = [&](GcId r) -> Entry* {
      Entry* e = entries_.find(r);
      return e && e->mark == pass ? e : nullptr;
    };
    for (GcId id : set)
      heap.traverse(id, [&](GcId r) {
        if (Entry* m = in_pass(r)) m->gc_refs--;
      });
    std::vector<GcId> stack;
    for (GcId id : set) {
      Entry& m = entries_[id];
      if (m.gc_refs > 0 && !m.reachable) {
        m.reachable = true;
        stack.push_back(id);
      }
    }
    while (!stack.empty()) {
      GcId id = stack.back();
      stack.pop_back();
      heap.traverse(id, [&](GcId r) {
        Entry* m = in_pass(r);
        if (m && !m->reachable) {
          m->reachable = true;
          stack.push_back(r);
        }
      });
    }
    return pass;
  };
  auto reached = [&](std::uint32_t pass, GcId id) {
    const Entry* e = entries_.find(id);
    return e && e->mark == pass && e->reachable;
  };
  const std::uint32_t reachable = reachability(young);
  std::vector<GcId> unreachable;
  std::int64_t survivors = 0;
  for (GcId id : young) {
    if (!reached(reachable, id)) { unreachable.push_back(id); continue; }
    if (heap.untrackable(id)) {
      entries_.erase(id);
      if (count_on_track_) {
        if (count_[0] > 0) count_[0]--;
        heap_size_--;
      }
      continue;
    }
    move_to(id, entries_[id], old_gen);
    ++survivors;
  }

  // Legacy finalizers (tp_del): those objects and all they reach stay, in gc.garbage.
  IdMap<bool> legacy;
  {
    std::vector<GcId> stack;
    for (GcId id : unreachable)
      if (heap.has_legacy_finalizer(id) && legacy.try_emplace(id).second) stack.push_back(id);
    if (!stack.empty()) {
      IdMap<bool> unreach_set;
      for (GcId id : unreachable) unreach_set[id] = true;
      while (!stack.empty()) {
        GcId id = stack.back();
        stack.pop_back();
        heap.traverse(id, [&](GcId r) {
          if (unreach_set.contains(r) && legacy.try_emplace(r).second) stack.push_back(r);
        });
      }
    }
  }
  std::vector<GcId> garbage;
  for (GcId id : unreachable) {
    if (legacy.contains(id)) {
      move_to(id, entries_[id], old_gen);
      heap.add_to_garbage(id);
      res.uncollectable++;
    } else {
      garbage.push_back(id);
    }
  }

  // Weak references to unreachable objects are cleared, all of them before
  // any callback runs (a callback must not reach an unreachable object).
  const std::int64_t freed_by_callbacks = heap.handle_weakrefs(garbage, still_collecting);

  bool code_ran = freed_by_callbacks != 0 || heap.weakrefs_changed_anything();

  // PEP 442: tp_finalize once per object.
  for (GcId id : garbage) {
    if (!still_collecting(id)) continue;
    Entry& e = entries_[id];
    if (e.finalized || !heap.has_finalizer(id)) continue;
    e.finalized = true;
    code_ran = true;
    heap.finalize(id);
  }

  // handle_resurrected_objects: recompute reachability over what is left.
  // When no finalizer or weak reference callback ran, nothing changed since
  // the first pass: no reference reaches the garbage from outside it (a
  // reachable object referencing one would have made it reachable), so all
  // of it is still unreachable (host speed: one pass instead of two).
  std::vector<GcId> final_unreachable;
  if (!code_ran) {
    final_unreachable = std::move(garbage);
  } else {
    std::vector<GcId> left;
    for (GcId id : garbage)
      if (still_collecting(id)) left.push_back(id);
    const std::uint32_t resurrected = reachability(left);
    for (GcId id : left) {
      if (reached(resurrected, id)) move_to(id, entries_[id], old_gen);
      else final_unreachable.push_back(id);
    }
  }

  // delete_garbage: tp_clear breaks the cycles; refcounting frees the rest.
  res.collected = static_cast<std::int64_t>(final_unreachable.size()) + freed_by_callbacks;
  for (GcId id : final_unreachable) {
    if (!still_collecting(id)) continue;
    heap.clear(id);
    if (still_collecting(id)) move_to(id, entries_[id], old_gen);  // survived tp_clear
  }
  // Anything of the set still marked as collecting (defensive) goes to old_gen.
  for (GcId id : young)
    if (still_collecting(id)) move_to(id, entries_[id], old_gen);
  return survivors;
}

}  // namespace pitfall::sim::memory
