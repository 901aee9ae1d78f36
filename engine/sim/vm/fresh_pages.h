// Cost of memory the program touches for the first time. The instruction and
// built-in costs are fitted on benchmarks that free what they build in every
// iteration, so their memory comes back hot from pymalloc's free lists; a
// program that keeps 10^5-10^6 objects alive (a materialised pipeline, a big
// list, cycles the GC is not allowed to collect) makes the process grow, and
// every new 4 KiB page costs a minor page fault (the kernel maps and zeroes
// it) on top. Charged when the touched high-water mark grows: pymalloc pools
// in use (16 KiB each, carved from arenas as needed: Objects/obmalloc.c) plus
// blocks from the system malloc. Memory freed and reused later is not charged
// again (glibc and pymalloc keep it mapped); arenas pymalloc unmaps and maps
// again are (a simplification: charged only past the previous peak).
// Blocks the system malloc serves from a fresh mapping (at least its mmap
// threshold: Pymalloc::fresh_mapped_bytes) fault on every page each time,
// so they are charged apart from the high-water mark.
// The program's first allocations reuse memory the interpreter touched at
// start-up (free blocks and unused pools of its arenas): the first
// `memory.startup_free_bytes` are free. Both figures come from tools/calibrate
// (first touch of a fresh anonymous mapping, per page; sys._debugmallocstats()
// of a fresh interpreter).
#pragma once
#include <cstdint>

namespace pitfall::sim {

class FreshPages {
 public:
  static constexpr std::int64_t kPageBytes = 4096;
  // mapped_ns_per_page < 0: the same figure as growth. They differ when the
  // host's growth figure is measured (Options::page_fault_ns): the fresh
  // mappings then keep the table's figure, see README "Accuracy".
  explicit FreshPages(double ns_per_page = 0, std::int64_t startup_free_bytes = 0, double mapped_ns_per_page = -1)
      : ns_per_page_(ns_per_page > 0 ? ns_per_page : 0),
        mapped_ns_per_page_(mapped_ns_per_page >= 0 ? mapped_ns_per_page : ns_per_page_),
        peak_(startup_free_bytes > 0 ? startup_free_bytes : 0) {}
  // ns to charge now that the program's touched memory is `touched_bytes`.
  double grow_to(std::int64_t touched_bytes) {
    if (touched_bytes <= peak_) return 0;
    const std::int64_t pages = touched_bytes / kPageBytes - peak_ / kPageBytes;
    peak_ = touched_bytes;
    return double(pages) * ns_per_page_;
  }
  // ns to charge now that `fresh_mapped_bytes` (cumulative) have been mapped
  // fresh by the system malloc: every page of a fresh mapping faults once,
  // whatever the high-water mark (Pymalloc::fresh_mapped_bytes).
  double mapped_to(std::int64_t fresh_mapped_bytes) {
    if (fresh_mapped_bytes <= mapped_) return 0;
    const std::int64_t pages = fresh_mapped_bytes / kPageBytes - mapped_ / kPageBytes;
    mapped_ = fresh_mapped_bytes;
    return double(pages) * mapped_ns_per_page_;
  }
  std::int64_t peak_bytes() const { return peak_; }
  // Pymalloc::slow_allocations() at the last look (grow_to and mapped_to):
  // while it has not moved, neither figure can have grown, so neither would
  // charge anything (host speed only).
  bool may_have_grown(std::uint64_t slow_allocations) const { return slow_allocations != seen_; }
  void seen(std::uint64_t slow_allocations) { seen_ = slow_allocations; }
  // Would grow_to(touched_bytes) or mapped_to(fresh_mapped_bytes) change anything?
  bool would_change(std::int64_t touched_bytes, std::int64_t fresh_mapped_bytes) const {
    return touched_bytes > peak_ || fresh_mapped_bytes > mapped_;
  }

 private:
  double ns_per_page_, mapped_ns_per_page_;
  std::int64_t peak_;
  std::int64_t mapped_ = 0;
  std::uint64_t seen_ = 0;
};

}  // namespace pitfall::sim
