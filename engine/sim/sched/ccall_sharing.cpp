// GIL-free C calls (Request CCall: hashlib on big buffers, zlib) share the
// machine's cores. While no more of them run than there are cores
// (SchedConfig::cores) each computes at full speed; with more, the OS shares
// the cores among them evenly (processor sharing): each progresses at
// cores / running, and every start or end re-times the others' ends.
// Model notes: the thread holding the GIL (running bytecode) is not counted
// as taking a core here, and in free-threaded builds the cores the Python
// threads hold are not counted either: only C calls compete with each other.
#include <algorithm>
#include <cmath>

#include "sim/sched/threads.h"

namespace pitfall::sim::sched {

namespace {
double rate(int cores, std::size_t running) {
  return running <= std::size_t(std::max(cores, 1)) ? 1.0 : double(std::max(cores, 1)) / double(running);
}
}  // namespace

void Scheduler::ccall_progress(Nanos at) {
  const double r = rate(cfg_.cores, cruns_.size());
  const double elapsed = double(at - crun_since_);
  for (CRun& c : cruns_) c.left = std::max(0.0, c.left - elapsed * r);
  crun_since_ = at;
}

void Scheduler::ccall_reschedule(Nanos at) {
  const double r = rate(cfg_.cores, cruns_.size());
  for (CRun& c : cruns_) {
    if (c.ev) kernel_.cancel(c.ev);
    const ThreadId id = c.id;
    c.ev = kernel_.at(at + Nanos(std::ceil(c.left / r)), [this, id] { ccall_end(id); });
  }
}

void Scheduler::ccall_start(ThreadId id, Nanos work, Nanos at) {
  ccall_progress(at);
  cruns_.push_back(CRun{id, double(work), 0});
  ccall_reschedule(at);
}

void Scheduler::ccall_end(ThreadId id) {
  const Nanos now = kernel_.now();
  if (std::none_of(cruns_.begin(), cruns_.end(), [id](const CRun& c) { return c.id == id; })) return;
  ccall_progress(now);
  cruns_.erase(std::remove_if(cruns_.begin(), cruns_.end(), [id](const CRun& c) { return c.id == id; }), cruns_.end());
  ccall_reschedule(now);
  make_runnable(id, now);
}

}  // namespace pitfall::sim::sched
