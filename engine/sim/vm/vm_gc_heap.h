// The cyclic collector's view of the VM's objects (memory::GcHeap): reference
// counts, the references each object holds (tp_traverse), __del__ as the PEP
// 442 finalizer and tp_clear. See vm_gc_heap.cpp.
#pragma once
#include "sim/memory/gc_model.h"

namespace pitfall::sim {

struct Obj;
class VmMemory;

class VmGcHeap : public memory::GcHeap {
 public:
  explicit VmGcHeap(VmMemory& m) : m_(m) {}
  std::int64_t refcount(memory::GcId id) override;
  void traverse(memory::GcId id, memory::GcVisit visit) override;
  bool has_finalizer(memory::GcId id) override;
  void finalize(memory::GcId id) override;
  void clear(memory::GcId id) override;
  bool untrackable(memory::GcId id) override;
  std::int64_t handle_weakrefs(const std::vector<memory::GcId>& unreachable,
                               const std::function<bool(memory::GcId)>& is_unreachable) override;
  bool weakrefs_changed_anything() const override { return weakrefs_changed_; }
  void global_roots(memory::GcVisit visit) override;
  void stack_roots(memory::GcVisit visit) override;

 private:
  Obj* obj(memory::GcId id);
  VmMemory& m_;
  bool weakrefs_changed_ = true;  // the last handle_weakrefs() found a weak reference to handle
};

}  // namespace pitfall::sim
