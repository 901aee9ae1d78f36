// A list resized within its capacity (an append, a pop): host speed only.
//
// touched() makes a changed container pending, and flush() syncs it at the
// next instruction boundary. For a list whose new size fits its capacity
// (list_resize: allocated >= newsize >= allocated / 2) that sync only sets
// the size: no block changes, no collector work. That is done here, at the
// touch, so the boundary needs no flush. The result is the same as the
// deferred sync's because:
// - the size the deferred sync would start from is kept (size_before) for
//   every touch of the same boundary interval (epoch()): when a later touch of
//   that interval leaves the capacity, the size goes back to it and the list is
//   made pending as before;
// - only when the flush would change nothing else: the blocks already have
//   the footprint's sizes and no page would be charged (FreshPages), else the
//   list is made pending as before;
// - the order of pending_ (which sets the order of the allocations, and so of
//   the memory samples) is kept: a list resized in place while nothing is
//   pending stands for pending_'s first entry for the rest of the epoch
//   (virtual_first_). Its swap-remove when it is freed, and its place when a
//   later touch of the epoch makes it pending, are done as with the deferred
//   sync. Every other touch makes the list pending as before.
#include "sim/vm/list_resize_in_place.h"

#include "sim/vm/vm.h"
#include "sim/vm/vm_memory.h"

namespace pitfall::sim {

bool g_list_resize_in_place = true;

// Two touches with no flush between them see the same epoch: flush() runs
// only at an instruction boundary (each counted in vm.instructions as its
// instruction is fetched) or when called (counted in flushes_).
std::uint64_t VmMemory::epoch() const { return vm_.instructions + flushes_; }

// (only touched_list calls it: inline there, so the append's touch is one call)
[[gnu::always_inline]] inline bool VmMemory::list_resized_in_place(Obj* o, Rec& r) {
  if (!g_list_resize_in_place) return false;
  if (GrowthTables::kind(r.growth) != GrowthKind::List) return false;
  ListGrowth& g = growths_.lists[GrowthTables::index(r.growth)];
  const std::uint64_t e = epoch();
  // the place it would take in pending_: already taken as the epoch's
  // virtual first entry (only that list then), or first while nothing is pending
  const bool first = virtual_epoch_ == e ? virtual_first_ == o : pending_.empty();
  if (!first) {
    if (g.touch_epoch == e) g.list.size = g.size_before;
    return false;
  }
  if (g.touch_epoch != e) {
    g.touch_epoch = e;
    g.size_before = g.list.size;
  }
  const memory::i64 n = memory::i64(static_cast<ListObj*>(o)->items.size());
  const memory::i64 alloc = g.list.allocated;
  const memory::Pymalloc& pm = mem_.allocator();
  if (alloc > 0 && n <= alloc && n >= (alloc >> 1) && !r.owned) {
    const memory::Footprint fp = sizes_.list_traced(g.list);
    const auto unchanged = [this](std::uint32_t b, std::int64_t bytes) {
      return bytes <= 0 ? b == 0 : b != 0 && mem_.tracemalloc().size_of(b) == bytes;
    };
    if ((r.prewindow || unchanged(r.block, fp.object)) && unchanged(r.table, fp.table + fp.table2) &&
        !fresh_.would_change(pm.pools_in_use() * memory::Pymalloc::kPoolSize + pm.large_bytes() - pm.mapped_bytes(),
                             pm.fresh_mapped_bytes())) {
      g.list.size = n;
      virtual_first_ = o;
      virtual_epoch_ = e;
      return true;
    }
  }
  g.list.size = g.size_before;  // the deferred sync starts from the boundary's size
  return false;
}

void VmMemory::touched_list(Obj* o, Rec& r) {
  if (list_resized_in_place(o, r)) [[likely]] return;
  if (is_virtual_first(o)) return pending_front(o);  // where the deferred sync had it
  touched_pending(o, r);
}

void VmMemory::pending_front(Obj* o) {
  virtual_first_ = nullptr;
  pending_.insert(pending_.begin(), o);
  for (std::size_t k = 0; k < pending_.size(); ++k) set_pending(pending_[k], k);
}

void VmMemory::virtual_first_destroyed() {
  virtual_first_ = nullptr;
  if (pending_.empty()) return;
  Obj* last = pending_.back();
  pending_.pop_back();
  pending_.insert(pending_.begin(), last);
  for (std::size_t k = 0; k < pending_.size(); ++k) set_pending(pending_[k], k);
}

}  // namespace pitfall::sim
