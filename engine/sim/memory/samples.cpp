// Bounded peak-preserving sample series (see samples.h).
#include "sim/memory/samples.h"

#include <algorithm>

namespace pitfall::sim::memory {

void Samples::add_point(double t, std::int64_t v) {
  points_.emplace_back(t, v);
  pending_ = stride_ > 1 ? 1 : 0;
  if (points_.size() >= 2 * max_) decimate();
}

void Samples::decimate() {
  std::size_t w = 0;
  for (std::size_t i = 0; i + 1 < points_.size(); i += 2)
    points_[w++] = {points_[i].first, std::max(points_[i].second, points_[i + 1].second)};
  if (points_.size() % 2) points_[w++] = points_.back();
  points_.resize(w);
  stride_ *= 2;
  pending_ = 0;
}

std::vector<std::pair<double, std::int64_t>> Samples::points() const {
  std::vector<std::pair<double, std::int64_t>> out = points_;
  while (out.size() > max_ - 1) {
    std::size_t w = 0;
    for (std::size_t i = 0; i + 1 < out.size(); i += 2)
      out[w++] = {out[i].first, std::max(out[i].second, out[i + 1].second)};
    if (out.size() % 2) out[w++] = out.back();
    out.resize(w);
  }
  if (any_ && (out.empty() || out.back() != last_)) out.push_back(last_);
  return out;
}

void SamplePair::add_point(double t, std::int64_t a, std::int64_t b) {
  points_.push_back({t, a, b});
  pending_ = stride_ > 1 ? 1 : 0;
  if (points_.size() < 2 * max_) return;
  std::size_t w = 0;  // Samples::decimate for both series
  for (std::size_t i = 0; i + 1 < points_.size(); i += 2)
    points_[w++] = {points_[i].t, std::max(points_[i].a, points_[i + 1].a), std::max(points_[i].b, points_[i + 1].b)};
  if (points_.size() % 2) points_[w++] = points_.back();
  points_.resize(w);
  stride_ *= 2;
  pending_ = 0;
}

std::vector<std::pair<double, std::int64_t>> SamplePair::points(bool second) const {
  std::vector<std::pair<double, std::int64_t>> out;
  out.reserve(points_.size() + 1);
  for (const Point& p : points_) out.emplace_back(p.t, second ? p.b : p.a);
  while (out.size() > max_ - 1) {
    std::size_t w = 0;
    for (std::size_t i = 0; i + 1 < out.size(); i += 2)
      out[w++] = {out[i].first, std::max(out[i].second, out[i + 1].second)};
    if (out.size() % 2) out[w++] = out.back();
    out.resize(w);
  }
  const std::pair<double, std::int64_t> last{last_.t, second ? last_.b : last_.a};
  if (any_ && (out.empty() || out.back() != last)) out.push_back(last);
  return out;
}

}  // namespace pitfall::sim::memory
