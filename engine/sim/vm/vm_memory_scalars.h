// The memory layer's part of a built-in int's or float's life, inline where
// the objects are made (vm/scalar_objects.cpp) and freed (obj_dealloc,
// vm.cpp): what VmMemory::created() and destroyed() do for them, without a
// virtual call. Host speed only: the accounting is the same.
#pragma once
#include "sim/vm/vm.h"
#include "sim/vm/vm_memory.h"

namespace pitfall::sim {

// o: a new IntObj or FloatObj (tag Int or Float) of this memory layer's heap.
[[gnu::always_inline]] inline void VmMemory::created_scalar(Obj* o) {
  if (g_obj_heap_teardown || suspended_) [[unlikely]] return;
  vm_.check_at = 0;  // wake_eval: has_work() is true now
  if (pending_.size() < kSlotPayload) [[likely]] {
    o->mem_slot = kScalarSlot | kPendingSlot | std::uint32_t(pending_.size());
    pending_.push_back(o);
    return;
  }
  created_record(o);
}

// o: an IntObj or FloatObj being freed, o->mem_slot not 0.
[[gnu::always_inline]] inline void VmMemory::destroyed_scalar(Obj* o) {
  const std::uint32_t slot = o->mem_slot;
  if (!scalar_slot(slot)) [[unlikely]] return destroyed_record(o, slot);
  if (slot & kPendingSlot) {  // made by the current instruction: never accounted
    const std::size_t at = slot & kSlotPayload;
    Obj* last = pending_.back();
    pending_[at] = last;
    set_pending(last, at);
    pending_.pop_back();
  } else if (const std::uint32_t pool = slot & kScalarPoolMask) {
    mem_.release_counted(memory::Pymalloc::kSmallBit | (pool - 1), std::int64_t((slot & kSlotPayload) >> kScalarBytesShift),
                         vm_.clock_ns * 1e-9);  // now_s()
  }
  o->mem_slot = 0;
}

double VmMemory::now_s() const { return vm_.clock_ns * 1e-9; }

int VmMemory::alloc_line() const {
  if (vm_.frames.empty()) return 0;
  const Frame* f = vm_.frames.back();
  // a frame just entered (Python __init__ of a new instance, a call): the
  // allocation belongs to the caller's line, as tracemalloc's traceback shows
  if (f->ip == 0 && vm_.frames.size() > 1) f = vm_.frames[vm_.frames.size() - 2];
  const int ip = f->ip > 0 ? f->ip - 1 : 0;
  return ip < int(f->code->pos.size()) ? f->code->pos[std::size_t(ip)].line : 0;
}

// The page faults of memory the flushed allocations touched for the first
// time (heap growth and fresh mappings), charged at the end of every flush;
// nothing to look at unless pymalloc took its slow path since the last look.
void VmMemory::charge_fresh_pages() {
  if (fresh_.may_have_grown(mem_.allocator().slow_allocations())) [[unlikely]] charge_fresh_pages_grown();
}

// Nothing pending or under way that the boundary's flush would do first, and
// tracemalloc off: an int or float made now can be accounted at once.
[[gnu::always_inline]] inline bool VmMemory::at_once_possible() const {
  return pending_.empty() && !flushing_ && !collect_due_ && !gc_.pending() && !vm_.has_pending && !suspended_ &&
         !g_obj_heap_teardown && !mem_.tracemalloc().is_tracing();
}

// What flush() does for a lone pending int or float, without its failure
// (anything else: pending as usual, for the boundary's flush), with what the caller knows of o: its size (an int
// without exact_int, or a float: by value alone), its line the executing
// instruction's (alloc_line() of the top frame, whose ip is past that
// instruction, is vm_.cur_line).
[[gnu::always_inline]] inline void VmMemory::created_result_last(Obj* o, std::int64_t bytes) {
  if (at_once_possible()) [[likely]] {
    if (bytes < kScalarBytesLimit && mem_.allocator().pools_carved() < kScalarPoolMask - 1) [[likely]] {
      const memory::Pymalloc::Handle h = mem_.allocate_counted(bytes, place_of_line(vm_.cur_line), now_s());
      if (h) [[likely]] {  // (else over the limit: nothing recorded, the boundary raises)
        o->mem_slot = accounted_scalar_slot(bytes, h);
        charge_fresh_pages();
        return;
      }
    }
  }
  created_scalar(o);
}

[[gnu::always_inline]] inline void VmMemory::created_int_last(IntObj* o) { created_result_last(o, int_result_bytes(o->v)); }

[[gnu::always_inline]] inline void VmMemory::created_float_last(FloatObj* o) { created_result_last(o, float_bytes_); }

// created_result_last()'s accounting when none of its steps would call out:
// the line's place is known, the fresh-page check has nothing to look at,
// pymalloc serves the block from a pool that stays listed and the memory
// sample folds (MemoryModel::allocate_counted_fast). Everything is checked
// before anything changes.
[[gnu::always_inline]] inline std::uint32_t VmMemory::result_slot_fast(std::int64_t bytes) {
  if (!at_once_possible() || bytes >= kScalarBytesLimit ||
      mem_.allocator().pools_carved() >= kScalarPoolMask - 1 || fresh_.may_have_grown(mem_.allocator().slow_allocations()))
    return 0;
  const int line = vm_.cur_line;
  if (std::size_t(line) >= line_places_.size()) return 0;  // (a negative line is not kept)
  const std::uint32_t place = line_places_[std::size_t(line)];
  if (!place) return 0;
  const memory::Pymalloc::Handle h = mem_.allocate_counted_fast(bytes, place - 1, now_s());
  if (!h) return 0;
  return accounted_scalar_slot(bytes, h);
}

// destroyed_scalar() of an accounted int or float (not pending, with a
// block) whose block goes back to a pool that stays listed, the sample
// folding (MemoryModel::release_counted_fast).
[[gnu::always_inline]] inline bool VmMemory::destroyed_scalar_fast(Obj* o) {
  const std::uint32_t slot = o->mem_slot;
  const std::uint32_t pool = slot & kScalarPoolMask;
  if (!scalar_slot(slot) || (slot & kPendingSlot) || !pool) return false;
  if (!mem_.release_counted_fast(memory::Pymalloc::kSmallBit | (pool - 1), std::int64_t((slot & kSlotPayload) >> kScalarBytesShift), now_s()))
    return false;
  o->mem_slot = 0;
  return true;
}

}  // namespace pitfall::sim
