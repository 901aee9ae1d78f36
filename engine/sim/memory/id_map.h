// IdMap: the hash map of the memory layer's per-object records, keyed by a
// non-zero 64-bit id (an object's address, a block number, an allocator
// handle). The layer looks one up on every allocation and free of the
// simulated program, so this is a flat open-addressing table (linear probing,
// backward-shift deletion, at most half full): one probe in one array instead
// of a node allocation per entry as std::unordered_map needs. Key 0 marks an
// empty slot, so an entry for key 0 is kept aside. References returned by find/operator[] stay
// valid until the next insertion.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

namespace pitfall::sim::memory {

template <class V>
class IdMap {
 public:
  std::size_t size() const { return size_ + (has_zero_ ? 1 : 0); }
  bool empty() const { return size() == 0; }

  V* find(std::uint64_t k) {
    if (!k) return has_zero_ ? &zero_ : nullptr;
    if (slots_.empty()) return nullptr;
    for (std::size_t i = home(k);; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.key == k) return &s.val;
      if (!s.key) return nullptr;
    }
  }
  const V* find(std::uint64_t k) const { return const_cast<IdMap*>(this)->find(k); }
  bool contains(std::uint64_t k) const { return find(k) != nullptr; }

  // The value for k, default-constructed and inserted when absent; second:
  // whether it was inserted.
  std::pair<V*, bool> try_emplace(std::uint64_t k) {
    if (!k) {
      const bool inserted = !has_zero_;
      if (inserted) zero_ = V{};
      has_zero_ = true;
      return {&zero_, inserted};
    }
    if (2 * (size_ + 1) > slots_.size()) grow();
    std::size_t i = home(k);
    for (;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.key == k) return {&s.val, false};
      if (!s.key) break;
    }
    slots_[i].key = k;
    slots_[i].val = V{};
    ++size_;
    return {&slots_[i].val, true};
  }
  V& operator[](std::uint64_t k) { return *try_emplace(k).first; }

  bool erase(std::uint64_t k) {
    if (!k) {
      const bool was = has_zero_;
      has_zero_ = false;
      zero_ = V{};
      return was;
    }
    if (slots_.empty()) return false;
    std::size_t i = home(k);
    for (;; i = (i + 1) & mask_) {
      if (slots_[i].key == k) break;
      if (!slots_[i].key) return false;
    }
    // backward-shift: move later entries of the probe run into the hole
    for (std::size_t j = (i + 1) & mask_;; j = (j + 1) & mask_) {
      Slot& s = slots_[j];
      if (!s.key) break;
      const std::size_t h = home(s.key);
      // s may move to i when its home is not in (i, j] (cyclically)
      if (((j - h) & mask_) >= ((j - i) & mask_)) {
        slots_[i] = std::move(s);
        s.key = 0;
        i = j;
      }
    }
    slots_[i].key = 0;
    slots_[i].val = V{};
    --size_;
    return true;
  }

  void clear() {
    slots_.clear();
    mask_ = 0;
    size_ = 0;
    has_zero_ = false;
    zero_ = V{};
  }
  void reserve(std::size_t n) {
    while (slots_.size() < 2 * n) grow();
  }

  // f(key, value&) for every entry, in table order (not insertion order).
  template <class F>
  void for_each(F&& f) {
    if (has_zero_) f(std::uint64_t{0}, zero_);
    for (Slot& s : slots_)
      if (s.key) f(s.key, s.val);
  }
  template <class F>
  void for_each(F&& f) const {
    if (has_zero_) f(std::uint64_t{0}, zero_);
    for (const Slot& s : slots_)
      if (s.key) f(s.key, s.val);
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    V val{};
  };
  std::size_t home(std::uint64_t k) const {
    k ^= k >> 29;  // addresses: fold the high bits into the low ones first
    return std::size_t((k * 0x9E3779B97F4A7C15ull) >> 32) & mask_;
  }
  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    const std::size_t n = old.empty() ? 16 : old.size() * 2;
    slots_.resize(n);
    mask_ = n - 1;
    for (Slot& s : old) {
      if (!s.key) continue;
      std::size_t i = home(s.key);
      while (slots_[i].key) i = (i + 1) & mask_;
      slots_[i] = std::move(s);
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
  bool has_zero_ = false;
  V zero_{};
};

}  // namespace pitfall::sim::memory
