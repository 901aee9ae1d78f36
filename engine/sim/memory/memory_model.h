// The seam the VM drives for memory: one call per object allocation, resize
// and free, in requested bytes. Combines tracemalloc accounting, pymalloc's
// pools and arenas (the RSS-like figure), the virtual memory limit that turns
// into MemoryError, and the bounded sample series of the report's memory
// section. The cyclic GC (gc_model.h) is driven separately, per GC object.
//
// Notes about the model: sizes come from sizes.h (what CPython requests for
// each object and for the tables it owns); each request is one pymalloc or
// malloc block. The limit applies to the RSS-like figure (arenas of 1 MiB
// plus large blocks), as an OS limit (ulimit -v) would; the process baseline
// (interpreter, modules) is left out of every figure.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "report/report.h"
#include "sim/memory/pymalloc.h"
#include "sim/memory/samples.h"
#include "sim/memory/tracemalloc_model.h"

namespace pitfall::sim::memory {

class MemoryModel {
 public:
  explicit MemoryModel(std::int64_t limit_bytes = std::int64_t{1} << 30, std::size_t max_samples = 2000);

  // Would allocating `bytes` more push the RSS-like figure over the limit?
  // The VM asks before allocating and raises MemoryError when true.
  bool would_exceed(std::int64_t bytes) const {
    if (limit_ <= 0) return false;
    return pymalloc_.rss() + pymalloc_.growth_if_allocated(bytes) > limit_;
  }
  // Records an allocation by `file`:`line` at virtual time `t_s`. Returns 0
  // (and records nothing) when it would exceed the limit. Inline with
  // release(): they run on every allocation and free of the program.
  [[gnu::always_inline]] BlockId allocate(std::int64_t bytes, const std::string& file, int line, double t_s) {
    if (would_exceed(bytes)) return 0;
    return allocate_within(bytes, trace_.place_of(file, line), t_s);
  }
  // allocate() and reallocate() at a place found by tracemalloc().place_of().
  [[gnu::always_inline]] BlockId allocate_at(std::int64_t bytes, std::uint32_t where, double t_s) {
    if (bytes <= Pymalloc::kSmallRequestThreshold) {
      // a pool of the size class has a free block: no growth (would_exceed's estimate is 0)
      if (const int szidx = Pymalloc::size_class(bytes); pymalloc_.has_free_block(szidx)) {
        if (limit_ > 0 && pymalloc_.rss() > limit_) return 0;
        const BlockId id = trace_.alloc_at(bytes, where);
        while (id >= handles_.size()) handles_.emplace_back();  // ids are dense: at most one step
        handles_[std::size_t(id)] = pymalloc_.malloc_from_used_pool(szidx);
        sample(t_s);
        return id;
      }
    }
    if (would_exceed(bytes)) return 0;
    return allocate_within(bytes, where, t_s);
  }
  bool reallocate_at(BlockId id, std::int64_t bytes, std::uint32_t where, double t_s);
  // (the limit already checked)
  [[gnu::always_inline]] BlockId allocate_within(std::int64_t bytes, std::uint32_t where, double t_s) {
    const BlockId id = trace_.alloc_at(bytes, where);
    while (id >= handles_.size()) handles_.emplace_back();  // ids are dense: at most one step
    handles_[std::size_t(id)] = pymalloc_.malloc(bytes);
    sample(t_s);
    return id;
  }
  [[gnu::always_inline]] void release(BlockId id, double t_s) {
    if (id >= handles_.size() || !handles_[std::size_t(id)]) return;
    pymalloc_.free(handles_[std::size_t(id)]);
    handles_[std::size_t(id)] = 0;
    trace_.free(id);
    sample(t_s);
  }
  // An allocation of at most kSmallRequestThreshold bytes traced by counts
  // only (TracemallocModel::count_alloc), while the program's tracemalloc is
  // off: the caller keeps the returned pymalloc handle and the size. Returns
  // 0 (and records nothing) when it would exceed the limit. The same
  // allocator, totals and samples as allocate() and release().
  [[gnu::always_inline]] Pymalloc::Handle allocate_counted(std::int64_t bytes, std::uint32_t where, double t_s) {
    Pymalloc::Handle h;
    if (const int szidx = Pymalloc::size_class(bytes); pymalloc_.has_free_block(szidx)) {
      if (limit_ > 0 && pymalloc_.rss() > limit_) return 0;  // would_exceed: no growth
      trace_.count_alloc(bytes, where);
      h = pymalloc_.malloc_from_used_pool(szidx);
    } else {
      if (would_exceed(bytes)) return 0;
      trace_.count_alloc(bytes, where);
      h = pymalloc_.malloc(bytes);
    }
    sample(t_s);
    return h;
  }
  [[gnu::always_inline]] void release_counted(Pymalloc::Handle h, std::int64_t bytes, double t_s) {
    pymalloc_.free(h);
    trace_.count_free(bytes);
    sample(t_s);
  }
  // allocate_counted() and release_counted() in their common case (a pool of
  // the size class has a free block and does not fill up; the block's pool
  // stays in use; the sample folds into the current point): the same
  // figures with no call. 0 or false: nothing done, call the general one.
  [[gnu::always_inline]] Pymalloc::Handle allocate_counted_fast(std::int64_t bytes, std::uint32_t where, double t_s) {
    if (!samples_.folds() || (limit_ > 0 && pymalloc_.rss() > limit_)) return 0;
    const Pymalloc::Handle h = pymalloc_.malloc_in_used_pool(Pymalloc::size_class(bytes));
    if (!h) return 0;
    trace_.count_alloc(bytes, where);
    samples_.add_folded(t_s, trace_.current(), pymalloc_.rss());
    return h;
  }
  [[gnu::always_inline]] bool release_counted_fast(Pymalloc::Handle h, std::int64_t bytes, double t_s) {
    if (!samples_.folds() || !pymalloc_.free_in_used_pool(h)) return false;
    trace_.count_free(bytes);
    samples_.add_folded(t_s, trace_.current(), pymalloc_.rss());
    return true;
  }
  // Resizes a block (list item array, dict keys table...): a realloc, which
  // pymalloc serves with a new block when the size class changes. Returns
  // false (block unchanged) when the new size would exceed the limit.
  bool reallocate(BlockId id, std::int64_t bytes, const std::string& file, int line, double t_s);

  const TracemallocModel& tracemalloc() const { return trace_; }
  TracemallocModel& tracemalloc() { return trace_; }
  const Pymalloc& allocator() const { return pymalloc_; }
  std::int64_t limit() const { return limit_; }
  std::int64_t rss() const { return pymalloc_.rss(); }
  std::int64_t rss_peak() const { return pymalloc_.rss_peak(); }
  // The peaks before a multiprocessing child ran in this interpreter, and
  // putting them back once its objects are gone (the child's memory is its
  // own process's, not the parent's).
  struct Peaks { std::int64_t traced = 0, program = 0, rss = 0; };
  Peaks peaks() const { return {trace_.peak(), trace_.program_peak(), pymalloc_.rss_peak()}; }
  void restore_peaks(const Peaks& p) {
    trace_.restore_peaks(p.traced, p.program);
    pymalloc_.restore_rss_peak(p.rss);
  }

  // memory.peak_bytes, final_bytes, rss_peak_bytes, samples.
  void fill(report::Report& r) const;
  std::vector<std::pair<double, std::int64_t>> rss_samples() const { return samples_.points(true); }

 private:
  [[gnu::always_inline]] void sample(double t_s) {
    samples_.add(t_s, trace_.current(), pymalloc_.rss());
  }
  std::int64_t limit_;
  TracemallocModel trace_;
  Pymalloc pymalloc_;
  ChunkedVector<Pymalloc::Handle> handles_;  // by block id (0: none)
  SamplePair samples_;  // the traced bytes and the RSS-like figure
};

}  // namespace pitfall::sim::memory
