// pymalloc pools and arenas (see pymalloc.h for the notes about the model).
#include "sim/memory/pymalloc.h"

#include <algorithm>
#include <tuple>

namespace pitfall::sim::memory {

int Pymalloc::new_pool(int szidx) {
  if (usable_.empty()) {  // new_arena
    int a;
    if (!dead_arenas_.empty()) {
      a = dead_arenas_.back();
      dead_arenas_.pop_back();
    } else {
      a = static_cast<int>(arenas_.size());
      arenas_.emplace_back();
    }
    Arena& ar = arenas_[static_cast<std::size_t>(a)];
    ar = Arena{};
    ar.live = true;
    ar.nfreepools = kPoolsPerArena;
    ar.seq = next_seq_++;
    arenas_live_++;
    arenas_total_++;
    usable_insert(a);
    note_rss();
  }
  const int a = std::get<2>(*usable_.begin());
  Arena& ar = arenas_[static_cast<std::size_t>(a)];
  auto node = usable_.extract(usable_.begin());  // re-inserted below with its new count, without a new node
  int p;
  if (!ar.freepools.empty()) {
    p = ar.freepools.back();
    ar.freepools.pop_back();
  } else {
    p = static_cast<int>(pools_.size());
    pools_.emplace_back();
    ar.carved++;
  }
  ar.nfreepools--;
  if (ar.nfreepools > 0) {
    node.value() = {ar.nfreepools, ar.seq, a};
    usable_.insert(std::move(node));
  }
  Pool& pool = pools_[static_cast<std::size_t>(p)];
  pool.arena = a;
  pool.szidx = szidx;
  pool.used = 0;
  link_used(p);
  pools_in_use_++;
  return p;
}

void Pymalloc::link_used(int p) {
  Pool& pool = pools_[static_cast<std::size_t>(p)];
  if (pool.in_used_list) return;
  int& head = used_head_[pool.szidx];
  pool.used_prev = -1;
  pool.used_next = head;
  if (head >= 0) pools_[static_cast<std::size_t>(head)].used_prev = p;
  head = p;
  pool.in_used_list = true;
}

void Pymalloc::unlink_used(int p) {
  Pool& pool = pools_[static_cast<std::size_t>(p)];
  if (!pool.in_used_list) return;
  if (pool.used_prev >= 0) pools_[static_cast<std::size_t>(pool.used_prev)].used_next = pool.used_next;
  else used_head_[pool.szidx] = pool.used_next;
  if (pool.used_next >= 0) pools_[static_cast<std::size_t>(pool.used_next)].used_prev = pool.used_prev;
  pool.used_prev = pool.used_next = -1;
  pool.in_used_list = false;
}

Pymalloc::Handle Pymalloc::malloc_slow(std::int64_t n) {
  ++slow_allocations_;
  if (n > kSmallRequestThreshold) {
    const Handle h = next_large_++;
    large_[h] = n;
    large_bytes_ += n;
    if (resizing_mapped_ >= 0) {  // mremap of a mapped block
      mapped_[h] = n;
      mapped_bytes_ += n;
      fresh_mapped_bytes_ += std::max<std::int64_t>(n - resizing_mapped_, 0);
      resizing_mapped_ = -2;  // the old block's free follows
    } else if (n >= mmap_threshold_) {
      mapped_[h] = n;
      mapped_bytes_ += n;
      fresh_mapped_bytes_ += n;
    }
    note_rss();
    return h;
  }
  const int szidx = size_class(n);
  int p = -1;
  if (used_head_[szidx] >= 0) p = used_head_[szidx];
  if (p < 0) p = new_pool(szidx);
  return take_block(p);
}

void Pymalloc::free_slow(Handle h) {
  if (h == 0) return;
  if (!(h & kSmallBit)) {
    const std::int64_t* bytes = large_.find(h);
    if (!bytes) return;
    large_bytes_ -= *bytes;
    large_.erase(h);
    if (const std::int64_t* m = mapped_.find(h)) {
      const std::int64_t mb = *m;
      mapped_bytes_ -= mb;
      mapped_.erase(h);
      if (resizing_mapped_ == -2) resizing_mapped_ = -1;  // moved by mremap, not freed
      else if (mb > mmap_threshold_ && mb <= kMmapThresholdMax) mmap_threshold_ = mb;
    }
    return;
  }
  const auto p = static_cast<int>(h & ~kSmallBit);
  if (p < 0 || static_cast<std::size_t>(p) >= pools_.size()) return;
  Pool& pool = pools_[static_cast<std::size_t>(p)];
  if (pool.used <= 0) return;
  const bool was_full = !pool.in_used_list;
  pool.used--;
  if (was_full && pool.used > 0) {  // insert_to_usedpool: at the front
    link_used(p);
    return;
  }
  if (pool.used > 0) return;
  // insert_to_freepool: the pool goes back to its arena.
  unlink_used(p);
  pools_in_use_--;
  const int a = pool.arena;
  Arena& ar = arenas_[static_cast<std::size_t>(a)];
  decltype(usable_)::node_type node;  // its entry, re-inserted below with the new count
  if (ar.nfreepools > 0) node = usable_.extract({ar.nfreepools, ar.seq, a});
  ar.freepools.push_back(p);
  ar.nfreepools++;
  if (ar.nfreepools == kPoolsPerArena && !usable_.empty()) {
    // Completely free and another arena can serve: unmap it.
    for (int fp : ar.freepools) pools_[static_cast<std::size_t>(fp)].arena = -1;
    ar = Arena{};
    dead_arenas_.push_back(a);
    arenas_live_--;
    return;
  }
  if (node) {
    node.value() = {ar.nfreepools, ar.seq, a};
    usable_.insert(std::move(node));
  } else {
    usable_insert(a);
  }
}

}  // namespace pitfall::sim::memory

