// The VM's memory seam (see memory_model.h for the notes about the model).
#include "sim/memory/memory_model.h"

namespace pitfall::sim::memory {

MemoryModel::MemoryModel(std::int64_t limit_bytes, std::size_t max_samples)
    : limit_(limit_bytes), samples_(max_samples) {}

bool MemoryModel::reallocate(BlockId id, std::int64_t bytes, const std::string& file, int line, double t_s) {
  if (id >= handles_.size() || !handles_[std::size_t(id)]) return false;
  return reallocate_at(id, bytes, trace_.place_of(file, line), t_s);
}

bool MemoryModel::reallocate_at(BlockId id, std::int64_t bytes, std::uint32_t where, double t_s) {
  if (id >= handles_.size() || !handles_[std::size_t(id)]) return false;
  Pymalloc::Handle* handle = &handles_[std::size_t(id)];
  const std::int64_t old = trace_.size_of(id);
  const bool same_class = old <= Pymalloc::kSmallRequestThreshold && bytes <= Pymalloc::kSmallRequestThreshold &&
                          Pymalloc::size_class(old) == Pymalloc::size_class(bytes);
  if (!same_class) {
    if (would_exceed(bytes)) return false;
    pymalloc_.will_resize(*handle, bytes);
    const Pymalloc::Handle h = pymalloc_.malloc(bytes);
    pymalloc_.free(*handle);
    *handle = h;
  }
  trace_.realloc_at(id, bytes, where);
  sample(t_s);
  return true;
}

void MemoryModel::fill(report::Report& r) const {
  r.mem_peak = trace_.peak();
  r.mem_final = trace_.current();
  r.rss_peak = pymalloc_.rss_peak();
  r.mem_samples = samples_.points(false);
}

}  // namespace pitfall::sim::memory
