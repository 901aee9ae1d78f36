// The heaps of simulated objects (object.h ObjHeap): ids, the object table,
// teardown.
#include "sim/objects/object.h"

namespace pitfall::sim {

ObjHeap* g_obj_heaps[kMaxObjHeaps] = {};

namespace {
std::size_t g_next_heap_hint = 1;  // where the search for a free id starts
}

ObjHeap::ObjHeap() {
  // ids are reused once their heap is gone; with every id taken (65535 heaps
  // alive at once) objects of this heap are simply not tracked
  for (std::size_t n = 1; n < kMaxObjHeaps; ++n) {
    std::size_t i = g_next_heap_hint;
    g_next_heap_hint = g_next_heap_hint + 1 < kMaxObjHeaps ? g_next_heap_hint + 1 : 1;
    if (!g_obj_heaps[i]) {
      g_obj_heaps[i] = this;
      id = std::uint16_t(i);
      return;
    }
  }
}

void ObjHeap::grow() {
  chunks_.push_back(new Obj*[kChunk]);
  capacity_ = chunks_.size() << kChunkBits;
}

ObjHeap::~ObjHeap() {
  bool outer = g_obj_heap_teardown;
  g_obj_heap_teardown = true;
  // newest entries first; each destructor removes itself from the table
  // (and may remove others it deletes)
  while (size_) delete at(size_ - 1);
  g_obj_heap_teardown = outer;
  for (Obj** c : chunks_) delete[] c;
  if (id) g_obj_heaps[id] = nullptr;
}

}  // namespace pitfall::sim
