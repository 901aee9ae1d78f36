// DictIndex: the index table of a dict (objects/object.h DictObj), the
// open-addressing half of CPython's compact dict: one slot per position, -1
// empty, -2 dummy, else the entry's position. Like CPython's dk_indices, whose
// slots are int8 while the table is small, a table of up to kInline slots
// keeps 8-bit slots inside the dict itself, where a pointer would be (a dict's
// first table, up to 5 keys: every instance __dict__ with a handful of
// attributes has no host block for its index); a larger one is a block of
// 32-bit slots. A table of at most kInline slots never holds an entry
// position past 127 (a table is resized at two thirds full). The interface is
// the part of std::vector<std::int32_t>'s the dict code used; a slot is
// written with set().
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace pitfall::sim {

class DictIndex {
 public:
  static constexpr std::size_t kInline = 8;

  DictIndex() = default;
  DictIndex(const DictIndex& o) { copy_from(o); }
  DictIndex(DictIndex&& o) noexcept { steal(o); }
  DictIndex& operator=(const DictIndex& o) {
    if (this != &o) { release(); copy_from(o); }
    return *this;
  }
  DictIndex& operator=(DictIndex&& o) noexcept {
    if (this != &o) { release(); steal(o); }
    return *this;
  }
  ~DictIndex() { release(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::int32_t operator[](std::size_t j) const { return size_ <= kInline ? std::int32_t(u_.small[j]) : u_.big[j]; }
  void set(std::size_t j, std::int32_t v) {
    if (size_ <= kInline) u_.small[j] = std::int8_t(v);
    else u_.big[j] = v;
  }
  // n slots, all v (n: 0 or a power of two; v is -1 or -2)
  void assign(std::size_t n, std::int32_t v) {
    release();
    size_ = std::uint32_t(n);
    if (n <= kInline) {
      std::memset(u_.small, int(std::int8_t(v)), sizeof u_.small);
    } else {
      u_.big = new std::int32_t[n];
      for (std::size_t j = 0; j < n; ++j) u_.big[j] = v;
    }
  }
  void clear() { release(); }
  bool operator==(const DictIndex& o) const {
    if (size_ != o.size_) return false;
    for (std::size_t j = 0; j < size_; ++j)
      if ((*this)[j] != o[j]) return false;
    return true;
  }

 private:
  void release() {
    if (size_ > kInline) delete[] u_.big;
    size_ = 0;
    std::memset(u_.small, -1, sizeof u_.small);
  }
  void copy_from(const DictIndex& o) {
    size_ = o.size_;
    if (size_ <= kInline) {
      std::memcpy(&u_, &o.u_, sizeof u_);
    } else {
      u_.big = new std::int32_t[size_];
      std::memcpy(u_.big, o.u_.big, sizeof(std::int32_t) * size_);
    }
  }
  void steal(DictIndex& o) {
    size_ = o.size_;
    std::memcpy(&u_, &o.u_, sizeof u_);  // the inline slots, or the block's pointer
    o.size_ = 0;
    std::memset(o.u_.small, -1, sizeof o.u_.small);
  }
  union U {
    std::int8_t small[kInline];
    std::int32_t* big;
  } u_{{-1, -1, -1, -1, -1, -1, -1, -1}};
  std::uint32_t size_ = 0;
};

static_assert(sizeof(void*) != 8 || sizeof(DictIndex) == 16);

}  // namespace pitfall::sim
