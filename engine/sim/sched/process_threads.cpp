// Child processes on the scheduler (multiprocessing.Process, see threads.h).
//
// Notes about the model: a child process is a thread of the scheduler that
// never takes the parent's GIL: it has an interpreter (and a GIL) of its own,
// so it computes in parallel with the parent and the other children. Up to
// `cores` children are on a core at once; the others wait for one (shown as
// wait_gil) and the OS rotates them every `os_timeslice`. A child's code runs
// in kernel events, a slice of at most `process_quantum` at a time: its
// request (a Queue get, a Lock, a join, a sleep, the end) is handled at the
// time its slice ends, so what processes do to each other through pipes,
// queues and locks happens in time order, and what they read of shared
// memory between two requests is at most a quantum off. Blocking calls give
// the core up and wake the child through make_runnable as for any thread;
// deadlocks between processes are found and described like those between
// threads. Left out: the parent's own threads do not take a core from the
// children (the parent is usually waiting on them), threads started inside a
// child share the parent's GIL.
#include <algorithm>

#include "sim/sched/threads.h"

namespace pitfall::sim::sched {

ThreadId Scheduler::add_process(std::string name, ThreadBody* body, bool daemon) {
  ThreadId id = add_thread(std::move(name), body, daemon);
  threads_[std::size_t(id)].own_gil = true;
  return id;
}

void Scheduler::start_at(ThreadId id, Nanos from, Nanos at) {
  if (id <= 0 || id >= ThreadId(threads_.size())) return;
  Thread& t = threads_[std::size_t(id)];
  if (t.state != ThreadState::New) return;
  Nanos now = std::max(from, kernel_.now());
  t.started = now;
  t.state_since = now;
  if (at <= now) {
    make_runnable(id, now);
    return;
  }
  // booting (a spawned interpreter importing the program): shown as io until it can run
  set_state(id, ThreadState::Io, now);
  kernel_.at(at, [this, id] {
    if (!finished_ && threads_[std::size_t(id)].state == ThreadState::Io) make_runnable(id, kernel_.now());
  });
}

void Scheduler::proc_schedule(ThreadId id, Nanos at) {
  Thread& t = threads_[std::size_t(id)];
  if (t.proc_ev && kernel_.pending(t.proc_ev)) return;
  t.proc_ev = kernel_.at(at, [this, id] {
    threads_[std::size_t(id)].proc_ev = 0;
    proc_slice(id);
  });
}

void Scheduler::proc_runnable(ThreadId id, Nanos at) {
  Thread& t = threads_[std::size_t(id)];
  if (t.state == ThreadState::Done) return;
  if (!t.proc_core && proc_busy_ >= cfg_.cores) {
    if (std::find(proc_queue_.begin(), proc_queue_.end(), id) == proc_queue_.end()) proc_queue_.push_back(id);
    set_state(id, ThreadState::WaitGil, at);
    return;
  }
  if (!t.proc_core) {
    t.proc_core = true;
    t.core_since = at;
    ++proc_busy_;
  }
  set_state(id, ThreadState::Run, at);
  proc_schedule(id, at);
}

void Scheduler::proc_release(ThreadId id, Nanos at) {
  Thread& t = threads_[std::size_t(id)];
  if (t.proc_ev) {
    kernel_.cancel(t.proc_ev);
    t.proc_ev = 0;
  }
  proc_queue_.erase(std::remove(proc_queue_.begin(), proc_queue_.end(), id), proc_queue_.end());
  if (!t.proc_core) return;
  t.proc_core = false;
  --proc_busy_;
  while (proc_busy_ < cfg_.cores && !proc_queue_.empty()) {
    ThreadId n = proc_queue_.front();
    proc_queue_.pop_front();
    proc_runnable(n, at);
  }
}

void Scheduler::proc_slice(ThreadId id) {
  Nanos now = kernel_.now();
  Thread& t = threads_[std::size_t(id)];
  if (finished_ || t.state != ThreadState::Run || !t.proc_core) return;
  if (t.retry_queue >= 0 && retry_queue(id, now)) return;  // a woken getter / putter found the queue taken
  RunContext ctx{id, now, now + cfg_.process_quantum, &t.last};
  RunResult r = t.body ? t.body->run_until(ctx) : RunResult{0, Request{ReqKind::Done}};
  Nanos ran = r.ran > 0 ? r.ran : 0;
  if (r.request.kind == ReqKind::Yield && ran == 0) ran = 1;  // guarantees progress
  Thread& t2 = threads_[std::size_t(id)];
  t2.cpu += ran;
  // the request is handled when the slice ends, in time order with the others' requests
  Request rq = r.request;
  t2.proc_ev = kernel_.at(now + ran, [this, id, rq] {
    threads_[std::size_t(id)].proc_ev = 0;
    proc_after(id, rq);
  });
}

void Scheduler::proc_after(ThreadId id, const Request& rq) {
  Nanos at = kernel_.now();
  Thread& t = threads_[std::size_t(id)];
  if (finished_ || t.state == ThreadState::Done) return;
  if (rq.kind == ReqKind::Yield) {
    if (!proc_queue_.empty() && at - t.core_since >= cfg_.os_timeslice) {
      // the OS gives the core to a waiting process
      proc_release(id, at);
      proc_runnable(id, at);
      return;
    }
    proc_schedule(id, at);
    return;
  }
  t.last = Outcome{};
  handle(id, rq, at);
  Thread& t2 = threads_[std::size_t(id)];
  if (t2.state == ThreadState::Run && t2.proc_core) proc_schedule(id, at);
}

void Scheduler::queue_push(ObjId o, std::int64_t value, Nanos at) {
  if (finished_ || !sync_.valid(o) || sync_[o].kind != SyncKind::Queue) return;
  sync_[o].items.push_back(value);
  queue_wake_one(o, at, true);
}

void Scheduler::kill(ThreadId id, int signal, Nanos at) {
  if (id <= 0 || id >= ThreadId(threads_.size())) return;
  Thread& t = threads_[std::size_t(id)];
  if (t.state == ThreadState::Done) return;
  if (t.state == ThreadState::New) t.started = at;
  if (t.wait.timeout_event) kernel_.cancel(t.wait.timeout_event);
  remove_waiter(id);
  t.wait = Wait{};
  t.retry_queue = -1;
  t.exit_signal = signal;
  t.daemon = true;  // nothing waits for it at exit any more
  release_cpu(id, at);
  set_state(id, ThreadState::Done, at);
  t.ended = at;
  for (std::size_t i = 0; i < threads_.size(); ++i) {
    Thread& j = threads_[i];
    if (j.wait.kind == WaitKind::Join && j.wait.obj == id) wake(ThreadId(i), Outcome{}, at);
  }
  check_shutdown(at);
}

}  // namespace pitfall::sim::sched
