// 3.14.0-3.14.4's incremental cyclic collector (Python/gc.c of the 3.14
// branch; 3.14.5 went back to 3.13's generational collector, gh-142516).
//
// Notes about the model, step by step as Python/gc.c does it:
// * Lists: the young generation (lists_[0]) and two old spaces (lists_[1],
//   lists_[2]); visited_space_ says which of them holds what the current
//   cycle has visited (GEN_HEAD: generation 1 = visited, 2 = pending). New
//   objects are young and "not visited" (_PyObject_GC_TRACK).
// * Thresholds (_PyInterpreterState_INIT): young 2000, old[0] 10 (the scan
//   rate: assess_work_to_do divides the heap by it), old[1] 0;
//   gc.get_threshold() gives (young, old[0], 0), gc.get_count() gives
//   (young.count, old[visited].count, old[pending].count).
// * An automatic collection is gc_collect_increment, reported as generation 1
//   (_Py_RunGC -> _PyGC_Collect(tstate, 1, ...)): work_to_do +=
//   assess_work_to_do() = young.count + min(heap_size / SCAN_RATE_DIVISOR
//   (10) / old[0].threshold, 2 * young.count), and young.count = 0. While
//   work_to_do < 0 nothing else happens: the young objects stay young,
//   uncollected, but the collection still counts in gc.get_stats().
//   work_to_do starts at -5000.
// * The first increment of a cycle (GC_PHASE_MARK) only marks: what the
//   interpreter's roots and every frame reach moves to the visited space
//   (mark_at_start = mark_global_roots + mark_stacks), and that count comes
//   off work_to_do twice (in mark_at_start and again in its caller).
// * Later increments mark what the frames reach (mark_stacks), then take the
//   young objects plus, while the increment is smaller than work_to_do, the
//   first pending object with every not-yet-visited object it reaches
//   (expand_region_transitively_reachable), and collect that region
//   (gc_collect_region): survivors join the visited space, work_to_do -= the
//   increment's size. An empty pending space ends the cycle
//   (completed_scavenge): the spaces swap (or, with a permanent generation,
//   visited moves back to pending), work_to_do = 0, phase MARK again.
// * gc.collect(0) is gc_collect_young (young objects only, survivors to the
//   visited space, old[visited].count += 1); gc.collect(1) one increment;
//   gc.collect(2) gc_collect_full (everything, counts zeroed,
//   completed_scavenge, free lists emptied).
// * young.count: 3.14.0 counts allocations of GC objects (_PyObject_GC_Link)
//   and PyObject_GC_Del counts down, as 3.13 did (free-list reuse moves
//   neither); 3.14.1-3.14.4 count tracked objects (_PyObject_GC_TRACK /
//   _PyObject_GC_UNTRACK, gh-139951). heap_size follows the same events, plus
//   the interpreter's own objects (baseline_).
// * The interpreter's objects are all reachable from its roots: each cycle's
//   mark_at_start marks them (counted, timed at interpreter cost) and they
//   never enter an increment.
// * The start-up: no 3.14 interpreter is installed to measure it, so it is
//   taken to allocate as 3.13's does: as many automatic collections (3.13:
//   3 young collections before the first line, gc_start_state.json), here
//   increments, each with young.count = threshold + 1 and the interpreter's
//   objects accumulating, all reachable (replay_startup_increments). With
//   3.13's figures the third one is the first mark: the program starts in
//   the collect phase with work_to_do about -8 000.
// * Not modelled: frame->visited
//   (every frame is scanned at each increment; that changes the time, not
//   what is marked), immortal objects moved to the permanent generation.
// * Pauses: objects of an increment or young collection at
//   young_per_object_ns, of a full collection at full_per_object_ns, marked
//   objects at mark_per_object_ns, freed ones at free_per_object_ns.
#include <algorithm>

#include "sim/memory/gc_model.h"

namespace pitfall::sim::memory {

namespace {
constexpr std::int64_t kScanRateDivisor = 10;  // SCAN_RATE_DIVISOR
}

GcResult GcModel::incremental_collect(GcHeap& heap, int generation, double now_s) {
  GcResult res;
  res.generation = generation;
  res.ran = true;
  collecting_ = true;
  pending_ = false;
  for (auto& cb : callbacks_) cb("start", {generation, 0, 0});
  marked_ = interp_marked_ = 0;
  if (generation == 0) collect_young(heap, res);
  else if (generation == 1) collect_increment(heap, res);
  else collect_full(heap, res);

  const bool full = generation == 2;
  const std::int64_t interp = full ? baseline_ : 0;
  const double per = full ? costs_.full_per_object_ns : costs_.young_per_object_ns;
  const double per_interp = costs_.interpreter_per_object_ns >= 0 ? costs_.interpreter_per_object_ns
                                                                  : costs_.full_per_object_ns;
  const double mark = costs_.mark_per_object_ns >= 0 ? costs_.mark_per_object_ns : costs_.full_per_object_ns / 3;
  const double mark_interp = costs_.mark_per_object_ns >= 0 ? costs_.mark_per_object_ns : per_interp / 3;
  const double pause_ns = per * static_cast<double>(res.examined - interp) + per_interp * static_cast<double>(interp) +
                          mark * static_cast<double>(marked_ - interp_marked_) +
                          mark_interp * static_cast<double>(interp_marked_) +
                          costs_.free_per_object_ns * static_cast<double>(res.collected);
  finish(res, generation, now_s, pause_ns);
  return res;
}

void GcModel::untrack_young_tuples(GcHeap& heap) {
  for (GcId id : members(0))
    if (heap.untrackable(id)) untrack(id);
}

std::int64_t GcModel::assess_work_to_do() {
  const std::int64_t scale_factor = std::max<std::int64_t>(threshold_[1], 2);
  const std::int64_t new_objects = count_[0];
  const std::int64_t heap = std::max<std::int64_t>(0, baseline_ + heap_size_);
  const std::int64_t heap_fraction = std::min(heap / kScanRateDivisor / scale_factor, new_objects * 2);
  count_[0] = 0;
  return new_objects + heap_fraction;
}

// mark_all_reachable: everything not yet visited that `stack` reaches moves
// to the visited space. Returns how many objects moved.
std::int64_t GcModel::mark_reachable_from(GcHeap& heap, std::vector<GcId>& stack) {
  std::int64_t n = 0;
  const int visited = visited_list();
  while (!stack.empty()) {
    const GcId id = stack.back();
    stack.pop_back();
    heap.traverse(id, [&](GcId r) {
      Entry* e = entries_.find(r);
      if (e && not_visited(*e)) {
        move_to(r, *e, visited);
        stack.push_back(r);
        ++n;
      }
    });
  }
  return n;
}

std::int64_t GcModel::mark_stacks(GcHeap& heap) {
  std::vector<GcId> stack;
  std::int64_t n = 0;
  const int visited = visited_list();
  heap.stack_roots([&](GcId id) {
    Entry* e = entries_.find(id);
    if (e && not_visited(*e)) {
      move_to(id, *e, visited);
      stack.push_back(id);
      ++n;
    }
  });
  n += mark_reachable_from(heap, stack);
  marked_ += n;
  return n;
}

std::int64_t GcModel::mark_at_start(GcHeap& heap) {
  std::int64_t n = 0;
  if (!baseline_visited_) {  // the interpreter's objects: all reachable from sys and the modules
    n += baseline_;
    interp_marked_ += baseline_;
    marked_ += baseline_;
    baseline_visited_ = true;
  }
  std::vector<GcId> stack;
  const int visited = visited_list();
  std::int64_t roots = 0;
  heap.global_roots([&](GcId id) {
    Entry* e = entries_.find(id);
    if (e && not_visited(*e)) {
      move_to(id, *e, visited);
      stack.push_back(id);
      ++roots;
    }
  });
  roots += mark_reachable_from(heap, stack);
  marked_ += roots;
  n += roots + mark_stacks(heap);
  work_to_do_ -= n;  // mark_at_start's own subtraction
  mark_phase_ = false;
  return n;
}

void GcModel::replay_startup_increments(int increments, std::int64_t young_count) {
  if (!incremental_) return;
  const std::int64_t scale_factor = std::max<std::int64_t>(threshold_[1], 2);
  for (int k = 1; k <= increments; ++k) {
    const std::int64_t new_objects = threshold_[0] + 1;
    const std::int64_t heap = baseline_ * k / std::max(increments, 1);
    work_to_do_ += new_objects + std::min(heap / kScanRateDivisor / scale_factor, new_objects * 2);
    if (work_to_do_ < 0) continue;
    if (mark_phase_) {  // mark_at_start: every start-up object is reachable
      baseline_visited_ = true;
      mark_phase_ = false;
      work_to_do_ -= 2 * heap;
      continue;
    }
    // an increment of start-up objects only: they all survive, nothing is pending
    work_to_do_ -= new_objects;
    completed_scavenge();
  }
  count_[0] = std::max<std::int64_t>(0, young_count);
}

void GcModel::completed_scavenge() {
  if (permanent_size_ == 0) {
    visited_space_ ^= 1;  // the visited space becomes the pending one
  } else {
    const int to = pending_list();
    for (GcId id : members(visited_list())) move_to(id, entries_[id], to);
  }
  baseline_visited_ = false;
  work_to_do_ = 0;
  mark_phase_ = true;
}

void GcModel::collect_young(GcHeap& heap, GcResult& res) {
  untrack_young_tuples(heap);
  const std::vector<GcId> young = members(0);
  res.examined = static_cast<std::int64_t>(young.size());
  collect_region(heap, young, visited_list(), res);
  count_[0] = 0;
  old_count_[visited_space_]++;
}

void GcModel::collect_increment(GcHeap& heap, GcResult& res) {
  work_to_do_ += assess_work_to_do();
  if (work_to_do_ < 0) return;
  untrack_young_tuples(heap);
  if (mark_phase_) {
    work_to_do_ -= mark_at_start(heap);  // the caller's subtraction
    return;
  }
  work_to_do_ -= mark_stacks(heap);
  // The young objects join the increment as visited, then pending objects
  // with what they reach, until the increment reaches work_to_do.
  const int visited = visited_list();
  std::vector<GcId> increment = members(0);
  for (GcId id : increment) move_to(id, entries_[id], visited);
  const std::vector<GcId> pending = members(pending_list());
  std::size_t next = 0;
  while (static_cast<std::int64_t>(increment.size()) < work_to_do_ && next < pending.size()) {
    const GcId id = pending[next++];
    Entry* e = entries_.find(id);
    if (!e || e->gen != pending_list()) continue;  // already taken in by an earlier expansion
    move_to(id, *e, visited);
    std::size_t scan = increment.size();
    increment.push_back(id);
    // expand_region_transitively_reachable: from this object to the end of the increment
    for (; scan < increment.size(); ++scan)
      heap.traverse(increment[scan], [&](GcId r) {
        Entry* m = entries_.find(r);
        if (m && not_visited(*m)) {
          move_to(r, *m, visited);
          increment.push_back(r);
        }
      });
  }
  res.examined = static_cast<std::int64_t>(increment.size());
  collect_region(heap, increment, visited, res);
  work_to_do_ -= static_cast<std::int64_t>(increment.size());
  if (sizes_[pending_list()] == 0) completed_scavenge();
}

void GcModel::collect_full(GcHeap& heap, GcResult& res) {
  untrack_young_tuples(heap);
  // the visited space, then the pending space, then the young objects
  std::vector<GcId> all = members(visited_list());
  for (int list : {pending_list(), 0}) {
    std::vector<GcId> m = members(list);
    all.insert(all.end(), m.begin(), m.end());
  }
  count_[0] = 0;
  res.examined = static_cast<std::int64_t>(all.size()) + baseline_;
  collect_region(heap, all, visited_list(), res);
  count_[0] = 0;
  old_count_[0] = old_count_[1] = 0;
  completed_scavenge();
  clear_free_lists();  // _PyGC_ClearAllFreeLists
}

}  // namespace pitfall::sim::memory
