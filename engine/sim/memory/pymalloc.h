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
#include <list>
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
  std::int64_t growth_if_allocated(std::int64_t n) const;
  Handle malloc(std::int64_t n);
  void free(Handle h);

  std::int64_t rss() const { return arenas_live_ * kArenaSize + large_bytes_; }
  std::int64_t rss_peak() const { return rss_peak_; }
  std::int64_t arenas() const { return arenas_live_; }
  std::int64_t arenas_allocated_total() const { return arenas_total_; }
  std::int64_t large_bytes() const { return large_bytes_; }
  // Blocks in use in small pools, and the bytes those pools occupy.
  std::int64_t pools_in_use() const { return pools_in_use_; }

  static int size_class(std::int64_t n) { return static_cast<int>((std::max<std::int64_t>(n, 1) - 1) / kAlignment); }
  static std::int64_t blocks_per_pool(int size_class) {
    return (kPoolSize - kPoolOverhead) / ((size_class + 1) * kAlignment);
  }

 private:
  struct Pool {
    int arena = -1;
    int szidx = -1;
    std::int64_t used = 0;   // ref.count
    bool in_used_list = false;
    std::list<int>::iterator pos;  // in usedpools_[szidx] while in_used_list
  };
  struct Arena {
    bool live = false;
    int nfreepools = 0;
    int carved = 0;                 // pools ever carved from the never-used tail
    std::vector<int> freepools;     // emptied pools, LIFO
    std::uint64_t seq = 0;
  };

  int new_pool(int szidx);
  void usable_insert(int a) { usable_.insert({arenas_[a].nfreepools, arenas_[a].seq, a}); }
  void usable_erase(int a) { usable_.erase({arenas_[a].nfreepools, arenas_[a].seq, a}); }
  void link_used(int p);
  void unlink_used(int p);
  void note_rss() { rss_peak_ = std::max(rss_peak_, rss()); }

  std::vector<Pool> pools_;
  std::vector<Arena> arenas_;
  std::vector<int> dead_arenas_;
  std::list<int> usedpools_[32];
  // usable_arenas: (nfreepools, seq, arena) ascending -> most used first
  std::set<std::tuple<int, std::uint64_t, int>> usable_;
  IdMap<std::int64_t> large_;  // handle -> bytes
  Handle next_large_ = 1;
  std::uint64_t next_seq_ = 0;
  std::int64_t arenas_live_ = 0, arenas_total_ = 0, large_bytes_ = 0, rss_peak_ = 0, pools_in_use_ = 0;
};

}  // namespace pitfall::sim::memory
