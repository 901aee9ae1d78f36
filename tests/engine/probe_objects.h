// Test helpers for the host layout of objects: an object that logs its
// destruction, and a scope with no current VM and a chosen heap for the
// objects made in it.
#pragma once
#include <vector>

#include "sim/objects/object.h"
#include "sim/vm/vm.h"

namespace pitfall::sim::test {

// An object that logs its destruction.
struct Probe : Obj {
  std::vector<int>* log;
  int id;
  Probe(std::vector<int>* l, int i) : Obj(nullptr, Tag::Other), log(l), id(i) {}
  ~Probe() override { log->push_back(id); }
};
inline Ref probe(std::vector<int>& log, int id) { return make<Probe>(&log, id); }
inline int id_of(const Ref& r) { return static_cast<Probe*>(r.get())->id; }

// Scope with no current VM and `h` as the heap new objects join.
struct HeapScope {
  ObjHeap* saved = g_obj_heap;
  explicit HeapScope(ObjHeap* h = nullptr) { set_current_vm(nullptr); g_obj_heap = h; }
  ~HeapScope() { g_obj_heap = saved; }
  HeapScope(const HeapScope&) = delete;
  HeapScope& operator=(const HeapScope&) = delete;
};

}  // namespace pitfall::sim::test
