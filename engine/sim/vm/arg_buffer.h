// Call arguments with one more value in front (a bound method's self, the new
// instance passed to __init__), as the CALL instruction builds them for every
// such call. Up to kInline values live in the buffer itself, so a method call
// makes no host allocation; more go to a vector. The values are dropped in
// order (first to last) by clear() or at the end of the scope, as a vector's
// would be.
#pragma once
#include <new>
#include <vector>

#include "sim/objects/object.h"

namespace pitfall::sim {

class ArgBuffer {
 public:
  ArgBuffer() = default;
  ArgBuffer(const ArgBuffer&) = delete;
  ArgBuffer& operator=(const ArgBuffer&) = delete;
  [[gnu::always_inline]] ~ArgBuffer() { if (size_) clear(); }

  // [first, rest[0], ..., rest[n-1]]: n + 1 values.
  [[gnu::always_inline]] Ref* fill(const Ref& first, const Ref* rest, int n) {
    if (size_) clear();
    const int total = n + 1;
    if (total <= kInline) {
      Ref* p = reinterpret_cast<Ref*>(inline_);
      new (p) Ref(first);
      for (int i = 0; i < n; ++i) new (p + i + 1) Ref(rest[i]);
      data_ = p;
      size_ = total;
      return p;
    }
    big_.reserve(std::size_t(total));
    big_.push_back(first);
    for (int i = 0; i < n; ++i) big_.push_back(rest[i]);
    data_ = big_.data();
    size_ = total;
    return data_;
  }
  Ref* data() const { return data_; }
  bool empty() const { return size_ == 0; }
  [[gnu::always_inline]] void clear() {
    if (data_ == reinterpret_cast<Ref*>(inline_)) {
      for (int i = 0; i < size_; ++i) data_[i].~Ref();
    } else {
      big_.clear();
    }
    data_ = nullptr;
    size_ = 0;
  }

 private:
  static constexpr int kInline = 8;
  alignas(Ref) unsigned char inline_[kInline * sizeof(Ref)];
  std::vector<Ref> big_;
  Ref* data_ = nullptr;
  int size_ = 0;
};

}  // namespace pitfall::sim
