// SamplePair (engine/sim/memory/samples.h): the traced and RSS-like series
// sampled together give, point for point, what two Samples fed the same
// samples give (one count, stride and decimation shared by the two).
#include <catch2/catch.hpp>

#include <cstdint>

#include "sim/memory/samples.h"

using pitfall::sim::memory::SamplePair;
using pitfall::sim::memory::Samples;

TEST_CASE("a sample pair holds the two series two Samples would", "[memory][tracemalloc]") {
  for (std::size_t max_points : {std::size_t{2}, std::size_t{7}, std::size_t{2000}}) {
    for (int n : {0, 1, 5, 13, 4000, 250'000}) {
      Samples a(max_points), b(max_points);
      SamplePair pair(max_points);
      for (int i = 0; i < n; ++i) {
        // two unrelated walks with spikes, repeated values and drops
        const std::int64_t va = (std::int64_t(i) * 7919) % 100'003 + (i % 9973 == 17 ? 4'000'000 : 0);
        const std::int64_t vb = (std::int64_t(i) / 64) * 1'048'576 - (i % 5000 == 4999 ? 3 * 1'048'576 : 0);
        const double t = (i / 3) * 1e-6;  // several samples at one instant
        a.add(t, va);
        b.add(t, vb);
        pair.add(t, va, vb);
      }
      INFO("max_points " << max_points << ", samples " << n);
      CHECK(pair.points(false) == a.points());
      CHECK(pair.points(true) == b.points());
    }
  }
}
