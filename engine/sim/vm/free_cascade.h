// Cost of freeing many objects at once whose memory has left the CPU cache.
//
// When the last reference to a container goes away, CPython frees it and, by
// reference counting, every object only it held (list_dealloc decrefs each
// item, Objects/listobject.c; each int goes back to pymalloc, Objects/obmalloc.c):
// one cascade of deallocations inside a single Py_DECREF. Each free reads and
// writes the object's header (refcount, type) and its pymalloc pool header, so
// its cost depends on whether that memory is still in the cache: measured on
// the calibration machine, `del L` of a list of n fresh ints costs 3.5-6 ns per
// int while the ints fit in the L2 cache (n <= 3*10^4 here) and 12-17 ns per int
// for 10^5-10^6 ints.
//
// The fitted instruction and built-in costs already contain freeing at the
// cached rate: their benchmarks free the previous result in every repeat
// (`y = list(R)` frees the previous list and its ints) with at most 10^4-10^5
// items. So only the difference is charged here, and only when it happens:
// for every object of one cascade past the first `memory.free_cached_objects`
// (objects that fit in the L2 cache), `memory.free_cold_extra_ns` more. A list
// of 10^6 ints dropped when its function returns thus costs ~10 ms more at the
// return; a list kept until the program ends costs nothing extra. Both figures
// come from tools/calibrate (calibrate_lib/benchmarks.py "memory.free_cold_extra_ns").
#pragma once
#include <cstdint>

namespace pitfall::sim {

class FreeCascade {
 public:
  void configure(double cold_extra_ns, std::int64_t cached_objects) {
    cold_extra_ns_ = cold_extra_ns > 0 ? cold_extra_ns : 0;
    cached_objects_ = cached_objects > 0 ? cached_objects : 0;
  }
  // obj_dealloc: enter() before freeing an object, leave() after; leave()
  // returns the ns to charge when the outermost free of a cascade ends.
  void enter() {
    ++depth_;
    ++freed_;
  }
  // enter(), leave() around the free of an object that frees nothing else
  // (an int or float) and whose free calls nothing that frees: the ns
  // leave() would return.
  double leaf() {
    if (depth_ > 0) {
      ++freed_;
      return 0;
    }
    return 1 > cached_objects_ ? cold_extra_ns_ : 0;  // (freed_ is 0 at depth 0)
  }
  // leaf() when it returns 0 (no charge), and its count alone.
  bool leaf_is_free() const { return depth_ > 0 || 1 <= cached_objects_; }
  void leaf_free() {
    if (depth_ > 0) ++freed_;
  }
  double leave() {
    if (--depth_ > 0) return 0;
    const std::int64_t n = freed_;
    freed_ = 0;
    return n > cached_objects_ ? double(n - cached_objects_) * cold_extra_ns_ : 0;
  }

 private:
  double cold_extra_ns_ = 0;
  std::int64_t cached_objects_ = 0;
  int depth_ = 0;
  std::int64_t freed_ = 0;
};

}  // namespace pitfall::sim
