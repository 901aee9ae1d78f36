// SlotVec: an instance's __slots__ values (objects/object.h InstanceObj), one
// pointer wide. Most instances have no slots (their class has none): they pay
// 8 bytes instead of a std::vector's 24. With slots, one block of the object
// pool (obj_pool.h: no allocator header) holds the count and the values. The interface is the part of std::vector<Ref>'s the
// simulator uses. Values are released first to last, as std::vector's, and
// only once the SlotVec no longer refers to them (releasing a Ref can free
// objects and run arbitrary code, which must see a consistent SlotVec).
#pragma once
#include <cstddef>
#include <new>
#include <utility>
#include <vector>

#include "sim/objects/obj_pool.h"

namespace pitfall::sim {

template <class R>
class SlotVecOf {
 public:
  SlotVecOf() = default;
  SlotVecOf(const SlotVecOf& o) { assign(o.begin(), o.end()); }
  SlotVecOf(SlotVecOf&& o) noexcept : b_(o.b_) { o.b_ = nullptr; }
  SlotVecOf& operator=(const SlotVecOf& o) {
    if (this != &o) { SlotVecOf t(o); swap(t); }
    return *this;
  }
  SlotVecOf& operator=(SlotVecOf&& o) noexcept {
    if (this != &o) { SlotVecOf t(std::move(o)); swap(t); }
    return *this;
  }
  SlotVecOf& operator=(const std::vector<R>& v) {
    SlotVecOf t;
    t.assign(v.data(), v.data() + v.size());
    swap(t);
    return *this;
  }
  operator std::vector<R>() const { return std::vector<R>(begin(), end()); }  // NOLINT: a copy
  ~SlotVecOf() {
    Block* b = b_;
    b_ = nullptr;
    destroy(b);
  }

  std::size_t size() const { return b_ ? b_->n : 0; }
  bool empty() const { return size() == 0; }
  R* begin() { return b_ ? b_->items() : nullptr; }
  R* end() { return b_ ? b_->items() + b_->n : nullptr; }
  const R* begin() const { return b_ ? b_->items() : nullptr; }
  const R* end() const { return b_ ? b_->items() + b_->n : nullptr; }
  R& operator[](std::size_t i) { return b_->items()[i]; }
  const R& operator[](std::size_t i) const { return b_->items()[i]; }
  void swap(SlotVecOf& o) noexcept { std::swap(b_, o.b_); }

  // Grows to n values (new ones null), or drops the last ones.
  void resize(std::size_t n) {
    const std::size_t old = size();
    if (n == old) return;
    Block* nb = n ? make(n) : nullptr;
    const std::size_t keep = n < old ? n : old;
    for (std::size_t i = 0; i < keep; ++i) nb->items()[i] = std::move(b_->items()[i]);
    Block* ob = b_;
    b_ = nb;
    destroy(ob);  // the dropped values, released after the swap
  }
  void push_back(const R& x) {
    const std::size_t n = size();
    resize(n + 1);
    b_->items()[n] = x;
  }

 private:
  struct Block {
    std::size_t n;
    R* items() { return reinterpret_cast<R*>(this + 1); }
  };
  static_assert(alignof(R) <= alignof(Block) && sizeof(Block) % alignof(R) == 0);
  static std::size_t bytes(std::size_t n) { return sizeof(Block) + sizeof(R) * n; }
  static Block* make(std::size_t n) {
    void* p = g_obj_pool.alloc(bytes(n));
    Block* b = new (p) Block{n};
    for (std::size_t i = 0; i < n; ++i) new (b->items() + i) R();
    return b;
  }
  static void destroy(Block* b) {
    if (!b) return;
    for (std::size_t i = 0; i < b->n; ++i) b->items()[i].~R();
    const std::size_t n = b->n;
    b->~Block();
    g_obj_pool.release(b, bytes(n));
  }
  template <class It>
  void assign(It first, It last) {
    const std::size_t n = std::size_t(last - first);
    if (!n) return;
    b_ = make(n);
    for (std::size_t i = 0; i < n; ++i, ++first) b_->items()[i] = *first;
  }
  Block* b_ = nullptr;
};

}  // namespace pitfall::sim
