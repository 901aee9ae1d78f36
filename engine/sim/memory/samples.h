// A bounded series of (virtual time, bytes) samples for the memory chart:
// every change is recorded, and when the series reaches twice its limit
// neighbouring pairs are merged keeping the larger value, so peaks survive
// any number of decimations.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

namespace pitfall::sim::memory {

class Samples {
 public:
  explicit Samples(std::size_t max_points = 2000) : max_(max_points < 2 ? 2 : max_points) {}
  // Inline: the memory layer adds two samples per allocation and per free.
  [[gnu::always_inline]] void add(double t, std::int64_t v) {
    last_ = {t, v};
    any_ = true;
    // After decimations each stored point stands for `stride_` raw samples.
    if (pending_ > 0 && !points_.empty()) {
      if (v > points_.back().second) points_.back().second = v;  // keep the peak
      if (++pending_ >= stride_) pending_ = 0;
      return;
    }
    add_point(t, v);
  }
  // The series for the report: at most max_points, the last one the final value.
  std::vector<std::pair<double, std::int64_t>> points() const;
  std::size_t size() const { return points_.size(); }

 private:
  void add_point(double t, std::int64_t v);  // starts a new stored point
  void decimate();
  std::size_t max_;
  std::vector<std::pair<double, std::int64_t>> points_;
  std::pair<double, std::int64_t> last_{0, 0};
  bool any_ = false;
  std::size_t stride_ = 1, pending_ = 0;  // samples folded into the current point
};

// Two series sampled at the same instants (the traced bytes and the RSS-like
// figure: every allocation and free adds a sample to both): each behaves as
// its own Samples would, with one count of points, stride and pending
// samples for the two.
class SamplePair {
 public:
  explicit SamplePair(std::size_t max_points = 2000) : max_(max_points < 2 ? 2 : max_points) {}
  [[gnu::always_inline]] void add(double t, std::int64_t a, std::int64_t b) {
    last_ = {t, a, b};
    any_ = true;
    if (pending_ > 0) {  // (only add_point makes it positive, after a push: points_ is not empty)
      Point& p = points_.back();
      if (a > p.a) p.a = a;
      if (b > p.b) p.b = b;
      if (++pending_ >= stride_) pending_ = 0;
      return;
    }
    add_point(t, a, b);
  }
  // add() when it folds into the current point (no call); false: nothing
  // done, add() would start a new point.
  bool folds() const { return pending_ > 0; }
  [[gnu::always_inline]] void add_folded(double t, std::int64_t a, std::int64_t b) {
    last_ = {t, a, b};
    any_ = true;
    Point& p = points_.back();
    if (a > p.a) p.a = a;
    if (b > p.b) p.b = b;
    if (++pending_ >= stride_) pending_ = 0;
  }
  // Samples::points() of the first or the second series.
  std::vector<std::pair<double, std::int64_t>> points(bool second) const;

 private:
  struct Point { double t; std::int64_t a, b; };
  void add_point(double t, std::int64_t a, std::int64_t b);
  std::size_t max_;
  std::vector<Point> points_;
  Point last_{0, 0, 0};
  bool any_ = false;
  std::size_t stride_ = 1, pending_ = 0;
};

}  // namespace pitfall::sim::memory
