// The discrete-event kernel under every scheduling model (threads + GIL,
// processes, the asyncio loop): one virtual clock and a heap of timed events.
//
// Notes about the model: the shape of SimPy's core (simpy/core.py
// Environment: a heap of (time, priority, sequence number, event)). Time is
// virtual, in integer nanoseconds; there is no wall clock and no randomness, so
// a run is a pure function of its inputs. Ties are broken by priority (lower
// first) and then by the order in which events were scheduled. Cancelled
// events stay in the heap and are skipped when they surface (as asyncio's
// TimerHandle.cancel does before the heap is purged).
#pragma once
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <unordered_map>
#include <vector>

namespace pitfall::sim::sched {

using Nanos = std::int64_t;
constexpr Nanos kForever = std::numeric_limits<Nanos>::max();
using EventId = std::uint64_t;

inline double to_seconds(Nanos t) { return double(t) * 1e-9; }
inline Nanos from_seconds(double s) { return Nanos(s * 1e9 + (s >= 0 ? 0.5 : -0.5)); }

class Kernel {
 public:
  using Callback = std::function<void()>;

  Nanos now() const { return now_; }
  // Schedules `cb` at absolute time `t` (clamped to now). Returns an id for cancel().
  EventId at(Nanos t, Callback cb, int priority = 0);
  EventId after(Nanos dt, Callback cb, int priority = 0) { return at(now_ + (dt > 0 ? dt : 0), std::move(cb), priority); }
  // True if the event was pending (it will not run).
  bool cancel(EventId id);
  bool pending(EventId id) const { return live_.count(id) != 0; }
  std::size_t pending_count() const { return live_.size(); }
  // Time of the earliest pending event, if any.
  std::optional<Nanos> next_time();
  bool empty() { return !next_time().has_value(); }
  // Runs the earliest pending event (advancing the clock to its time). False if none.
  bool step();
  // Runs every event due at or before `t`, then sets the clock to `t` (if later).
  void run_until(Nanos t);
  // Moves the clock forward without running anything (t earlier than now is ignored).
  void advance_to(Nanos t) { if (t > now_) now_ = t; }
  std::uint64_t events_run() const { return events_run_; }

 private:
  struct Entry {
    Nanos t;
    int priority;
    std::uint64_t seq;
    EventId id;
  };
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
      if (a.t != b.t) return a.t > b.t;
      if (a.priority != b.priority) return a.priority > b.priority;
      return a.seq > b.seq;
    }
  };
  void drop_cancelled_top();

  Nanos now_ = 0;
  std::uint64_t seq_ = 0, events_run_ = 0, last_id_ = 0;
  std::vector<Entry> heap_;
  std::unordered_map<EventId, Callback> live_;  // pending events' callbacks
};

}  // namespace pitfall::sim::sched
