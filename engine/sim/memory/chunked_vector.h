// ChunkedVector: a growable array of records in fixed-size chunks. Growing
// never moves what is stored (no reallocation copying a million records, no
// reference invalidated), and each chunk is allocated once when first needed.
// For the memory layer's per-object records, indexed by the object's slot.
#pragma once
#include <cstddef>
#include <memory>
#include <vector>

namespace pitfall::sim::memory {

template <class T, std::size_t kChunkBits = 12>
class ChunkedVector {
 public:
  static constexpr std::size_t kChunk = std::size_t{1} << kChunkBits;

  std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return chunks_[i >> kChunkBits][i & (kChunk - 1)]; }
  const T& operator[](std::size_t i) const { return chunks_[i >> kChunkBits][i & (kChunk - 1)]; }
  T& emplace_back() {
    if ((size_ >> kChunkBits) >= chunks_.size()) chunks_.emplace_back(new T[kChunk]);
    T& t = (*this)[size_++];
    t = T{};
    return t;
  }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  std::size_t size_ = 0;
};

}  // namespace pitfall::sim::memory
