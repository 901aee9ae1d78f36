// The GIL: take_gil / drop_gil on the virtual clock (see gil.h).
#include "sim/sched/gil.h"

#include <algorithm>

#include "sim/sched/threads.h"

namespace pitfall::sim::sched {

void Gil::sample(Nanos at) {
  int n = int(waiters.size()) + (in_transit >= 0 ? 1 : 0);
  if (!waiter_samples.empty() && waiter_samples.back().second == n) return;
  if (!waiter_samples.empty() && waiter_samples.back().first == at) waiter_samples.back().second = n;
  else waiter_samples.emplace_back(at, n);
}

void Gil::take(ThreadId t, Nanos at, Nanos wake_delay) {
  if (holder == t) return;
  if (holder < 0 && in_transit < 0 && waiters.empty()) {
    grant(t, at);
    return;
  }
  if (std::find(waiters.begin(), waiters.end(), t) == waiters.end()) waiters.push_back(t);
  ThreadState before = sched_.threads_[std::size_t(t)].state;
  if ((before == ThreadState::Lock || before == ThreadState::Sleep || before == ThreadState::Io) &&
      std::find(fresh.begin(), fresh.end(), t) == fresh.end())
    fresh.push_back(t);
  sched_.set_state(t, ThreadState::WaitGil, at);
  arm_interval(t, at + wake_delay);
  sample(at);
}

// One timed wait of take_gil(): after switch_interval without a switch, ask
// the holder to drop (SET_GIL_DROP_REQUEST) and wait again.
void Gil::arm_interval(ThreadId t, Nanos at) {
  auto it = timers_.find(t);
  if (it != timers_.end()) sched_.kernel_.cancel(it->second);
  std::uint64_t saved_switchnum = switch_number;
  timers_[t] = sched_.kernel_.at(at + sched_.cfg_.switch_interval, [this, t, saved_switchnum] {
    timers_.erase(t);
    if (std::find(waiters.begin(), waiters.end(), t) == waiters.end()) return;
    if (holder >= 0 && switch_number == saved_switchnum) {
      if (!gil_drop_request) requester_ = t;
      gil_drop_request = true;
    }
    // a timed wait that ran out is a new wait: the waiter joins G2
    g1.erase(std::remove(g1.begin(), g1.end(), t), g1.end());
    fresh.erase(std::remove(fresh.begin(), fresh.end(), t), fresh.end());
    if (sched_.cfg_.fifo_rewait) {
      // the timed-out waiter waits again: behind those already waiting
      auto w = std::find(waiters.begin(), waiters.end(), t);
      waiters.erase(w);
      waiters.push_back(t);
    }
    arm_interval(t, sched_.kernel_.now());
  });
}

void Gil::drop(ThreadId t, Nanos at, bool forced) {
  if (holder != t) return;
  holder = -1;
  free_since_ = at;
  if (at > held_since_) spans.push_back(GilSpan{held_since_, at, t});
  if (waiters.empty()) {
    sample(at);
    return;
  }
  auto pick = forced || !sched_.cfg_.signal_groups ? waiters.begin() : pick_voluntary();
  if (forced && requester_ >= 0 && !sched_.cfg_.fifo_rewait) {
    auto r = std::find(waiters.begin(), waiters.end(), requester_);
    if (r != waiters.end()) pick = r;
  }
  ThreadId w = *pick;
  waiters.erase(pick);
  g1.erase(std::remove(g1.begin(), g1.end(), w), g1.end());
  requester_ = -1;
  auto it = timers_.find(w);
  if (it != timers_.end()) {
    sched_.kernel_.cancel(it->second);
    timers_.erase(it);
  }
  in_transit = w;
  // FORCE_SWITCHING: the dropper waits in drop_gil() until the switch has
  // happened, and only then starts its own timed wait in take_gil().
  if (forced) forced_dropper_ = t;
  // a forced switch wakes the requester after `handoff`; a voluntary drop
  // (blocking call) wakes the next waiter after the plain wake-up latency
  Nanos latency = forced || sched_.cfg_.wake < 0 ? sched_.cfg_.handoff : sched_.cfg_.wake;
  sched_.kernel_.at(at + latency, [this, w] { grant(w, sched_.kernel_.now()); });
  sample(at);
}

// glibc's condition variable groups (gil.h): the G1 waiter that began
// waiting last; a group switch first when no G1 waiter is left.
std::deque<ThreadId>::iterator Gil::pick_voluntary() {
  auto in_g1 = [this](ThreadId t) { return std::find(g1.begin(), g1.end(), t) != g1.end(); };
  auto last_g1 = [&] {
    for (auto it = waiters.end(); it != waiters.begin();) {
      --it;
      if (in_g1(*it)) return it;
    }
    return waiters.end();
  };
  auto pick = last_g1();
  if (pick != waiters.end()) return pick;
  g1.clear();
  for (ThreadId w : waiters)
    if (std::find(fresh.begin(), fresh.end(), w) != fresh.end()) g1.push_back(w);
  pick = last_g1();
  return pick != waiters.end() ? pick : waiters.begin();
}

void Gil::grant(ThreadId t, Nanos at) {
  if (in_transit == t) in_transit = -1;
  auto w = std::find(waiters.begin(), waiters.end(), t);
  if (w != waiters.end()) waiters.erase(w);
  g1.erase(std::remove(g1.begin(), g1.end(), t), g1.end());
  fresh.erase(std::remove(fresh.begin(), fresh.end(), t), fresh.end());
  auto it = timers_.find(t);
  if (it != timers_.end()) {
    sched_.kernel_.cancel(it->second);
    timers_.erase(it);
  }
  // the process ran no Python code since free_since_ (nor GIL-free C code)
  const SchedConfig& cfg = sched_.cfg_;
  Nanos idle = at - free_since_;
  if (cfg.cold_resume > 0 && last_holder >= 0 && idle > cfg.cold_resume_from && sched_.cruns_.empty()) {
    double span = double(std::max<Nanos>(1, cfg.cold_resume_full - cfg.cold_resume_from));
    double share = std::min(1.0, double(idle - cfg.cold_resume_from) / span);
    sched_.threads_[std::size_t(t)].cold_pending += Nanos(double(cfg.cold_resume) * share);
  }
  holder = t;
  held_since_ = at;
  if (t != last_holder) {
    if (last_holder >= 0) ++switches;
    last_holder = t;
    ++switch_number;
  }
  gil_drop_request = false;
  requester_ = -1;
  sched_.set_state(t, ThreadState::Run, at);
  if (forced_dropper_ >= 0) {
    // drop_gil() with FORCE_SWITCHING: the dropper sleeps on switch_cond until
    // this switch, and only after it has woken up (`handoff`) does it enter
    // take_gil() again; a thread that started waiting meanwhile (a new thread,
    // one back from I/O) is ahead of it
    ThreadId d = forced_dropper_;
    forced_dropper_ = -1;
    if (d != t && sched_.threads_[std::size_t(d)].state == ThreadState::WaitGil)
      sched_.kernel_.at(at + sched_.cfg_.handoff, [this, d] {
        if (holder != d && sched_.threads_[std::size_t(d)].state == ThreadState::WaitGil) take(d, sched_.kernel_.now());
      });
  }
  sample(at);
}

}  // namespace pitfall::sim::sched
