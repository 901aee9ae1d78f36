// Chunks of the object pool (see obj_pool.h).
#include "sim/objects/obj_pool.h"

#include <vector>

namespace pitfall::sim {

ObjPool g_obj_pool;

namespace {
constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
// Every chunk ever allocated, kept for the process (objects of later
// simulations reuse them through the free lists).
std::vector<void*>& chunks() {
  static std::vector<void*>* c = new std::vector<void*>();
  return *c;
}
}  // namespace

void* ObjPool::carve(std::size_t c) {
  const std::size_t bytes = (c + 1) * kGrain;
  if (std::size_t(end_ - bump_) < bytes) {
    // the rest of the old chunk is left unused (less than one object)
    bump_ = static_cast<char*>(::operator new(kChunkBytes));
    end_ = bump_ + kChunkBytes;
    chunks().push_back(bump_);
  }
  void* p = bump_;
  bump_ += bytes;
  return p;
}

}  // namespace pitfall::sim
