// pymalloc, CPython's small-object allocator, as far as it decides how much
// memory the process holds: size classes, pools, arenas, which pool serves an
// allocation and when an arena goes back to the OS. Gives an RSS-like figure
// that stays high after frees, as the real process does.
//
// Notes about the model: follows Objects/obmalloc.c of 3.10+ on 64-bit:
// requests of 1..512 bytes are rounded up to 32 size classes of 16 bytes;
// each 16 KiB pool (48-byte header) serves one class; pools are carved from
// 1 MiB arenas (64 pools; mmap alignment that costs a pool is ignored).
// An allocation takes a block from the first pool in usedpools[class] (the
// most recently refilled), else a pool from the arena at the head of
// usable_arenas, which is kept sorted by nfreepools so the most used arena is
// filled first (3.9+); a pool that becomes empty returns to its arena's
// freepools, and an arena whose pools are all free is unmapped unless it is
// the only arena with free pools (3.9+ keeps one to avoid thrashing). Larger
// requests (and zero-size ones are 1 byte) go to the system malloc and count
// in full while alive. Left out: glibc's own arenas and trimming, the
// radix tree, pymalloc in free-threaded builds (mimalloc).
#pragma once
#include <cstdint>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sim/memory/id_map.h"

namespace pitfall::sim::memory {

class Pymalloc {
 public:
  static constexpr std::int64_t kSmallRequestThreshold = 512;
  static constexpr std::int64_t kAlignment = 16;
  static constexpr std::int64_t kPoolSize = 16 * 1024;
  static constexpr std::int64_t kPoolOverhead = 48;
  static constexpr std::int64_t kArenaSize = 1024 * 1024;
  static constexpr int kPoolsPerArena = static_cast<int>(kArenaSize / kPoolSize);

  using Handle = std::uint64_t;  // 0 = none

  // Bytes a request of `n` would add to the process if it needed new memory:
  // an arena for a small request with no free block, else the request itself.
  // The three are on every modelled allocation and free: the common cases
  // (a pool of the size class has a free block; a block goes back to a pool
  // that stays in use) are inline, the rest is in pymalloc.cpp.
  std::int64_t growth_if_allocated(std::int64_t n) const {
    if (n > kSmallRequestThreshold) return n;
    if (used_head_[size_class(n)] >= 0) return 0;  // only pools with a free block are listed
    return usable_.empty() ? kArenaSize : 0;
  }
  // malloc() of a small request (1..kSmallRequestThreshold bytes) whose
  // size class has a pool with a free block (has_free_block): no new memory.
  bool has_free_block(int szidx) const { return used_head_[szidx] >= 0; }
  Handle malloc_from_used_pool(int szidx) { return take_block(used_head_[szidx]); }
  Handle malloc(std::int64_t n) {
    if (n <= kSmallRequestThreshold) {
      const int szidx = size_class(n);
      if (used_head_[szidx] >= 0) return take_block(used_head_[szidx]);
    }
    return malloc_slow(n);
  }
  // malloc_from_used_pool() when the pool does not fill up, and free() of a
  // block whose pool stays in use and listed: the same bookkeeping with no
  // call (an int's or float's life, vm/vm_memory_scalars.h). 0 or false:
  // nothing done, not such a case.
  Handle malloc_in_used_pool(int szidx) {
    const int p = used_head_[szidx];
    if (p < 0) return 0;
    Pool& pool = pools_[std::size_t(p)];
    if (pool.used + 1 >= kBlocksPerPool[pool.szidx]) return 0;
    pool.used++;
    return kSmallBit | std::uint64_t(p);
  }
  bool free_in_used_pool(Handle h) {
    const std::uint64_t p = h & ~kSmallBit;
    if (!(h & kSmallBit) || p >= pools_.size()) return false;
    Pool& pool = pools_[std::size_t(p)];
    if (pool.used <= 1 || !pool.in_used_list) return false;
    pool.used--;
    return true;
  }
  void free(Handle h) {
    if (h & kSmallBit) {
      const std::uint64_t p = h & ~kSmallBit;
      if (p < pools_.size()) {
        Pool& pool = pools_[std::size_t(p)];
        if (pool.used > 1 && pool.in_used_list) {  // stays in use, stays listed
          pool.used--;
          return;
        }
      }
    }
    free_slow(h);
  }

  std::int64_t rss() const { return arenas_live_ * kArenaSize + large_bytes_; }
  std::int64_t rss_peak() const { return rss_peak_; }
  void restore_rss_peak(std::int64_t peak) { rss_peak_ = std::max(peak, rss()); }  // see TracemallocModel::restore_peaks
  std::int64_t arenas() const { return arenas_live_; }
  std::int64_t arenas_allocated_total() const { return arenas_total_; }
  std::int64_t large_bytes() const { return large_bytes_; }
  // glibc malloc serves a request of at least its mmap threshold with a fresh
  // mapping (sysmalloc), whose pages the kernel faults in zero-filled on first
  // touch; the threshold starts at 128 KiB and rises to the size of a mapped
  // chunk when it is freed (free() in malloc/malloc.c, up to 32 MiB: the
  // dynamic threshold). So a string that grows by concatenation past 128 KiB
  // gets a fresh mapping at every step (each is larger than the last one
  // freed), while a block of one size allocated again and again is reused
  // from the heap. mapped_bytes(): live bytes in mappings; fresh_mapped_bytes():
  // bytes ever mapped fresh (a resize in place of a mapped block, mremap, maps
  // only its growth).
  std::int64_t mapped_bytes() const { return mapped_bytes_; }
  std::int64_t fresh_mapped_bytes() const { return fresh_mapped_bytes_; }
  static constexpr std::int64_t kMmapThresholdStart = 128 * 1024, kMmapThresholdMax = 32ll * 1024 * 1024;
  // realloc of a large block to a large size comes as malloc(new) + free(old):
  // announce it first, so that a mapped block's move counts as mremap (only
  // the growth is fresh, the threshold does not move).
  void will_resize(Handle old, std::int64_t n) {
    const std::int64_t* m = (old & kSmallBit) || n <= kSmallRequestThreshold ? nullptr : mapped_.find(old);
    resizing_mapped_ = m ? *m : -1;
  }
  // Blocks in use in small pools, and the bytes those pools occupy.
  std::int64_t pools_in_use() const { return pools_in_use_; }
  // Pools ever carved: every small handle's pool index is below it, and the
  // next new pool's index is at most it.
  std::size_t pools_carved() const { return pools_.size(); }
  // Allocations that took the slow path (a new pool, a large block): the only
  // ones that can raise pools_in_use(), large_bytes() or fresh_mapped_bytes().
  // While it stays the same those figures have not grown (host speed only).
  std::uint64_t slow_allocations() const { return slow_allocations_; }

  static int size_class(std::int64_t n) { return static_cast<int>((std::max<std::int64_t>(n, 1) - 1) / kAlignment); }
  static std::int64_t blocks_per_pool(int size_class) {
    return (kPoolSize - kPoolOverhead) / ((size_class + 1) * kAlignment);
  }
  static constexpr std::uint64_t kSmallBit = std::uint64_t{1} << 63;  // small handles: bit 63 + pool index

 private:
  struct Pool {
    int arena = -1;
    int szidx = -1;
    std::int64_t used = 0;   // ref.count
    bool in_used_list = false;
    int used_prev = -1, used_next = -1;  // neighbours in usedpools[szidx] while in_used_list
  };
  struct Arena {
    bool live = false;
    int nfreepools = 0;
    int carved = 0;                 // pools ever carved from the never-used tail
    std::vector<int> freepools;     // emptied pools, LIFO
    std::uint64_t seq = 0;
  };

  Handle malloc_slow(std::int64_t n);
  void free_slow(Handle h);
  Handle take_block(int p) {  // a block of pool p, which is in usedpools
    Pool& pool = pools_[static_cast<std::size_t>(p)];
    pool.used++;
    if (pool.used == kBlocksPerPool[pool.szidx]) unlink_used(p);  // full: leaves usedpools
    return kSmallBit | static_cast<std::uint64_t>(p);
  }
  static constexpr std::int64_t kBlocksPerPool[32] = {
#define PITFALL_BPP(i) (kPoolSize - kPoolOverhead) / (((i) + 1) * kAlignment)
      PITFALL_BPP(0),  PITFALL_BPP(1),  PITFALL_BPP(2),  PITFALL_BPP(3),  PITFALL_BPP(4),  PITFALL_BPP(5),
      PITFALL_BPP(6),  PITFALL_BPP(7),  PITFALL_BPP(8),  PITFALL_BPP(9),  PITFALL_BPP(10), PITFALL_BPP(11),
      PITFALL_BPP(12), PITFALL_BPP(13), PITFALL_BPP(14), PITFALL_BPP(15), PITFALL_BPP(16), PITFALL_BPP(17),
      PITFALL_BPP(18), PITFALL_BPP(19), PITFALL_BPP(20), PITFALL_BPP(21), PITFALL_BPP(22), PITFALL_BPP(23),
      PITFALL_BPP(24), PITFALL_BPP(25), PITFALL_BPP(26), PITFALL_BPP(27), PITFALL_BPP(28), PITFALL_BPP(29),
      PITFALL_BPP(30), PITFALL_BPP(31)};
#undef PITFALL_BPP
  int new_pool(int szidx);
  void usable_insert(int a) { usable_.insert({arenas_[a].nfreepools, arenas_[a].seq, a}); }
  void link_used(int p);
  void unlink_used(int p);
  void note_rss() { rss_peak_ = std::max(rss_peak_, rss()); }

  std::vector<Pool> pools_;
  std::vector<Arena> arenas_;
  std::vector<int> dead_arenas_;
  // usedpools: per size class, the pools with a free block, most recently
  // linked first (an intrusive list through Pool::used_prev/used_next; -1: none)
  int used_head_[32] = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
  // usable_arenas: (nfreepools, seq, arena) ascending -> most used first
  std::set<std::tuple<int, std::uint64_t, int>> usable_;
  IdMap<std::int64_t> large_;  // handle -> bytes
  IdMap<std::int64_t> mapped_;  // handle -> bytes, for large blocks in their own mapping
  std::int64_t mmap_threshold_ = kMmapThresholdStart, mapped_bytes_ = 0, fresh_mapped_bytes_ = 0;
  std::int64_t resizing_mapped_ = -1;  // will_resize(): old size of the mapped block being resized
  Handle next_large_ = 1;
  std::uint64_t slow_allocations_ = 0;
  std::uint64_t next_seq_ = 0;
  std::int64_t arenas_live_ = 0, arenas_total_ = 0, large_bytes_ = 0, rss_peak_ = 0, pools_in_use_ = 0;
};

}  // namespace pitfall::sim::memory
