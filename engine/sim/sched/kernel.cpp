// The discrete-event kernel: heap operations and the run loop (see kernel.h).
#include "sim/sched/kernel.h"

#include <algorithm>

namespace pitfall::sim::sched {

EventId Kernel::at(Nanos t, Callback cb, int priority) {
  if (t < now_) t = now_;
  EventId id = ++last_id_;
  heap_.push_back(Entry{t, priority, seq_++, id});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
  live_.emplace(id, std::move(cb));
  return id;
}

bool Kernel::cancel(EventId id) {
  if (live_.erase(id) == 0) return false;
  // Cancelled entries are skipped lazily; compact when they dominate the heap.
  if (heap_.size() > 64 && heap_.size() > 4 * live_.size()) {
    std::vector<Entry> kept;
    kept.reserve(live_.size());
    for (const Entry& e : heap_)
      if (live_.count(e.id)) kept.push_back(e);
    heap_.swap(kept);
    std::make_heap(heap_.begin(), heap_.end(), Later{});
  }
  return true;
}

void Kernel::drop_cancelled_top() {
  while (!heap_.empty() && !live_.count(heap_.front().id)) {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    heap_.pop_back();
  }
}

std::optional<Nanos> Kernel::next_time() {
  drop_cancelled_top();
  if (heap_.empty()) return std::nullopt;
  return heap_.front().t;
}

bool Kernel::step() {
  drop_cancelled_top();
  if (heap_.empty()) return false;
  Entry e = heap_.front();
  std::pop_heap(heap_.begin(), heap_.end(), Later{});
  heap_.pop_back();
  auto it = live_.find(e.id);
  Callback cb = std::move(it->second);
  live_.erase(it);
  if (e.t > now_) now_ = e.t;
  ++events_run_;
  if (cb) cb();
  return true;
}

void Kernel::run_until(Nanos t) {
  for (;;) {
    auto n = next_time();
    if (!n || *n > t) break;
    step();
  }
  advance_to(t);
}

}  // namespace pitfall::sim::sched
