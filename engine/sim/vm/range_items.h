// How many items of a range lie outside CPython's small-int cache
// (-5..256: Objects/longobject.c _PY_NSMALLNEGINTS / _PY_NSMALLPOSINTS). The
// range iterator allocates a new int for each of those (rangeiter_next ->
// PyLong_FromLong) and a consumer that drops it (sum, a loop variable
// rebound) frees it, so they cost more than the cached ones
// (cost table: int.range_alloc_item_ns).
#pragma once
#include <algorithm>
#include <cstdint>

namespace pitfall::sim {

inline std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Items k in [0, n) of start + k*step with a value outside -5..256.
inline std::int64_t range_items_uncached(std::int64_t start, std::int64_t step, std::int64_t n) {
  if (n <= 0 || step == 0) return 0;
  constexpr std::int64_t lo = -5, hi = 256;
  // k range with lo <= start + k*step <= hi
  std::int64_t k0, k1;
  if (step > 0) {
    k0 = -floor_div(-(lo - start), step);  // ceil((lo - start) / step)
    k1 = floor_div(hi - start, step);
  } else {
    k0 = -floor_div(-(start - hi), -step);  // ceil((start - hi) / -step)
    k1 = floor_div(start - lo, -step);
  }
  k0 = std::max<std::int64_t>(k0, 0);
  k1 = std::min<std::int64_t>(k1, n - 1);
  const std::int64_t cached = k1 >= k0 ? k1 - k0 + 1 : 0;
  return n - cached;
}

}  // namespace pitfall::sim
