// multiprocessing model: start methods, Pool.map chunk scheduling (see processes.h).
#include "sim/sched/processes.h"

#include <algorithm>
#include <string>

#include "sim/costs/cost_table.h"
#include "sim/sched/threads.h"

namespace pitfall::sim::sched {

ProcConfig ProcConfig::from(const costs::CostTable& t, int cores) {
  ProcConfig c;
  c.cores = cores;
  int m = int(t.param("process.default_start_method", t.version() == "3.14" ? 2 : 0));
  c.method = m == 1 ? StartMethod::Spawn : m == 2 ? StartMethod::Forkserver : StartMethod::Fork;
  c.start_fork = Nanos(t.param("process.start_ns.fork", double(c.start_fork)));
  c.fork_ns_per_mb = t.param("process.fork_ns_per_mb", c.fork_ns_per_mb);
  c.start_spawn = Nanos(t.param("process.start_ns.spawn", double(c.start_spawn)));
  c.start_forkserver = Nanos(t.param("process.start_ns.forkserver", double(c.start_forkserver)));
  c.forkserver_first = Nanos(t.param("process.forkserver_first_ns", double(c.start_spawn)));
  c.dumps_ns_per_byte = t.param("pickle.dumps_ns_per_byte", c.dumps_ns_per_byte);
  c.loads_ns_per_byte = t.param("pickle.loads_ns_per_byte", c.loads_ns_per_byte);
  c.chunk_ipc_ns = Nanos(t.param("process.chunk_ipc_ns", double(c.chunk_ipc_ns)));
  c.worker_task_ns = Nanos(t.param("process.worker_task_ns", double(c.worker_task_ns)));
  c.pool_reap = Nanos(t.param("process.pool_reap_ns", double(c.pool_reap)));
  c.pool_init = Nanos(t.param("process.pool_init_ns", double(c.pool_init)));
  static const char* const kHandler[3] = {"workers", "tasks", "results"};
  for (int h = 0; h < 3; ++h) {
    std::string k = kHandler[h];
    c.handler_share[h] = t.param("process.pool_thread_share." + k, c.handler_share[h]);
    c.handler_fixed[h] = Nanos(t.param("process.pool_thread_fixed_ns." + k, double(c.handler_fixed[h])));
  }
  return c;
}

int default_chunksize(std::int64_t items, int workers) {
  if (items <= 0) return 0;
  if (workers < 1) workers = 1;
  std::int64_t d = std::int64_t(workers) * 4;
  std::int64_t cs = items / d + (items % d ? 1 : 0);
  return int(std::max<std::int64_t>(cs, 1));
}

Nanos Processes::launch(Nanos& parent, StartMethod method) {
  // The parent forks (fork: the whole start; spawn / forkserver: a fork+exec or a
  // request to the server), then the child boots on its own.
  Nanos boot = 0;
  switch (method) {
    case StartMethod::Fork: break;
    case StartMethod::Spawn: boot = std::max<Nanos>(0, cfg_.start_spawn - cfg_.start_fork); break;
    case StartMethod::Forkserver:
      if (!forkserver_up_) {
        parent += cfg_.forkserver_first;
        forkserver_up_ = true;
      }
      boot = std::max<Nanos>(0, cfg_.start_forkserver - cfg_.start_fork);
      break;
  }
  parent += cfg_.start_fork;
  // the fork start method forks the program itself: its page tables grow with its memory
  if (method == StartMethod::Fork) parent += Nanos(cfg_.fork_ns_per_mb * double(parent_rss_) / 1e6);
  return parent + boot;
}

Nanos Processes::run_on_core(Nanos ready, Nanos work) {
  if (core_free_.empty()) core_free_.assign(std::size_t(cfg_.cores), 0);
  auto it = std::min_element(core_free_.begin(), core_free_.end());
  Nanos start = std::max(ready, *it);
  *it = start + work;
  return start;
}

int Processes::start_process(Nanos at, Nanos cpu, std::int64_t arg_bytes) {
  return start_process(at, cpu, arg_bytes, cfg_.method);
}

int Processes::start_process(Nanos at, Nanos cpu, std::int64_t arg_bytes, StartMethod method) {
  Nanos parent = at;
  parent += Nanos(double(arg_bytes) * cfg_.dumps_ns_per_byte);
  Nanos up = launch(parent, method);
  Nanos work = Nanos(double(arg_bytes) * cfg_.loads_ns_per_byte) + std::max<Nanos>(0, cpu);
  Nanos start = run_on_core(up, work);
  report::ProcessLane lane;
  lane.pid = int(lanes_.size()) + 1;
  lane.start_s = to_seconds(at);
  lane.end_s = to_seconds(start + work);
  lane.cpu_s = to_seconds(work);
  lanes_.push_back(lane);
  ends_.push_back(start + work);
  return lane.pid;
}

Nanos Processes::start_child(Nanos at, std::int64_t arg_bytes, StartMethod method, Nanos& ready, int& pid) {
  Nanos parent = at + Nanos(double(arg_bytes) * cfg_.dumps_ns_per_byte);
  Nanos up = launch(parent, method);
  ready = up + Nanos(double(arg_bytes) * cfg_.loads_ns_per_byte);
  report::ProcessLane lane;
  lane.pid = int(lanes_.size()) + 1;
  lane.start_s = to_seconds(at);
  lane.end_s = to_seconds(ready);
  lanes_.push_back(lane);
  ends_.push_back(ready);
  pid = lane.pid;
  return parent;
}

void Processes::link_lane(int pid, const Scheduler* s, int t) {
  if (pid < 1 || pid > int(lanes_.size()) || !s) return;
  links_.push_back(Link{std::size_t(pid - 1), s, t});
}

void Processes::fill(report::Report& r) const {
  r.processes = lanes_;
  for (const Link& l : links_) {
    if (l.t < 0 || l.t >= int(l.s->threads().size())) continue;
    const Thread& t = l.s->threads()[std::size_t(l.t)];
    report::ProcessLane& lane = r.processes[l.lane];
    lane.end_s = to_seconds(t.ended >= 0 ? t.ended : l.s->now());
    lane.cpu_s = to_seconds(t.cpu);
  }
}

Nanos Processes::join_time(int pid) const {
  if (pid < 1 || pid > int(ends_.size())) return 0;
  return ends_[std::size_t(pid - 1)];
}

PoolRun Processes::pool_map(Nanos at, int workers, const std::vector<PoolItem>& items, int chunksize) {
  Nanos parent = at;
  PoolWorkers w = pool_start(at, parent, workers);
  PoolRun run = pool_map(parent, w, items, chunksize);
  run.start = at;
  pool_end(w, run.end);
  return run;
}

PoolWorkers Processes::pool_start(Nanos at, Nanos& parent, int workers) {
  return pool_start(at, parent, workers, cfg_.method);
}

PoolWorkers Processes::pool_start(Nanos at, Nanos& parent, int workers, StartMethod method) {
  PoolWorkers w;
  if (workers < 1) workers = 1;
  for (int i = 0; i < workers; ++i) {
    w.free.push_back(launch(parent, method));
    report::ProcessLane lane;
    lane.pid = int(lanes_.size()) + 1;
    lane.start_s = to_seconds(at);
    w.lane.push_back(lanes_.size());
    lanes_.push_back(lane);
    ends_.push_back(0);
  }
  return w;
}

void Processes::pool_end(const PoolWorkers& w, Nanos at) {
  for (std::size_t l : w.lane) {
    lanes_[l].end_s = to_seconds(at);
    ends_[l] = at;
  }
}

PoolRun Processes::pool_map(Nanos at, PoolWorkers& wk, const std::vector<PoolItem>& items, int chunksize) {
  PoolRun run;
  run.start = at;
  const int workers = int(wk.free.size());
  run.chunksize = chunksize > 0 ? chunksize : default_chunksize(std::int64_t(items.size()), workers);
  std::vector<Nanos>& worker_free = wk.free;
  run.ready = workers ? *std::max_element(worker_free.begin(), worker_free.end()) : at;
  Nanos task_handler = at, result_handler = at;
  auto share = [&](int h) { return Nanos(double(cfg_.chunk_ipc_ns) * cfg_.handler_share[h]); };
  std::size_t n = items.size();
  for (std::size_t first = 0; workers && run.chunksize > 0 && first < n; first += std::size_t(run.chunksize)) {
    std::size_t last = std::min(n, first + std::size_t(run.chunksize));
    std::int64_t arg_bytes = 0, res_bytes = 0;
    Nanos cpu = 0;
    for (std::size_t i = first; i < last; ++i) {
      arg_bytes += items[i].arg_bytes;
      res_bytes += items[i].result_bytes;
      cpu += std::max<Nanos>(0, items[i].cpu);
    }
    PoolChunk ch;
    // Parent task handler: pickle the chunk, write it to the pipe.
    ch.send_cpu = Nanos(double(arg_bytes) * cfg_.dumps_ns_per_byte) + share(1);
    task_handler += ch.send_cpu;
    ch.sent = task_handler;
    // The first free worker takes it.
    auto w = std::size_t(std::min_element(worker_free.begin(), worker_free.end()) - worker_free.begin());
    Nanos work = Nanos(double(arg_bytes) * cfg_.loads_ns_per_byte) + cpu + Nanos(double(res_bytes) * cfg_.dumps_ns_per_byte) +
                 cfg_.worker_task_ns;
    Nanos start = run_on_core(std::max(worker_free[w], task_handler), work);
    Nanos done = start + work;
    worker_free[w] = done;
    lanes_[wk.lane[w]].cpu_s += to_seconds(work);
    ch.done = done;
    // Parent result handler: read and unpickle; the worker handler wakes up.
    ch.recv_cpu = Nanos(double(res_bytes) * cfg_.loads_ns_per_byte) + share(2);
    ch.wake_cpu = share(0);
    result_handler = std::max(result_handler, done) + ch.recv_cpu;
    run.parent_busy += ch.send_cpu + ch.recv_cpu + ch.wake_cpu;
    run.chunk_list.push_back(ch);
    ++run.chunks;
  }
  // The handler threads share the parent's GIL: their work cannot overlap.
  run.end = std::max({result_handler, task_handler, run.ready, at + run.parent_busy});
  for (int w = 0; w < workers; ++w) {
    ends_[wk.lane[std::size_t(w)]] = run.end;
    lanes_[wk.lane[std::size_t(w)]].end_s = to_seconds(run.end);
  }
  return run;
}

}  // namespace pitfall::sim::sched
