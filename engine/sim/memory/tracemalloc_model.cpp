// tracemalloc accounting (see tracemalloc_model.h for the notes about the model).
#include "sim/memory/tracemalloc_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

namespace pitfall::sim::memory {

std::string format_size(double size) {
  static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  char buf[64];
  for (int u = 0; u < 5; ++u) {
    const std::string unit = units[u];
    if (std::fabs(size) < 100 && unit != "B") {
      std::snprintf(buf, sizeof buf, "%.1f %s", size, units[u]);
      return buf;
    }
    if (std::fabs(size) < 10 * 1024 || unit == "TiB") {
      std::snprintf(buf, sizeof buf, "%.0f %s", size, units[u]);
      return buf;
    }
    size /= 1024;
  }
  return "";
}

std::string format_statistic(const LineStat& s) {
  std::string text = s.file + ":" + std::to_string(s.line) + ": size=" +
                     format_size(static_cast<double>(s.size)) + ", count=" + std::to_string(s.count);
  if (s.count)
    text += ", average=" + format_size(static_cast<double>(s.size) / static_cast<double>(s.count));
  return text;
}

std::uint32_t TracemallocModel::new_place(const std::string& file, int line) {
  if (places_.empty()) main_file_ = file;
  const bool main = line >= 0 && line < (1 << 20) && file == main_file_;
  if (main && std::size_t(line) < main_lines_.size() && main_lines_[std::size_t(line)])
    return main_lines_[std::size_t(line)] - 1;
  std::string key = file + ":" + std::to_string(line);
  auto it = place_index_.find(key);
  if (it != place_index_.end()) return it->second;
  if (places_.size() > kPlaceMask) return kPlaceMask;  // (a block keeps 30 bits of place)
  const auto idx = static_cast<std::uint32_t>(places_.size());
  places_.emplace_back(file, line);
  place_total_.push_back(0);
  place_index_.emplace(std::move(key), idx);
  if (main) {
    if (std::size_t(line) >= main_lines_.size()) main_lines_.resize(std::size_t(line) + 1, 0);
    main_lines_[std::size_t(line)] = idx + 1;
  }
  return idx;
}

const std::unordered_map<std::string, std::int64_t>& TracemallocModel::allocated_per_line() const {
  per_line_total_.clear();
  for (std::size_t i = 0; i < places_.size(); ++i)
    if (place_total_[i]) per_line_total_[places_[i].first + ":" + std::to_string(places_[i].second)] += place_total_[i];
  return per_line_total_;
}

void TracemallocModel::realloc_at(BlockId id, std::int64_t bytes, std::uint32_t where) {
  Block* found = block(id);
  if (!found) return;
  Block& b = *found;
  bytes = std::max<std::int64_t>(0, bytes);
  const std::int64_t old = size_of(id, b);
  remove_program(b, old);
  current_ += bytes - old;
  peak_ = std::max(peak_, current_);
  if (bytes > old) place_total_[where] += bytes - old;
  set_size(id, b, bytes);
  b.where = where & kPlaceMask;
  if (tracing_) add_program(b, bytes);
}

void TracemallocModel::start() {
  if (tracing_) return;
  tracing_ = true;
  prog_current_ = prog_peak_ = 0;
}

void TracemallocModel::stop() {
  if (!tracing_) return;
  clear_traces();
  tracing_ = false;
}

void TracemallocModel::clear_traces() {
  for (std::size_t i = 0; i < blocks_.size(); ++i) blocks_[i].program = 0;
  prog_current_ = prog_peak_ = 0;
}

std::vector<LineStat> TracemallocModel::snapshot_statistics() const {
  std::map<std::uint32_t, LineStat> by_place;
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    const Block& b = blocks_[i];
    if (!b.live || !b.program) continue;
    LineStat& s = by_place[b.where];
    s.size += size_of(i, b);
    s.count += 1;
  }
  std::vector<LineStat> out;
  for (auto& [where, s] : by_place) {
    s.file = places_[where].first;
    s.line = places_[where].second;
    out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const LineStat& a, const LineStat& b) {
    return std::tie(a.size, a.count, a.file, a.line) > std::tie(b.size, b.count, b.file, b.line);
  });
  return out;
}

}  // namespace pitfall::sim::memory
